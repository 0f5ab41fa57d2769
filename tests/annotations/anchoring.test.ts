import {
  annotationRanges,
  createAnnotation,
  listAnnotations,
  selectorFor,
  systemAuth,
} from "@glossa/annotations";
import { YMapAnnotationStore } from "@glossa/collab/store";
import { schema } from "@glossa/schema";
import { addAnnotationFormat, anchorItemsMap, verifyAnchors } from "@glossa/server";
import type { Node } from "prosemirror-model";
import { Transform } from "prosemirror-transform";
import { describe, expect, it } from "vitest";
import {
  prosemirrorToYXmlFragment,
  updateYFragment,
  ySyncPluginKey,
  yXmlFragmentToProseMirrorRootNode,
} from "y-prosemirror";
import * as Y from "yjs";

// The minimal reproductions of docs/decisions/0003-annotation-anchoring.md.

const replica = (clientID: number) => {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
};
const exchange = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe("Yjs formatting and concurrent replacement (ADR 0003)", () => {
  // Text replaced at the end of a formatted span lands inside the span's
  // formatting when the replacing client's id is the lower one.
  for (const [inserter, formatter, expected] of [
    [
      1,
      2,
      [
        { insert: "one " },
        { insert: "new words", attributes: { ann: { id: "A" } } },
        { insert: " two" },
      ],
    ],
    // the mark is on no text at all (the annotation becomes detached)
    [2, 1, [{ insert: "one " }, { insert: "new words two" }]],
  ] as const) {
    it(`replacing "XY" (client ${inserter}) while "XY" is formatted (client ${formatter})`, () => {
      const a = replica(inserter);
      const b = replica(formatter);
      a.getText("t").insert(0, "one XY two");
      exchange(a, b);
      a.getText("t").delete(4, 2);
      a.getText("t").insert(4, "new words");
      b.getText("t").format(4, 2, { ann: { id: "A" } });
      exchange(a, b);
      expect(a.getText("t").toDelta()).toEqual(expected);
      expect(b.getText("t").toDelta()).toEqual(expected);
    });
  }
});

describe("seed 1044 shrunk: a join merges with a server mark on the joined-away words", () => {
  // Paragraphs "abcdef" / "ghi" / "jklm"; an offline editor (client 1)
  // deletes "ef¶ghi¶jk" — y-prosemirror deletes "ef", the second paragraph
  // and "jk", and re-inserts "lm" (as new characters) at the end of the first
  // paragraph's text. The server (client 2) meanwhile marks "f".
  const paragraphs = ["abcdef", "ghi", "jklm"];
  const setUp = () => {
    const editor = replica(1);
    const server = replica(2);
    const initial = schema.node(
      "doc",
      null,
      paragraphs.map((t) => schema.node("paragraph", null, [schema.text(t)])),
    );
    prosemirrorToYXmlFragment(initial, server.getXmlFragment("prosemirror"));
    exchange(server, editor);
    const pm = (d: Y.Doc): Node =>
      yXmlFragmentToProseMirrorRootNode(d.getXmlFragment("prosemirror"), schema);
    const edited = new Transform(pm(editor)).delete(5, 16).doc;
    editor.transact(() =>
      updateYFragment(editor, editor.getXmlFragment("prosemirror"), edited, {
        mapping: new Map(),
        isOMark: new Map(),
      }),
    );
    expect(pm(editor).textContent).toBe("abcdlm");
    const store = new YMapAnnotationStore(new Y.Doc());
    const ctx = { auth: systemAuth(), now: () => new Date(Date.UTC(2025, 0, 1)) };
    createAnnotation(store, ctx, {
      id: "ann-0001",
      kind: "comment",
      selector: selectorFor(pm(server), 6, 7),
    });
    addAnnotationFormat(server.getXmlFragment("prosemirror"), 6, 7, "ann-0001");
    exchange(editor, server);
    return { server, editor, store, ctx, pm };
  };

  it("without a check, the mark ends up on the moved words (the failure)", () => {
    const { server, editor, pm } = setUp();
    for (const d of [server, editor]) {
      const doc = pm(d);
      const ranges = annotationRanges(doc).get("ann-0001")!;
      expect(ranges.map((r) => doc.textBetween(r.from, r.to))).toEqual(["lm"]);
    }
  });

  it("the server's check takes the mark off and records the annotation as detached", () => {
    const { server, editor, store, ctx, pm } = setUp();
    let fixes: ReturnType<typeof verifyAnchors> = [];
    server.transact(() => {
      fixes = verifyAnchors(server.getXmlFragment("prosemirror"), store, ctx);
    });
    expect(fixes).toEqual([{ id: "ann-0001", was: "lm", quote: "f", outcome: "detached" }]);
    exchange(server, editor);
    for (const d of [server, editor]) expect(annotationRanges(pm(d)).size).toBe(0);
    const [a] = listAnnotations(store);
    expect(a!.detached?.reason).toBe("text-changed");
    expect(a!.selector.quote.exact).toBe("f");
    expect(a!.audit.map((e) => e.action)).toContain("detached");
  });
});

describe("marks checked by the identity of the text they were made on (ADR 0003)", () => {
  // A server (client 9) marks text and records its Yjs identity; an editor
  // (client 1, a lower id: concurrent inserts at the mark's edges go inside)
  // edits, having seen the mark (`aware`) or not.
  const setUp = (paragraphs: string[], from: number, to: number, aware: boolean) => {
    const editor = replica(1);
    const server = replica(9);
    const frag = (d: Y.Doc) => d.getXmlFragment("prosemirror");
    const pm = (d: Y.Doc): Node => yXmlFragmentToProseMirrorRootNode(frag(d), schema);
    prosemirrorToYXmlFragment(
      schema.node(
        "doc",
        null,
        paragraphs.map((t) => schema.node("paragraph", null, [schema.text(t)])),
      ),
      frag(server),
    );
    exchange(server, editor);
    const annotations = new Y.Doc();
    const store = new YMapAnnotationStore(annotations);
    const ctx = { auth: systemAuth(), now: () => new Date(Date.UTC(2025, 0, 1)) };
    createAnnotation(store, ctx, {
      id: "ann-0001",
      kind: "comment",
      selector: selectorFor(pm(server), from, to),
    });
    addAnnotationFormat(frag(server), from, to, "ann-0001", anchorItemsMap(annotations));
    if (aware) exchange(server, editor);
    const undo = new Y.UndoManager(frag(editor), { trackedOrigins: new Set([ySyncPluginKey]) });
    const edit = (f: (tr: Transform) => Transform) =>
      editor.transact(
        () =>
          updateYFragment(editor, frag(editor), f(new Transform(pm(editor))).doc, {
            mapping: new Map(),
            isOMark: new Map(),
          }),
        ySyncPluginKey,
      );
    const check = () => {
      exchange(editor, server);
      let fixes: ReturnType<typeof verifyAnchors> = [];
      server.transact(() => {
        fixes = verifyAnchors(frag(server), store, ctx, { items: anchorItemsMap(annotations) });
      });
      exchange(server, editor);
      const doc = pm(server);
      const marked = (annotationRanges(doc).get("ann-0001") ?? []).map((r) =>
        doc.textBetween(r.from, r.to, "¶"),
      );
      expect(pm(editor).eq(doc)).toBe(true);
      return { fixes, marked };
    };
    return { edit, check, undo, pm, editor, store };
  };
  // "abcdef" / "ghi": positions 1–6 and 9–11; the mark is on "bcd" (2–5).

  it("keeps text an editor who saw the mark typed inside it", () => {
    const t = setUp(["abcdef", "ghi"], 2, 5, true);
    // Typed text takes the marks around it, as in the editor.
    t.edit((tr) => tr.insert(4, schema.text("XY", tr.doc.resolve(4).marks())));
    expect(t.check()).toEqual({ fixes: [], marked: ["bcXYd"] });
  });

  it("keeps the mark through a split and a join made by an editor who saw it", () => {
    const t = setUp(["abcdef", "ghi"], 2, 5, true);
    t.edit((tr) => tr.split(4));
    expect(t.check()).toEqual({ fixes: [], marked: ["bc", "d"] });
    t.edit((tr) => tr.join(5));
    expect(t.check()).toEqual({ fixes: [], marked: ["bcd"] });
  });

  it("keeps the words an undo puts back", () => {
    const t = setUp(["abcdef", "ghi"], 2, 5, true);
    t.edit((tr) => tr.delete(1, 7));
    expect(t.check().marked).toEqual([]);
    t.undo.undo();
    expect(t.check()).toEqual({ fixes: [], marked: ["bcd"] });
  });

  it("takes the mark off text typed at its edge by an editor who had not seen it", () => {
    const t = setUp(["abcdef", "ghi"], 2, 5, false);
    t.edit((tr) => tr.insert(5, schema.text("XY")));
    const { fixes, marked } = t.check();
    expect(fixes.map((f) => [f.outcome, f.was])).toEqual([["trimmed", "XY"]]);
    expect(marked).toEqual(["bcd"]);
    const [a] = listAnnotations(t.store);
    expect(a!.detached).toBeNull();
    const trimmed = a!.audit.find((e) => e.action === "trimmed");
    expect(trimmed).toMatchObject({ who: null });
    expect(trimmed!.detail).toContain("“XY”");
  });

  it("takes the mark off a paragraph's rest that a concurrent join moved under it (seed 1044)", () => {
    // The editor deletes "ef¶ghi¶jk" while the server marks "f":
    // y-prosemirror re-inserts "lm" where "f" was.
    const t = setUp(["abcdef", "ghi", "jklm"], 6, 7, false);
    t.edit((tr) => tr.delete(5, 16));
    const { fixes, marked } = t.check();
    expect(fixes.map((f) => [f.outcome, f.was])).toEqual([["trimmed", "lm"]]);
    expect(marked).toEqual([]);
  });
});

describe("the identity check on a very deep edit history", () => {
  it("falls back to the quote check instead of failing the reconcile", () => {
    // 30,000 characters typed one by one at the same place inside the mark,
    // alternately by two clients (Yjs cannot merge them): each names the
    // previous one as its right neighbour, deeper than the stack allows to
    // follow.
    const server = replica(9);
    const other = replica(1);
    const frag = (d: Y.Doc) => d.getXmlFragment("prosemirror");
    prosemirrorToYXmlFragment(
      schema.node("doc", null, [schema.node("paragraph", null, [schema.text("abcdef")])]),
      frag(server),
    );
    const pm = () => yXmlFragmentToProseMirrorRootNode(frag(server), schema);
    const annotations = new Y.Doc();
    const store = new YMapAnnotationStore(annotations);
    const ctx = { auth: systemAuth() };
    createAnnotation(store, ctx, {
      id: "ann-0001",
      kind: "comment",
      selector: selectorFor(pm(), 2, 5),
    });
    addAnnotationFormat(frag(server), 2, 5, "ann-0001", anchorItemsMap(annotations));
    exchange(server, other);
    const docs = [server, other];
    for (let i = 0; i < 30_000; i++) {
      const x = docs[i % 2]!;
      ((frag(x).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(2, "x");
      const y = docs[(i + 1) % 2]!;
      Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)));
    }
    let fixes: ReturnType<typeof verifyAnchors> = [];
    expect(() =>
      server.transact(() => {
        fixes = verifyAnchors(frag(server), store, ctx, { items: anchorItemsMap(annotations) });
      }),
    ).not.toThrow();
    // The quote check still ran and accepts typing inside "bcd" (after "b").
    expect(fixes.map((f) => f.outcome)).toEqual([]);
    const doc = pm();
    const ranges = annotationRanges(doc).get("ann-0001")!;
    expect(ranges.map((r) => doc.textBetween(r.from, r.to))).toEqual([`b${"x".repeat(30_000)}cd`]);
  }, 60_000);
});
