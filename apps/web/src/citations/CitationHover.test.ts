import { citationsPlugin } from "@glossa/editor";
import { schema } from "@glossa/schema";
import { EditorState, TextSelection } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { citationHover, citationHoverKey } from "./CitationHover.ts";

describe("citation hover plugin state", () => {
  it("is the citation the caret sits in, and nothing for a range or outside a citation", () => {
    const text = "As 8 U.S.C. § 1231 says, removal follows.";
    const doc = schema.node("doc", null, [schema.node("paragraph", null, [schema.text(text)])]);
    const { plugin } = citationHover({ open: () => {}, actions: () => [] });
    let state = EditorState.create({ doc, plugins: [citationsPlugin(), plugin] });
    const at = (from: number, to = from) => {
      state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, to)));
      return citationHoverKey.getState(state);
    };
    const inside = 1 + text.indexOf("U.S.C.");
    expect(at(inside)?.citation.key).toBe("usc/8/1231");
    expect(at(1)).toBe(null);
    expect(at(inside, inside + 3)).toBe(null);
    // The text moving the citation: still found under the caret.
    state = state.apply(state.tr.insertText("So, ", 1));
    expect(at(inside + 4)?.citation.key).toBe("usc/8/1231");
  });
});
