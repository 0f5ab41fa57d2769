import { anchorStatus, annotationRanges } from "@glossa/annotations";
import { documentName } from "@glossa/protocol";
import { DocumentText, schema } from "@glossa/schema";
import { RECONCILE_MIN_AGE_MS, TEXT_FIELD, textSegments, ydocToPm } from "@glossa/server";
import type { Node } from "prosemirror-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import { call } from "../api/helpers.ts";
import { letterDoc } from "../bench/lib/letter.ts";
import { eventually, startTestServer, type TestServer } from "../utils/server.ts";

const OWNER = { user: { id: "owner", name: "Owner" }, role: "owner" as const };
/// Requests made at each size.
const REQUESTS = 5;

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

/// The work of annotation requests does not grow with the number of
/// annotations (issue 16): creating one, reading one and listing a page
/// convert the document to ProseMirror at most once between edits of its
/// text, never re-index the records, and re-read only the texts they
/// changed. Counted through `AnnotationService.caches.made` and the anchor
/// index's `textsRead`, never timed.
describe("work per annotation request", () => {
  let server: TestServer;

  /// Someone has the document open throughout, as in real use: otherwise
  /// it may unload between two requests when the machine is slow, and a
  /// reload's conversion would be counted as the work of a request.
  let holder: { disconnect(): Promise<void> } | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    const hp = server.glossa.server.hocuspocus;
    const text = await hp.openDirectConnection(documentName(server.letterId), { system: true });
    const ann = await hp.openDirectConnection(documentName(server.letterId, "annotations"), {
      system: true,
    });
    holder = {
      disconnect: async () => void (await Promise.all([text.disconnect(), ann.disconnect()])),
    };
    await server.glossa.annotations.withDocuments(server.letterId, ({ text, fragment }) => {
      text.transact(() => fragment.delete(0, fragment.length));
      const more = new Y.Doc();
      prosemirrorToYXmlFragment(letterDoc(10).doc, more.getXmlFragment(TEXT_FIELD));
      Y.applyUpdate(text, Y.encodeStateAsUpdate(more));
    });
  });
  afterAll(async () => {
    await holder?.disconnect();
    await server?.destroy();
  });

  /// Brings the document to `count` annotations, lets the first reconcile
  /// check them all, then counts the work of REQUESTS creations, reads and
  /// list pages.
  async function workAt(count: number, have: number) {
    const service = server.glossa.annotations;
    const all = await service.withDocuments(server.letterId, async (docs) => {
      const spans = words(yXmlFragmentToProseMirrorRootNode(docs.fragment, schema));
      const commands = spans
        .filter((_, i) => i % 3 === 0)
        .slice(have, count)
        .map((w) => ({ op: "create" as const, kind: "comment", ...w }));
      await service.createMany(docs, OWNER, commands);
      return spans;
    });
    await new Promise((r) => setTimeout(r, RECONCILE_MIN_AGE_MS));
    await eventually(
      async () => expect((await service.reconcile(server.letterId)).young).toBe(false),
      120_000,
    );
    const index = await service.withDocuments(server.letterId, (d) =>
      service.anchorIndex(d.text, d.fragment, d.store.ymap),
    );
    const made = new Map(service.caches.made);
    const read = index.textsRead;
    const path = `/api/documents/${server.letterId}/annotations`;
    for (let i = 0; i < REQUESTS; i++) {
      // Words no annotation holds yet (every third one is taken).
      const w = all[3 * (count + i) + 1]!;
      const { id } = await service.execute(server.letterId, OWNER, {
        op: "create",
        kind: "comment",
        ...w,
      });
      const one = await call(server, server.ownerToken, "GET", `${path}/${id}`);
      expect(one.status).toBe(200);
      expect(one.json.anchor).toMatchObject({ status: "attached", text: w.quote });
      expect(one.json.anchor.ranges).toEqual([{ from: w.from, to: w.to }]);
      const page = await call(server, server.ownerToken, "GET", `${path}?limit=100`);
      expect(page.json.annotations).toHaveLength(100);
    }
    const delta = (name: string) => (service.caches.made.get(name) ?? 0) - (made.get(name) ?? 0);
    return {
      conversions: delta("pm"),
      recordIndexes: delta("recordKeys"),
      layouts: delta("layout"),
      textsRead: index.textsRead - read,
    };
  }

  it("stays the same from 100 to 2,000 annotations", async () => {
    const small = await workAt(100, 0);
    const large = await workAt(2_000, 100 + REQUESTS);
    for (const work of [small, large]) {
      // The text itself never changed: the conversion made for the first
      // batch serves every later one (marks alone do not invalidate it).
      expect(work.conversions).toBe(0);
      expect(work.recordIndexes).toBe(0);
      // One layout per change of the document (each creation), structure only.
      expect(work.layouts).toBeLessThanOrEqual(2 * REQUESTS);
      // Each creation marks one word: its text is read again, nothing else.
      expect(work.textsRead).toBeLessThanOrEqual(2 * REQUESTS);
    }
    expect(large).toEqual(small);
  }, 300_000);

  it("places every mark where a full conversion of the document does", async () => {
    const service = server.glossa.annotations;
    // Typing inside some marked words and deleting across others, so that
    // places and texts moved; then the reconcile settles.
    await service.withDocuments(server.letterId, ({ text, fragment }) => {
      const doc = yXmlFragmentToProseMirrorRootNode(fragment, schema);
      const ranges = [...annotationRanges(doc).values()]
        .flat()
        .filter((r) => r.to - r.from >= 4)
        .sort((a, b) => b.from - a.from)
        .filter((_, i) => i % 200 === 0);
      text.transact(() => {
        for (const [i, r] of ranges.entries()) {
          const [seg] = textSegments(fragment, r.from + 1, r.from + 2);
          if (i % 2) seg!.text.insert(seg!.index, "zz");
          else seg!.text.delete(seg!.index, 2);
        }
      });
    });
    await service.reconcile(server.letterId);
    await service.reconcile(server.letterId);
    const path = `/api/documents/${server.letterId}/annotations`;
    const listed: {
      id: string;
      anchor: { status: string; text: string; ranges: unknown; block: unknown; paragraph: unknown };
    }[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const res = await call(server, server.ownerToken, "GET", `${path}?limit=1000${q}`);
      listed.push(...res.json.annotations);
      cursor = res.json.next;
    } while (cursor);
    expect(listed.length).toBeGreaterThan(2_000);
    const doc = await service.withDocuments(server.letterId, ({ text }) => ydocToPm(text));
    const paragraphs = new DocumentText(doc);
    let moved = 0;
    for (const a of listed) {
      const report = anchorStatus(doc, a as never);
      const first = report.ranges[0];
      const block = first ? paragraphs.blockAtPos(first.from) : undefined;
      if (report.status !== "attached") moved++;
      expect(a.anchor).toEqual({
        status: report.status,
        text: report.text,
        ranges: report.ranges.map((r) => ({ from: r.from, to: r.to })),
        remnant: report.remnant,
        block: first ? (block?.index ?? 0) : null,
        paragraph: first ? (block?.paragraph ?? null) : null,
      });
    }
    expect(moved).toBeGreaterThan(0);
  }, 300_000);
});
