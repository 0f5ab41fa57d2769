/// Cuts a large Yjs update (V1) into smaller updates that, applied in order,
/// give the same document — so that the server can apply it over several
/// turns of the event loop instead of one (issue 10: 99,000 empty paragraphs
/// in one update held the loop for seconds, twice: the guard's copy and the
/// live document). Only bytes are copied, nothing is decoded: each slice is
/// the original bytes of consecutive structs under a new header (struct
/// count, client, first clock), or a run of deleted ranges. V1 writes every
/// struct and deleted range with absolute ids, so a run of them reads the
/// same under any header.
import { Cursor, skipStruct } from "./scan.ts";

/// One client's run of structs (or deleted ranges) in a slice: its header
/// numbers, then its bytes as they stand in the update.
export interface Run {
  head: number[];
  bytes: Uint8Array;
}

/// An update of `runs` (each run's header numbers, then its bytes), with
/// `before` and `after` as varuints around them; allocated once.
export function build(before: number[], runs: Run[], after: number[]): Uint8Array {
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

/// lib0 `writeVarUint` of each number, in one array.
export const varuints = (ns: number[]): Uint8Array => {
  const out: number[] = [];
  for (const n of ns) {
    let v = n;
    while (v > 0x7f) {
      out.push(0x80 | (v & 0x7f));
      v = Math.floor(v / 128);
    }
    out.push(v);
  }
  return Uint8Array.from(out);
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
export function* sliceDeleteSet(
  c: Cursor,
  update: Uint8Array,
  maxRanges: number,
): Generator<Uint8Array> {
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

/// One client's section of an update's structs: its bytes (header
/// included) and the other clients its structs refer to.
interface Section {
  client: number;
  bytes: Uint8Array;
  refers: Set<number>;
}

/// `update` (V1) with its clients' sections of structs reordered so that a
/// section comes after those of the clients its structs refer to (origins,
/// right origins, parents), where the references allow it (a cycle keeps the
/// update's order); the delete set last, as it was. Yjs writes clients in
/// descending id order, so the structs of a later client (marks, edits)
/// often come before the text they refer to: applied in slices, each such
/// slice then waited in Yjs' pending structs, merged again with every later
/// slice and re-applied whole once the text came (a 0.9 s step when a
/// document with 10,000 annotations loaded, issue 16). Applied whole, the
/// result is the same document. Bytes are copied, nothing decoded.
export function dependencyOrder(update: Uint8Array): Uint8Array {
  const c = new Cursor(update);
  const roots = new Set<string>();
  const sections = new Map<number, Section>();
  let refers = new Set<number>();
  const note = (client: number) => {
    refers.add(client);
  };
  const refs = { after: note, before: note, parent: note, deleted: () => {} };
  const count = c.uint();
  const start = c.pos;
  for (let s = 0; s < count; s++) {
    const at = c.pos;
    const structs = c.uint();
    const client = c.uint();
    c.uint();
    refers = new Set();
    for (let i = 0; i < structs; i++) skipStruct(c, roots, refs);
    refers.delete(client);
    sections.set(client, { client, bytes: update.subarray(at, c.pos), refers });
  }
  const out = new Uint8Array(update.length);
  out.set(update.subarray(0, start));
  let at = start;
  for (const section of postOrder(sections)) {
    out.set(section.bytes, at);
    at += section.bytes.length;
  }
  out.set(update.subarray(c.pos), at);
  return out;
}

/// The sections, each after the sections it refers to (depth first, without
/// recursion: a document may hold thousands of clients), else in their order.
function postOrder(sections: Map<number, Section>): Section[] {
  const out: Section[] = [];
  const seen = new Set<number>();
  for (const root of sections.values()) {
    if (seen.has(root.client)) continue;
    seen.add(root.client);
    const stack: { section: Section; deps: Iterator<number> }[] = [
      { section: root, deps: root.refers.values() },
    ];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = top.deps.next();
      if (next.done) {
        out.push(top.section);
        stack.pop();
        continue;
      }
      const dep = sections.get(next.value);
      if (!dep || seen.has(dep.client)) continue;
      seen.add(dep.client);
      stack.push({ section: dep, deps: dep.refers.values() });
    }
  }
  return out;
}
