/// The argument parsing every command shares, apart from common.ts so that
/// a command with no store (`glossa cite`) starts without loading one.
import { parseArgs as nodeParseArgs } from "node:util";

/// A mistake in how a command was called: printed with the usage, exit 2.
export class UsageError extends Error {}

/// The one argument parser of every command (`node:util` parseArgs, strict):
/// positionals, `--name value` / `--name=value` for the `options` that take a
/// value, bare `--name` for the `flags`. An unknown option, a missing value or
/// an option given twice is a UsageError (exit 2); `--` ends the options.
export function parseArgs(
  args: string[],
  options: readonly string[],
  flags: readonly string[] = [],
): { positional: string[]; opts: Record<string, string>; flags: Set<string> } {
  const spec: Record<string, { type: "string" | "boolean"; multiple: true }> = {};
  for (const o of options) spec[o] = { type: "string", multiple: true };
  for (const f of flags) spec[f] = { type: "boolean", multiple: true };
  let parsed: ReturnType<typeof nodeParseArgs>;
  try {
    parsed = nodeParseArgs({ args, options: spec, strict: true, allowPositionals: true });
  } catch (err) {
    throw new UsageError(usageMessage(err as Error & { code?: string }));
  }
  const opts: Record<string, string> = {};
  const set = new Set<string>();
  for (const [name, value] of Object.entries(parsed.values)) {
    const values = value as (string | boolean)[];
    if (values.length > 1) throw new UsageError(`--${name} is given twice.`);
    if (typeof values[0] === "string") opts[name] = values[0];
    else set.add(name);
  }
  return { positional: parsed.positionals, opts, flags: set };
}

/// node:util's parse errors, said as the rest of the CLI says them.
function usageMessage(err: Error & { code?: string }): string {
  const option = /'(-{1,2}[^'\s]+)/.exec(err.message)?.[1] ?? "";
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    // A value of one's own that begins with "-" (an older token id) goes after `--`.
    const hint = /^-[^-]/.test(option) ? ` (a value that begins with "-" goes after --)` : "";
    return `unknown option ${option}${hint}.`;
  }
  if (/does not take an argument/.test(err.message)) return `${option} takes no value.`;
  if (/argument missing|ambiguous/.test(err.message)) return `${option} needs a value.`;
  return err.message;
}
