import { schema } from "@glossa/schema";
import { EditorState, type Transaction } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { describe, expect, it } from "vitest";
import { staleness } from "./staleness.ts";

describe("staleness plugin view", () => {
  it("tells every update, and a text change once, whatever else the transactions carry", () => {
    const seen = { updated: 0, textChanged: 0 };
    const plugin = staleness({
      updated: () => seen.updated++,
      textChanged: () => seen.textChanged++,
    });
    const doc = schema.node("doc", null, [schema.node("paragraph", null, [schema.text("Hello")])]);
    // The plugin view reads only `view.state`: a view holding a state is enough.
    const view = { state: EditorState.create({ doc, plugins: [plugin] }) };
    const pv = plugin.spec.view!(view as unknown as EditorView);
    const dispatch = (tr: Transaction) => {
      view.state = view.state.apply(tr);
      pv.update!(view as unknown as EditorView, view.state);
    };
    dispatch(view.state.tr.setMeta("glossa-role", "viewer"));
    expect(seen).toEqual({ updated: 1, textChanged: 0 });
    dispatch(view.state.tr.insertText("!", 6));
    expect(seen).toEqual({ updated: 2, textChanged: 1 });
    // Two text changes applied before one update are one change to tell.
    view.state = view.state.apply(view.state.tr.insertText("a", 1));
    dispatch(view.state.tr.insertText("b", 1));
    expect(seen).toEqual({ updated: 3, textChanged: 2 });
    dispatch(view.state.tr.setMeta("nothing", true));
    expect(seen).toEqual({ updated: 4, textChanged: 2 });
  });
});
