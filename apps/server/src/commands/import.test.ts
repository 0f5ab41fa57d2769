import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli.ts";
import { SqliteStore } from "../storage/SqliteStore.ts";

const FIXTURES = fileURLToPath(new URL("../../../../tests/fixtures/import/", import.meta.url));

/// `glossa import` against a real SQLite data folder.
describe("glossa import", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-import-"));
  const files = mkdtempSync(path.join(os.tmpdir(), "glossa-import-files-"));
  const saved = { ...process.env };

  async function cli(tty: boolean, ...argv: string[]) {
    const stdout = new PassThrough();
    const stderr = Object.assign(new PassThrough(), { isTTY: tty });
    let out = "";
    let err = "";
    stdout.on("data", (d) => (out += d));
    stderr.on("data", (d) => (err += d));
    const code = await runCli(argv, { stdin: new PassThrough(), stdout, stderr });
    return { code, out, err };
  }

  beforeAll(async () => {
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    delete process.env.MAX_IMPORT_BYTES;
    writeFileSync(
      path.join(files, "brief.md"),
      "# Brief for the Respondent\n\nSee 8 U.S.C. § 1158.\n",
    );
    writeFileSync(path.join(files, "renamed.docx"), Buffer.from("89504e470d0a1a0a", "hex"));
    const store = new SqliteStore(dataDir);
    await store.close();
    expect((await cli(false, "user", "add", "ana@example.org", "--name", "Ana Ruiz")).code).toBe(0);
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  it("imports several files, reports failures with reasons, exits 1 when any failed", async () => {
    const r = await cli(
      false,
      "import",
      path.join(FIXTURES, "glossa-legal-memo.docx"),
      path.join(files, "brief.md"),
      path.join(files, "renamed.docx"),
      path.join(files, "missing.txt"),
      "--owner",
      "ana@example.org",
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain("Importing: 0% (0 of 4 files; glossa-legal-memo.docx)");
    expect(r.err).toContain("Importing: 75% (3 of 4 files; missing.txt)");
    expect(r.err).toContain("Importing: 100% (4 of 4 files; done)");
    expect(r.out).toContain("Imported 2 of 4 file(s) for ana@example.org.");
    expect(r.out).toMatch(
      /glossa-legal-memo\.docx → "Memorandum on Asylum Eligibility at the Southern Border" \(\w+\); 2 comment\(s\) as annotations/,
    );
    expect(r.out).toContain('brief.md → "Brief for the Respondent"');
    expect(r.out).toMatch(/Not imported \(2\):\n {2}renamed\.docx: .*another kind of file renamed/);
    expect(r.out).toContain("missing.txt: There is no such file.");
    const store = new SqliteStore(dataDir);
    const docs = await store.listDocuments();
    await store.close();
    expect(docs.map((d) => d.title).sort()).toEqual([
      "Brief for the Respondent",
      "Memorandum on Asylum Eligibility at the Southern Border",
    ]);
  });

  it("draws a progress bar on a terminal; exit 0 when all succeed; the administrator owns by default", async () => {
    const r = await cli(true, "import", path.join(files, "brief.md"));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Importing \[=+\] 100% \| done: 1\/1 files/);
    expect(r.out).toContain("Imported 1 of 1 file(s) for ana@example.org.");
    expect((await cli(false, "import")).code).toBe(2);
    expect((await cli(false, "import", "x.md", "--owner", "nobody@example.org")).code).toBe(1);
  });
});
