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
import { type AnchorItems, captureItems, foreignCharacters } from "./anchorIdentity.ts";
import { addAnnotationFormat } from "./yMarks.ts";
import { runText } from "./yPositions.ts";

// The reproductions of docs/decisions/0003-annotation-anchoring.md, judged
// by the identity check alone.

const replica = (clientID: number) => {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
};
const exchange = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};
const frag = (d: Y.Doc) => d.getXmlFragment("prosemirror");
const pm = (d: Y.Doc): Node => yXmlFragmentToProseMirrorRootNode(frag(d), schema);
const paragraphs = (d: Y.Doc, texts: string[]) =>
  prosemirrorToYXmlFragment(
    schema.node(
      "doc",
      null,
      texts.map((t) => schema.node("paragraph", null, [schema.text(t)])),
    ),
    frag(d),
  );
const edit = (d: Y.Doc, f: (tr: Transform) => Transform) =>
  d.transact(() =>
    updateYFragment(d, frag(d), f(new Transform(pm(d))).doc, {
      mapping: new Map(),
      isOMark: new Map(),
    }),
  );
/// Marks [from, to) on `server` as the server does, recording the identity.
const mark = (server: Y.Doc, from: number, to: number): AnchorItems => {
  const record = new Y.Doc().getMap<AnchorItems>("anchorItems");
  addAnnotationFormat(frag(server), from, to, "ann-0001", record);
  return record.get("ann-0001")!;
};
const foreign = (d: Y.Doc, recorded: AnchorItems, quote: string) =>
  foreignCharacters(frag(d), "ann-0001", recorded, quote).map(runText);

describe("captureItems", () => {
  it("records the characters of a range and the deleted items between them", () => {
    const d = replica(5);
    paragraphs(d, ["abXcd"]);
    ((frag(d).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(2, 1);
    const items = captureItems(frag(d), 2, 5); // "bcd"
    expect(items.chars.length % 3).toBe(0);
    expect(items.gaps).toEqual([5, 4, 1]); // "X": client 5, clock 4 (after the paragraph, its text, "a", "b")
  });
});

describe("foreignCharacters on ADR 0003's reproductions", () => {
  it("seed 1044 shrunk: a join's re-inserted rest under a mark on the joined-away words", () => {
    const editor = replica(1);
    const server = replica(2);
    paragraphs(server, ["abcdef", "ghi", "jklm"]);
    exchange(server, editor);
    edit(editor, (tr) => tr.delete(5, 16));
    const recorded = mark(server, 6, 7); // "f"
    exchange(editor, server);
    expect(foreign(server, recorded, "f")).toEqual(["lm"]);
  });

  it("text typed at a mark's edge by a client that had not seen it is foreign", () => {
    const editor = replica(1);
    const server = replica(9);
    paragraphs(server, ["abcdef"]);
    exchange(server, editor);
    const recorded = mark(server, 2, 5); // "bcd"
    edit(editor, (tr) => tr.insert(5, schema.text("XY")));
    exchange(editor, server);
    expect(foreign(server, recorded, "bcd")).toEqual(["XY"]);
  });

  it("text typed inside the span by a client that saw the mark is not", () => {
    const editor = replica(1);
    const server = replica(9);
    paragraphs(server, ["abcdef"]);
    exchange(server, editor);
    const recorded = mark(server, 2, 5);
    exchange(server, editor);
    edit(editor, (tr) => tr.insert(4, schema.text("XY", tr.doc.resolve(4).marks())));
    exchange(editor, server);
    expect(foreign(server, recorded, "bcd")).toEqual([]);
  });

  it("a deleted item the mark was made around counts on the left, not on the right", () => {
    // "abXcd": X deleted, then "bcd" marked (X is a recorded gap). A client
    // that still saw X types after it (inside) and before it (the mark was
    // not there yet for it: foreign).
    const late = replica(1);
    const server = replica(9);
    paragraphs(server, ["abXcd"]);
    exchange(server, late);
    const text = (d: Y.Doc) => (frag(d).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text(server).delete(2, 1);
    const recorded = mark(server, 2, 5);
    text(late).insert(3, "after");
    text(late).insert(2, "before");
    exchange(late, server);
    expect(foreign(server, recorded, "bcd")).toEqual(["before"]);
  });

  it("judges a history deeper than any call stack without failing", () => {
    // 50,000 characters typed one by one at the same place inside the mark:
    // each names the previous one as its right neighbour.
    const d = replica(3);
    paragraphs(d, ["abcdef"]);
    const recorded = mark(d, 2, 5);
    const text = (frag(d).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (let i = 0; i < 50_000; i++) text.insert(2, "x");
    expect(foreign(d, recorded, "bcd")).toEqual([]);
  }, 60_000);
});
