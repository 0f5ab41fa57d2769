import * as Y from "yjs";
import { foldForSearch } from "./storage/Store.ts";
import {
  plainText,
  TextCache,
  type TextReader,
  textReads,
  textsOf,
} from "./versions/attribution.ts";

/// The most a step of a search-text refresh reads before it lets the event
/// loop turn: characters read and folded, and Yjs items walked (~5 ms of one
/// core for the letter ×214's non-ASCII-rich text).
export const SEARCH_TEXT_STEP = { chars: 32_768, items: 4_096 };

/// The text of a loaded document that search indexes, and its folded copy
/// (`foldForSearch`), kept per `Y.XmlText` until a transaction changes that
/// text (issue 16: refreshing the search text of the letter ×214, ~1 MB,
/// read, folded and joined it whole every 3 s of typing, 0.1–0.3 s of one
/// step of the event loop; a keystroke changes one text).
export class SearchText {
  readonly texts: TextCache;
  private readonly kept = new WeakMap<Y.XmlText, string>();
  private readonly drop = (tr: Y.Transaction) => {
    for (const type of tr.changed.keys()) if (type instanceof Y.XmlText) this.kept.delete(type);
  };
  /// Each text's folded string (folded again only once changed).
  private readonly folded: TextReader = {
    read: (text) => {
      let f = this.kept.get(text);
      if (f === undefined) {
        f = foldForSearch(this.texts.read(text));
        this.kept.set(text, f);
      }
      return f;
    },
  };

  constructor(private readonly ydoc: Y.Doc) {
    this.texts = new TextCache(ydoc);
    ydoc.on("afterTransaction", this.drop);
  }

  /// The text (`plainText` with `limit`) and its folded copy. What is not
  /// kept is read and folded first, at most `SEARCH_TEXT_STEP` per turn of
  /// the event loop (the first refresh of a loaded document reads it all);
  /// the last step joins the kept strings, reading again the few texts
  /// changed meanwhile. `busyMs`: the time of the steps, waits excluded.
  async read(limit: number): Promise<{ text: string; folded: string; busyMs: number }> {
    let busyMs = 0;
    let from = performance.now();
    let step = { chars: 0, items: textReads.items };
    let total = 0;
    for (const text of textsOf(this.ydoc)) {
      const had = this.kept.has(text);
      const n = this.folded.read(text).length;
      total += n;
      if (total >= limit) break;
      if (had) continue;
      step.chars += n;
      if (
        step.chars < SEARCH_TEXT_STEP.chars &&
        textReads.items - step.items < SEARCH_TEXT_STEP.items
      )
        continue;
      busyMs += performance.now() - from;
      await new Promise((r) => setImmediate(r));
      from = performance.now();
      step = { chars: 0, items: textReads.items };
    }
    const text = plainText(this.ydoc, limit, this.texts);
    const folded = plainText(this.ydoc, limit, this.folded);
    return { text, folded, busyMs: busyMs + performance.now() - from };
  }

  dispose(): void {
    this.texts.dispose();
    this.ydoc.off("afterTransaction", this.drop);
  }
}
