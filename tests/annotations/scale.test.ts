import { annotationRanges, listAnnotations } from "@glossa/annotations";
import { CollabSession, YMapAnnotationStore } from "@glossa/collab";
import { schema } from "@glossa/schema";
import { RECONCILE_MIN_AGE_MS, textSegments } from "@glossa/server";
import type { Node } from "prosemirror-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import { call } from "../api/helpers.ts";
import { letterDoc } from "../bench/lib/letter.ts";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";

const COUNT = 10_000;

/// Mulberry32.
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/// Word-aligned spans of 1–4 words anywhere in `doc`, seeded.
function spans(doc: Node, count: number, seed: number): { from: number; to: number }[] {
  const words: { from: number; to: number; block: number }[] = [];
  let block = 0;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    block++;
    node.forEach((child, offset) => {
      if (!child.isText) return;
      for (const m of child.text!.matchAll(/\S+/g)) {
        const from = pos + 1 + offset + m.index;
        words.push({ from, to: from + m[0].length, block });
      }
    });
    return false;
  });
  const rand = rng(seed);
  const out: { from: number; to: number }[] = [];
  while (out.length < count) {
    const i = Math.floor(rand() * words.length);
    let j = i + Math.floor(rand() * 4);
    while (j > i && words[j]?.block !== words[i]!.block) j--;
    out.push({ from: words[i]!.from, to: words[j]!.to });
  }
  return out;
}

/// A keystroke in a document with 10,000 annotations re-checks only the
/// annotations whose marked text it changed (issue 16): the work is counted
/// through `AnnotationService.onReconciled`, never timed.
describe("annotations at scale", () => {
  let server: TestServer;
  let editor: TestUser;
  let session: CollabSession;
  const checks: string[][] = [];

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.addUser("Eli Editor", { role: "editor" });
    server.glossa.annotations.onReconciled = (docId, ids) => {
      if (docId === server.letterId) checks.push([...ids]);
    };
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it("a keystroke re-checks only the annotations whose text it touched", async () => {
    const service = server.glossa.annotations;
    const owner = { user: { id: "owner", name: "Owner" }, role: "owner" as const };
    const ids = await service.withDocuments(server.letterId, (docs) => {
      // The letter ×10 after the letter, as one update.
      const more = new Y.Doc();
      prosemirrorToYXmlFragment(letterDoc(10).doc, more.getXmlFragment("prosemirror"));
      Y.applyUpdate(docs.text, Y.encodeStateAsUpdate(more));
      const doc = yXmlFragmentToProseMirrorRootNode(docs.fragment, schema);
      const commands = spans(doc, COUNT, 16).map(({ from, to }) => ({
        op: "create" as const,
        kind: "comment",
        from,
        to,
        quote: doc.textBetween(from, to, "\n\n", "\n"),
      }));
      return service.createMany(docs, owner, commands);
    });
    expect(new Set(ids).size).toBe(COUNT);

    // The first reconcile of a document checks every annotation once (the
    // server has no record of an earlier check); it finds nothing to fix.
    await new Promise((r) => setTimeout(r, RECONCILE_MIN_AGE_MS));
    await eventually(
      async () => expect((await service.reconcile(server.letterId)).young).toBe(false),
      120_000,
    );
    expect(new Set(checks.flat()).size).toBe(COUNT);
    const quiet = await service.reconcile(server.letterId);
    expect(checks.at(-1)).toEqual([]);
    expect(quiet.detached).toEqual([]);

    // An editor types one character inside some annotations' words, at a
    // place where no annotation starts or ends.
    session = new CollabSession({
      url: server.wsUrl,
      documentId: server.letterId,
      token: () => editor.token,
      user: { id: editor.id, name: editor.name, color: "#000000" },
      WebSocketPolyfill: WebSocket,
    });
    await eventually(
      () => expect(session.text.isSynced && session.annotations.isSynced).toBe(true),
      120_000,
    );
    const doc = yXmlFragmentToProseMirrorRootNode(session.fragment, schema);
    const ranges = annotationRanges(doc);
    const edges = new Set<number>();
    for (const rs of ranges.values()) for (const r of rs) edges.add(r.from).add(r.to);
    const inside = (pos: number) =>
      [...ranges].filter(([, rs]) => rs.some((r) => r.from < pos && pos < r.to)).map(([id]) => id);
    let pos = Math.floor(doc.content.size / 2);
    while (edges.has(pos) || inside(pos).length === 0 || !doc.resolve(pos).parent.isTextblock)
      pos++;
    const touched = inside(pos).sort();
    expect(touched.length).toBeGreaterThan(0);
    expect(touched.length).toBeLessThan(50);
    const before = checks.length;
    const conversions = () => service.caches.made.get("reconcileConversion") ?? 0;
    const converted = conversions();
    const [segment] = textSegments(session.fragment, pos, pos + 1);
    session.ydoc.transact(() => segment!.text.insert(segment!.index, "x"));

    // The server reconciles after the pause in typing, checking exactly those
    // (a reconcile the new connection sets off checks nothing and may come
    // first: the checks since the keystroke are compared together).
    const since = () => [...new Set(checks.slice(before).flat())].sort();
    await eventually(() => expect(since()).toEqual(touched), 30_000);
    const store = new YMapAnnotationStore(session.annotationsDoc);
    await eventually(() => {
      const all = listAnnotations(store);
      expect(all).toHaveLength(COUNT);
      expect(all.filter((a) => a.detached)).toEqual([]);
    });
    expect(since()).toEqual(touched);
    // Their marks' text and place came from the anchor index: the reconcile
    // never converted the whole document to ProseMirror (issue 16: that
    // conversion, once per slice, stalled the loop 0.3 s at 10,000).
    expect(conversions()).toBe(converted);
    // Typing inside the words kept every mark (none trimmed, none moved).
    const after = yXmlFragmentToProseMirrorRootNode(session.fragment, schema);
    expect(annotationRanges(after).size).toBe(ranges.size);
    session.destroy();
  }, 300_000);

  it("lists 10,000 annotations a page at a time, each once, oldest first", async () => {
    const path = `/api/documents/${server.letterId}/annotations`;
    const seen: string[] = [];
    const created: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const res = await call(server, server.ownerToken, "GET", `${path}?limit=1000${query}`);
      expect(res.status).toBe(200);
      expect(res.json.annotations.length).toBeLessThanOrEqual(1000);
      for (const a of res.json.annotations) {
        seen.push(a.id);
        created.push(a.createdAt);
        // The annotations typed into are "moved-suspicious" (text ≠ quote).
        expect(a.anchor.status).not.toBe("detached");
      }
      cursor = res.json.next;
    } while (cursor);
    expect(seen).toHaveLength(COUNT);
    expect(new Set(seen).size).toBe(COUNT);
    expect([...created].sort()).toEqual(created);
    const bad = await call(server, server.ownerToken, "GET", `${path}?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect((await call(server, server.ownerToken, "GET", `${path}?limit=0`)).status).toBe(400);
    expect((await call(server, server.ownerToken, "GET", `${path}?limit=5000`)).status).toBe(400);
  }, 300_000);
});
