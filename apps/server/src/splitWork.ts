import { SPLIT_BASE } from "@glossa/protocol";
import * as Y from "yjs";
import type { RefVisitor } from "./updateScan.ts";

/// Work of one split counted on top of the structs it moves (`SPLIT_BASE`,
/// published in `@glossa/protocol`): the new item, its content and the
/// garbage they make (measured: ~30 µs per split in a short struct list,
/// ~10 ns per struct moved, on the loaded 2-core machine).
export { SPLIT_BASE };

/// An estimate, before an update is applied, of what the splits it causes
/// cost (issue 10, item 1). Yjs keeps each client's structs in one array and
/// inserts every split part with `Array.splice`, which moves every later
/// struct: an item whose origin or right origin falls inside a held struct,
/// and a deleted range starting or ending inside a held struct not yet
/// deleted, each split one. On a document whose client holds 900,000
/// structs a split cost ~10 ms, so 500 of them held the event loop for 5 s
/// (twice: scratch copy and live document); a delete set of 99,000 ranges
/// splitting one 198,000-character item cost 1.7–3.2 s. Honest edits split
/// at most two structs per edit. The result is in structs moved (plus
/// SPLIT_BASE per split); only clocks `doc` already holds are counted (those
/// the update carries itself are laid out by the sender, at struct edges).
export class SplitWork {
  total = 0;
  readonly visitor: RefVisitor;

  constructor(
    private readonly doc: Y.Doc,
    /// The estimate stops growing (and counting) past this.
    private readonly cap: number,
  ) {
    this.visitor = {
      after: (client, clock) => this.at(client, clock, false),
      before: (client, clock) => this.at(client, clock, true),
      deleted: (client, clock, len) => {
        if (this.total > this.cap) return;
        this.at(client, clock, true, true);
        if (len > 0) this.at(client, clock + len, true, true);
      },
    };
  }

  /// A split at `clock`: before it (`start`: the struct must begin there),
  /// or after it (the struct must end there). Deletions split only structs
  /// not deleted yet; origins split anything but GC structs.
  private at(client: number, clock: number, start: boolean, deletion = false): void {
    if (this.total > this.cap) return;
    const structs = this.doc.store.clients.get(client);
    if (!structs || clock >= Y.getState(this.doc.store, client)) return;
    const index = Y.findIndexSS(structs, clock);
    const s = structs[index]!;
    const edge = start ? s.id.clock === clock : s.id.clock + s.length - 1 === clock;
    if (edge || s instanceof Y.GC || (deletion && s.deleted)) return;
    this.total += SPLIT_BASE + structs.length - index;
  }
}
