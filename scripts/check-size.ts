/// `pnpm lint` part: no source file over 500 lines, no function over 80 lines
/// (docs/ARCHITECTURE.md, "Size"), measured with the TypeScript compiler over
/// every `.ts` file of apps/, packages/, scripts/ and tests/. Data tables are
/// listed in `scripts/size-allowlist.json` (`data`), and so are the offenders
/// not yet split, with their size when listed: an entry may not grow, and an
/// entry that no longer offends must be removed, so the list only shrinks.
///
/// `tsx scripts/check-size.ts --report` prints every offender with its size
/// (to write a new allow-list).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(import.meta.dirname, "..");
const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 80;
const SKIP = new Set(["node_modules", "dist", ".vite", "coverage"]);

interface AllowList {
  /// Data tables (catalogs, fixtures as code): any length.
  data: string[];
  /// path → lines when listed (and why, in `why`).
  files: Record<string, number>;
  /// `path#function` → lines when listed.
  functions: Record<string, number>;
  why?: Record<string, string>;
}

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) yield full;
  }
}

/// A readable name for a function node: its own name, or the variable,
/// property or class member it is assigned to; nested ones as `outer/inner`.
function nameOf(node: ts.Node): string {
  const n = node as ts.FunctionLikeDeclaration;
  if (ts.isConstructorDeclaration(node)) return "constructor";
  if (n.name && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name))) return n.name.text;
  const p = node.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isCallExpression(p)) return `${calleeName(p)}(callback)`;
  return "(anonymous)";
}

/// The last identifier of a call's callee: `then` for `fetch(…).then(…)`.
function calleeName(call: ts.CallExpression): string {
  let e: ts.Expression = call.expression;
  while (ts.isCallExpression(e)) e = e.expression;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return ts.isIdentifier(e) ? e.text : "(call)";
}

/// Suites of vitest (`describe(…, () => {…})`, `it`, hooks, `.each`): groups
/// of tests, not functions; the tests' own helpers are measured.
const SUITES = new Set([
  "describe",
  "it",
  "test",
  "beforeAll",
  "afterAll",
  "beforeEach",
  "afterEach",
]);
function isSuiteCallback(node: ts.Node): boolean {
  const p = node.parent;
  if (!p || !ts.isCallExpression(p)) return false;
  let e: ts.Expression = p.expression;
  while (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) e = e.expression;
  return ts.isIdentifier(e) && SUITES.has(e.text);
}

/// Every function of a file longer than MAX_FUNCTION_LINES, as name → lines.
function longFunctions(file: ts.SourceFile): Map<string, number> {
  const found = new Map<string, number>();
  const lines = (node: ts.Node) =>
    file.getLineAndCharacterOfPosition(node.getEnd()).line -
    file.getLineAndCharacterOfPosition(node.getStart(file)).line +
    1;
  const visit = (node: ts.Node, scope: string[]) => {
    let inner = scope;
    if (ts.isFunctionLike(node) && "body" in node && node.body && !isSuiteCallback(node)) {
      const cls = ts.isClassLike(node.parent) ? `${node.parent.name?.text ?? "(class)"}.` : "";
      inner = [...scope, `${cls}${nameOf(node)}`];
      const n = lines(node);
      if (n > MAX_FUNCTION_LINES) {
        let key = inner.join("/");
        for (let i = 2; found.has(key); i++) key = `${inner.join("/")}~${i}`;
        found.set(key, n);
      }
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(file, []);
  return found;
}

const allow: AllowList = JSON.parse(
  readFileSync(path.join(ROOT, "scripts/size-allowlist.json"), "utf8"),
);
const report = process.argv.includes("--report");
const problems: string[] = [];
const seen = new Set<string>();
const offenders: AllowList = { data: allow.data, files: {}, functions: {} };

for (const top of ["apps", "packages", "scripts", "tests"]) {
  for (const full of sources(path.join(ROOT, top))) {
    const rel = path.relative(ROOT, full).split(path.sep).join("/");
    const text = readFileSync(full, "utf8");
    const fileLines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    const check = (key: string, n: number, max: number, kind: "files" | "functions") => {
      if (n <= max) return;
      offenders[kind][key] = n;
      const allowed = allow[kind][key];
      seen.add(`${kind}:${key}`);
      if (allowed === undefined)
        problems.push(
          `${key}: ${n} lines (limit ${max}); split it, do not add it to the allow-list`,
        );
      else if (n > allowed)
        problems.push(
          `${key}: ${n} lines, more than the ${allowed} it was allowed; it may only shrink`,
        );
    };
    if (!allow.data.includes(rel)) check(rel, fileLines, MAX_FILE_LINES, "files");
    const source = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
    for (const [name, n] of longFunctions(source))
      check(`${rel}#${name}`, n, MAX_FUNCTION_LINES, "functions");
  }
}
for (const kind of ["files", "functions"] as const) {
  for (const key of Object.keys(allow[kind])) {
    if (!seen.has(`${kind}:${key}`))
      problems.push(
        `${key}: within the limit now (or gone); remove it from scripts/size-allowlist.json`,
      );
  }
}

if (report) {
  console.log(JSON.stringify(offenders, null, 2));
} else if (problems.length) {
  console.error(`Size check failed:\n  ${problems.join("\n  ")}`);
  process.exit(1);
} else {
  const n =
    allow.data.length + Object.keys(allow.files).length + Object.keys(allow.functions).length;
  console.log(
    `Sizes OK (files ≤ ${MAX_FILE_LINES} lines, functions ≤ ${MAX_FUNCTION_LINES}; ${n} listed exceptions).`,
  );
}
