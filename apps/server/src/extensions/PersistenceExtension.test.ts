import type { Document } from "@hocuspocus/server";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Store } from "../storage/index.ts";
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
