import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { docText, importLetter } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import { describe, expect, it } from "vitest";
import { prosemirrorToYXmlFragment } from "y-prosemirror";
import * as Y from "yjs";
import { indexTextParts } from "./documents.ts";
import { SEARCH_TEXT_PART, type SearchPart, SearchText, searchTextStats } from "./searchText.ts";
import { SqliteStore } from "./storage/SqliteStore.ts";
import { foldForSearch, foldStats } from "./storage/Store.ts";
import { plainText } from "./versions/attribution.ts";
import { TEXT_FIELD } from "./ydoc.ts";

const joined = (parts: SearchPart[]) => ({
  text: parts.map((p) => p.text).join(""),
  folded: parts.map((p) => p.folded).join(""),
});

/// The sample letter `times` over, as a Y.Doc.
function letter(times: number): { ydoc: Y.Doc; text: string } {
  const one = importLetter(readSampleLetter()).doc;
  const doc = one.type.create(
    one.attrs,
    Array.from({ length: times }, () => one.content).flatMap((c) => c.content),
  );
  const ydoc = new Y.Doc();
  prosemirrorToYXmlFragment(doc, ydoc.getXmlFragment(TEXT_FIELD));
  return { ydoc, text: docText(doc) };
}

const textsOf = (ydoc: Y.Doc) =>
  (ydoc.getXmlFragment(TEXT_FIELD).toArray() as Y.XmlElement[])
    .map((b) => b.get(0))
    .filter((t): t is Y.XmlText => t instanceof Y.XmlText);

describe("SearchText", () => {
  it("gives the text and its folded copy in parts, joining and folding again only what changed", async () => {
    const { ydoc, text } = letter(40);
    expect(text.length).toBeGreaterThan(4 * SEARCH_TEXT_PART);
    const search = new SearchText(ydoc);
    const first = await search.read(Number.POSITIVE_INFINITY);
    expect(first.parts.length).toBeGreaterThan(3);
    expect(joined(first.parts).text).toBe(text);
    expect(joined(first.parts).folded).toBe(foldForSearch(text));
    const typed = textsOf(ydoc)[2]!;
    typed.insert(1, "ÉTÉ Rodríguez");
    const [folded, join, walks] = [
      foldStats.chars,
      searchTextStats.joined,
      searchTextStats.pieceWalks,
    ];
    const next = await search.read(Number.POSITIVE_INFINITY);
    // One text folded again, one part joined again (text and folded), the blocks not walked.
    expect(foldStats.chars - folded).toBe(typed.length);
    expect(searchTextStats.joined - join).toBe(2 * next.parts[0]!.text.length);
    expect(next.parts[0]!.text.length).toBeLessThan(2 * SEARCH_TEXT_PART);
    expect(searchTextStats.pieceWalks).toBe(walks);
    expect(joined(next.parts).text).toBe(plainText(ydoc));
    expect(joined(next.parts).folded).toBe(foldForSearch(plainText(ydoc)));
    expect(joined(next.parts).folded).toContain("ete rodriguez");
    // A new block: the blocks walked again, the text still the same as plainText's.
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Inserted block")]);
    ydoc.getXmlFragment(TEXT_FIELD).insert(5, [p]);
    expect(joined((await search.read(Number.POSITIVE_INFINITY)).parts).text).toBe(plainText(ydoc));
    expect(searchTextStats.pieceWalks).toBe(walks + 1);
    // With a limit: the same cut as `plainText`'s.
    for (const limit of [100, SEARCH_TEXT_PART + 7, 3 * SEARCH_TEXT_PART]) {
      const cut = joined((await search.read(limit)).parts);
      expect(cut.text).toBe(plainText(ydoc, limit));
      expect(cut.folded).toBe(foldForSearch(cut.text));
    }
    search.dispose();
  });

  it("is stored by SQLite's journal worker joined from its parts", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-parts-"));
    const store = new SqliteStore(dir);
    try {
      const at = new Date().toISOString();
      await store.createDocument({ id: "d", title: "D", createdAt: at, createdBy: null });
      const { ydoc, text } = letter(40);
      const search = new SearchText(ydoc);
      const { parts } = await search.read(Number.POSITIVE_INFINITY);
      await indexTextParts(store, "d", parts);
      const row = () =>
        store.db.prepare("SELECT text, folded FROM document_text WHERE document_id = 'd'").get();
      expect(row()).toEqual({ text, folded: foldForSearch(text) });
      // Fewer parts the next time: the old ones past the end are not joined.
      await indexTextParts(store, "d", parts.slice(0, 2));
      expect(row()).toEqual(joined(parts.slice(0, 2)));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
