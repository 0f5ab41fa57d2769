import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PostgresStore, SqliteStore, type Store } from "@glossa/server";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../utils/services.ts";

/// The tables both stores share (apps/server/src/storage/sql/): what each
/// dialect writes differently — lists of values, booleans, transactions of
/// several statements — answers alike on SQLite and PostgreSQL.
describe("the stores' shared tables", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  const at = "2026-01-01T00:00:00.000Z";
  const session = (id: string, userId: string) => ({
    id,
    userId,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: "2099-01-01T00:00:00.000Z",
    revokedAt: null,
    userAgent: "test",
  });
  const hook = (id: string, ownerId: string) => ({
    id,
    ownerId,
    documentId: null,
    url: "https://example.org/hook",
    events: ["document.updated"],
    secret: "s",
    description: "",
    createdAt: at,
  });
  const delivery = (id: string, webhookId: string) => ({
    id,
    webhookId,
    event: "document.updated",
    payload: "{}",
    status: "pending" as const,
    attempts: 0,
    nextAttemptAt: 0,
    lastStatus: null,
    lastError: null,
    createdAt: at,
    deliveredAt: null,
  });

  /// Shares by (document, person) pair, after `check`: u1 has shares of a
  /// and c (b was purged, c is in the trash).
  const checkPairs = async (store: Store) => {
    // Pairs (row values): exactly those, however many rows the users have.
    const pairs = [
      { documentId: "a", userId: "u1" },
      { documentId: "c", userId: "u1" },
      { documentId: "a", userId: "u2" },
    ];
    expect((await store.sharesOf(pairs)).map((s) => s.documentId).sort()).toEqual(["a", "c"]);
    expect(await store.sharesOf([])).toEqual([]);
    // More pairs than one statement takes (500): read in several.
    const many = Array.from({ length: 1_200 }, (_, i) => ({ documentId: `x${i}`, userId: "u1" }));
    expect((await store.sharesOf([...many, ...pairs])).map((s) => s.documentId).sort()).toEqual([
      "a",
      "c",
    ]);
  };

  const check = async (store: Store) => {
    // Booleans.
    await store.createUser({
      id: "u1",
      email: "ana@example.org",
      name: "Ana",
      passwordHash: null,
      createdAt: at,
      admin: true,
    });
    expect((await store.getUser("u1"))?.admin).toBe(true);
    await store.setAdmin("u1", false);
    expect((await store.getUser("u1"))?.admin).toBe(false);

    // Lists of values.
    for (const id of ["a", "b", "c"]) {
      await store.createDocument({ id, title: id, createdAt: at, createdBy: "u1" });
      await store.setShare({
        documentId: id,
        userId: "u1",
        role: "owner",
        grantedBy: null,
        grantedAt: at,
      });
    }
    await store.trashDocument("b", "u1", at);
    await store.trashDocument("c", "u1", at);
    expect((await store.trashedAmong(["a", "b", "c", "z"])).sort()).toEqual(["b", "c"]);
    expect(await store.trashedAmong([])).toEqual([]);
    expect((await store.listSharesForUsers(["u1", "u2"])).map((s) => s.documentId).sort()).toEqual([
      "a",
      "b",
      "c",
    ]);
    await store.createSession(session("s1", "u1"));
    await store.createSession(session("s2", "u1"));
    expect((await store.getSessions(["s2", "s3"])).map((s) => s.id)).toEqual(["s2"]);

    // A transaction of several statements: all or nothing.
    const token = {
      id: "t1",
      userId: "u1",
      name: "t",
      secretHash: "h",
      documents: ["a"],
      ceiling: "editor" as const,
      createdAt: at,
    };
    await expect(store.createApiToken(token, session("s1", "u1"))).rejects.toThrow();
    expect(await store.getApiToken("t1")).toBeNull();
    await store.createApiToken(token, session("s3", "u1"));
    expect((await store.getApiToken("t1"))?.documents).toEqual(["a"]);
    // The second statement fails (the token's id is taken): the first is undone.
    await expect(store.createApiToken(token, session("s4", "u1"))).rejects.toThrow();
    expect(await store.getSession("s4")).toBeNull();

    // Deleting a webhook takes its deliveries, and only the owner's.
    await store.createWebhook(hook("w1", "u1"));
    await store.enqueueDeliveries([delivery("d1", "w1"), delivery("d2", "w1")]);
    expect(await store.deleteWebhook("u2", "w1")).toBe(false);
    expect(await store.listDeliveries("w1", 10)).toHaveLength(2);
    expect(await store.deleteWebhook("u1", "w1")).toBe(true);
    expect(await store.listDeliveries("w1", 10)).toHaveLength(0);
    expect(await store.getWebhook("w1")).toBeNull();

    // Purging takes both documents' journals and the rows of the document.
    await store.appendUpdates([
      { name: "doc/b", update: new Uint8Array([1]) },
      { name: "doc/b/annotations", update: new Uint8Array([2]) },
      { name: "doc/a", update: new Uint8Array([3]) },
    ]);
    const version = await store.accessVersion();
    await store.purgeDocument("b");
    expect(await store.journalLength("doc/b")).toBe(0);
    expect(await store.journalLength("doc/b/annotations")).toBe(0);
    expect(await store.journalLength("doc/a")).toBe(1);
    expect(await store.getDocument("b")).toBeNull();
    expect((await store.listShares("b")).length).toBe(0);
    expect(await store.accessVersion()).not.toBe(version);
  };

  it("on SQLite", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-tables-"));
    const store = new SqliteStore(dir);
    cleanups.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await check(store);
    await checkPairs(store);
  });

  it("on PostgreSQL", async () => {
    const { url, drop } = await createDatabase("glossa_tables");
    const store = await PostgresStore.open(url);
    cleanups.push(async () => {
      await store.close();
      await drop();
    });
    await check(store);
    await checkPairs(store);
  });
});
