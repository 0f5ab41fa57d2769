/// `pnpm --silent glossa <command>`: the command line of Glossa. Commands
/// work on the same DATA_DIR or DATABASE_URL as the server, also while it runs.
///
/// Exit codes: 0 done, 1 refused or failed, 2 wrong usage (unknown command or
/// option, missing argument). `--help` works for every command, `--version`
/// prints the server's version; a closed pipe (`glossa … | head -1`) ends the
/// process quietly.
///
/// Start-up stays small (≤ 0.3 s for `--version`, `--help` and a small
/// `cite`, docs/benchmarks.md): this file loads no server module; a command's
/// code is imported when it runs (commands/index.ts), the logger only for a
/// command that logs.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CommandIO } from "./commands/command.ts";
import { commands as allCommands, type CommandEntry } from "./commands/index.ts";

const commands: ReadonlyMap<string, CommandEntry> = new Map(allCommands.map((c) => [c.name, c]));

/// The server's version (its package.json, as app.ts reads it; the bundle in
/// apps/server/dist finds the same file at the same relative path).
function version(): string {
  const pkg = readFileSync(new URL("../package.json", import.meta.url), "utf8");
  return (JSON.parse(pkg) as { version: string }).version;
}

function usage(out: NodeJS.WritableStream): void {
  out.write("Usage: glossa <command> [options]\n\nCommands:\n");
  for (const c of commands.values()) out.write(`  ${c.name.padEnd(12)} ${c.summary}\n`);
  out.write(
    "\nOptions:\n  --help, -h   this list, or a command's options (`glossa <command> --help`)\n" +
      "  --version    the version of Glossa\n",
  );
}

const HELP = new Set(["--help", "-h"]);

export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === "--version" || name === "-V") {
    io.stdout.write(`glossa ${version()}\n`);
    return 0;
  }
  if (name === undefined || HELP.has(name) || name === "help") {
    // Asked for: the answer, on stdout. Not asked for: a usage error.
    usage(name ? io.stdout : io.stderr);
    return name ? 0 : 2;
  }
  const entry = commands.get(name);
  if (!entry) {
    io.stderr.write(`glossa: unknown ${name.startsWith("-") ? "option" : "command"} "${name}".\n`);
    usage(io.stderr);
    return 2;
  }
  const command = await entry.load();
  // Before `--`, a help flag anywhere asks for the command's usage.
  const end = args.indexOf("--");
  if ((end === -1 ? args : args.slice(0, end)).some((a) => HELP.has(a))) {
    const text = command.usage.trimEnd();
    io.stdout.write(`${/^Usage:/.test(text) ? text : `Usage: glossa ${text}`}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    io.stderr.write(`glossa ${name}: ${(err as Error).message}\n`);
    return 1;
  }
}

/// A reader that went away (`| head -1`) is not an error: stop, quietly.
function exitOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  exitOnClosedPipe(process.stdout);
  exitOnClosedPipe(process.stderr);
  // Standard output is the command's answer; log lines go to stderr.
  const entry = commands.get(process.argv[2] ?? "");
  if (entry?.logs) (await import("./log.ts")).logToStderr();
  runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  }).then((code) => {
    process.exitCode = code;
  });
}
