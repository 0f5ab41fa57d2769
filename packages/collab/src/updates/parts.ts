/// The parts an honest client sends one change in when it is larger than the
/// server takes in one update (`@glossa/protocol` `UPDATE_LIMITS`): a paste
/// of a 600-page brief (more than 20,000 blocks), or the sync reply after a
/// long offline spell (a long paste, a clean-up of 100,000 deleted ranges).
/// Applied in order, the parts give the same document as the whole; each
/// is a Yjs V1 update of consecutive structs (clients put after those they
/// refer to, `dependencyOrder`), the delete set last. Bytes are copied,
/// nothing is decoded.
///
/// The server checks every update it applies against the schema, so each
/// part must leave a document the schema accepts: a cut is never made just
/// before the first child or an attribute of a block (a list before its
/// first item, a list item before its paragraph would be refused), only
/// before a block that follows another, before text, or between writers.
import { Cursor, scanUpdate, skipStruct } from "./scan.ts";
import { build, dependencyOrder, type Run, sliceDeleteSet } from "./slices.ts";

/// What one part may hold at most.
export interface PartLimits {
  structs: number;
  /// New Yjs types (blocks and text nodes).
  blocks: number;
  /// Clocks (characters and blocks) its structs span.
  clocks: number;
  deleteRanges: number;
  /// Bytes of the part (one struct larger than this is a part alone).
  bytes: number;
}

/// One part of a change, with what the server counts of it.
export interface Part {
  update: Uint8Array;
  structs: number;
  blocks: number;
  clocks: number;
  deleteRanges: number;
}

/// Structs of an update, read once: where each starts and ends in the bytes,
/// its clock and length, whether it holds a new type, and whether the part
/// may end just before it.
interface Structs {
  client: number[];
  clock: number[];
  len: number[];
  start: number[];
  end: number[];
  type: boolean[];
  cut: boolean[];
}

/// The structs of `update` (V1) and where its delete set starts.
function readStructs(update: Uint8Array): { s: Structs; ds: number } {
  const c = new Cursor(update);
  const roots = new Set<string>();
  const s: Structs = { client: [], clock: [], len: [], start: [], end: [], type: [], cut: [] };
  const sections = c.uint();
  for (let n = 0; n < sections; n++) {
    const count = c.uint();
    const client = c.uint();
    let clock = c.uint();
    for (let i = 0; i < count; i++) {
      const at = c.pos;
      const info = update[at]!;
      const len = skipStruct(c, roots);
      s.client.push(client);
      s.clock.push(clock);
      s.len.push(len);
      s.start.push(at);
      s.end.push(c.pos);
      s.type.push(info !== 10 && (info & 0x1f) === 7);
      // A writer's first struct here follows what the server holds; else a
      // part may end before it unless it is an item put into its parent by
      // id with no neighbour (a first child) holding a type, or a map entry
      // (an attribute): the parent would stand without what it needs.
      const byParent = info !== 10 && (info & 0x1f) !== 0 && (info & 0xc0) === 0;
      const rootParent = byParent && update[at + 1] === 1;
      s.cut.push(i === 0 || !byParent || rootParent || ((info & 0x1f) !== 7 && !(info & 0x20)));
      clock += len;
    }
  }
  return { s, ds: c.pos };
}

/// `update` cut into parts within `limits`, in the order they are to be
/// sent; `[update]` itself (as one part) when it fits whole.
export function partsOf(update: Uint8Array, limits: PartLimits): Part[] {
  const scan = scanUpdate(update);
  let clocks = 0;
  for (const { from, to } of scan.clients.values()) clocks += to - from;
  const whole: Part = {
    update,
    structs: scan.structs,
    blocks: scan.types,
    clocks,
    deleteRanges: scan.deleteRanges,
  };
  if (fits(whole, update.length, limits)) return [whole];
  const ordered = dependencyOrder(update);
  const { s, ds } = readStructs(ordered);
  const ranges = scan.deleteRanges;
  const parts = structParts(ordered, s, limits);
  const dsParts = [...sliceDeleteSet(cursorAt(ordered, ds), ordered, limits.deleteRanges)];
  // The delete set rides with the last part of structs when both fit.
  const last = parts[parts.length - 1];
  if (last && dsParts.length === 1 && ranges > 0) {
    const joined = { ...last, deleteRanges: ranges };
    const bytes = last.update.length + (ordered.length - ds);
    if (fits(joined, bytes, limits)) {
      joined.update = withDeleteSet(last.update, ordered.subarray(ds));
      parts[parts.length - 1] = joined;
      return parts;
    }
  }
  for (const u of ranges > 0 ? dsParts : [])
    parts.push({ update: u, structs: 0, blocks: 0, clocks: 0, deleteRanges: countRanges(u, 1) });
  return parts;
}

const fits = (p: Part, bytes: number, l: PartLimits): boolean =>
  p.structs <= l.structs &&
  p.blocks <= l.blocks &&
  p.clocks <= l.clocks &&
  p.deleteRanges <= l.deleteRanges &&
  bytes <= l.bytes;

function cursorAt(update: Uint8Array, pos: number): Cursor {
  const c = new Cursor(update);
  c.pos = pos;
  return c;
}

/// Deleted ranges of the delete set at `pos`.
function countRanges(update: Uint8Array, pos: number): number {
  const c = cursorAt(update, pos);
  let n = 0;
  const clients = c.uint();
  for (let d = 0; d < clients; d++) {
    c.uint();
    const k = c.uint();
    n += k;
    for (let i = 0; i < k; i++) c.id();
  }
  return n;
}

/// A part of structs only (its delete set empty, one 0 byte at the end)
/// with `deleteSet` (bytes of a V1 delete set) in its place.
function withDeleteSet(part: Uint8Array, deleteSet: Uint8Array): Uint8Array {
  const out = new Uint8Array(part.length - 1 + deleteSet.length);
  out.set(part.subarray(0, part.length - 1));
  out.set(deleteSet, part.length - 1);
  return out;
}

/// The structs in parts: each as large as `limits` allow, ended at the last
/// place a part may end before the limit (or at the limit when there is none).
function structParts(update: Uint8Array, s: Structs, limits: PartLimits): Part[] {
  const parts: Part[] = [];
  const n = s.len.length;
  let from = 0;
  while (from < n) {
    let structs = 0;
    let blocks = 0;
    let clocks = 0;
    let lastCut = -1;
    let i = from;
    for (; i < n; i++) {
      const bytes = s.end[i]! - s.start[from]! + 32;
      const over =
        structs + 1 > limits.structs ||
        blocks + (s.type[i] ? 1 : 0) > limits.blocks ||
        clocks + s.len[i]! > limits.clocks ||
        bytes > limits.bytes;
      if (over && i > from) break;
      if (i > from && s.cut[i]) lastCut = i;
      structs++;
      clocks += s.len[i]!;
      if (s.type[i]) blocks++;
    }
    const to = i < n && lastCut > from ? lastCut : i;
    parts.push(structPart(update, s, from, to));
    from = to;
  }
  return parts;
}

/// The structs `from`…`to` (exclusive) as one update without deletions.
function structPart(update: Uint8Array, s: Structs, from: number, to: number): Part {
  const runs: Run[] = [];
  let blocks = 0;
  let clocks = 0;
  let i = from;
  while (i < to) {
    let j = i + 1;
    // A run: consecutive structs of one writer, contiguous in the bytes.
    while (j < to && s.client[j] === s.client[i] && s.start[j] === s.end[j - 1]) j++;
    runs.push({
      head: [j - i, s.client[i]!, s.clock[i]!],
      bytes: update.subarray(s.start[i]!, s.end[j - 1]!),
    });
    for (let k = i; k < j; k++) {
      clocks += s.len[k]!;
      if (s.type[k]) blocks++;
    }
    i = j;
  }
  return {
    update: build([runs.length], runs, [0]),
    structs: to - from,
    blocks,
    clocks,
    deleteRanges: 0,
  };
}

/// The delete set of `update` alone, as an update of no structs.
export function deleteSetOf(update: Uint8Array): Uint8Array {
  const { ds } = readStructs(update);
  const out = new Uint8Array(1 + update.length - ds);
  out.set(update.subarray(ds), 1);
  return out;
}
