import { schema } from "@glossa/schema";
import { describe, expect, it } from "vitest";
import { prosemirrorToYXmlFragment } from "y-prosemirror";
import * as Y from "yjs";
import { runText, textSegments, xmlTexts } from "./yPositions.ts";

describe("ProseMirror positions onto Y.XmlText", () => {
  // "abc" / "de" + hard break + "fg": positions 1–4, 6–8, break at 8, 9–11.
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment("prosemirror");
  prosemirrorToYXmlFragment(
    schema.node("doc", null, [
      schema.node("paragraph", null, [schema.text("abc")]),
      schema.node("paragraph", null, [
        schema.text("de"),
        schema.node("hard_break"),
        schema.text("fg"),
      ]),
    ]),
    fragment,
  );

  it("finds the segments of a range across blocks and inline leaves", () => {
    const segs = textSegments(fragment, 2, 10).map((s) =>
      runText({ text: s.text, index: s.index, length: s.length }),
    );
    expect(segs).toEqual(["bc", "de", "f"]);
  });

  it("gives nothing for an empty or out-of-document range", () => {
    expect(textSegments(fragment, 3, 3)).toEqual([]);
    expect(textSegments(fragment, 50, 60)).toEqual([]);
  });

  it("lists texts in document order", () => {
    expect([...xmlTexts(fragment)].map((t) => t.toString())).toEqual(["abc", "de", "fg"]);
  });
});
