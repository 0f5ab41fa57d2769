import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { indexPlainText, SEARCH_TEXT_LIMIT, searchablePart } from "./documents.ts";
import { SqliteStore } from "./storage/SqliteStore.ts";
import { plainText } from "./versions/attribution.ts";
import { TEXT_FIELD } from "./ydoc.ts";

/// What indexing a huge document costs is bounded: search keeps the first
/// SEARCH_TEXT_LIMIT characters, and the text walk stops there.
describe("search text of a huge document", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("indexes the first SEARCH_TEXT_LIMIT characters only", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-index-"));
    dirs.push(dir);
    const store = new SqliteStore(dir);
    const at = new Date().toISOString();
    await store.createDocument({ id: "big", title: "Big", createdAt: at, createdBy: null });
    await store.setShare({
      documentId: "big",
      userId: "u",
      role: "owner",
      grantedBy: null,
      grantedAt: at,
    });
    const text = `early ${"x".repeat(SEARCH_TEXT_LIMIT)} late`;
    await indexPlainText(store, "big", text);
    const stored = store.db
      .prepare("SELECT length(text) AS t, length(folded) AS f FROM document_text")
      .get() as { t: number; f: number };
    expect(stored).toEqual({ t: SEARCH_TEXT_LIMIT, f: SEARCH_TEXT_LIMIT });
    expect((await store.searchTextFor("u", "early", 5)).length).toBe(1);
    expect((await store.searchTextFor("u", "late", 5)).length).toBe(0);
    await store.close();
  }, 60_000);

  it("never cuts a surrogate pair", () => {
    const text = `${"x".repeat(SEARCH_TEXT_LIMIT - 1)}😀 more`;
    expect(searchablePart(text).length).toBe(SEARCH_TEXT_LIMIT - 1);
    expect(searchablePart("short")).toBe("short");
  });

  it("stops reading the Yjs text once the limit is reached", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(TEXT_FIELD);
    const blocks = [0, 1, 2].map((i) => {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText(String(i).repeat(1_500_000))]);
      return p;
    });
    fragment.insert(0, blocks);
    const whole = plainText(doc);
    expect(whole.length).toBe(3 * 1_500_000 + 4);
    const cut = plainText(doc, SEARCH_TEXT_LIMIT);
    // The second block's run is read whole; the third is never visited.
    expect(cut).toBe(whole.slice(0, 2 * 1_500_000 + 2));
    doc.destroy();
  });
});
