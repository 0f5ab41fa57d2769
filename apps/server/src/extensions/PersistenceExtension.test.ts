import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Document } from "@hocuspocus/server";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Store } from "../storage/index.ts";
import { SqliteStore } from "../storage/SqliteStore.ts";
import { PersistenceExtension } from "./PersistenceExtension.ts";

/// An asynchronous store (as PostgreSQL is) whose writes take a while, so
/// updates keep arriving while one is in flight.
function slowStore() {
  const written: Uint8Array[] = [];
  let release: (() => void) | null = null;
  const appendUpdate = async (_name: string, update: Uint8Array) => {
    await new Promise<void>((r) => {
      release = r;
    });
    written.push(update);
  };
  const store = {
    kind: "postgres",
    appendUpdate,
    async appendUpdates(rows: { name: string; update: Uint8Array }[]) {
      for (const r of rows) await appendUpdate(r.name, r.update);
    },
  } as unknown as Store;
  return { store, written, release: () => release?.() };
}

describe("PersistenceExtension readies the journal for writers", () => {
  it("a connection that may write starts the journal's worker; a read-only one does not", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-pe-"));
    const store = new SqliteStore(dir);
    try {
      const ext = new PersistenceExtension({ store });
      const connected = (readOnly: boolean) =>
        ext.connected({ connection: { readOnly }, documentName: "doc/abcdefgh" } as never);
      await connected(true);
      expect(store.journalStarts).toBe(0);
      await connected(false);
      expect(store.journalStarts).toBe(1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("PersistenceExtension after the server stopped", () => {
  it("a store that fires after the server's shutdown compacts nothing (the store may be closed)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-pe-"));
    const store = new SqliteStore(dir);
    try {
      const name = "doc/abcdefgh";
      const doc = new Y.Doc();
      doc.getText("t").insert(0, "kept");
      await store.appendUpdates([{ name, update: Y.encodeStateAsUpdate(doc) }]);
      let compactions = 0;
      const ext = new PersistenceExtension({
        store,
        observer: { compacted: () => compactions++ },
      });
      await ext.onStoreDocument({ documentName: name } as never);
      expect(compactions).toBe(1);
      await store.appendUpdates([{ name, update: Y.encodeStateAsUpdate(doc) }]);
      await ext.onDestroy();
      await ext.onStoreDocument({ documentName: name } as never);
      expect(compactions).toBe(1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("PersistenceExtension with an asynchronous store", () => {
  it("writes updates that arrive while a write is in flight, and announces only what is written", async () => {
    const { store, written, release } = slowStore();
    const ext = new PersistenceExtension({ store });
    const ydoc = new Y.Doc();
    const saved: Uint8Array[] = [];
    const document = Object.assign(ydoc, {
      getConnections: () => [
        {
          sendStateless: (p: string) => {
            saved.push(Buffer.from(JSON.parse(p).stateVector, "base64"));
          },
        },
      ],
    }) as unknown as Document;
    await ext.afterLoadDocument({ document, documentName: "doc/abcdefgh" } as never);

    const text = ydoc.getText("t");
    text.insert(0, "a"); // first write starts and waits
    await new Promise((r) => setTimeout(r, 5));
    text.insert(1, "b"); // arrives during the write
    text.insert(2, "c");
    release();
    await new Promise((r) => setTimeout(r, 5));
    expect(written).toHaveLength(1);
    // The first announcement covers "a" only.
    expect(Y.decodeStateVector(saved.at(-1)!).get(ydoc.clientID)).toBe(1);
    release();
    await ext.drained("doc/abcdefgh");

    const copy = new Y.Doc();
    for (const u of written) Y.applyUpdate(copy, u);
    expect(copy.getText("t").toString()).toBe("abc");
    expect(Y.decodeStateVector(saved.at(-1)!).get(ydoc.clientID)).toBe(3);
  });
});

describe("PersistenceExtension: whom `saved` goes to", () => {
  it("a connection's own clocks to it alone; the whole vector to one that joined while updates were pending", async () => {
    const { store, release } = slowStore();
    const ext = new PersistenceExtension({ store });
    const ydoc = new Y.Doc();
    const got = new Map<string, { stateVector: string; scope?: string }[]>();
    const connection = (name: string) => {
      got.set(name, []);
      return { sendStateless: (p: string) => got.get(name)!.push(JSON.parse(p)) };
    };
    const writer = connection("writer");
    const reader = connection("reader");
    const joiner = connection("joiner");
    const live = [writer, reader];
    const document = Object.assign(ydoc, { getConnections: () => live }) as unknown as Document;
    await ext.afterLoadDocument({ document, documentName: "doc/abcdefgh" } as never);

    // An edit from the writer's connection (as Hocuspocus applies it).
    const remote = new Y.Doc();
    remote.getText("t").insert(0, "hello");
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(remote), {
      source: "connection",
      connection: writer,
    });
    await new Promise((r) => setTimeout(r, 5));
    // Joins while that edit is being written.
    live.push(joiner);
    await ext.connected({ connection: joiner, documentName: "doc/abcdefgh" } as never);
    release();
    await ext.drained("doc/abcdefgh");

    const sv = (m: { stateVector: string }) =>
      Y.decodeStateVector(Buffer.from(m.stateVector, "base64"));
    const last = got.get("writer")!.at(-1)!;
    expect(last.scope).toBe("own");
    expect([...sv(last)]).toEqual([[remote.clientID, 5]]);
    expect(got.get("reader")).toEqual([]);
    // On joining: what was on disk then (nothing of the edit); after the write, all.
    const joined = got.get("joiner")!;
    expect(joined.map((m) => m.scope)).toEqual(["all", "all"]);
    expect(sv(joined[0]!).get(remote.clientID)).toBeUndefined();
    expect(sv(joined[1]!).get(remote.clientID)).toBe(5);
  });
});

describe("PersistenceExtension: loading a large document", () => {
  it("applies its stored rows in slices, letting the event loop run between them", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-load-"));
    const store = new SqliteStore(dir);
    try {
      // Three journal rows of 600,000 characters each (over a slice each).
      const writer = new Y.Doc();
      for (let i = 0; i < 3; i++) {
        const before = Y.encodeStateVector(writer);
        writer.getText("t").insert(0, String(i).repeat(600_000));
        await store.appendUpdate("doc/big", Y.encodeStateAsUpdate(writer, before));
      }
      const ext = new PersistenceExtension({ store });
      const document = new Y.Doc();
      const loading = ext.onLoadDocument({ document, documentName: "doc/big" } as never);
      // What another task on the loop sees while the load is under way.
      const seen: number[] = [];
      const watch = () => {
        seen.push(document.getText("t").length);
        if (seen.length < 10) setImmediate(watch);
      };
      setImmediate(watch);
      await loading;
      expect(document.getText("t").toString()).toBe(writer.getText("t").toString());
      // Other tasks ran between the slices: they saw the text partly loaded.
      expect(seen.filter((n) => n > 0 && n < 1_800_000).length).toBeGreaterThanOrEqual(2);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
