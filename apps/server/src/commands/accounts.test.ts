import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli.ts";
import { SqliteStore } from "../storage/SqliteStore.ts";

/// The account commands against a real SQLite data folder.
describe("glossa user / share / unshare / signin-link", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-cli-"));
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
    process.env.PUBLIC_URL = "https://glossa.example.org";
    delete process.env.DATABASE_URL;
    const store = new SqliteStore(dataDir);
    await store.createDocument({
      id: "memo00000001",
      title: "The memo",
      createdAt: new Date().toISOString(),
      createdBy: null,
    });
    await store.createDocument({
      id: "twin00000001",
      title: "Twin",
      createdAt: new Date().toISOString(),
      createdBy: null,
    });
    await store.createDocument({
      id: "twin00000002",
      title: "Twin",
      createdAt: new Date().toISOString(),
      createdBy: null,
    });
    await store.close();
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("adds users: with a password, or printing a one-time sign-in link", async () => {
    const a = await cli("user", "add", "Ana@Example.org", "--name", "Ana Ruiz");
    expect(a.code).toBe(0);
    expect(a.out).toContain("Created ana@example.org (Ana Ruiz)");
    expect(a.out).toMatch(/https:\/\/glossa\.example\.org\/#signin=[\w-]{20,}/);
    const b = await cli("user", "add", "ben@example.org", "--password=correct horse battery");
    expect(b.code).toBe(0);
    expect(b.out).not.toContain("#signin=");
    expect((await cli("user", "add", "ana@example.org")).code).toBe(1);
    expect((await cli("user", "add", "not-an-email")).err).toContain("not an email address");
    expect((await cli("user", "add", "c@example.org", "--password", "short")).code).toBe(1);
    expect((await cli("user", "add", "c@example.org", "--colour", "red")).code).toBe(2);
    expect((await cli("user")).code).toBe(2);
  });

  it("lists users, the first one as administrator", async () => {
    const r = await cli("user", "list");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /ana@example\.org\tAna Ruiz\t0 document\(s\)\t\(administrator, no password\)/,
    );
    expect(r.out).toMatch(/ben@example\.org\tben\t0 document\(s\)\n/);
  });

  it("shares by id or exact title, changes roles and unshares", async () => {
    expect((await cli("share", "The memo", "ana@example.org", "owner")).out).toContain(
      'ana@example.org is now owner of "The memo"',
    );
    const s = await cli("share", "memo00000001", "ben@example.org", "annotator");
    expect(s.code).toBe(0);
    const t = await cli("share", "The memo", "ben@example.org", "viewer");
    expect(t.out).toContain('is now viewer of "The memo" (was annotator)');
    const store = new SqliteStore(dataDir);
    const ben = (await store.getUserByEmail("ben@example.org"))!;
    expect(await store.getRole("memo00000001", ben.id)).toBe("viewer");
    await store.close();
    expect((await cli("unshare", "The memo", "ben@example.org")).code).toBe(0);
    expect((await cli("unshare", "The memo", "ben@example.org")).err).toContain("has no access");
  });

  it("refuses clearly: bad role, unknown document or person, ambiguous title, last owner", async () => {
    expect((await cli("share", "The memo", "ben@example.org", "admin")).code).toBe(2);
    const missing = await cli("share", "Nope", "ben@example.org", "viewer");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No document has the id or title "Nope"');
    expect((await cli("share", "Twin", "ben@example.org", "viewer")).err).toContain(
      "twin00000001, twin00000002",
    );
    expect((await cli("share", "The memo", "zed@example.org", "viewer")).err).toContain(
      "glossa user add zed@example.org",
    );
    expect((await cli("unshare", "The memo", "ana@example.org")).err).toContain("only owner");
    expect((await cli("share", "The memo", "ana@example.org", "viewer")).err).toContain(
      "only owner",
    );
    expect((await cli("share", "The memo")).code).toBe(2);
  });

  it("prints a one-time sign-in link for an existing account", async () => {
    const r = await cli("signin-link", "ben@example.org");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^https:\/\/glossa\.example\.org\/#signin=[\w-]{20,}\n$/);
    expect((await cli("signin-link", "nobody@example.org")).code).toBe(1);
  });
});
