import { readFileSync } from "node:fs";
import path from "node:path";
import {
  ENDPOINTS,
  endpointIndex,
  INDEX_END,
  INDEX_START,
  openApiDocument,
  withEndpointIndex,
} from "@glossa/api";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (p: string) => readFileSync(path.join(ROOT, p), "utf8");

/// The operations of `AnnotationOp` (packages/protocol/src/messages.ts) and
/// their fields (`name?` when optional), read with the TypeScript compiler.
function annotationOps(): Map<string, string[]> {
  const file = "packages/protocol/src/messages.ts";
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest);
  const ops = new Map<string, string[]>();
  const alias = source.statements.find(
    (s): s is ts.TypeAliasDeclaration =>
      ts.isTypeAliasDeclaration(s) && s.name.text === "AnnotationOp",
  );
  if (!alias || !ts.isUnionTypeNode(alias.type)) throw new Error("AnnotationOp is not a union");
  for (const member of alias.type.types) {
    if (!ts.isTypeLiteralNode(member)) throw new Error("an AnnotationOp is not an object type");
    let op = "";
    const fields: string[] = [];
    for (const p of member.members) {
      if (!ts.isPropertySignature(p) || !ts.isIdentifier(p.name)) continue;
      if (p.name.text === "op") op = p.type!.getText(source).replace(/"/g, "");
      else fields.push(`${p.name.text}${p.questionToken ? "?" : ""}`);
    }
    ops.set(op, fields.sort());
  }
  return ops;
}

/// The table of operations in docs/protocol.md ("Stateless messages").
function documentedOps(): Map<string, string[]> {
  const md = read("docs/protocol.md");
  const table = md.slice(md.indexOf("| `op` | fields |"));
  const ops = new Map<string, string[]>();
  for (const line of table.split("\n").slice(2)) {
    const cells = /^\s*\| (.+?) \| (.+) \|\s*$/.exec(line);
    if (!cells) break;
    const fields = [...cells[2]!.matchAll(/`([A-Za-z]+)`(\?)?/g)].map((m) => m[1]! + (m[2] ?? ""));
    for (const op of cells[1]!.matchAll(/`([a-z-]+)`/g)) ops.set(op[1]!, [...fields].sort());
  }
  return ops;
}

/// docs/api.md against the OpenAPI description it documents, and the
/// websocket's annotation operations in docs/protocol.md against their type.
describe("API documentation", () => {
  const page = read("docs/api.md");

  it("has the endpoint index generated from the OpenAPI description (pnpm docs:api)", () => {
    expect(page).toContain(INDEX_START);
    expect(page).toContain(INDEX_END);
    const index = endpointIndex(openApiDocument("test"));
    expect(withEndpointIndex(page, index)).toBe(page);
    // One row per endpoint, with its summary, auth and body.
    expect(index.split("\n")).toHaveLength(ENDPOINTS.length + 2);
    expect(index).toContain(
      "| `POST /api/documents/:id/annotations` | Annotate by quote | bearer | {`exact`, `prefix`?, `suffix`?, `kind`, `body`?, `tags`?} | 201 |",
    );
    // … and the query parameters an endpoint reads.
    expect(index).toContain(
      "| `GET /api/documents` | Documents the caller may open; search | bearer | — | 200 | `scope`, `q` |",
    );
  });

  it("describes every endpoint in its prose, not only in the index", () => {
    const prose = page.slice(0, page.indexOf("## Endpoint index"));
    const missing = ENDPOINTS.filter((e) => !prose.includes(`\`${e.method} ${e.path}`)).map(
      (e) => `${e.method} ${e.path}`,
    );
    expect(missing).toEqual([]);
  });

  it("lists the websocket's annotation operations with exactly their fields", () => {
    const typed = annotationOps();
    expect(typed.size).toBeGreaterThanOrEqual(12);
    expect(Object.fromEntries(documentedOps())).toEqual(Object.fromEntries(typed));
  });
});
