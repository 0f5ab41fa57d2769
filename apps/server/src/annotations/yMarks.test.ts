import { schema } from "@glossa/schema";
import { describe, expect, it } from "vitest";
import { prosemirrorToYXmlFragment } from "y-prosemirror";
import * as Y from "yjs";
import { annotationAttributeKey } from "./markKey.ts";
import { addAnnotationFormat, removeAnnotationFormat, unmarkRuns } from "./yMarks.ts";

describe("the formatting of annotation marks", () => {
  const setUp = () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("prosemirror");
    prosemirrorToYXmlFragment(
      schema.node("doc", null, [
        schema.node("paragraph", null, [schema.text("abcdef")]),
        schema.node("paragraph", null, [schema.text("ghi")]),
      ]),
      fragment,
    );
    const text = (i: number) => (fragment.get(i) as Y.XmlElement).get(0) as Y.XmlText;
    return { fragment, text };
  };
  const marked = (t: Y.XmlText, id: string) =>
    (t.toDelta() as { insert: string; attributes?: Record<string, unknown> }[])
      .filter((op) => op.attributes?.[annotationAttributeKey(id)])
      .map((op) => op.insert);

  it("adds a mark across blocks, recording its identity, and removes it", () => {
    const { fragment, text } = setUp();
    const record = new Y.Doc().getMap<{ chars: number[]; gaps: number[] }>("anchorItems");
    expect(addAnnotationFormat(fragment, 5, 11, "A", record)).toBe(4); // "ef" + "gh"
    expect(marked(text(0), "A")).toEqual(["ef"]);
    expect(marked(text(1), "A")).toEqual(["gh"]);
    expect(record.get("A")!.chars.length).toBeGreaterThan(0);
    addAnnotationFormat(fragment, 2, 4, "B");
    expect(removeAnnotationFormat(fragment, "A")).toBe(4);
    expect(marked(text(0), "A")).toEqual([]);
    expect(marked(text(0), "B")).toEqual(["bc"]);
    // Limited to given texts, it leaves the others alone.
    addAnnotationFormat(fragment, 5, 11, "A");
    expect(removeAnnotationFormat([text(1)], "A")).toBe(2);
    expect(marked(text(0), "A")).toEqual(["ef"]);
  });

  it("takes a mark off given runs only", () => {
    const { fragment, text } = setUp();
    addAnnotationFormat(fragment, 1, 7, "A"); // "abcdef"
    unmarkRuns([{ text: text(0), index: 4, length: 2 }], "A");
    expect(marked(text(0), "A")).toEqual(["abcd"]);
  });
});
