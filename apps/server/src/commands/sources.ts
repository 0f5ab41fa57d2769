/// `glossa sources add|edit|delete|list|import|export`: the team's authorities, in the
/// same store (DATA_DIR or DATABASE_URL) as the server, also while it runs.
import { readFile } from "node:fs/promises";
import os from "node:os";
import { type Authority, authoritiesToCsl, CatalogError } from "@glossa/sources";
import { loadConfig } from "../config.ts";
import { SourceCatalog } from "../sources/SourceCatalog.ts";
import { openStore, type Store } from "../storage/index.ts";
import type { Command, CommandIO } from "./command.ts";
import { parseArgs, UsageError } from "./common.ts";

const USAGE = `Usage: glossa sources add --title T --kind K [--key K] [--citation C] [--url U] [--canonical C] [--jurisdiction J] [--summary S] [--text T]
       glossa sources edit KEY [--title T] [--kind K] [--citation C] [--url U] [--canonical C] [--jurisdiction J] [--summary S] [--text T]
       glossa sources delete KEY
       glossa sources list [--all] [--json]
       glossa sources import FILE.json
       glossa sources export [--all]

Manages the team's authorities (filings, exhibits, reports, cases and laws
missing from the built-in catalog) in the server's store (DATA_DIR or DATABASE_URL).
  add       add one authority; --key defaults to the key of --citation when
            the citation engine reads it (932 F.3d 742 → case/932/F.3d/742),
            else local/{kind}/{slug of title}; --canonical to the citation or
            the title, --jurisdiction to "team"
  edit      change fields of a team authority (not its key); an empty value
            clears --url, --summary or --text
  delete    delete a team authority; links to it keep reading as before
  list      the team's authorities (--all: built-in ones too); --json for JSON
  import    add the items of a CSL-JSON file (a Zotero export)
  export    print the team's authorities (--all: every one) as CSL-JSON`;

const write = (stream: NodeJS.WritableStream, text: string): Promise<void> =>
  new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });

/// Options of `add` (with a value) and the flags that take none.
const VALUE_OPTIONS = [
  "key",
  "title",
  "kind",
  "url",
  "canonical",
  "jurisdiction",
  "summary",
  "citation",
  "text",
];
const FLAGS = ["all", "json"];

/// The shared strict parser (commands/common.ts), keyed by `--name`.
function parseSourcesArgs(args: string[]): {
  values: Map<string, string>;
  bools: Set<string>;
  rest: string[];
} {
  const { positional, opts, flags } = parseArgs(args, VALUE_OPTIONS, FLAGS);
  return {
    values: new Map(Object.entries(opts).map(([k, v]) => [`--${k}`, v])),
    bools: new Set([...flags].map((f) => `--${f}`)),
    rest: positional,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/// Runs `glossa sources` against the store `env` names (DATA_DIR / DATABASE_URL).
export async function runSources(
  args: string[],
  io: CommandIO,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [sub, ...rest] = args;
  let parsed: ReturnType<typeof parseSourcesArgs>;
  try {
    parsed = parseSourcesArgs(rest);
    if (!sub || !["add", "edit", "delete", "list", "import", "export"].includes(sub))
      throw new UsageError(sub ? `unknown sub-command "${sub}"` : "expected a sub-command");
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    await write(io.stderr, `glossa sources: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(env);
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    return await runWith(store, sub, parsed, io);
  } finally {
    await store.close();
  }
}

/// What a sub-command runs with: the catalog service, who acts, its arguments.
interface Run extends ReturnType<typeof parseSourcesArgs> {
  service: SourceCatalog;
  by: { id: string; name: string };
  io: CommandIO;
}

async function runWith(
  store: Store,
  sub: string,
  parsed: ReturnType<typeof parseSourcesArgs>,
  io: CommandIO,
): Promise<number> {
  const service = new SourceCatalog(store);
  const by = { id: "cli", name: `command line (${os.userInfo().username})` };
  const run = SUBCOMMANDS.get(sub);
  if (!run) throw new Error(`unreachable: ${sub}`);
  return run({ ...parsed, service, by, io });
}

/// A refusal of the catalog (`CatalogError`) as exit code 1; anything else is thrown.
async function refused(err: unknown, sub: string, io: CommandIO): Promise<number> {
  if (!(err instanceof CatalogError)) throw err;
  await write(io.stderr, `glossa sources ${sub}: ${err.message}\n`);
  return 1;
}

/// The options that set an authority's fields (`add` and `edit`; the key is
/// given to `add` only).
const FIELD_FLAGS = [
  ["--title", "title"],
  ["--kind", "kind"],
  ["--url", "url"],
  ["--canonical", "canonical"],
  ["--jurisdiction", "jurisdiction"],
  ["--summary", "summary"],
  ["--citation", "citation"],
  ["--text", "text"],
] as const;

/// `add`: one team authority from the options.
async function add({ service, by, values, rest, io }: Run): Promise<number> {
  if (rest.length) {
    await write(io.stderr, `glossa sources add: unexpected argument "${rest[0]}"\n${USAGE}\n`);
    return 2;
  }
  const input: Record<string, unknown> = {};
  for (const [flag, field] of [["--key", "key"] as const, ...FIELD_FLAGS]) {
    const v = values.get(flag);
    if (v !== undefined) input[field] = v;
  }
  for (const required of ["--title", "--kind"])
    if (!values.has(required)) {
      await write(io.stderr, `glossa sources add: ${required} is required\n${USAGE}\n`);
      return 2;
    }
  try {
    const a = await service.add(input, by);
    await write(io.stdout, `Added ${a.key} (${a.kind}): ${a.title}\n`);
    return 0;
  } catch (err) {
    return refused(err, "add", io);
  }
}

/// `edit KEY`: changes fields of a team authority; an empty value clears
/// the URL, summary or text.
async function edit({ service, by, values, rest, io }: Run): Promise<number> {
  if (rest.length !== 1) {
    await write(io.stderr, `glossa sources edit: expected one KEY\n${USAGE}\n`);
    return 2;
  }
  const patch: Record<string, unknown> = {};
  for (const [flag, field] of FIELD_FLAGS) {
    const v = values.get(flag);
    if (v === undefined) continue;
    patch[field] = v === "" && ["url", "summary", "text"].includes(field) ? null : v;
  }
  if (values.has("--key")) {
    await write(io.stderr, "glossa sources edit: the key of an authority cannot change\n");
    return 2;
  }
  if (!Object.keys(patch).length) {
    await write(io.stderr, `glossa sources edit: nothing to change\n${USAGE}\n`);
    return 2;
  }
  try {
    const a = await service.update(rest[0]!, patch, by);
    await write(io.stdout, `Edited ${a.key} (${a.kind}): ${a.title}\n`);
    return 0;
  } catch (err) {
    return refused(err, "edit", io);
  }
}

/// `delete KEY`.
async function remove({ service, by, values, bools, rest, io }: Run): Promise<number> {
  if (rest.length !== 1 || values.size || bools.size) {
    await write(io.stderr, `glossa sources delete: expected one KEY and nothing else\n${USAGE}\n`);
    return 2;
  }
  try {
    const gone = await service.remove(rest[0]!, by);
    await write(
      io.stdout,
      `Deleted ${gone.authority.key}: ${gone.authority.title} (links to it still read as before)\n`,
    );
    return 0;
  } catch (err) {
    return refused(err, "delete", io);
  }
}

/// `list [--all] [--json]`: a table (or JSON with provenance).
async function listAuthorities({ service, bools, io }: Run): Promise<number> {
  const catalog = await service.catalog();
  const list: Authority[] = bools.has("--all") ? catalog.all() : catalog.teamAuthorities();
  if (bools.has("--json")) {
    await write(
      io.stdout,
      `${JSON.stringify(
        list.map((a) => ({ ...a, ...(service.provenanceOf(a.key) ?? {}) })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  if (!list.length) {
    await write(io.stdout, "No team authorities yet. Add one with `glossa sources add`.\n");
    return 0;
  }
  const rows = [["key", "kind", "title", "added by"]];
  for (const a of list)
    rows.push([
      a.key,
      a.kind,
      clip(a.title, 60),
      a.origin === "builtin" ? "(built-in)" : (service.provenanceOf(a.key)?.addedBy.name ?? ""),
    ]);
  await write(
    io.stdout,
    `${table(rows)}\n${list.length} authorit${list.length === 1 ? "y" : "ies"}\n`,
  );
  return 0;
}

/// `import FILE.json`: the items of a CSL-JSON file; exit 1 when any is refused.
async function importFile({ service, by, rest, io }: Run): Promise<number> {
  if (rest.length !== 1) {
    await write(io.stderr, `glossa sources import: expected one FILE.json\n${USAGE}\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(rest[0]!, "utf8"));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : (err as Error).message;
    await write(io.stderr, `glossa sources import: cannot read ${rest[0]}: ${why}\n`);
    return 1;
  }
  const { added, errors } = await service.importCsl(json, by);
  for (const a of added) await write(io.stdout, `Added ${a.key} (${a.kind}): ${a.title}\n`);
  for (const e of errors)
    await write(
      io.stderr,
      `Item ${e.index}${e.id ? ` (${e.id})` : ""} not imported: ${e.message}\n`,
    );
  await write(io.stdout, `${added.length} added, ${errors.length} not imported.\n`);
  return errors.length ? 1 : 0;
}

/// `export [--all]`: CSL-JSON on stdout.
async function exportAll({ service, bools, io }: Run): Promise<number> {
  const catalog = await service.catalog();
  const list = bools.has("--all") ? catalog.all() : catalog.teamAuthorities();
  await write(io.stdout, `${JSON.stringify(authoritiesToCsl(list), null, 2)}\n`);
  return 0;
}

const SUBCOMMANDS = new Map<string, (run: Run) => Promise<number>>([
  ["add", add],
  ["edit", edit],
  ["delete", remove],
  ["list", listAuthorities],
  ["import", importFile],
  ["export", exportAll],
]);

const sources: Command = {
  name: "sources",
  summary: "Add, edit, delete, list, import (CSL-JSON) and export the team's authorities",
  // The dispatcher prints "Usage: glossa " before it.
  usage: USAGE.replace(/^Usage: glossa /, ""),
  run: (args, io) => runSources(args, io),
};

export default sources;
