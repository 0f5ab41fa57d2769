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
import { AnchorIndex, RECONCILE_ORIGIN_FLAG } from "./anchorIndex.ts";
import { addAnnotationFormat, unmarkRuns } from "./yMarks.ts";

describe("the anchor index", () => {
  // "abcdef" / "ghi" / "jklm"; A on "bc", B on "ef¶gh", C on "kl".
  const setUp = () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("prosemirror");
    prosemirrorToYXmlFragment(
      schema.node(
        "doc",
        null,
        ["abcdef", "ghi", "jklm"].map((t) => schema.node("paragraph", null, [schema.text(t)])),
      ),
      fragment,
    );
    addAnnotationFormat(fragment, 2, 4, "ann-00A");
    addAnnotationFormat(fragment, 5, 11, "ann-00B");
    addAnnotationFormat(fragment, 15, 17, "ann-00C");
    const records = new Y.Doc().getMap<unknown>("records");
    for (const id of ["ann-00A", "ann-00B", "ann-00C"]) records.set(id, { type: "annotation" });
    const index = new AnchorIndex(fragment, records);
    const text = (i: number) => (fragment.get(i) as Y.XmlElement).get(0) as Y.XmlText;
    const pm = (): Node => yXmlFragmentToProseMirrorRootNode(fragment, schema);
    const edit = (f: (tr: Transform) => Transform) =>
      doc.transact(() =>
        updateYFragment(doc, fragment, f(new Transform(pm())).doc, {
          mapping: new Map(),
          isOMark: new Map(),
        }),
      );
    return { doc, fragment, records, index, text, edit };
  };
  const sorted = (s: Set<string>) => [...s].sort();

  it("built in slices, reads one text per slice and follows edits made meanwhile", () => {
    const { doc, fragment, records, text } = setUp();
    const sliced = new AnchorIndex(fragment, records, true);
    expect(sliced.textsRead).toBe(0);
    // A slice of no time reads one text: three slices for three texts.
    expect(sliced.readPending(0)).toBe(true);
    expect(sliced.textsRead).toBe(1);
    // Typing inside C's word before its text is read.
    doc.transact(() => text(2).insert(2, "x"));
    expect(sliced.readPending(0)).toBe(true);
    expect(sliced.readPending(0)).toBe(false);
    expect(sliced.textsRead).toBe(3);
    sliced.refresh();
    expect(sliced.markedText("ann-00B")).toBe("efgh");
    expect(sliced.markedText("ann-00C")).toBe("kxl");
    expect(sorted(sliced.takeDirty())).toEqual(["ann-00A", "ann-00B", "ann-00C"]);
    sliced.destroy();
  });

  it("reads the texts changed since the last look a slice at a time", () => {
    const { doc, index, text } = setUp();
    index.takeDirty();
    const read = index.textsRead;
    // Typing inside a marked word of all three texts (as a batch creation
    // changes every text).
    doc.transact(() => {
      text(0).insert(2, "x");
      text(1).insert(1, "x");
      text(2).insert(2, "x");
    });
    // A slice of no time reads one text (before: all three in one step).
    expect(index.refreshSome(0)).toBe(true);
    expect(index.textsRead - read).toBe(1);
    expect(index.refreshSome(0)).toBe(true);
    expect(index.refreshSome(0)).toBe(false);
    expect(index.textsRead - read).toBe(3);
    expect(sorted(index.takeDirty())).toEqual(["ann-00A", "ann-00B", "ann-00C"]);
    expect(index.markedText("ann-00A")).toBe("bxc");
    index.destroy();
  });

  it("starts with every annotation dirty and reads marks in document order", () => {
    const { index } = setUp();
    expect(sorted(index.takeDirty())).toEqual(["ann-00A", "ann-00B", "ann-00C"]);
    expect(index.markedText("ann-00B")).toBe("efgh");
    expect(index.markedText("ann-00C")).toBe("kl");
    expect(index.markedText("nope")).toBeNull();
    expect(sorted(index.takeDirty())).toEqual([]);
  });

  it("makes dirty only the annotations whose marked text an update changed", () => {
    const { index, text, doc } = setUp();
    index.takeDirty();
    text(0).insert(0, "z"); // outside every mark
    expect(sorted(index.takeDirty())).toEqual([]);
    text(0).insert(3, "y"); // inside A ("b|c"), inherits its mark
    expect(sorted(index.takeDirty())).toEqual(["ann-00A"]);
    text(2).delete(1, 1); // "k" of C
    expect(sorted(index.takeDirty())).toEqual(["ann-00C"]);
    expect(index.markedText("ann-00C")).toBe("l");
    // The reconcile's own changes are followed, not reported.
    doc.transact(() => unmarkRuns([{ text: text(1), index: 0, length: 1 }], "ann-00B"), {
      context: { [RECONCILE_ORIGIN_FLAG]: true },
    });
    expect(sorted(index.takeDirty())).toEqual([]);
    expect(index.markedText("ann-00B")).toBe("efh");
  });

  it("follows paragraphs split, joined and deleted", () => {
    const { index, edit } = setUp();
    index.takeDirty();
    edit((tr) => tr.split(3)); // inside A: "ab|cdef"
    expect(sorted(index.takeDirty())).toContain("ann-00A");
    expect(index.markedText("ann-00A")).toBe("bc");
    edit((tr) => tr.delete(tr.doc.content.size - 6, tr.doc.content.size)); // the last paragraph
    expect(sorted(index.takeDirty())).toEqual(["ann-00C"]);
    expect(index.markedText("ann-00C")).toBeNull();
    expect(index.marks.has("ann-00C")).toBe(false);
  });

  it("reports annotations whose records changed", () => {
    const { index, records } = setUp();
    index.takeDirty();
    records.set("ann-00B/resolved", { type: "resolved" });
    expect(sorted(index.takeDirty())).toEqual(["ann-00B"]);
  });
});
