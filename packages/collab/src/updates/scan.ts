/// Reads what a Yjs update (format V1, what y-protocols sends) holds without
/// decoding it: no struct, string or content object is built, only the bytes
/// are walked. The server refuses an update over its limits from this scan,
/// before anything of it is decoded, copied or applied (issue 10, item 1: a
/// 2.4 MB update of 120,000 paragraphs cost 1.2 s in `Y.decodeUpdate` and
/// another 0.2–0.4 s in `Y.parseUpdateMeta` before it was refused).
///
/// The layout walked is Yjs' own (yjs `encoding.js`, `readClientsStructRefs`
/// and `readDeleteSet`; lib0 `decoding.js` for variable-length numbers and
/// `readAny`): a list of clients, each with its struct count, client id,
/// first clock and structs; then the delete set.

/// What a scan found.
export interface UpdateScan {
  /// Structs (items, GCs and skips), as `Y.decodeUpdate(u).structs.length`.
  structs: number;
  /// Structs holding a new Yjs type (ContentType: a paragraph or other
  /// block, a list item, a text node): each is an object Yjs builds on
  /// applying and the guard converts, the dearest kind of struct.
  types: number;
  /// Deleted ranges in the delete set.
  deleteRanges: number;
  /// A deleted range of length 0 (no edit a client makes).
  emptyDeletion: boolean;
  /// A struct of clock length 0 (an empty string, JSON or any list, a GC
  /// or skip of length 0). Yjs never writes one; applied, it shares its
  /// clock with the next struct, and a later deletion that collects garbage
  /// there throws inside Yjs (found by the guard fuzz, seed 128).
  emptyStruct: boolean;
  /// A client's deleted ranges out of order or overlapping. Yjs writes them
  /// sorted and merged; applying overlapping ranges visits the same structs
  /// again for each (quadratic), so the server refuses them.
  unsortedDeletion: boolean;
  /// Per client id: the lowest first clock and the highest end clock of its
  /// structs (the shape of `Y.parseUpdateMeta`).
  clients: Map<number, { from: number; to: number }>;
  /// Names of the top-level types the update's items are inserted into.
  roots: Set<string>;
  /// The deleted ranges, when asked for (`scanUpdate(u, limits, true)`).
  deletions: { client: number; clock: number; len: number }[];
}

/// Where an update points into text that may already exist, for an estimate
/// of what applying it splits (`splitWork.ts`): each item's origin (the
/// clock it follows; Yjs splits the struct holding it unless that is its
/// last clock), right origin (the clock it precedes; split unless first), and
/// each deleted range (split at either end inside a struct not yet deleted).
/// Called unbound.
export interface RefVisitor {
  after: (client: number, clock: number) => void;
  before: (client: number, clock: number) => void;
  deleted: (client: number, clock: number, len: number) => void;
  /// The item holding an item's parent type, when that is how it is named.
  parent?: (client: number, clock: number) => void;
}

/// Limits checked during the scan; the scan stops at the first one exceeded.
export interface ScanLimits {
  structs: number;
  deleteRanges: number;
  /// Structs holding a new type (`UpdateScan.types`); none when absent.
  types?: number;
}

/// The scan stopped: a limit on structs or deleted ranges is exceeded (`limit`),
/// the limit on new types (`types`), or the bytes are no Yjs update (`malformed`).
export class ScanError extends Error {
  constructor(
    readonly kind: "limit" | "types" | "malformed",
    message: string,
  ) {
    super(message);
  }
}

const malformed = (what: string): never => {
  throw new ScanError("malformed", what);
};

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/// A cursor over the bytes; every read checks the end.
export class Cursor {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.bytes.length) malformed("the update ends early");
    return this.bytes[this.pos++]!;
  }

  /// lib0 `readVarUint` (at most 53 bits).
  uint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      const r = this.byte();
      num += (r & 0x7f) * mult;
      if (r < 0x80) return num;
      mult *= 128;
      if (num > Number.MAX_SAFE_INTEGER) malformed("a number is out of range");
    }
  }

  /// Skips a Yjs id (client, clock).
  id(): void {
    this.uint();
    this.uint();
  }

  /// Reads a Yjs id and hands it to `to`.
  ref(to: (client: number, clock: number) => void): void {
    const client = this.uint();
    to(client, this.uint());
  }

  /// Skips a lib0 `writeVarInt` (any sign).
  skipInt(): void {
    while (this.byte() >= 0x80);
  }

  skip(n: number): void {
    if (n > this.bytes.length - this.pos) malformed("the update ends early");
    this.pos += n;
  }

  /// Skips a length-prefixed byte run (lib0 `readVarUint8Array`, `readVarString`).
  skipBytes(): number {
    const n = this.uint();
    const at = this.pos;
    this.skip(n);
    return at;
  }

  /// A length-prefixed UTF-8 string, decoded as lib0 does (invalid UTF-8
  /// is refused, a BOM kept): its UTF-16 length is the clock length of a
  /// `ContentString`, exact because authorship checks rely on it.
  string(): string {
    const at = this.skipBytes();
    try {
      return UTF8.decode(this.bytes.subarray(at, this.pos));
    } catch {
      return malformed("a string is not UTF-8");
    }
  }

  /// Skips a lib0 `writeAny` value, `depth` bounding nesting.
  skipAny(depth = 0): void {
    if (depth > 100) malformed("a value is nested too deeply");
    switch (this.byte()) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return;
      case 125: // integer
        this.skipInt();
        return;
      case 124: // float32
        this.skip(4);
        return;
      case 123: // float64
      case 122: // bigint
        this.skip(8);
        return;
      case 119: // string
      case 116: // Uint8Array
        this.skipBytes();
        return;
      case 118: {
        // object
        const n = this.uint();
        for (let i = 0; i < n; i++) {
          this.skipBytes();
          this.skipAny(depth + 1);
        }
        return;
      }
      case 117: {
        // array
        const n = this.uint();
        for (let i = 0; i < n; i++) this.skipAny(depth + 1);
        return;
      }
      default:
        malformed("a value of unknown kind");
    }
  }
}

/// Yjs content refs (yjs `contentRefs`): skips the content, returns its clock length.
function skipContent(c: Cursor, ref: number): number {
  switch (ref) {
    case 1: // ContentDeleted
      return c.uint();
    case 2: {
      // ContentJSON
      const n = c.uint();
      for (let i = 0; i < n; i++) c.skipBytes();
      return n;
    }
    case 3: // ContentBinary
    case 5: // ContentEmbed (JSON string)
      c.skipBytes();
      return 1;
    case 4: // ContentString
      return c.string().length;
    case 6: // ContentFormat: key, JSON value
      c.skipBytes();
      c.skipBytes();
      return 1;
    case 7: {
      // ContentType: type ref, and a node name for XmlElement (3) and XmlHook (5)
      const typeRef = c.uint();
      if (typeRef > 6) malformed("a type of unknown kind");
      if (typeRef === 3 || typeRef === 5) c.skipBytes();
      return 1;
    }
    case 8: {
      // ContentAny
      const n = c.uint();
      for (let i = 0; i < n; i++) c.skipAny();
      return n;
    }
    case 9: // ContentDoc: guid, options
      c.skipBytes();
      c.skipAny();
      return 1;
    default:
      return malformed("content of unknown kind");
  }
}

/// Walks one struct of `client` (yjs `lazyStructReaderGenerator`); returns
/// its clock length.
export function skipStruct(c: Cursor, roots: Set<string>, refs?: RefVisitor): number {
  const info = c.byte();
  if (info === 10) return c.uint(); // Skip
  const ref = info & 0x1f;
  if (ref === 0) return c.uint(); // GC
  if (ref === 10) return malformed("a skip with item flags");
  if (info & 0x80) refs ? c.ref(refs.after) : c.id(); // origin
  if (info & 0x40) refs ? c.ref(refs.before) : c.id(); // right origin
  if ((info & 0xc0) === 0) {
    // Parent: a top-level type's name, or the id of the item holding it.
    if (c.uint() === 1) roots.add(c.string());
    else if (refs?.parent) c.ref(refs.parent);
    else c.id();
    if (info & 0x20) c.skipBytes(); // parentSub (a map key)
  }
  return skipContent(c, ref);
}

/// Scans run since start (tests count them per keystroke: work, not time).
export const scanStats = { scans: 0 };

/// Scans `update` (Yjs V1). Throws a ScanError at the first exceeded limit
/// (struct counts are declared per client up front, so an update of too
/// many structs is refused before any of them is read) or when the bytes
/// are not an update.
export function scanUpdate(
  update: Uint8Array,
  limits?: ScanLimits,
  withDeletions = false,
  refs?: RefVisitor,
): UpdateScan {
  scanStats.scans += 1;
  const c = new Cursor(update);
  const scan: UpdateScan = {
    structs: 0,
    types: 0,
    deleteRanges: 0,
    emptyDeletion: false,
    emptyStruct: false,
    unsortedDeletion: false,
    clients: new Map(),
    roots: new Set(),
    deletions: [],
  };
  const maxStructs = limits?.structs ?? Number.POSITIVE_INFINITY;
  const maxRanges = limits?.deleteRanges ?? Number.POSITIVE_INFINITY;
  const maxTypes = limits?.types ?? Number.POSITIVE_INFINITY;
  const sections = c.uint();
  for (let s = 0; s < sections; s++) {
    const n = c.uint();
    scan.structs += n;
    if (scan.structs > maxStructs) throw new ScanError("limit", `${scan.structs} structs or more`);
    const client = c.uint();
    const from = c.uint();
    let clock = from;
    for (let i = 0; i < n; i++) {
      // The struct's info byte: content ref 7 is a new type.
      if (((c.bytes[c.pos] ?? 0) & 0x1f) === 7 && ++scan.types > maxTypes)
        throw new ScanError("types", `${scan.types} new blocks or text nodes or more`);
      const len = skipStruct(c, scan.roots, refs);
      if (len === 0) scan.emptyStruct = true;
      clock += len;
    }
    if (n === 0) continue;
    const seen = scan.clients.get(client);
    if (seen) {
      seen.from = Math.min(seen.from, from);
      seen.to = Math.max(seen.to, clock);
    } else scan.clients.set(client, { from, to: clock });
  }
  const dsClients = c.uint();
  /// Per client, the end of its last deleted range.
  const ends = new Map<number, number>();
  for (let d = 0; d < dsClients; d++) {
    const client = c.uint();
    const n = c.uint();
    scan.deleteRanges += n;
    if (scan.deleteRanges > maxRanges)
      throw new ScanError("limit", `${scan.deleteRanges} deleted ranges or more`);
    let end = ends.get(client) ?? 0;
    for (let i = 0; i < n; i++) {
      const clock = c.uint();
      const len = c.uint();
      if (len === 0) scan.emptyDeletion = true;
      if (clock < end) scan.unsortedDeletion = true;
      end = Math.max(end, clock + len);
      if (withDeletions) scan.deletions.push({ client, clock, len });
      refs?.deleted(client, clock, len);
    }
    ends.set(client, end);
  }
  return scan;
}

/// The Yjs update a websocket frame carries, when it is a sync step 2 or an
/// update message (y-protocols sync, after the document name); else null.
/// A subarray of `frame`, nothing copied.
export function frameUpdate(frame: Uint8Array): Uint8Array | null {
  try {
    const c = new Cursor(frame);
    c.skipBytes(); // document name
    const type = c.uint();
    if (type !== 0 && type !== 4) return null; // not a sync (or sync reply) message
    const step = c.uint();
    if (step !== 1 && step !== 2) return null;
    const at = c.skipBytes();
    return frame.subarray(at, c.pos);
  } catch {
    return null;
  }
}
