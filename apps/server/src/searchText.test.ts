import { docText, importLetter } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import { describe, expect, it } from "vitest";
import { prosemirrorToYXmlFragment } from "y-prosemirror";
import * as Y from "yjs";
import { SearchText } from "./searchText.ts";
import { foldForSearch, foldStats } from "./storage/Store.ts";
import { plainText } from "./versions/attribution.ts";
import { TEXT_FIELD } from "./ydoc.ts";

describe("SearchText", () => {
  it("gives the text and its folded copy, folding again only the texts changed", async () => {
    const doc = importLetter(readSampleLetter()).doc;
    const ydoc = new Y.Doc();
    prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment(TEXT_FIELD));
    const search = new SearchText(ydoc);
    const first = await search.read(Number.POSITIVE_INFINITY);
    expect(first.text).toBe(docText(doc));
    expect(first.folded).toBe(foldForSearch(first.text));
    const texts = (ydoc.getXmlFragment(TEXT_FIELD).toArray() as Y.XmlElement[])
      .map((b) => b.get(0))
      .filter((t): t is Y.XmlText => t instanceof Y.XmlText);
    const typed = texts[2]!;
    typed.insert(1, "ÉTÉ Rodríguez");
    const folded = foldStats.chars;
    const next = await search.read(Number.POSITIVE_INFINITY);
    expect(foldStats.chars - folded).toBe(typed.length);
    expect(next.text).toBe(plainText(ydoc));
    expect(next.folded).toBe(foldForSearch(next.text));
    expect(next.folded).toContain("ete rodriguez");
    // With a limit: the same cut as `plainText`'s.
    const cut = await search.read(100);
    expect(cut.text).toBe(plainText(ydoc, 100));
    expect(cut.folded).toBe(foldForSearch(cut.text));
    search.dispose();
  });
});
