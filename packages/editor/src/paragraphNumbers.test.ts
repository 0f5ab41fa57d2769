import { DocumentText, importLetter, numberParagraphs, schema } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import { EditorState, TextSelection } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { paragraphAt, paragraphNumbersPlugin, paragraphsOf } from "./paragraphNumbers.ts";

const letter = () => importLetter(readSampleLetter()).doc;

describe("paragraph numbers (¶)", () => {
  it("number the letter's body ¶ 1 – ¶ 5, exactly as the server does", () => {
    const doc = letter();
    const mine = numberParagraphs(doc);
    expect(mine.map((p) => p.paragraph)).toEqual([1, 2, 3, 4, 5]);
    expect(doc.textBetween(mine[0]!.from, mine[0]!.to).startsWith("Our organizations")).toBe(true);
    const server = new DocumentText(doc).blocks.filter((b) => b.paragraph !== null);
    expect(mine.map((p) => [p.paragraph, p.from, p.to])).toEqual(
      server.map((b) => [b.paragraph, b.from, b.to]),
    );
  });

  it("count paragraphs in lists and quotes, skip empty ones and other blocks", () => {
    const { nodes: n } = schema;
    const p = (t?: string) => n.paragraph!.create(null, t ? schema.text(t) : null);
    const doc = n.doc!.create(null, [
      n.heading!.create({ level: 2 }, schema.text("Facts")),
      p("one"),
      p(),
      p("   "),
      n.bullet_list!.create(null, [n.list_item!.create(null, [p("two")])]),
      n.blockquote!.create(null, [p("three")]),
    ]);
    expect(numberParagraphs(doc).map((x) => doc.textBetween(x.from, x.to))).toEqual([
      "one",
      "two",
      "three",
    ]);
    expect(new DocumentText(doc).blocks.map((b) => b.paragraph)).toEqual([
      null,
      1,
      null,
      null,
      2,
      3,
    ]);
  });

  it("stay put while people edit elsewhere, and move only when a numbered paragraph before them changes", () => {
    let state = EditorState.create({ doc: letter(), plugins: [paragraphNumbersPlugin()] });
    const before = paragraphsOf(state);
    const third = before[2]!;
    // Typing inside ¶ 2 and ¶ 5 changes no number.
    state = state.apply(state.tr.insertText("very ", before[1]!.from + 5));
    state = state.apply(state.tr.insertText(" indeed", paragraphsOf(state)[4]!.to));
    expect(paragraphsOf(state).map((p) => p.paragraph)).toEqual([1, 2, 3, 4, 5]);
    const at = paragraphsOf(state)[2]!;
    expect(paragraphAt(state, at.from + 3)).toBe(3);
    // Splitting ¶ 1 renumbers what follows it: the old ¶ 3 becomes ¶ 4.
    const text3 = state.doc.textBetween(at.from, at.to);
    state = state.apply(
      state.tr
        .setSelection(TextSelection.create(state.doc, before[0]!.from + 10))
        .split(before[0]!.from + 10),
    );
    const after = paragraphsOf(state);
    expect(after).toHaveLength(6);
    expect(state.doc.textBetween(after[3]!.from, after[3]!.to)).toBe(text3);
    expect(third.paragraph).toBe(3);
    // Outside numbered paragraphs (the title) there is no number.
    expect(paragraphAt(state, 2)).toBeNull();
  });
});
