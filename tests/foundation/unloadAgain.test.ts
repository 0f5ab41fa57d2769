import { documentName } from "@glossa/protocol";
import type { Extension } from "@hocuspocus/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { call } from "../api/helpers.ts";
import { frames, RawClient, textEdit } from "../security/rawClient.ts";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { holdUnload } from "./unloadGates.ts";

const QUOTE = "insurmountable barriers";

/// The highest clock of `clientId` the server announced to `c` as on disk.
function savedClock(c: RawClient, doc: string, clientId: number): number {
  let best = 0;
  for (const m of c.of(doc, "stateless") as { payload: string }[]) {
    const p = JSON.parse(m.payload) as { type: string; stateVector?: string };
    if (p.type !== "saved" || !p.stateVector) continue;
    const sv = Y.decodeStateVector(Buffer.from(p.stateVector, "base64"));
    best = Math.max(best, sv.get(clientId) ?? 0);
  }
  return best;
}

/// Hocuspocus 4.7 tracks unloads in progress by name: the unload of a new
/// copy of a document, asked for while its old copy's unload hooks still run,
/// is dropped (UnloadAgainExtension asks again). Annotations made on the new
/// copy meanwhile are acknowledged only once on disk.
describe("foundation: a new copy's unload and saves while its old copy unloads", () => {
  let server: TestServer;
  let text: string;
  let annotations: string;
  let writer: TestUser;
  /// Completed journal writes naming each document (counted, not altered).
  const written = new Map<string, number>();

  beforeAll(async () => {
    server = await startTestServer();
    text = documentName(server.letterId);
    annotations = documentName(server.letterId, "annotations");
    writer = await server.addUser("Una Unload", { role: "editor" });
    const store = server.glossa.store;
    const append = store.appendUpdates.bind(store);
    store.appendUpdates = async (rows) => {
      await append(rows);
      for (const r of rows) written.set(r.name, (written.get(r.name) ?? 0) + 1);
    };
  });
  afterAll(async () => {
    await server?.destroy();
  });

  /// Loads the document (and its annotations) on a raw client, types
  /// `mark`, waits for it to be saved.
  async function typeSaved(mark: string): Promise<{ c: RawClient; doc: Y.Doc }> {
    const c = await RawClient.open(server.wsUrl);
    await c.auth(annotations, writer.token);
    await c.load(annotations);
    await c.auth(text, writer.token);
    const doc = await c.load(text);
    c.send(frames.update(text, textEdit(doc, mark)));
    await eventually(() =>
      expect(savedClock(c, text, doc.clientID)).toBe(Y.getState(doc.store, doc.clientID)),
    );
    return { c, doc };
  }

  /// Creates a comment over HTTP; returns whether, when the service
  /// acknowledged it, a journal write of both its documents had completed
  /// since the request began.
  async function annotate(body: string): Promise<boolean> {
    const names = [text, annotations];
    const before = names.map((n) => written.get(n) ?? 0);
    let onDisk: boolean | null = null;
    const seen = () => {
      onDisk = names.every((n, i) => (written.get(n) ?? 0) > before[i]!);
    };
    server.glossa.annotations.onExecuted.add(seen);
    try {
      const res = await call(
        server,
        writer.token,
        "POST",
        `/api/documents/${server.letterId}/annotations`,
        {
          exact: QUOTE,
          kind: "comment",
          body,
        },
      );
      expect(res.status).toBe(201);
    } finally {
      server.glossa.annotations.onExecuted.delete(seen);
    }
    expect(onDisk).not.toBeNull();
    return onDisk!;
  }

  /// The old copies of both documents unload; each held before persistence's
  /// hook while `during` runs.
  async function overlap(during: (newCopy: () => unknown) => Promise<void>): Promise<void> {
    const hp = server.glossa.server.hocuspocus;
    const old = await typeSaved("[old]");
    const gates = [text, annotations].map((n) => holdUnload(hp, n, "glossa-persistence"));
    try {
      old.c.close();
      for (const g of gates) await g.held;
      expect(hp.documents.has(text)).toBe(false);
      await during(() => hp.documents.get(text));
      for (const g of gates) g.release();
      for (const g of gates) await g.finished;
    } finally {
      for (const g of gates) {
        g.release();
        g.remove();
      }
    }
  }

  it("an annotation made on the new copy is acknowledged only once on disk, before and after the old copy's hooks run", async () => {
    let b!: { c: RawClient; doc: Y.Doc };
    await overlap(async () => {
      b = await typeSaved("[new a]");
      expect(await annotate("during the old unload")).toBe(true);
    });
    // Persistence still follows the new copy (its state was not forgotten).
    expect(await annotate("after the old unload")).toBe(true);
    b.c.close();
    await b.c.closed;
    await eventually(() => expect(server.glossa.server.hocuspocus.documents.has(text)).toBe(false));
  }, 60_000);

  it("the new copy, left by its last client while the old copy unloads, unloads once the old unload ends", async () => {
    const hp = server.glossa.server.hocuspocus;
    const asked = () =>
      (
        (hp.configuration.extensions as Extension[]).find(
          (e) => e.extensionName === "glossa-unload-again",
        ) as { asked?: number } | undefined
      )?.asked ?? 0;
    const askedBefore = asked();
    let newCopy: unknown;
    await overlap(async (current) => {
      const b = await typeSaved("[new b]");
      newCopy = current();
      expect(newCopy).toBeDefined();
      b.c.close();
      await b.c.closed;
      // Its edits stored, nobody connected: Hocuspocus asks to unload it
      // (a timer after the store) and drops the request (the name is unloading).
      const copy = newCopy as Parameters<typeof hp.shouldUnloadDocument>[0];
      await eventually(() => expect(hp.shouldUnloadDocument(copy)).toBe(true));
      await new Promise((r) => setTimeout(r, 20));
      expect(current()).toBe(newCopy);
    });
    // Asked again once the old unload ended: unloaded, its hooks run.
    await eventually(() =>
      expect(hp.documents.has(text) || hp.documents.has(annotations)).toBe(false),
    );
    expect((newCopy as { isDestroyed: boolean }).isDestroyed).toBe(true);
    // For the text at least (the annotations copy may have had a store due
    // after the old unload ended: reconciled anchors; then Hocuspocus asks itself).
    expect(asked()).toBeGreaterThanOrEqual(askedBefore + 1);

    server = await server.restart();
    const check = await RawClient.open(server.wsUrl);
    await check.auth(text, writer.token);
    const stored = (await check.load(text)).getXmlFragment("prosemirror").toString();
    for (const t of ["[old]", "[new a]", "[new b]"]) expect(stored).toContain(t);
    check.close();
    const list = await call(
      server,
      writer.token,
      "GET",
      `/api/documents/${server.letterId}/annotations`,
    );
    const bodies = list.json.annotations.map(
      (a: { messages: { body: string }[] }) => a.messages[0]?.body,
    );
    expect(bodies).toEqual(
      expect.arrayContaining(["during the old unload", "after the old unload"]),
    );
  }, 60_000);

  it("the old copy's unload writes its own last edit only, not the new copy's (left to its timer)", async () => {
    const hp = server.glossa.server.hocuspocus;
    const lastEdit = (hp.configuration.extensions as Extension[]).find(
      (e) => e.extensionName === "glossa-last-edit",
    ) as unknown as { throttleMs: number; delay: Map<string, number> };
    // Records an hour apart: none is written by a timer during the test.
    lastEdit.throttleMs = 3_600_000;
    lastEdit.delay.set(server.letterId, 3_600_000);
    const store = server.glossa.store;
    const record = store.recordEdit.bind(store);
    const recorded: string[] = [];
    store.recordEdit = async (id, ...rest) => {
      recorded.push(id);
      return record(id, ...rest);
    };
    const old = await typeSaved("[old c]");
    const gate = holdUnload(hp, text, "glossa-last-edit");
    let b!: { c: RawClient; doc: Y.Doc };
    try {
      old.c.close();
      await gate.held;
      b = await typeSaved("[new c]");
      gate.release();
      await gate.finished;
    } finally {
      gate.release();
      gate.remove();
    }
    // The new copy's edit superseded the old copy's record; nothing written yet.
    expect(recorded).toEqual([]);
    b.c.close();
    await eventually(() => expect(hp.documents.has(text)).toBe(false));
    // Written at the new copy's own unload.
    expect(recorded).toEqual([server.letterId]);
  }, 60_000);
});
