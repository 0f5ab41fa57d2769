/// Cuts a large Yjs update (V1) into smaller updates that, applied in order,
/// give the same document — so that the server can apply it over several
/// turns of the event loop instead of one (issue 10: 99,000 empty paragraphs
/// in one update held the loop for seconds, twice: the guard's copy and the
/// live document). Only bytes are copied, nothing is decoded: each slice is
/// the original bytes of consecutive structs under a new header (struct
/// count, client, first clock), or a run of deleted ranges. V1 writes every
/// struct and deleted range with absolute ids, so a run of them reads the
/// same under any header.
import * as encoding from "lib0/encoding";
import { Cursor, skipStruct } from "./updateScan.ts";

/// One client's run of structs (or deleted ranges) in a slice: its header
/// numbers, then its bytes as they stand in the update.
interface Run {
  head: number[];
  bytes: Uint8Array;
}

/// An update of `runs` (each run's header numbers, then its bytes), with
/// `before` and `after` as varuints around them; allocated once.
function build(before: number[], runs: Run[], after: number[]): Uint8Array {
  const heads = runs.map((r) => varuints(r.head));
  const pre = varuints(before);
  const post = varuints(after);
  let size = pre.length + post.length;
  for (let i = 0; i < runs.length; i++) size += heads[i]!.length + runs[i]!.bytes.length;
  const out = new Uint8Array(size);
  let at = 0;
  const put = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };
  put(pre);
  for (let i = 0; i < runs.length; i++) {
    put(heads[i]!);
    put(runs[i]!.bytes);
  }
  put(post);
  return out;
}

const varuints = (ns: number[]): Uint8Array => {
  const e = encoding.createEncoder();
  for (const n of ns) encoding.writeVarUint(e, n);
  return encoding.toUint8Array(e);
};

/// The slices of `update`, made as they are asked for: every struct of it
/// in slices of at most `maxStructs` (runs of several clients packed
/// together, each client's in clock order), then its delete set in slices of
/// at most `maxRanges` ranges. Throws on bytes that are not an update (they
/// were scanned before).
export function* sliceUpdate(
  update: Uint8Array,
  maxStructs: number,
  maxRanges: number,
): Generator<Uint8Array> {
  const c = new Cursor(update);
  const roots = new Set<string>();
  let runs: Run[] = [];
  let held = 0;
  const sections = c.uint();
  for (let s = 0; s < sections; s++) {
    let left = c.uint();
    const client = c.uint();
    let clock = c.uint();
    while (left > 0) {
      const count = Math.min(left, maxStructs - held);
      const at = c.pos;
      const first = clock;
      for (let i = 0; i < count; i++) clock += skipStruct(c, roots);
      runs.push({ head: [count, client, first], bytes: update.subarray(at, c.pos) });
      held += count;
      left -= count;
      if (held >= maxStructs) {
        yield build([runs.length], runs, [0]);
        runs = [];
        held = 0;
      }
    }
  }
  if (runs.length > 0) yield build([runs.length], runs, [0]);
  yield* sliceDeleteSet(c, update, maxRanges);
}

/// The delete set at `c`, in updates of no structs and at most `maxRanges` ranges.
function* sliceDeleteSet(c: Cursor, update: Uint8Array, maxRanges: number): Generator<Uint8Array> {
  let runs: Run[] = [];
  let held = 0;
  const clients = c.uint();
  for (let d = 0; d < clients; d++) {
    const client = c.uint();
    let left = c.uint();
    while (left > 0) {
      const count = Math.min(left, maxRanges - held);
      const at = c.pos;
      for (let i = 0; i < count; i++) {
        c.uint();
        c.uint();
      }
      runs.push({ head: [client, count], bytes: update.subarray(at, c.pos) });
      held += count;
      left -= count;
      if (held >= maxRanges) {
        yield build([0, runs.length], runs, []);
        runs = [];
        held = 0;
      }
    }
  }
  if (runs.length > 0) yield build([0, runs.length], runs, []);
}
