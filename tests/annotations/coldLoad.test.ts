import { documentName } from "@glossa/protocol";
import { schema } from "@glossa/schema";
import { LOAD_STEP, type LoadWork, loadSteps, ydocFromParts } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import { call } from "../api/helpers.ts";
import { letterDoc } from "../bench/lib/letter.ts";
import { eventually, startTestServer, type TestServer } from "../utils/server.ts";

const COUNT = 10_000;

/// Issue 16: listing the annotations of the letter ×10 with 10,000
/// annotations after it was unloaded loads it again, and that load was one
/// synchronous step of ~2 s (every other document frozen meanwhile). Each
/// step of the load now reports its work (`loadSteps`); a task that runs
/// once per turn of the event loop numbers the turns, and the work of each
/// turn is added up: counted, never timed.
describe("annotations: a large document loads a step per turn", () => {
  let server: TestServer;
  const path = () => `/api/documents/${server.letterId}/annotations?limit=500`;

  beforeAll(async () => {
    server = await startTestServer();
    const owner = { user: { id: "owner", name: "Owner" }, role: "owner" as const };
    const service = server.glossa.annotations;
    await service.withDocuments(server.letterId, (docs) => {
      const more = new Y.Doc();
      prosemirrorToYXmlFragment(letterDoc(10).doc, more.getXmlFragment("prosemirror"));
      Y.applyUpdate(docs.text, Y.encodeStateAsUpdate(more));
      const doc = yXmlFragmentToProseMirrorRootNode(docs.fragment, schema);
      const words: { from: number; to: number }[] = [];
      doc.descendants((node, pos) => {
        if (!node.isText) return true;
        for (const m of node.text!.matchAll(/\S+/g))
          words.push({ from: pos + m.index, to: pos + m.index + m[0].length });
        return false;
      });
      let s = 7;
      const commands = Array.from({ length: COUNT }, () => {
        s = (s * 16807) % 2147483647;
        const w = words[s % words.length]!;
        const quote = doc.textBetween(w.from, w.to);
        return { op: "create" as const, kind: "comment", ...w, quote };
      });
      return service.createMany(docs, owner, commands);
    });
  }, 300_000);
  afterAll(async () => {
    loadSteps.onStep = null;
    await server?.destroy();
  });

  const loaded = () => server.glossa.server.hocuspocus.getDocumentsCount();

  it("lists the first page after an unload with no turn holding more than one step, the same page as before", async () => {
    const hp = server.glossa.server.hocuspocus;
    const names = [documentName(server.letterId), documentName(server.letterId, "annotations")];
    // The page while the documents are loaded as they were made.
    const held = await Promise.all(names.map((n) => hp.openDirectConnection(n, { system: true })));
    const before = await call(server, server.ownerToken, "GET", path());
    expect(before.status).toBe(200);
    expect(before.json.annotations).toHaveLength(500);
    const made = held.map((c) => c.document!);
    const content = (text: Y.Doc, notes: Y.Doc) => ({
      text: text.getXmlFragment("prosemirror").toString(),
      blocks: text.getXmlFragment("prosemirror").length,
      records: notes.getMap("annotations").toJSON(),
      vectors: [Y.encodeStateVector(text), Y.encodeStateVector(notes)],
    });
    const was = content(made[0]!, made[1]!);
    for (const c of held) await c.disconnect();
    await eventually(() => expect(loaded()).toBe(0), 60_000);

    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const steps: { kind: LoadWork; units: number; turn: number }[] = [];
    loadSteps.onStep = (kind, units) => steps.push({ kind, units, turn });
    let cold: Awaited<ReturnType<typeof call>>;
    try {
      cold = await call(server, server.ownerToken, "GET", path());
    } finally {
      ticking = false;
      loadSteps.onStep = null;
    }
    expect(cold.status).toBe(200);
    // Provably the same answer: the page, and the documents' content.
    expect(cold.json).toEqual(before.json);
    const again = await Promise.all(names.map((n) => hp.openDirectConnection(n, { system: true })));
    expect(content(again[0]!.document!, again[1]!.document!)).toEqual(was);
    // A whole load (every stored part applied at once) gives the same too.
    const parts = await Promise.all(names.map((n) => server.glossa.store.loadParts(n)));
    expect(content(ydocFromParts(parts[0]!), ydocFromParts(parts[1]!))).toEqual(was);
    for (const c of again) await c.disconnect();

    // The work was seen: both documents applied in slices, every top-level
    // block checked, every record key indexed.
    const total = (kind: LoadWork) =>
      steps.filter((s) => s.kind === kind).reduce((n, s) => n + s.units, 0);
    // (~31,000 structs in the text, 30,000 in the annotations.)
    expect(total("slice")).toBeGreaterThanOrEqual(6 * COUNT);
    expect(steps.filter((s) => s.kind === "slice").length).toBeGreaterThanOrEqual(30);
    expect(total("blocks")).toBe(was.blocks);
    expect(total("keys")).toBe(Object.keys(was.records).length);
    expect(Object.keys(was.records).length).toBeGreaterThanOrEqual(2 * COUNT);

    // No turn of the event loop held more than one step, nor a step more
    // than its share.
    const perTurn = new Map<number, typeof steps>();
    for (const s of steps) perTurn.set(s.turn, [...(perTurn.get(s.turn) ?? []), s]);
    const crowded = [...perTurn.values()].filter((t) => t.length > 1);
    expect(crowded).toEqual([]);
    const limit: Record<LoadWork, number> = {
      parts: LOAD_STEP.groupBytes,
      slice: Math.max(LOAD_STEP.structs, LOAD_STEP.ranges),
      order: 1,
      whole: LOAD_STEP.wholeStructs + LOAD_STEP.ranges,
      blocks: LOAD_STEP.blocks,
      keys: LOAD_STEP.keys,
    };
    expect(steps.filter((s) => s.units > limit[s.kind])).toEqual([]);
    expect(perTurn.size).toBeGreaterThanOrEqual(50);
  }, 300_000);
});
