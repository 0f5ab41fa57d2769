import { schema } from "@glossa/schema";
import { describe, expect, it } from "vitest";
import { prosemirrorToYXmlFragment } from "y-prosemirror";
import * as Y from "yjs";
import { annotationAttributeKey } from "./markKey.ts";

describe("annotationAttributeKey", () => {
  it("is the key y-prosemirror writes for an annotation mark", () => {
    for (const id of ["ann-0001", "a", "x".repeat(64)]) {
      const doc = new Y.Doc();
      const mark = schema.marks.annotation!.create({ id });
      prosemirrorToYXmlFragment(
        schema.node("doc", null, [schema.node("paragraph", null, [schema.text("abc", [mark])])]),
        doc.getXmlFragment("prosemirror"),
      );
      const text = (doc.getXmlFragment("prosemirror").get(0) as Y.XmlElement).get(0) as Y.XmlText;
      const [op] = text.toDelta() as { attributes: Record<string, unknown> }[];
      expect(Object.keys(op!.attributes)).toEqual([annotationAttributeKey(id)]);
    }
  });
});
