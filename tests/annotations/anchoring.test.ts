import {
  annotationRanges,
  createAnnotation,
  listAnnotations,
  selectorFor,
  systemAuth,
} from "@glossa/annotations";
import { YMapAnnotationStore } from "@glossa/collab/store";
import { schema } from "@glossa/schema";
import type { Node } from "prosemirror-model";
import { Transform } from "prosemirror-transform";
import { describe, expect, it } from "vitest";
import {
  prosemirrorToYXmlFragment,
  updateYFragment,
  yXmlFragmentToProseMirrorRootNode,
} from "y-prosemirror";
import * as Y from "yjs";
import { verifyAnchors } from "../../apps/server/src/annotations/anchorCheck.ts";
import { addAnnotationFormat } from "../../apps/server/src/annotations/yMarks.ts";

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
      fixes = verifyAnchors(pm(server), server.getXmlFragment("prosemirror"), store, ctx);
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
