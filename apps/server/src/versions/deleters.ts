/// One deletion record as the redline reads it: the Yjs items
/// `clock … clock + len - 1` of `clientId` were deleted by `who`.
export interface DeletionRow<P> {
  clientId: number;
  clock: number;
  len: number;
  who: P;
}

interface ClientRows<P> {
  /// The client's rows sorted by clock (ties: the order recorded).
  starts: number[];
  ends: number[];
  /// The largest end among rows 0..i: no row at or before i covers a clock ≥ it.
  maxEnd: number[];
  /// Each row's place in the order recorded: the first recorded wins.
  order: number[];
  who: P[];
}

/// Who deleted which Yjs item, from the deletion records (`yjs_deletions`,
/// in the order recorded), indexed per client: a lookup is a binary search
/// and a step or two, not a scan of every row of the client — a redline asks
/// once per deleted character, and a document's history holds a row per
/// deleting update.
export class DeleterIndex<P> {
  /// Rows looked at by `find` (tests count work, not time).
  visited = 0;
  private readonly clients = new Map<number, ClientRows<P>>();

  constructor(rows: readonly DeletionRow<P>[]) {
    const grouped = new Map<number, { row: DeletionRow<P>; order: number }[]>();
    rows.forEach((row, order) => {
      const list = grouped.get(row.clientId) ?? [];
      list.push({ row, order });
      grouped.set(row.clientId, list);
    });
    for (const [client, list] of grouped) {
      list.sort((a, b) => a.row.clock - b.row.clock || a.order - b.order);
      const maxEnd: number[] = [];
      let max = Number.NEGATIVE_INFINITY;
      for (const { row } of list) {
        max = Math.max(max, row.clock + row.len);
        maxEnd.push(max);
      }
      this.clients.set(client, {
        starts: list.map((x) => x.row.clock),
        ends: list.map((x) => x.row.clock + x.row.len),
        maxEnd,
        order: list.map((x) => x.order),
        who: list.map((x) => x.row.who),
      });
    }
  }

  /// The first recorded deleter of item (`client`, `clock`), or `undefined`
  /// when no row covers it. A later row covering the same item can only
  /// repeat a concurrent deletion.
  find(client: number, clock: number): { who: P } | undefined {
    const rows = this.clients.get(client);
    if (!rows) return undefined;
    // The last row starting at or before `clock`.
    let lo = 0;
    let hi = rows.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows.starts[mid]! <= clock) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    for (let j = lo - 1; j >= 0 && rows.maxEnd[j]! > clock; j--) {
      this.visited += 1;
      if (rows.ends[j]! > clock && (best < 0 || rows.order[j]! < rows.order[best]!)) best = j;
    }
    return best < 0 ? undefined : { who: rows.who[best]! };
  }
}
