// Guard for issue 12: the citation scanners read regex capture groups by name
// (`m.groups!.section`), never by position (`m[3]`). Positions shift silently
// when a group is added to a pattern; names do not. This test type-checks
// every source file under packages/citations/src and fails on any numeric
// index >= 1 (or array destructuring past the whole match) of a value whose
// type is a RegExp match, and on "$1" in a replacement string (use "$<name>").
// `m[0]`, the whole match, stays allowed.
import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

const MATCH_TYPES = new Set(["RegExpMatchArray", "RegExpExecArray"]);

function isMatch(checker: ts.TypeChecker, node: ts.Node): boolean {
  const type = checker.getNonNullableType(checker.getTypeAtLocation(node));
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((t) => MATCH_TYPES.has(t.getSymbol()?.getName() ?? ""));
}

function positionalReads(): string[] {
  const files = sources(SRC);
  const program = ts.createProgram(files, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file)!;
    const where = (n: ts.Node) => {
      const { line } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
      return `${path.relative(SRC, file)}:${line + 1}: ${n.getText(sf)}`;
    };
    const visit = (n: ts.Node): void => {
      if (
        ts.isElementAccessExpression(n) &&
        ts.isNumericLiteral(n.argumentExpression) &&
        Number(n.argumentExpression.text) >= 1 &&
        isMatch(checker, n.expression)
      ) {
        found.push(where(n));
      }
      if (
        ts.isVariableDeclaration(n) &&
        ts.isArrayBindingPattern(n.name) &&
        n.name.elements.length > 1 &&
        n.initializer &&
        isMatch(checker, n.initializer)
      ) {
        found.push(where(n));
      }
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        /^replace(All)?$/.test(n.expression.name.text) &&
        n.arguments.some((a) => ts.isStringLiteralLike(a) && /\$[1-9]/.test(a.text))
      ) {
        found.push(where(n));
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return found;
}

describe("citation scanners read capture groups by name", () => {
  it("no RegExp match is indexed by group position", () => {
    expect(positionalReads()).toEqual([]);
  }, 60_000);
});
