import { DocumentText, schema } from "@glossa/schema";
import { Slice } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import { anchorStatus, explainedByEdits, reanchor, selectorFor } from "./anchor.ts";
import {
  addAnnotationMark,
  annotationIdsInDoc,
  annotationsAt,
  findAnnotationRanges,
  removeAnnotationMark,
  stripAnnotationMarks,
} from "./marks.ts";
import { createAnnotation, resolveAnnotation } from "./operations.ts";
import { reconcileAnchors } from "./reconcile.ts";
import { MemoryAnnotationStore, readAnnotation } from "./store.ts";
import { context, find, History, paragraphs } from "./testing.ts";

const LETTER = [
  "We write to express our concern about the Migrant Protection Protocols.",
  "The policy returns asylum seekers to Mexico while their cases proceed.",
  "This violates the principle of non-refoulement under international law.",
];

/// A history over the letter with annotation `id` on `needle`.
function annotated(needle: string, id = "ann-0001") {
  const h = History.of(paragraphs(...LETTER));
  const { from, to } = find(h.doc, needle);
  const selector = selectorFor(h.doc, from, to);
  expect(h.run(addAnnotationMark(from, to, id))).toBe(true);
  return { h, annotation: { id, selector } };
}

const text = (h: History, id: string) =>
  findAnnotationRanges(h.doc, id)
    .map((r) => h.doc.textBetween(r.from, r.to))
    .join("|");

describe("selectors", () => {
  it("measure offsets in blocks joined by a blank line", () => {
    const doc = paragraphs("abc", "", "de");
    const index = new DocumentText(doc);
    expect(index.text).toBe("abc\n\n\n\nde");
    const { from, to } = find(doc, "de");
    expect(selectorFor(doc, from, to)).toEqual({
      quote: { exact: "de", prefix: "abc\n\n\n\n", suffix: "" },
      position: { start: 7, end: 9 },
    });
    expect(index.posAt(7)).toBe(from);
    expect(index.posAt(4, 1)).toBe(6); // inside a separator: start of the empty block
    expect(index.posAt(4, -1)).toBe(4); // … or end of the block before
  });

  it("span blocks", () => {
    const doc = paragraphs("one two", "three");
    const s = selectorFor(doc, find(doc, "two").from, find(doc, "thr").to);
    expect(s.quote.exact).toBe("two\n\nthr");
  });
});

describe("anchoring through edits", () => {
  it("keeps the mark when typing inside and reports the change", () => {
    const { h, annotation } = annotated("asylum seekers");
    h.edit((tr) => tr.insertText("X", find(h.doc, "seekers").from + 2));
    expect(text(h, annotation.id)).toBe("asylum seXekers");
    expect(anchorStatus(h.doc, annotation)).toMatchObject({
      status: "moved-suspicious",
      remnant: false,
    });
    h.undo();
    expect(anchorStatus(h.doc, annotation).status).toBe("attached");
    h.redo();
    expect(text(h, annotation.id)).toBe("asylum seXekers");
  });

  it("does not grow when typing at either edge", () => {
    const { h, annotation } = annotated("asylum seekers");
    const r = find(h.doc, "asylum seekers");
    h.edit((tr) => tr.insertText("L", r.to));
    h.edit((tr) => tr.insertText("R", r.from));
    expect(text(h, annotation.id)).toBe("asylum seekers");
    expect(h.doc.textBetween(r.from, r.to + 2)).toBe("Rasylum seekersL");
    expect(anchorStatus(h.doc, annotation).status).toBe("attached");
    h.undo();
    h.undo();
    expect(h.doc.textBetween(r.from, r.to)).toBe("asylum seekers");
    h.redo();
    expect(text(h, annotation.id)).toBe("asylum seekers");
  });

  it("survives a paragraph split inside the span and the join back", () => {
    const { h, annotation } = annotated("asylum seekers");
    h.edit((tr) => tr.split(find(h.doc, "asylum").from + 3));
    expect(h.doc.childCount).toBe(4);
    expect(findAnnotationRanges(h.doc, annotation.id)).toHaveLength(2);
    expect(text(h, annotation.id)).toBe("asy|lum seekers");
    expect(anchorStatus(h.doc, annotation).status).toBe("attached");
    // join the paragraphs again
    const boundary = find(h.doc, "lum seekers").from - 1;
    h.edit((tr) => tr.join(boundary));
    expect(findAnnotationRanges(h.doc, annotation.id)).toHaveLength(1);
    expect(anchorStatus(h.doc, annotation).status).toBe("attached");
    h.undo(); // un-join
    expect(findAnnotationRanges(h.doc, annotation.id)).toHaveLength(2);
    h.undo(); // un-split
    expect(h.doc.childCount).toBe(3);
    expect(text(h, annotation.id)).toBe("asylum seekers");
    h.redo();
    expect(text(h, annotation.id)).toBe("asy|lum seekers");
  });

  it("spans a join of two annotated paragraphs' boundary without absorbing the rest", () => {
    const { h, annotation } = annotated("cases proceed.");
    h.edit((tr) => tr.join(find(h.doc, "This violates").from - 1));
    expect(text(h, annotation.id)).toBe("cases proceed.");
    expect(anchorStatus(h.doc, annotation).status).toBe("attached");
  });

  it("reports a partial deletion as a remnant and a full one as detached, undo restores", () => {
    const { h, annotation } = annotated("asylum seekers");
    const store = new MemoryAnnotationStore();
    const ctx = context("editor");
    createAnnotation(store, ctx, {
      id: annotation.id,
      kind: "comment",
      selector: annotation.selector,
      body: "Which?",
    });

    const part = find(h.doc, " seekers");
    h.edit((tr) => tr.delete(part.from, part.to));
    expect(anchorStatus(h.doc, annotation)).toMatchObject({
      status: "moved-suspicious",
      remnant: true,
      text: "asylum",
    });

    const all = find(h.doc, "asylum");
    h.edit((tr) => tr.delete(all.from - 1, all.to + 3));
    expect(anchorStatus(h.doc, annotation).status).toBe("detached");
    expect(annotationIdsInDoc(h.doc)).toEqual([]);
    expect(reconcileAnchors(h.doc, store, ctx).detached).toEqual([annotation.id]);
    expect(readAnnotation(store, annotation.id)!.detached).toMatchObject({ reason: "deleted" });
    expect(reconcileAnchors(h.doc, store, ctx).detached).toEqual([]); // idempotent

    h.undo();
    expect(text(h, annotation.id)).toBe("asylum");
    expect(reconcileAnchors(h.doc, store, ctx).reattached).toEqual([annotation.id]);
    h.undo();
    expect(anchorStatus(h.doc, annotation).status).toBe("attached");
    h.redo();
    h.redo();
    expect(anchorStatus(h.doc, annotation).status).toBe("detached");
    const a = readAnnotation(store, annotation.id)!;
    expect(a.detached).toBeNull();
    expect(a.audit.map((e) => e.action)).toEqual(["created", "detached", "reattached"]);
  });

  it("undoes and redoes the annotation itself", () => {
    const { h, annotation } = annotated("non-refoulement");
    h.undo();
    expect(anchorStatus(h.doc, annotation).status).toBe("detached");
    h.redo();
    expect(anchorStatus(h.doc, annotation).status).toBe("attached");
  });

  it("moves with its paragraph", () => {
    const { h, annotation } = annotated("non-refoulement");
    const para = h.doc.child(2);
    const start = h.doc.content.size - para.nodeSize;
    h.edit((tr) => {
      tr.delete(start, start + para.nodeSize);
      tr.insert(0, para);
    });
    expect(h.doc.child(0).textContent).toBe(LETTER[2]);
    expect(findAnnotationRanges(h.doc, annotation.id)).toEqual([find(h.doc, "non-refoulement")]);
    expect(anchorStatus(h.doc, annotation).status).toBe("attached");
    h.undo();
    expect(h.doc.child(2).textContent).toBe(LETTER[2]);
    expect(anchorStatus(h.doc, annotation).status).toBe("attached");
  });
});

describe("overlapping annotations", () => {
  it("resolve and remove independently", () => {
    const h = History.of(paragraphs(...LETTER));
    const a = find(h.doc, "returns asylum seekers");
    const b = find(h.doc, "asylum seekers to Mexico");
    const c = find(h.doc, "seekers"); // nested in both
    expect(h.run(addAnnotationMark(a.from, a.to, "ann-aaaa"))).toBe(true);
    expect(h.run(addAnnotationMark(b.from, b.to, "ann-bbbb"))).toBe(true);
    expect(h.run(addAnnotationMark(c.from, c.to, "ann-cccc"))).toBe(true);
    expect(h.run(addAnnotationMark(c.from, c.to, "ann-cccc"))).toBe(false); // one anchor per id
    expect(annotationIdsInDoc(h.doc)).toEqual(["ann-aaaa", "ann-bbbb", "ann-cccc"]);
    expect(annotationsAt(h.doc, c.from + 1)).toEqual(["ann-aaaa", "ann-bbbb", "ann-cccc"]);
    expect(annotationsAt(h.doc, b.to)).toEqual(["ann-bbbb"]);

    const store = new MemoryAnnotationStore();
    const ctx = context("editor");
    for (const [id, r] of [
      ["ann-aaaa", a],
      ["ann-bbbb", b],
      ["ann-cccc", c],
    ] as const)
      createAnnotation(store, ctx, {
        id,
        kind: "comment",
        selector: selectorFor(h.doc, r.from, r.to),
      });
    resolveAnnotation(store, ctx, "ann-bbbb");
    expect(findAnnotationRanges(h.doc, "ann-aaaa")).toEqual([a]);

    expect(h.run(removeAnnotationMark("ann-bbbb"))).toBe(true);
    expect(findAnnotationRanges(h.doc, "ann-aaaa")).toEqual([a]);
    expect(findAnnotationRanges(h.doc, "ann-cccc")).toEqual([c]);
    expect(findAnnotationRanges(h.doc, "ann-bbbb")).toEqual([]);
    expect(h.run(removeAnnotationMark("ann-bbbb"))).toBe(false);
    // typing inside the nested one extends all three; at b's old edge, none
    h.edit((tr) => tr.insertText("!", c.from + 2));
    expect(annotationsAt(h.doc, c.from + 2)).toEqual(["ann-aaaa", "ann-cccc"]);
  });

  it("refuses bad ranges", () => {
    const h = History.of(paragraphs("abc", "def"));
    expect(h.run(addAnnotationMark(2, 2, "ann-0001"))).toBe(false);
    expect(h.run(addAnnotationMark(0, 99, "ann-0001"))).toBe(false);
    expect(h.run(addAnnotationMark(1, 3, "bad/id"))).toBe(false);
    expect(h.run(addAnnotationMark(4, 6, "ann-0001"))).toBe(false); // no text between blocks
    expect(h.run(addAnnotationMark(3, 7, "ann-0001"))).toBe(true); // across a block boundary
    expect(findAnnotationRanges(h.doc, "ann-0001")).toEqual([
      { from: 3, to: 4 },
      { from: 6, to: 7 },
    ]);
  });
});

describe("copy and paste", () => {
  it("strips annotation marks from pasted slices", () => {
    const { h } = annotated("asylum seekers");
    const r = find(h.doc, "returns asylum");
    const slice = h.doc.slice(r.from, r.to + 5);
    const clean = stripAnnotationMarks(slice);
    let marks = 0;
    clean.content.descendants((n) => {
      marks += n.marks.filter((m) => m.type.name === "annotation").length;
    });
    expect(marks).toBe(0);
    expect(clean.content.textBetween(0, clean.content.size)).toBe("returns asylum seek");
    const kept = stripAnnotationMarks(slice, (id) => id === "ann-0001");
    expect(kept.eq(slice)).toBe(true);
    expect(stripAnnotationMarks(Slice.empty).size).toBe(0);
    // Pasting the clean slice creates no second anchor.
    h.edit((tr) => tr.replace(h.doc.content.size - 1, h.doc.content.size - 1, clean));
    expect(findAnnotationRanges(h.doc, "ann-0001")).toHaveLength(1);
  });
});

describe("re-anchoring by quote", () => {
  const doc = paragraphs(...LETTER);
  const sel = (needle: string, nth = 0) => {
    const r = find(doc, needle, nth);
    return selectorFor(doc, r.from, r.to);
  };

  it("finds the same words after the text is replaced wholesale", () => {
    const s = sel("principle of non-refoulement");
    const copy = paragraphs("A new first line.", ...LETTER);
    const found = reanchor(copy, s);
    expect(found).toMatchObject({ status: "found", exact: true });
    if (found.status !== "found") throw new Error();
    expect(copy.textBetween(found.from, found.to)).toBe("principle of non-refoulement");
  });

  it("uses prefix and suffix to choose among repeats, and refuses to guess", () => {
    const d = paragraphs("the law of the sea; the law of the land", "the law of the sea");
    const index = new DocumentText(d);
    const s = selectorFor(d, find(d, "law", 1).from, find(d, "law", 1).to);
    const r = reanchor(d, s);
    expect(r).toMatchObject({ status: "found", start: s.position.start });
    // the context tells the two apart even where the texts repeat
    const twin = paragraphs("x the law of the y", "x the law of the y");
    const r2 = find(twin, "law", 1);
    const st = selectorFor(twin, r2.from, r2.to);
    expect(reanchor(twin, st)).toMatchObject({ status: "found", start: st.position.start });
    // without context only the exact recorded position decides, else it is ambiguous
    const bare = { quote: { exact: "law", prefix: "", suffix: "" }, position: st.position };
    expect(reanchor(twin, bare)).toMatchObject({ status: "found", start: st.position.start });
    const moved = { ...bare, position: { start: 1000, end: 1003 } };
    expect(reanchor(twin, moved)).toMatchObject({ status: "ambiguous" });
    expect(index.text.length).toBeGreaterThan(0);
  });

  it("matches fuzzily with a minimum score and a margin", () => {
    const s = sel("returns asylum seekers to Mexico");
    const edited = paragraphs(
      LETTER[0]!,
      "The policy returns asylum-seekers back to Mexico while cases proceed.",
      LETTER[2]!,
    );
    const r = reanchor(edited, s);
    expect(r).toMatchObject({ status: "found", exact: false });
    if (r.status !== "found") throw new Error();
    expect(edited.textBetween(r.from, r.to)).toBe("returns asylum-seekers back to Mexico");
    // two equally good look-alikes: ambiguous
    const twins = paragraphs("returns asylum-seeker to Mexico", "returns asylum-seeker to Mexico");
    expect(reanchor(twins, { ...s, quote: { ...s.quote, prefix: "", suffix: "" } }).status).toBe(
      "ambiguous",
    );
    // too different: not found
    expect(reanchor(paragraphs("Nothing like it at all here."), s).status).toBe("notFound");
    expect(reanchor(edited, s, { minScore: 0.95 }).status).toBe("notFound");
  });
});

it("annotation mark round-trips through JSON", () => {
  const { h } = annotated("Mexico");
  const again = schema.nodeFromJSON(h.doc.toJSON());
  expect(findAnnotationRanges(again, "ann-0001")).toEqual([find(h.doc, "Mexico")]);
});

describe("explainedByEdits", () => {
  it("accepts deletions anywhere and insertions between quoted characters", () => {
    expect(explainedByEdits("the court held", "the court held")).toBe(true);
    expect(explainedByEdits("the court held", "court held")).toBe(true);
    expect(explainedByEdits("the court held", "the district court firmly held")).toBe(true);
    expect(explainedByEdits("the court held", "the court\nheld")).toBe(true);
  });
  it("refuses text that gained words at an edge or shares nothing with the quote", () => {
    expect(explainedByEdits("the court held", "the court held that the")).toBe(false);
    expect(explainedByEdits("the court held", "Moreover, the court held")).toBe(false);
    expect(explainedByEdits("§ 1225(b)", "the appeal")).toBe(false);
    expect(explainedByEdits("f", "lm")).toBe(false);
  });
});
