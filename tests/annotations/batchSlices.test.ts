import { annotationRanges } from "@glossa/annotations";
import { documentName } from "@glossa/protocol";
import { quoteBetween } from "@glossa/schema";
import {
  BATCH_SLICE,
  type BatchPhase,
  batchSteps,
  TEXT_FIELD,
  textSegments,
  ydocToPm,
} from "@glossa/server";
import type { Node } from "prosemirror-model";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { call } from "../api/helpers.ts";
import { letterDoc } from "../bench/lib/letter.ts";
import { startTestServer, type TestServer } from "../utils/server.ts";

const N = 2_000;

/// Word spans of `doc`, in order.
function words(doc: Node): { from: number; to: number; quote: string }[] {
  const out: { from: number; to: number; quote: string }[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const m of node.text!.matchAll(/\S+/g))
      out.push({ from: pos + m.index, to: pos + m.index + m[0].length, quote: m[0] });
    return false;
  });
  return out;
}

/// Counts the items of each batch phase per turn of the event loop (a
/// setImmediate ticker numbers the turns): work counted, never timed.
function perTurn() {
  let turn = 0;
  let on = true;
  const tick = () => {
    turn++;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  const counts = new Map<string, number>();
  const slices: { phase: BatchPhase; items: number; turn: number }[] = [];
  const hooks = batchSteps ?? { onSlice: null };
  hooks.onSlice = (phase, items) => {
    slices.push({ phase, items, turn });
    counts.set(`${phase}@${turn}`, (counts.get(`${phase}@${turn}`) ?? 0) + items);
  };
  return {
    slices,
    stop() {
      on = false;
      hooks.onSlice = null;
    },
    /// Items of `phase` per turn that had some.
    of: (phase: BatchPhase) =>
      [...counts].filter(([k]) => k.startsWith(`${phase}@`)).map(([, n]) => n),
  };
}

/// Issue 16: a batch of annotations (the API's batch, the W3C import) on a
/// live document is written a slice per turn of the event loop, every
/// annotation on its own words even when people type meanwhile, and a
/// refusal changes nothing.
describe("batches of annotations on a live document", () => {
  let server: TestServer;
  const owner = { user: { id: "owner", name: "Owner" }, role: "owner" as const };
  const service = () => server.glossa.annotations;
  const live = (id: string) => server.glossa.server.hocuspocus.documents.get(documentName(id))!;

  /// A new document holding the letter ×10, kept open (as someone would).
  async function letter(): Promise<{ id: string; close: () => Promise<void> }> {
    const g = server.glossa;
    const user = (await g.store.listUsers())[0]!;
    const l = letterDoc(10);
    const id = (await g.documents.create(l.title, l.doc, user.id)).id;
    const hp = g.server.hocuspocus;
    const text = await hp.openDirectConnection(documentName(id), { system: true });
    const ann = await hp.openDirectConnection(documentName(id, "annotations"), { system: true });
    return {
      id,
      close: async () => void (await Promise.all([text.disconnect(), ann.disconnect()])),
    };
  }

  /// Creations on every other word of `id`'s text.
  async function commands(id: string, count: number) {
    return service().withDocuments(id, ({ text }) =>
      words(ydocToPm(text))
        .filter((_, i) => i % 2 === 0)
        .slice(0, count)
        .map((w) => ({ op: "create" as const, kind: "comment", ...w })),
    );
  }

  /// Each annotation's marked text in `id` (all its ranges, joined), and its records.
  async function marksOf(id: string) {
    return service().withDocuments(id, ({ text, store }) => {
      const doc = ydocToPm(text);
      const marked = new Map<string, string>();
      for (const [aid, ranges] of annotationRanges(doc))
        marked.set(aid, ranges.map((r) => quoteBetween(doc, r.from, r.to)).join(""));
      const heads = [...store.ymap.keys()].filter((k) => !k.includes("/"));
      const detached = new Map<string, unknown>();
      for (const k of store.ymap.keys())
        if (k.endsWith("/detached")) detached.set(k.split("/")[0]!, store.ymap.get(k));
      return { marked, heads, detached };
    });
  }

  /// Changes the live text of `id` as a client's update would: made on a
  /// replica (`edit`, given the replica's fragment) and applied as a diff.
  function remoteEdit(id: string, edit: (fragment: Y.XmlFragment) => void): void {
    const doc = live(id);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(replica);
    replica.transact(() => edit(replica.getXmlFragment(TEXT_FIELD)));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(replica, before), "remote-client");
  }

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => {
    if (batchSteps) batchSteps.onSlice = null;
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it(`writes a batch of ${N} over many turns, at most BATCH_SLICE.max per turn`, async () => {
    const { id, close } = await letter();
    try {
      const batch = await commands(id, N);
      // Annotations written per turn, seen in the annotations document itself.
      const ymap = await service().withDocuments(id, ({ store }) => store.ymap);
      const written = new Map<number, number>();
      let turn = 0;
      const observer = (e: Y.YMapEvent<unknown>) => {
        const heads = [...e.keysChanged].filter((k) => !k.includes("/")).length;
        if (heads) written.set(turn, (written.get(turn) ?? 0) + heads);
      };
      ymap.observe(observer);
      const turns = perTurn();
      let on = true;
      const tick = () => {
        turn++;
        if (on) setImmediate(tick);
      };
      setImmediate(tick);
      let ids: string[];
      try {
        ids = await service().withDocuments(id, (docs) => service().createMany(docs, owner, batch));
      } finally {
        on = false;
        ymap.unobserve(observer);
        turns.stop();
      }
      // Before: all 2,000 in one synchronous step.
      const perTurnWritten = [...written.values()];
      expect(perTurnWritten.reduce((a, b) => a + b, 0)).toBe(N);
      expect(perTurnWritten.length).toBeGreaterThan(1);
      expect(Math.max(...perTurnWritten)).toBeLessThanOrEqual(BATCH_SLICE.max);
      expect(Math.max(...turns.of("write"), ...turns.of("locate"))).toBeLessThanOrEqual(
        BATCH_SLICE.max,
      );
      // Everything located before the first write (a refusal changes nothing).
      const firstWrite = turns.slices.findIndex((s) => s.phase === "write");
      expect(turns.slices.slice(firstWrite).every((s) => s.phase === "write")).toBe(true);
      const { marked, heads } = await marksOf(id);
      expect(heads).toHaveLength(N);
      for (const [i, c] of batch.entries()) expect(marked.get(ids[i]!)).toBe(c.quote);
    } finally {
      await close();
    }
  }, 120_000);

  it("keeps every annotation on its own words when the text changes between slices; one whose words went is detached", async () => {
    const { id, close } = await letter();
    const batch = await commands(id, N);
    // Not yet written when the edit comes (after the first write slice).
    const deleted = N - 10;
    const changed = N - 20;
    let edited = false;
    batchSteps.onSlice = (phase) => {
      if (phase !== "write" || edited) return;
      edited = true;
      // Between this slice and the next, as a client's message would come.
      setImmediate(() =>
        remoteEdit(id, (fragment) => {
          const gone = batch[deleted]!;
          const d = textSegments(fragment, gone.from, gone.to);
          for (const s of d.reverse()) s.text.delete(s.index, s.length);
          const c = batch[changed]!;
          const [m] = textSegments(fragment, c.from, c.to);
          m!.text.insert(m!.index + 1, "zz", {});
          // Everything after the first words moves.
          const [first] = textSegments(fragment, batch[0]!.to, batch[0]!.to + 1);
          first!.text.insert(first!.index, " and typed words", {});
        }),
      );
    };
    const ids = await service().withDocuments(id, (docs) =>
      service().createMany(docs, owner, batch),
    );
    expect(edited).toBe(true);
    const { marked, heads, detached } = await marksOf(id);
    // Every annotation created, none dropped.
    expect(heads).toHaveLength(N);
    const off = new Set([ids[deleted]!, ids[changed]!]);
    for (const [i, c] of batch.entries()) {
      if (off.has(ids[i]!)) continue;
      expect(marked.get(ids[i]!), `annotation ${i} on “${c.quote}”`).toBe(c.quote);
      expect(detached.get(ids[i]!) ?? null).toBeNull();
    }
    for (const aid of off) {
      expect(marked.has(aid)).toBe(false);
      expect(detached.get(aid)).toMatchObject({ detached: { reason: "text-changed" } });
    }
    await close();
  }, 120_000);

  it("a refusal in the last item of a large batch changes nothing", async () => {
    const { id, close } = await letter();
    const batch = await commands(id, N);
    const stateOf = () =>
      service().withDocuments(id, ({ text, store }) => ({
        text: Y.encodeStateVector(text),
        annotations: Y.encodeStateVector(store.ymap.doc!),
      }));
    const before = await stateOf();
    for (const last of [
      { ...batch[N - 1]!, kind: "nonsense" },
      { ...batch[N - 1]!, from: 0, to: 0, quote: "words in no letter" },
      { ...batch[N - 1]!, body: "x".repeat(100_000) },
    ]) {
      const refused = service().withDocuments(id, (docs) =>
        service().createMany(docs, owner, [...batch.slice(0, N - 1), last]),
      );
      await expect(refused).rejects.toMatchObject({ status: expect.any(Number) });
      // Before: the first 1,999 records were written by the time the last was refused.
      expect(await stateOf()).toEqual(before);
    }
    await close();
  }, 120_000);

  it("imports a W3C collection into a live document over many turns, each annotation on its words; one whose words went is detached", async () => {
    const source = await letter();
    const batch = await commands(source.id, N);
    await service().withDocuments(source.id, (docs) => service().createMany(docs, owner, batch));
    const w3c = await call(
      server,
      server.ownerToken,
      "GET",
      `/api/documents/${source.id}/annotations?format=w3c`,
    );
    expect(w3c.status).toBe(200);
    const target = await letter();
    const deleted = batch[N - 10]!;
    let edited = false;
    const turns = perTurn();
    const hook = batchSteps.onSlice!;
    batchSteps.onSlice = (phase, items) => {
      hook(phase, items);
      if (phase !== "write" || edited) return;
      edited = true;
      setImmediate(() =>
        remoteEdit(target.id, (fragment) => {
          for (const s of textSegments(fragment, deleted.from, deleted.to).reverse())
            s.text.delete(s.index, s.length);
          const [first] = textSegments(fragment, batch[0]!.to, batch[0]!.to + 1);
          first!.text.insert(first!.index, " and typed words", {});
        }),
      );
    };
    let res: Awaited<ReturnType<typeof call>>;
    try {
      res = await call(
        server,
        server.ownerToken,
        "POST",
        `/api/documents/${target.id}/annotations/import`,
        w3c.json,
        { "Content-Type": "application/ld+json" },
      );
    } finally {
      turns.stop();
    }
    expect(res.status).toBe(200);
    const writes = turns.of("write");
    expect(writes.reduce((a, b) => a + b, 0)).toBe(N);
    expect(writes.length).toBeGreaterThan(1);
    expect(Math.max(...writes, ...turns.of("locate"))).toBeLessThanOrEqual(BATCH_SLICE.max);
    expect(edited).toBe(true);
    expect(res.json.placed).toHaveLength(N - 1);
    expect(res.json.unplaced).toEqual([
      expect.objectContaining({ quote: deleted.quote, reason: "changed" }),
    ]);
    const { marked, heads, detached } = await marksOf(target.id);
    expect(heads).toHaveLength(N);
    for (const p of res.json.placed) expect(marked.get(p.id)).toBe(p.quote);
    const gone = res.json.unplaced[0].id;
    expect(marked.has(gone)).toBe(false);
    expect(detached.get(gone)).toMatchObject({ detached: { reason: "text-changed" } });
    await source.close();
    await target.close();
  }, 180_000);
});
