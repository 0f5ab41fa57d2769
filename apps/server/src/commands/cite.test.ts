import { PassThrough, Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import cite from "./cite.ts";

const letter = fileURLToPath(
  new URL(
    "../../../../packages/schema/samples/remain-in-mexico-letter-2018-12-21.txt",
    import.meta.url,
  ),
);

const run = async (args: string[], stdin = "") => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => {
    out += d;
  });
  stderr.on("data", (d) => {
    err += d;
  });
  const code = await cite.run(args, { stdin: Readable.from([stdin]), stdout, stderr });
  return { code, out, err };
};

describe("glossa cite", () => {
  it("prints a table for the letter", async () => {
    const r = await run([letter]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("ina/235/b/2/C");
    expect(r.out).toContain("usc/8/1225/b/2/C");
    expect(r.out).toContain("2 citation(s)");
  });

  it("prints JSON with --json, from stdin with -", async () => {
    const r = await run(["--json", "-"], "See 8 U.S.C. § 1225(b)(2)(C).");
    expect(r.code).toBe(0);
    const arr = JSON.parse(r.out);
    expect(arr).toHaveLength(1);
    expect(arr[0]).toMatchObject({
      kind: "usc",
      key: "usc/8/1225/b/2/C",
      equivalents: ["ina/235/b/2/C"],
    });
  });

  it("answers JSON lines, reports bad lines and exits non-zero", async () => {
    const input = [
      '{"id": 1, "text": "INA § 208"}',
      "not json",
      '{"id": "b", "text": 5}',
      '{"id": 3, "text": "nothing"}',
    ].join("\n");
    const r = await run(["--jsonl"], input);
    const lines = r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 1, citations: [{ key: "ina/208" }] });
    expect(lines[1]).toMatchObject({ id: null });
    expect(typeof lines[1].error).toBe("string");
    expect(lines[2]).toMatchObject({ id: null, error: '"text" must be a string' });
    expect(lines[3]).toEqual({ id: 3, citations: [] });
    expect(r.code).toBe(1);
  });

  it("explains a missing file and bad usage", async () => {
    const missing = await run(["/nonexistent/letter.txt"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("cannot read /nonexistent/letter.txt: no such file");
    expect((await run([])).code).toBe(2);
    expect((await run(["--bogus", letter])).code).toBe(2);
  });
});
