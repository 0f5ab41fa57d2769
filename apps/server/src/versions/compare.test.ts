import type { Annotation } from "@glossa/annotations";
import { docText, importLetter, schema } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import { describe, expect, it } from "vitest";
import { prosemirrorToYXmlFragment, updateYFragment } from "y-prosemirror";
import * as Y from "yjs";
import { TEXT_FIELD } from "../ydoc.ts";
import { attributedText, plainText, TextCache, textReads } from "./attribution.ts";
import { compareAnnotations, compareText } from "./compare.ts";
import { remark } from "./VersionService.ts";

const p = (...texts: string[]) =>
  schema.node(
    "doc",
    null,
    texts.map((t) => schema.node("paragraph", null, t ? [schema.text(t)] : [])),
  );

const people = new Map([
  [1, { id: "ana", name: "Ana" }],
  [2, { id: "eli", name: "Eli" }],
]);
const authorOf = (c: number) => people.get(c) ?? null;

/// A document edited by clients 1 (Ana) and 2 (Eli) in turn.
function history() {
  const ana = new Y.Doc();
  ana.clientID = 1;
  prosemirrorToYXmlFragment(
    p("The quick fox.", "Second paragraph."),
    ana.getXmlFragment(TEXT_FIELD),
  );
  const before = attributedText(ana);
  const eli = new Y.Doc();
  eli.clientID = 2;
  Y.applyUpdate(eli, Y.encodeStateAsUpdate(ana));
  const meta = () => ({ mapping: new Map(), isOMark: new Map() });
  eli.transact(() =>
    updateYFragment(
      eli,
      eli.getXmlFragment(TEXT_FIELD),
      p("The quick brown fox.", "Second."),
      meta(),
    ),
  );
  return { before, after: attributedText(eli), eli };
}

describe("attributedText", () => {
  it("reads the plain text with the client id of every character", () => {
    const { before } = history();
    expect(before.text).toBe("The quick fox.\n\nSecond paragraph.");
    expect(before.blocks).toEqual(["paragraph", "paragraph"]);
    expect(new Set(before.clients)).toEqual(new Set([1, -1]));
  });

  it("reads the same text as docText: lists, quotes, hard breaks and empty blocks included", () => {
    const n = schema.nodes;
    const para = (...inline: Parameters<typeof schema.text>[0][]) =>
      n.paragraph!.create(
        null,
        inline.map((t) => (t === "<br>" ? n.hard_break!.create() : schema.text(t))),
      );
    const doc = n.doc!.create(null, [
      ...importLetter(readSampleLetter()).doc.content.content,
      n.paragraph!.create(),
      n.bullet_list!.create(null, [n.list_item!.create(null, [para("one", "<br>", "two")])]),
      n.blockquote!.create(null, [para("quoted")]),
    ]);
    const ydoc = new Y.Doc();
    prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment(TEXT_FIELD));
    const read = attributedText(ydoc);
    expect(read.text).toBe(docText(doc));
    expect(read.text).toContain("one\ntwo\n\nquoted");
    // What search indexes, read without a ProseMirror copy: the same text.
    expect(plainText(ydoc)).toBe(docText(doc));
  });

  it("reads with a TextCache the same text as without, reading again only the texts changed", () => {
    const doc = importLetter(readSampleLetter()).doc;
    const ydoc = new Y.Doc();
    prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment(TEXT_FIELD));
    const cache = new TextCache(ydoc);
    expect(plainText(ydoc, Number.POSITIVE_INFINITY, cache)).toBe(docText(doc));
    const texts = (ydoc.getXmlFragment(TEXT_FIELD).toArray() as Y.XmlElement[])
      .map((b) => b.get(0))
      .filter((t): t is Y.XmlText => t instanceof Y.XmlText);
    const [a, b] = [texts[2]!, texts[4]!];
    a.insert(1, "typed");
    b.delete(0, 2);
    b.format(0, 3, { strong: {} });
    const itemsOf = (t: Y.XmlText) => {
      let n = 0;
      for (let item = t._start; item; item = item.right) n++;
      return n;
    };
    let read = textReads.items;
    const cached = plainText(ydoc, Number.POSITIVE_INFINITY, cache);
    // The two changed texts read again, nothing else.
    expect(textReads.items - read).toBe(itemsOf(a) + itemsOf(b));
    expect(cached).toBe(plainText(ydoc));
    expect(cached).toContain("typed");
    read = textReads.items;
    plainText(ydoc, Number.POSITIVE_INFINITY, cache);
    expect(textReads.items).toBe(read);
    cache.dispose();
  });

  it("ignores formatting: an annotation mark is no text change", () => {
    const { eli, after } = history();
    const doc = p("The quick brown fox.", "Second.");
    const marked = doc.type.schema.node("doc", null, [
      schema.node("paragraph", null, [
        schema.text("The quick "),
        schema.text("brown", [schema.marks.annotation!.create({ id: "ann-000001" })]),
        schema.text(" fox."),
      ]),
      doc.child(1),
    ]);
    eli.transact(() =>
      updateYFragment(eli, eli.getXmlFragment(TEXT_FIELD), marked, {
        mapping: new Map(),
        isOMark: new Map(),
      }),
    );
    const again = attributedText(eli);
    expect(again.text).toBe(after.text);
    expect(compareText(after, again, authorOf).changes).toEqual([
      { op: "equal", text: after.text },
    ]);
  });
});

describe("compareText", () => {
  it("names the author of inserted words and none for deleted ones", () => {
    const { before, after } = history();
    const c = compareText(before, after, authorOf);
    expect(c.changes).toEqual([
      { op: "equal", text: "The quick " },
      { op: "insert", text: "brown ", author: { id: "eli", name: "Eli" } },
      { op: "equal", text: "fox.\n\nSecond" },
      { op: "delete", text: " paragraph" },
      { op: "equal", text: "." },
    ]);
    expect(c.inserted).toBe(6);
    expect(c.deleted).toBe(10);
    expect(c.authors).toEqual([{ id: "eli", name: "Eli", inserted: 6 }]);
  });

  it("splits an insertion between authors and leaves unknown clients unnamed", () => {
    const older = { text: "ab", clients: [1, 1], blocks: ["paragraph"] };
    const newer = { text: "aXYZb", clients: [1, 2, 2, 9, 1], blocks: ["paragraph"] };
    const c = compareText(older, newer, authorOf);
    expect(c.changes).toEqual([
      { op: "delete", text: "ab" },
      { op: "insert", text: "a", author: { id: "ana", name: "Ana" } },
      { op: "insert", text: "XY", author: { id: "eli", name: "Eli" } },
      { op: "insert", text: "Z", author: null },
      { op: "insert", text: "b", author: { id: "ana", name: "Ana" } },
    ]);
  });
});

const ann = (over: Partial<Annotation>): Annotation => ({
  id: "a1-000000",
  kind: "comment",
  tags: [],
  author: { id: "ana", name: "Ana" },
  createdAt: "2025-01-01T00:00:00.000Z",
  status: null,
  resolved: null,
  messages: [],
  links: [],
  selector: { quote: { exact: "fox", prefix: "", suffix: "" }, position: { start: 0, end: 3 } },
  detached: null,
  deleted: null,
  audit: [],
  ...over,
});

describe("compareAnnotations", () => {
  it("reports added, deleted, resolved, reopened, replies and detachment with who", () => {
    const eli = { id: "eli", name: "Eli" };
    const at = "2025-01-02T00:00:00.000Z";
    const older = [
      ann({ id: "keep-00001" }),
      ann({ id: "gone-00001" }),
      ann({ id: "reop-00001", resolved: { by: eli, at } }),
    ];
    const newer = [
      ann({
        id: "keep-00001",
        resolved: { by: eli, at },
        detached: { at, reason: "deleted" },
        messages: [{ id: "m1-000000", author: eli, body: "Done.", createdAt: at, mentions: [] }],
      }),
      ann({ id: "gone-00001", deleted: { by: eli, at } }),
      ann({
        id: "reop-00001",
        audit: [{ id: "e1-000000", who: eli, action: "reopened", at, detail: "" }],
      }),
      ann({ id: "new0-00001", author: eli, createdAt: at }),
    ];
    const types = compareAnnotations(older, newer).map((c) => [c.type, c.annotation.id, c.by?.id]);
    expect(types).toEqual(
      expect.arrayContaining([
        ["resolved", "keep-00001", "eli"],
        ["replied", "keep-00001", "eli"],
        ["detached", "keep-00001", undefined],
        ["removed", "gone-00001", "eli"],
        ["reopened", "reop-00001", "eli"],
        ["added", "new0-00001", "eli"],
      ]),
    );
    expect(types).toHaveLength(6);
  });
});

describe("remark (restore)", () => {
  it("keeps marks of live annotations whose text is in the restored version, drops the others", () => {
    const mark = (id: string) => schema.marks.annotation!.create({ id });
    const now = schema.node("doc", null, [
      schema.node("paragraph", null, [
        schema.text("The "),
        schema.text("quick", [mark("live-00001")]),
        schema.text(" "),
        schema.text("brown", [mark("lost-00001")]),
        schema.text(" fox."),
      ]),
    ]);
    const version = schema.node("doc", null, [
      schema.node("paragraph", null, [
        schema.text("The quick "),
        schema.text("fox", [mark("dead-00001")]),
        schema.text("."),
      ]),
    ]);
    const { doc, kept, lost } = remark(version, now, [
      ann({ id: "live-00001" }),
      ann({ id: "lost-00001" }),
    ]);
    expect(kept).toEqual(["live-00001"]);
    expect(lost).toEqual(["lost-00001"]);
    const marked: string[] = [];
    doc.descendants((n) => {
      for (const m of n.marks)
        if (m.type.name === "annotation") marked.push(`${m.attrs.id}:${n.text}`);
    });
    expect(marked).toEqual(["live-00001:quick"]);
  });
});
