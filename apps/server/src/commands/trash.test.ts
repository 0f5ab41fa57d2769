import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli.ts";
import { SqliteStore } from "../storage/SqliteStore.ts";

const DAY = 24 * 60 * 60 * 1000;

/// `glossa trash` against a real SQLite data folder.
describe("glossa trash", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-trash-"));
  const saved = { ...process.env };

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
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
    const store = new SqliteStore(dataDir);
    for (const [id, title, daysAgo] of [
      ["recent000001", "Recent draft", 2],
      ["ancient00001", "Ancient draft", 40],
    ] as const) {
      await store.createDocument({
        id,
        title,
        createdAt: new Date().toISOString(),
        createdBy: null,
      });
      await store.trashDocument(id, "someone", new Date(Date.now() - daysAgo * DAY).toISOString());
    }
    await store.createDocument({
      id: "kept00000001",
      title: "Kept",
      createdAt: new Date().toISOString(),
      createdBy: null,
    });
    await store.close();
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists, empties what is past 30 days, and restores", async () => {
    const list = await cli("trash");
    expect(list.code).toBe(0);
    expect(list.out).toContain('recent000001  "Recent draft"  deleted');
    expect(list.out).toContain('"Ancient draft"');
    expect(list.out).not.toContain("Kept");

    const empty = await cli("trash", "empty");
    expect(empty.code).toBe(0);
    expect(empty.out).toContain("Deleted for good: 1 document(s)");
    expect((await cli("trash", "list")).out).not.toContain("Ancient draft");

    const restore = await cli("trash", "restore", "Recent draft");
    expect(restore.code).toBe(0);
    expect(restore.out).toContain('"Recent draft" was restored');
    expect((await cli("trash")).out).toBe("The trash is empty.\n");
    const again = await cli("trash", "restore", "Kept");
    expect(again.code).toBe(1);
    expect(again.err).toContain('"Kept" is not in the trash.');
    expect((await cli("trash", "shred")).code).toBe(2);
  });
});
