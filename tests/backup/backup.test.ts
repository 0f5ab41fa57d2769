import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CollabSession } from "@glossa/collab";
import { documentName } from "@glossa/protocol";
import { mergeParts, SqliteStore } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { call } from "../api/helpers.ts";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { connect, createDatabase, typeBefore } from "../versions/helpers.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NOTE = "Backup test: define complementary protection.";
const VERSION = "Before the backup";

/// Runs the real `glossa` command line in its own process, on the store
/// named by `env` alone (DATA_DIR or DATABASE_URL).
async function glossa(env: Record<string, string>, ...args: string[]) {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "apps/server/src/cli.ts", ...args],
      { cwd: ROOT, env: { ...base, GLOSSA_QUIET: "1", ...env } },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/// A store for a server: a data folder, or a PostgreSQL database of its own.
interface Target {
  env: Record<string, string>;
  start(): Promise<TestServer>;
  cleanup(): Promise<void>;
}

function sqliteTarget(): Target {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-backup-"));
  return {
    env: { DATA_DIR: dataDir },
    start: () => startTestServer({ dataDir }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const db = await createDatabase();
  return {
    env: { DATABASE_URL: db.url },
    start: () => startTestServer({ env: { DATABASE_URL: db.url } }),
    cleanup: () => db.drop(),
  };
}

/// A collaborator typing numbered markers, and which of them the server
/// has acknowledged as saved (its `saved` state vector covers them).
function writer(session: CollabSession, prefix: string, anchor: string) {
  const typed: { marker: string; clock: number }[] = [];
  let saved = 0;
  session.onMessage((m) => {
    if (m.type !== "saved") return;
    const sv = Y.decodeStateVector(Buffer.from(m.stateVector, "base64"));
    saved = Math.max(saved, sv.get(session.ydoc.clientID) ?? 0);
  });
  return {
    session,
    typed,
    type() {
      const marker = `[${prefix}${typed.length}]`;
      typeBefore(session, anchor, marker);
      typed.push({ marker, clock: Y.getState(session.ydoc.store, session.ydoc.clientID) });
    },
    acked: () => typed.filter((t) => t.clock <= saved).map((t) => t.marker),
  };
}

interface Made {
  file: string;
  letterId: string;
  annotationId: string;
  acked: string[];
  alice: TestUser;
  bob: TestUser;
}

/// Starts a server on `source`, has two editors type continuously and an
/// annotator annotate, saves a version, and runs `glossa backup` while the
/// typing goes on. Returns what must be in the backup.
async function editAndBackup(source: Target, file: string): Promise<Made> {
  const server = await source.start();
  try {
    const doc = server.letterId;
    const alice = await server.addUser("Alice", { role: "editor" });
    const dave = await server.addUser("Dave", { role: "editor" });
    const bob = await server.addUser("Bob", { role: "annotator" });
    const annotation = await call(server, bob.token, "POST", `/api/documents/${doc}/annotations`, {
      exact: "complementary protection",
      kind: "comment",
      body: NOTE,
    });
    expect(annotation.status).toBe(201);
    const version = await call(
      server,
      server.ownerToken,
      "POST",
      `/api/documents/${doc}/versions`,
      {
        name: VERSION,
      },
    );
    expect(version.status).toBe(201);
    await server.glossa.persistence.drained(documentName(doc, "annotations"));

    const writers = [
      writer(connect(server, alice, doc), "a", "Mexico has historically"),
      writer(connect(server, dave, doc), "d", "humanitarian visas"),
    ];
    await eventually(() => expect(writers.every((w) => w.session.text.isSynced)).toBe(true));
    const timer = setInterval(() => {
      for (const w of writers) w.type();
    }, 15);
    try {
      await eventually(
        () => expect(writers.every((w) => w.acked().length >= 20)).toBe(true),
        30_000,
      );
      const acked = writers.flatMap((w) => w.acked());
      const typedBefore = writers.reduce((n, w) => n + w.typed.length, 0);
      const result = await glossa(source.env, "backup", file);
      expect(result.stderr).toMatch(/backup: 100%/);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/Backup written to .*: 1 document\(s\), 4 account\(s\)/);
      // The backup ran while the editors typed.
      expect(writers.reduce((n, w) => n + w.typed.length, 0)).toBeGreaterThan(typedBefore);
      return { file, letterId: doc, annotationId: annotation.json.id, acked, alice, bob };
    } finally {
      clearInterval(timer);
      for (const w of writers) w.session.destroy();
    }
  } finally {
    await server.stop();
  }
}

/// Starts a server on the restored store and checks, through its API, the
/// text, the annotation, the version, the accounts and the shares.
async function checkRestored(target: Target, made: Made): Promise<void> {
  const server = await target.start();
  try {
    expect(server.letterId).toBe(made.letterId);
    const login = async (u: TestUser, password = u.password) =>
      call(server, null, "POST", "/api/login", { email: u.email, password });
    expect((await login(made.alice, "not the password at all")).status).toBe(401);
    const alice = (await login(made.alice)).json.token as string;
    const bob = (await login(made.bob)).json.token as string;
    expect(alice).toBeTruthy();
    expect(bob).toBeTruthy();

    const content = await call(server, alice, "GET", `/api/documents/${made.letterId}/content`);
    expect(content.status).toBe(200);
    const missing = made.acked.filter((m) => !content.json.text.includes(m));
    expect(missing, "acknowledged edits missing from the restored text").toEqual([]);

    const list = await call(server, bob, "GET", `/api/documents/${made.letterId}/annotations`);
    const found = list.json.annotations.find((a: { id: string }) => a.id === made.annotationId);
    expect(found?.messages[0]?.body).toBe(NOTE);
    expect(found?.anchor.status).toBe("attached");

    const versions = await call(server, alice, "GET", `/api/documents/${made.letterId}/versions`);
    expect(versions.json.versions.map((v: { name: string }) => v.name)).toContain(VERSION);

    const roles = async (token: string) =>
      (await call(server, token, "GET", "/api/documents")).json.documents.map(
        (d: { id: string; role: string }) => [d.id, d.role],
      );
    expect(await roles(alice)).toEqual([[made.letterId, "editor"]]);
    expect(await roles(bob)).toEqual([[made.letterId, "annotator"]]);
    // Sessions and the signing secret came along: tokens issued before the
    // backup are still good.
    expect((await call(server, made.alice.token, "GET", "/api/documents")).status).toBe(200);

    // New edits are numbered after every journal entry ever written (also
    // those folded into a snapshot), so they are found again after a restart.
    const w = writer(
      connect(server, { ...made.alice, token: alice }, made.letterId),
      "new",
      "Mexico has historically",
    );
    await eventually(() => expect(w.session.text.isSynced).toBe(true));
    w.type();
    await eventually(() => expect(w.acked()).toEqual(["[new0]"]));
    w.session.destroy();
  } finally {
    await server.stop();
  }
  const again = await target.start();
  try {
    const alice = (
      await call(again, null, "POST", "/api/login", {
        email: made.alice.email,
        password: made.alice.password,
      })
    ).json.token as string;
    const content = await call(again, alice, "GET", `/api/documents/${made.letterId}/content`);
    expect(content.json.text).toContain("[new0]");
  } finally {
    await again.stop();
  }
}

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("backup and restore while people edit", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "glossa-backups-"));
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  });

  describe("SQLite", () => {
    let source: Target;
    let made: Made;
    beforeAll(async () => {
      source = sqliteTarget();
      cleanup.push(() => source.cleanup());
      made = await editAndBackup(source, path.join(work, "sqlite.glossa-backup"));
    });

    it("every edit saved before the backup began, the annotation, version, accounts and shares come back", async () => {
      const target = sqliteTarget();
      cleanup.push(() => target.cleanup());
      const r = await glossa(target.env, "restore", made.file);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Restored .* from SQLite\) into .*glossa\.sqlite: 1 document\(s\)/);
      expect(r.stderr).toMatch(/restore: 100%/);
      await checkRestored(target, made);
    });

    it("refuses a file that is not a backup, a truncated backup and a Glossa database, changing nothing", async () => {
      const target = sqliteTarget();
      cleanup.push(() => target.cleanup());
      const text = path.join(work, "notes.txt");
      writeFileSync(text, "Minutes of the meeting, 3 March.\n");
      let r = await glossa(target.env, "restore", text);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        "is not a Glossa backup (made by `glossa backup`); nothing was restored.",
      );

      const truncated = path.join(work, "truncated.glossa-backup");
      const whole = readFileSync(made.file);
      writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
      r = await glossa(target.env, "restore", truncated);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/is damaged or incomplete \(.*\); nothing was restored/);

      r = await glossa(target.env, "restore", path.join(source.env.DATA_DIR!, "glossa.sqlite"));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("looks like a Glossa database, not a backup");
      expect(existsSync(path.join(target.env.DATA_DIR!, "glossa.sqlite"))).toBe(false);

      r = await glossa(target.env, "restore", path.join(work, "nowhere.glossa-backup"));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("There is no file");
    });

    it("refuses to restore over a store with work in it, running or stopped", async () => {
      const running = await source.start();
      try {
        const before = await running.glossa.store.listUsers();
        const r = await glossa(source.env, "restore", made.file);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain("is in use (is a Glossa server running on this data folder?)");
        expect(await running.glossa.store.listUsers()).toEqual(before);
      } finally {
        await running.stop();
      }
      const stopped = await glossa(source.env, "restore", made.file);
      expect(stopped.code).toBe(1);
      expect(stopped.stderr).toContain("already holds Glossa data (1 document(s), 4 account(s))");
    });

    it("a store whose newest journal entries are folded into a snapshot restores (also into PostgreSQL) and takes new edits", async () => {
      // Only the recorded sequence tells where new entries must be numbered
      // from: the journal's highest number is below a snapshot's.
      const store = new SqliteStore(source.env.DATA_DIR!);
      const names = store.db.prepare("SELECT DISTINCT name FROM journal").all() as {
        name: string;
      }[];
      for (const { name } of names) await store.compact(name, mergeParts);
      const { seq, upto } = store.db
        .prepare(
          "SELECT (SELECT coalesce(max(seq), 0) FROM journal) AS seq, (SELECT max(upto) FROM snapshots) AS upto",
        )
        .get() as { seq: number; upto: number };
      await store.close();
      expect(seq).toBeLessThan(upto);
      const file = path.join(work, "stopped.glossa-backup");
      const r = await glossa(source.env, "backup", file);
      expect(r.code, r.stderr).toBe(0);
      // Into SQLite, and across into PostgreSQL.
      for (const target of [sqliteTarget(), await postgresTarget()]) {
        cleanup.push(() => target.cleanup());
        const restored = await glossa(target.env, "restore", file);
        expect(restored.code, restored.stderr).toBe(0);
        await checkRestored(target, { ...made, file });
      }
    });

    it("never overwrites an existing file unless --force", async () => {
      const before = sha(made.file);
      const r = await glossa(source.env, "backup", made.file);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("already exists; nothing was written");
      expect(sha(made.file)).toBe(before);
      const forced = await glossa(source.env, "backup", made.file, "--force");
      expect(forced.code, forced.stderr).toBe(0);
    });
  });

  describe("PostgreSQL", () => {
    let source: Target;
    let made: Made;
    beforeAll(async () => {
      source = await postgresTarget();
      cleanup.push(() => source.cleanup());
      made = await editAndBackup(source, path.join(work, "postgres.glossa-backup"));
    });

    it("restores into a fresh PostgreSQL database with everything saved before the backup", async () => {
      const target = await postgresTarget();
      cleanup.push(() => target.cleanup());
      const r = await glossa(target.env, "restore", made.file);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/from PostgreSQL\) into PostgreSQL database "glossa_versions_\w+"/);
      await checkRestored(target, made);
    });

    it("a PostgreSQL backup restores into SQLite", async () => {
      const target = sqliteTarget();
      cleanup.push(() => target.cleanup());
      const r = await glossa(target.env, "restore", made.file);
      expect(r.code, r.stderr).toBe(0);
      await checkRestored(target, made);
    });

    it("refuses to restore into the database of a running server", async () => {
      const running = await source.start();
      try {
        const before = await running.glossa.store.listUsers();
        const r = await glossa(source.env, "restore", made.file);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(
          /is in use by another program \(a running Glossa server\?\); nothing was restored/,
        );
        expect(await running.glossa.store.listUsers()).toEqual(before);
      } finally {
        await running.stop();
      }
    });
  });
});
