import * as Y from "yjs";
import { foldForSearch } from "./storage/Store.ts";
import { TextCache, textPieces, textReads } from "./versions/attribution.ts";

/// The most a step of a search-text refresh does before it lets the event
/// loop turn: characters folded or joined, and Yjs items walked (a few ms of
/// one core for the letter ×214's text, rich in curly quotes and section signs).
export const SEARCH_TEXT_STEP = { chars: 65_536, items: 4_096, blocks: 1_000 };
/// About how many characters one part of the search text holds: a
/// keystroke joins its part again, not the whole text.
export const SEARCH_TEXT_PART = 32_768;

/// A run of the search text (`text`) and its folded copy (`folded`, as long).
export interface SearchPart {
  text: string;
  folded: string;
}

/// Work of the search-text refreshes (a test counts it, never its time):
/// walks of a document's block structure, blocks visited, characters joined into parts.
export const searchTextStats = { pieceWalks: 0, blocks: 0, joined: 0 };

/// The time a refresh's steps took (`busyMs`), and when the current one began.
interface Clock {
  busyMs: number;
  from: number;
}

/// Lets the event loop turn, the wait not counted as the refresh's time.
async function turn(clock: Clock): Promise<void> {
  clock.busyMs += performance.now() - clock.from;
  await new Promise((r) => setImmediate(r));
  clock.from = performance.now();
}

/// Pieces `from`…`to` of the text, joined once until one of its texts changes.
interface Part {
  from: number;
  to: number;
  kept: SearchPart | null;
}

/// The text of a loaded document that search indexes (`plainText`), and its
/// folded copy (`foldForSearch`), as parts of ~SEARCH_TEXT_PART characters:
/// each `Y.XmlText`'s strings kept until a transaction changes that text,
/// each part's until one of its texts changes, the order of the texts until
/// a transaction changes the blocks (issue 16: refreshing the search text of
/// the letter ×214, ~1 MB, read, folded, joined and sent it whole every 3 s
/// of typing, 0.1–0.3 s of one step of the event loop; a keystroke changes one text).
export class SearchText {
  private readonly texts: TextCache;
  private readonly kept = new WeakMap<Y.XmlText, string>();
  private pieces: (string | Y.XmlText)[] = [];
  private parts: Part[] | null = null;
  private partOf = new Map<Y.XmlText, Part>();
  /// Moves with every change of a text or the blocks; `blocksVersion` with the blocks'.
  private version = 0;
  private blocksVersion = 0;
  private readonly drop = (tr: Y.Transaction) => {
    for (const type of tr.changed.keys()) {
      this.version++;
      if (!(type instanceof Y.XmlText)) {
        this.parts = null;
        this.blocksVersion++;
      } else {
        this.kept.delete(type);
        const part = this.partOf.get(type);
        if (part) part.kept = null;
      }
    }
  };

  constructor(private readonly ydoc: Y.Doc) {
    this.texts = new TextCache(ydoc);
    ydoc.on("afterTransaction", this.drop);
  }

  /// The folded string of `text` (folded again only once changed).
  private folded(text: Y.XmlText): string {
    let f = this.kept.get(text);
    if (f === undefined) {
      f = foldForSearch(this.texts.read(text));
      this.kept.set(text, f);
    }
    return f;
  }

  /// The parts, cut again (none joined) after the blocks changed: the
  /// blocks walked and cut into parts of about SEARCH_TEXT_PART characters,
  /// SEARCH_TEXT_STEP.blocks per turn of the event loop, and walked again if
  /// they change meanwhile (the third walk in one turn).
  private async order(clock: Clock): Promise<Part[]> {
    for (let attempt = 0; !this.parts; attempt++) {
      searchTextStats.pieceWalks++;
      const version = this.blocksVersion;
      const pieces: (string | Y.XmlText)[] = [];
      const parts: Part[] = [];
      const partOf = new Map<Y.XmlText, Part>();
      let part: Part = { from: 0, to: 0, kept: null };
      let size = 0;
      let blocks = 0;
      for (const piece of textPieces(this.ydoc)) {
        if (piece !== null) {
          if (size >= SEARCH_TEXT_PART) {
            parts.push(part);
            part = { from: pieces.length, to: pieces.length, kept: null };
            size = 0;
          }
          pieces.push(piece);
          part.to = pieces.length;
          size += piece.length;
          if (typeof piece !== "string") partOf.set(piece, part);
          continue;
        }
        searchTextStats.blocks++;
        if (++blocks % SEARCH_TEXT_STEP.blocks !== 0 || attempt >= 2) continue;
        await turn(clock);
        if (this.blocksVersion !== version) break;
      }
      if (this.blocksVersion !== version) continue;
      parts.push(part);
      this.pieces = pieces;
      this.partOf = partOf;
      this.parts = parts;
    }
    return this.parts;
  }

  /// Pieces `from`…`to` joined, stopping once `limit` characters are (as `plainText` does).
  private join(from: number, to: number, limit: number): SearchPart {
    const text: string[] = [];
    const folded: string[] = [];
    let length = 0;
    for (let i = from; i < to && length < limit; i++) {
      const piece = this.pieces[i]!;
      const f = typeof piece === "string" ? piece : this.folded(piece);
      text.push(typeof piece === "string" ? piece : this.texts.read(piece));
      folded.push(f);
      length += f.length;
    }
    searchTextStats.joined += 2 * length;
    return { text: text.join(""), folded: folded.join("") };
  }

  /// The text up to `limit` (`plainText`'s cut) in parts. Parts not kept are
  /// joined (their changed texts read and folded first), at most
  /// `SEARCH_TEXT_STEP` per turn of the event loop: the first refresh of a
  /// loaded document reads it all, later ones the parts typed into. Read
  /// again (the kept parts cost nothing) when the text changed meanwhile.
  /// `busyMs`: the time of the steps, waits excluded.
  async read(limit: number): Promise<{ parts: SearchPart[]; busyMs: number }> {
    const clock: Clock = { busyMs: 0, from: performance.now() };
    for (let attempt = 0; ; attempt++) {
      const version = this.version;
      const parts = await this.collect(limit, clock);
      if (this.version === version || attempt === 2) {
        return { parts, busyMs: clock.busyMs + performance.now() - clock.from };
      }
    }
  }

  private async collect(limit: number, clock: Clock) {
    const out: SearchPart[] = [];
    const parts = await this.order(clock);
    let step = { chars: searchTextStats.joined, items: textReads.items };
    let total = 0;
    for (const part of parts) {
      if (total >= limit) break;
      // A kept part is whole: the limit's part is joined up to it.
      let got = part.kept && total + part.kept.text.length < limit ? part.kept : null;
      if (!got) {
        got = this.join(part.from, part.to, limit - total);
        if (got.text.length + total < limit) part.kept = got;
      }
      out.push(got);
      total += got.text.length;
      const chars = searchTextStats.joined - step.chars;
      if (chars < SEARCH_TEXT_STEP.chars && textReads.items - step.items < SEARCH_TEXT_STEP.items)
        continue;
      await turn(clock);
      step = { chars: searchTextStats.joined, items: textReads.items };
    }
    return out;
  }

  dispose(): void {
    this.texts.dispose();
    this.ydoc.off("afterTransaction", this.drop);
  }
}
