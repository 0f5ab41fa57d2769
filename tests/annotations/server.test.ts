import { annotationIdsInDoc, findAnnotationRanges, listAnnotations } from "@glossa/annotations";
import { CollabSession, YMapAnnotationStore } from "@glossa/collab";
import { schema } from "@glossa/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";

const QUOTE = "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)";

/// Annotation operations sent over the websocket by an annotator and an
/// editor, carried out by the server into both documents.
describe("annotations through the server", () => {
  let server: TestServer;
  let annotator: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  const sessions: CollabSession[] = [];

  const open = async (user: TestUser) => {
    const s = new CollabSession({
      url: server.wsUrl,
      documentId: server.letterId,
      token: () => user.token,
      user: { id: user.id, name: user.name, color: "#000000" },
      WebSocketPolyfill: WebSocket,
    });
    sessions.push(s);
    await eventually(() => expect(s.text.isSynced && s.annotations.isSynced).toBe(true));
    return s;
  };
  const pmDoc = (s: CollabSession) => yXmlFragmentToProseMirrorRootNode(s.fragment, schema);
  const rangeOf = (s: CollabSession, text: string) => {
    const doc = pmDoc(s);
    let found: { from: number; to: number } | null = null;
    doc.descendants((node, pos) => {
      if (found || !node.isTextblock) return !found;
      const i = node.textContent.indexOf(text);
      if (i >= 0) found = { from: pos + 1 + i, to: pos + 1 + i + text.length };
      return false;
    });
    return found!;
  };

  beforeAll(async () => {
    server = await startTestServer();
    annotator = await server.addUser("Ana Annotator", { role: "annotator" });
    editor = await server.addUser("Eli Editor", { role: "editor" });
    viewer = await server.addUser("Vera Viewer", { role: "viewer" });
  });
  afterAll(async () => {
    for (const s of sessions) s.destroy();
    await server?.destroy();
  });

  it("an annotator creates a claim: the body and the mark reach every client", async () => {
    const a = await open(annotator);
    const e = await open(editor);
    const { from, to } = rangeOf(a, QUOTE);
    const { id } = await a.annotate({
      op: "create",
      kind: "claim",
      from,
      to,
      quote: QUOTE,
      body: "Cite 8 U.S.C. § 1225(b)(2)(C) too.",
    });
    for (const s of [a, e]) {
      await eventually(() => {
        const doc = pmDoc(s);
        const ranges = findAnnotationRanges(doc, id);
        expect(ranges).toHaveLength(1);
        expect(doc.textBetween(ranges[0]!.from, ranges[0]!.to)).toBe(QUOTE);
        const [ann] = listAnnotations(new YMapAnnotationStore(s.annotationsDoc));
        expect(ann?.kind).toBe("claim");
        expect(ann?.author.name).toBe("Ana Annotator");
        expect(ann?.messages[0]?.body).toBe("Cite 8 U.S.C. § 1225(b)(2)(C) too.");
      });
    }
    await e.annotate({ op: "reply", id, body: "Agreed — adding it. @Ana Annotator please check." });
    await a.annotate({ op: "resolve", id });
    await eventually(() => {
      const [ann] = listAnnotations(new YMapAnnotationStore(a.annotationsDoc));
      expect(ann?.messages.map((m) => m.author.name)).toEqual(["Ana Annotator", "Eli Editor"]);
      expect(ann?.resolved?.by.name).toBe("Ana Annotator");
      // @mentions resolve against the people who share the document.
      expect(ann?.messages[1]?.mentions).toEqual([annotator.id]);
    });
  });

  it("refuses a link to an unknown source over the websocket, as the API does", async () => {
    const a = sessions[0]!;
    const { from, to } = rangeOf(a, "complementary protection");
    const { id } = await a.annotate({
      op: "create",
      kind: "claim",
      from,
      to,
      quote: "complementary protection",
    });
    await expect(
      a.annotate({ op: "link", id, key: "no/such/source", relation: "supports" }),
    ).rejects.toThrow(/neither in the catalog/);
    await a.annotate({ op: "link", id, key: "mx/LRPCAP/art-28", relation: "supports" });
  });

  it("refuses a quote that is not there, an ambiguous one, and a viewer", async () => {
    const a = sessions[0]!;
    await expect(
      a.annotate({
        op: "create",
        kind: "comment",
        from: 1,
        to: 5,
        quote: "not in the letter at all",
      }),
    ).rejects.toThrow(/not in the document/);
    await expect(
      a.annotate({ op: "create", kind: "comment", from: 0, to: 0, quote: "Mexico" }),
    ).rejects.toThrow(/appears \d+ times/);
    const v = await open(viewer);
    const { from, to } = rangeOf(v, "due process");
    await expect(
      v.annotate({ op: "create", kind: "comment", from, to, quote: "due process" }),
    ).rejects.toThrow(/not allow|annotat/i);
  });

  it("an annotator's stale positions are corrected by quote and context", async () => {
    const [a, e] = sessions as [CollabSession, CollabSession];
    const { from, to } = rangeOf(a, "family unity");
    // Positions from before an edit elsewhere; the server finds the words.
    const { id } = await a.annotate({
      op: "create",
      kind: "question",
      from: from - 3,
      to: to - 3,
      quote: "family unity",
      prefix: "disrupt the right to ",
    });
    await eventually(() => {
      const doc = pmDoc(e);
      const [r] = findAnnotationRanges(doc, id);
      expect(doc.textBetween(r!.from, r!.to)).toBe("family unity");
    });
  });

  it("deleting the annotated text detaches the annotation; it is kept with its quote", async () => {
    const e = sessions[1]!;
    const { from, to } = rangeOf(e, "non-refoulement");
    const { id } = await e.annotate({
      op: "create",
      kind: "comment",
      from,
      to,
      quote: "non-refoulement",
      body: "Which instrument?",
    });
    await eventually(() => expect(annotationIdsInDoc(pmDoc(e))).toContain(id));
    // The editor deletes the words (a real Yjs edit through the provider).
    const r = rangeOf(e, "non-refoulement");
    const doc = pmDoc(e);
    let offset = 0;
    let block = -1;
    doc.forEach((node, pos, i) => {
      if (r.from > pos && r.from < pos + node.nodeSize) {
        block = i;
        offset = r.from - pos - 1;
      }
    });
    const ytext = (e.fragment.get(block) as Y.XmlElement).get(0) as Y.XmlText;
    ytext.delete(offset, "non-refoulement".length);
    await eventually(() => {
      const ann = listAnnotations(new YMapAnnotationStore(e.annotationsDoc)).find(
        (x) => x.id === id,
      );
      expect(ann?.detached?.reason).toBe("deleted");
      expect(ann?.selector.quote.exact).toBe("non-refoulement");
    }, 15_000);
  });

  it("takes its mark off words typed at its edge by an editor who had not seen it (ADR 0003)", async () => {
    const e = sessions[1]!;
    // A copy of the editor's document from before the annotation: its
    // edits are concurrent with the mark. Client id 1 orders them first.
    const offline = new Y.Doc();
    offline.clientID = 1;
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(e.ydoc));
    const quote = "humanitarian visas";
    const { from, to } = rangeOf(e, quote);
    const { id } = await e.annotate({ op: "create", kind: "claim", from, to, quote });
    await eventually(() => expect(annotationIdsInDoc(pmDoc(e))).toContain(id));
    // The copy types right after "visas", where the mark ends.
    const blockOf = (doc: ReturnType<typeof pmDoc>, pos: number) => {
      let out = { block: -1, offset: 0 };
      doc.forEach((node, start, i) => {
        if (pos > start && pos < start + node.nodeSize) out = { block: i, offset: pos - start - 1 };
      });
      return out;
    };
    const at = blockOf(pmDoc(e), to);
    const ytext = (offline.getXmlFragment("prosemirror").get(at.block) as Y.XmlElement).get(
      0,
    ) as Y.XmlText;
    const before = Y.encodeStateVector(offline);
    ytext.insert(at.offset, " (and parole)");
    Y.applyUpdate(e.ydoc, Y.encodeStateAsUpdate(offline, before));
    // Merged, the typed words sit inside the mark…
    const marked = () => {
      const doc = pmDoc(e);
      return findAnnotationRanges(doc, id).map((r) => doc.textBetween(r.from, r.to));
    };
    expect(marked()).toEqual([`${quote} (and parole)`]);
    // …until the server reconciles: the mark is back on the words it was
    // made on, for everyone, and the annotation's history says why.
    await eventually(() => expect(marked()).toEqual([quote]), 15_000);
    const ann = listAnnotations(new YMapAnnotationStore(e.annotationsDoc)).find(
      (x) => x.id === id,
    )!;
    expect(ann.detached).toBeNull();
    const trimmed = ann.audit.find((e) => e.action === "trimmed");
    expect(trimmed).toMatchObject({ who: null });
    expect(trimmed!.detail).toContain("(and parole)");
  });

  it("records the identity of annotated text on create and forgets it on delete", async () => {
    const e = sessions[1]!;
    const quote = "complementary protection";
    const { from, to } = rangeOf(e, quote);
    const { id } = await e.annotate({ op: "create", kind: "comment", from, to, quote });
    const items = () => e.annotationsDoc.getMap<{ chars: number[] }>("anchorItems").get(id);
    await eventually(() =>
      expect(items()?.chars.reduce((n, v, i) => (i % 3 === 2 ? n + v : n), 0)).toBe(quote.length),
    );
    await e.annotate({ op: "delete", id });
    await eventually(() => expect(items()).toBeUndefined());
  });
});
