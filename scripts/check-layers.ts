/// `pnpm lint` part: checks that every part of the workspace imports exactly
/// the Glossa parts the intended graph allows (docs/design.md §1), that Yjs,
/// y-prosemirror and Hocuspocus stay at the edge (packages/collab,
/// apps/server, tests), and that the package manifests and the "imports"
/// column of the table in docs/ARCHITECTURE.md say the same as the graph
/// below; also that every part has a README and that a rule with one home
/// (`ONE_HOME`) is not written again elsewhere.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/// The parts of the workspace: `packages/<name>` and `apps/<name>` by their
/// folder name, and `tests`.
const PLACES: Record<string, string> = {};
for (const parent of ["packages", "apps"]) {
  for (const name of readdirSync(path.join(ROOT, parent))) {
    if (existsSync(path.join(ROOT, parent, name, "package.json"))) {
      PLACES[name] = `${parent}/${name}`;
    }
  }
}
PLACES.tests = "tests";

/// What each part may import of the others: exactly what it uses, so that
/// a new dependency is a decision made here and in docs/ARCHITECTURE.md.
/// `"*"`: anything.
const GRAPH: Record<string, string[] | "*"> = {
  protocol: [],
  api: [],
  schema: [],
  citations: [],
  sources: ["citations"],
  annotations: ["protocol", "schema"],
  editor: ["annotations", "citations", "schema"],
  collab: ["annotations", "protocol", "schema"],
  convert: ["schema"],
  server: ["annotations", "api", "citations", "collab", "convert", "protocol", "schema", "sources"],
  web: ["annotations", "api", "citations", "collab", "editor", "protocol", "schema", "sources"],
  tests: "*",
};

/// Imports the graph does not allow but the code still has, each with the
/// reason it is tolerated. The check fails once one is gone, so the list
/// only shrinks.
const KNOWN_EXCEPTIONS: { file: string; imports: string; why: string }[] = [];

/// Modules that belong at the edge, and the parts allowed to import them.
const EDGE = /^(yjs|y-prosemirror|y-protocols|y-indexeddb|@hocuspocus\/)/;
const EDGE_OK = new Set(["collab", "server", "tests"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === "node_modules" || name === "dist") return [];
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|mts|mjs)$/.test(name) && !name.endsWith(".d.ts") ? [p] : [];
  });
}

const IMPORTS = [
  /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm,
  /^\s*import\s*["']([^"']+)["']/gm,
  /\bimport\(\s*["']([^"']+)["']\s*\)/g,
];

/// The part of the workspace a module specifier (from `file`) lands in.
function target(spec: string, file: string): string | undefined {
  const glossa = /^@glossa\/([^/]+)/.exec(spec)?.[1];
  if (glossa) return glossa;
  if (!spec.startsWith(".")) return undefined;
  const rel = path.relative(ROOT, path.resolve(path.dirname(file), spec));
  return Object.keys(PLACES).find((p) => rel === PLACES[p] || rel.startsWith(`${PLACES[p]}/`));
}

const problems: string[] = [];
const used = new Map<string, Set<string>>();
const exceptionsSeen = new Set<(typeof KNOWN_EXCEPTIONS)[number]>();

for (const [place, dir] of Object.entries(PLACES)) {
  const allowed = GRAPH[place];
  if (!allowed) {
    problems.push(`${dir}: not in scripts/check-layers.ts's GRAPH (say what it may import)`);
    continue;
  }
  used.set(place, new Set());
  for (const file of files(path.join(ROOT, dir))) {
    const rel = path.relative(ROOT, file);
    const src = readFileSync(file, "utf8");
    for (const re of IMPORTS) {
      for (const m of src.matchAll(re)) {
        const spec = m[1]!;
        if (EDGE.test(spec) && !EDGE_OK.has(place)) {
          problems.push(
            `${rel}: ${spec} belongs at the edge (packages/collab, apps/server, tests)`,
          );
        }
        const to = target(spec, file);
        if (!to || to === place) continue;
        // Other parts see the server through its public API (`@glossa/server`).
        if (to === "server" && spec.startsWith(".")) {
          problems.push(
            `${rel}: imports ${spec}; import @glossa/server (apps/server/src/index.ts)`,
          );
        }
        used.get(place)!.add(to);
        if (allowed === "*" || allowed.includes(to)) continue;
        const known = KNOWN_EXCEPTIONS.find((e) => e.file === rel && e.imports === to);
        if (known) exceptionsSeen.add(known);
        else problems.push(`${rel}: ${dir} may not import ${PLACES[to] ?? `@glossa/${to}`}`);
      }
    }
  }
}

for (const e of KNOWN_EXCEPTIONS) {
  if (!exceptionsSeen.has(e)) {
    problems.push(`${e.file} no longer imports ${e.imports}: remove it from KNOWN_EXCEPTIONS`);
  }
}
for (const [place, allowed] of Object.entries(GRAPH)) {
  if (!PLACES[place]) problems.push(`GRAPH names ${place}, which is not in the workspace`);
  if (allowed === "*") continue;
  for (const to of allowed) {
    if (!used.get(place)?.has(to)) {
      problems.push(
        `${PLACES[place]} is allowed ${to} but does not import it: remove it from GRAPH`,
      );
    }
  }
}

/// Each manifest declares exactly the Glossa packages its part may import.
for (const [place, allowed] of Object.entries(GRAPH)) {
  const dir = PLACES[place];
  if (!dir || allowed === "*") continue;
  const manifest = JSON.parse(readFileSync(path.join(ROOT, dir, "package.json"), "utf8"));
  const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
    .filter((d) => d.startsWith("@glossa/"))
    .map((d) => d.slice("@glossa/".length))
    .sort()
    .join(", ");
  const want = [...allowed].sort().join(", ");
  if (declared !== want) {
    problems.push(`${dir}/package.json: declares ${declared || "—"}, imports ${want || "—"}`);
  }
}

/// The table of docs/ARCHITECTURE.md: one row per part, its last column
/// naming what it imports (other words, e.g. npm packages, and anything in
/// parentheses are ignored).
const architecture = readFileSync(path.join(ROOT, "docs/ARCHITECTURE.md"), "utf8");
const rows = new Map<string, string>();
for (const m of architecture.matchAll(
  /^\| `((?:packages|apps)\/[^`]+|tests)` \|.*\| ([^|]*) \|$/gm,
)) {
  rows.set(m[1]!, m[2]!);
}
for (const [place, allowed] of Object.entries(GRAPH)) {
  const dir = PLACES[place];
  if (!dir) continue;
  const cell = rows.get(dir);
  if (cell === undefined) {
    problems.push(`docs/ARCHITECTURE.md: no row for \`${dir}\` in the table`);
    continue;
  }
  if (allowed === "*") {
    if (cell.trim() !== "everything") {
      problems.push(`docs/ARCHITECTURE.md: \`${dir}\` imports "everything", not "${cell.trim()}"`);
    }
    continue;
  }
  const named = new Set(
    cell
      .replace(/\([^)]*\)/g, "")
      .split(/[^\w-]+/)
      .filter((w) => w in GRAPH),
  );
  const want = [...allowed].sort().join(", ") || "—";
  const said = [...named].sort().join(", ") || "—";
  if (want !== said) {
    problems.push(`docs/ARCHITECTURE.md: \`${dir}\` imports ${want}, the table says ${said}`);
  }
}

/// Every part has a README (what, why, where to start).
for (const dir of Object.values(PLACES)) {
  if (!existsSync(path.join(ROOT, dir, "README.md"))) problems.push(`${dir}: no README.md`);
}

/// Rules with one home: outside it, the code of `packages/` and `apps/`
/// (tests aside) may not write them again.
const ONE_HOME: { rule: string; home: string; pattern: RegExp }[] = [
  {
    rule: "the document's plain text (`textBetween` with separators): quoteBetween, blockText, docText",
    home: "packages/schema/src/text.ts",
    pattern: /\.textBetween\([^)]*,[^)]*,/,
  },
  {
    rule: 'what a role may do (`role === "owner" || … "editor"`)',
    home: "packages/protocol/src/roles.ts",
    pattern: /[\w.]+ [!=]== "owner" (?:\|\||&&) [\w.]+ [!=]== "editor"/,
  },
];
for (const place of Object.values(PLACES).filter((d) => d !== "tests")) {
  for (const file of files(path.join(ROOT, place))) {
    const rel = path.relative(ROOT, file);
    if (/\.test\.ts$/.test(rel)) continue;
    const src = readFileSync(file, "utf8");
    for (const r of ONE_HOME) {
      if (rel !== r.home && r.pattern.test(src)) {
        problems.push(`${rel}: writes ${r.rule} again; use ${r.home}`);
      }
    }
  }
}

if (problems.length) {
  console.error(`Layering problems:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `Layers OK (${Object.keys(PLACES).length} parts; ${KNOWN_EXCEPTIONS.length} known exception).`,
);
