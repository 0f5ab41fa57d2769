import * as Y from "yjs";
import { deleteSetOf } from "./updates/parts.ts";

/// Base64 characters of deletions in one `flush` (the protocol allows 60,000).
const MAX_QUESTION_CHARS = 48_000;

/// In a page's record, in place of deletions too many to list: a later page
/// asks about every range its copy deletes (`DeletionTracker.question`).
export const UNLISTED = "*";

/// Own deletions that added no characters: they move no clock, so no
/// `saved` state vector covers them. Each is pending until the server
/// answers a `flush` of it with `ok` (docs/protocol.md §5); one question is
/// out at a time, asked again after a refusal or a lost connection.
export class DeletionTracker {
  private readonly updates: Uint8Array[] = [];
  /// Base64 of each of `updates`, computed once (the record's copy).
  private readonly encoded = new WeakMap<Uint8Array, string>();
  private asked: { requestId: string; count: number } | null = null;
  private seq = 0;
  /// A closed page's deletions were too many for its record (`UNLISTED`):
  /// the whole delete set of this copy is asked about instead, once.
  private unlisted = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly maxChars = MAX_QUESTION_CHARS,
  ) {}

  /// Not yet confirmed on disk.
  get count(): number {
    return this.updates.length + (this.unlisted ? 1 : 0);
  }

  /// Keeps `update` when its transaction was made here and only deleted.
  observe(update: Uint8Array, tr: Y.Transaction): boolean {
    if (!tr.local || tr.deleteSet.clients.size === 0) return false;
    const me = this.doc.clientID;
    if ((tr.afterState.get(me) ?? 0) !== (tr.beforeState.get(me) ?? 0)) return false;
    this.updates.push(update);
    return true;
  }

  /// The pending deletions as base64, oldest first: what this page keeps
  /// in its part of the record (`OwnClocks`) so that a page opened after
  /// it closed counts them and asks about them again.
  saved(): string[] {
    return this.updates.map((u) => {
      let b64 = this.encoded.get(u);
      if (b64 === undefined) {
        b64 = bytesToBase64(u);
        this.encoded.set(u, b64);
      }
      return b64;
    });
  }

  /// The pending deletions as this page's record keeps them: one update of
  /// their merged ranges (Yjs' delete-set encoding, base64), so that many
  /// small deletions — a word deleted letter by letter — take the room of
  /// their ranges, not of an update each, in the origin's ~5 MB.
  record(): string[] {
    const listed =
      this.updates.length <= 1 ? this.saved() : [bytesToBase64(Y.mergeUpdates(this.updates))];
    return this.unlisted ? [...listed, UNLISTED] : listed;
  }

  /// Takes over deletions another page made and did not see confirmed
  /// (base64, from the record), after this page's own; each is asked about
  /// like this page's. Those already pending here are not taken twice.
  adopt(deletions: string[]): number {
    const known = new Set(this.saved());
    let n = 0;
    for (const b64 of deletions) {
      if (b64 === UNLISTED) this.unlisted = true;
      if (known.has(b64)) continue;
      known.add(b64);
      const bytes = base64ToBytes(b64);
      if (!bytes) continue;
      this.encoded.set(bytes, b64);
      this.updates.push(bytes);
      n++;
    }
    return n;
  }

  /// Once the local store has loaded and the text is in sync: a deletion
  /// the document here does not hold can never be sent (the local store
  /// lost it before it went), and no longer waits. Only while no question
  /// is out (the count answered would shift).
  settle(): boolean {
    if (this.asked) return false;
    const before = this.updates.length;
    const kept = this.updates.filter((u) => deletedIn(this.doc, u));
    this.updates.splice(0, this.updates.length, ...kept);
    return kept.length !== before;
  }

  /// Keeps the deletions of a part of a change cut in parts (`Outbox`): the
  /// part that carries them may be sent after the parts whose clocks a
  /// `saved` covers, so they wait for a `flush` of their own.
  track(deleteSet: Uint8Array): void {
    this.updates.push(deleteSet);
  }

  /// The next `flush` to send, or null when none is due or one is out: the
  /// oldest deletions whose ranges fit in one message (the server closes
  /// the connection over a stateless message's size). One deletion too
  /// large alone is split into parts of its ranges, each a question of its
  /// own: every answer is checked against the server's document. (Asked
  /// with no ranges, the answer rested on the connection's order, which a
  /// reconnect breaks: the `flush` goes out when the server's state
  /// arrives, before this client's sync reply that carries the deletion.)
  question(settled = true): { requestId: string; deletions: string } | null {
    if (this.unlisted && !this.asked) {
      // Unlisted deletions: every range this copy deletes, once the local
      // store has loaded (`settled`): before, its deletions are not all here.
      if (!settled) return null;
      this.unlisted = false;
      this.updates.push(deleteSetOf(Y.encodeStateAsUpdate(this.doc)));
    }
    if (this.asked || this.updates.length === 0) return null;
    const first = this.updates[0]!;
    if (base64Length(first.byteLength) > this.maxChars)
      this.updates.splice(0, 1, ...splitDeletions(first, Math.floor(this.maxChars / 4) * 3));
    let count = this.updates.length;
    let text = bytesToBase64(count === 1 ? this.updates[0]! : Y.mergeUpdates(this.updates));
    while (text.length > this.maxChars && count > 1) {
      count = Math.ceil(count / 2);
      const part = this.updates.slice(0, count);
      text = bytesToBase64(count === 1 ? part[0]! : Y.mergeUpdates(part));
    }
    this.asked = { requestId: `${this.doc.clientID}-d${++this.seq}`, count };
    return { requestId: this.asked.requestId, deletions: text };
  }

  /// The server's answer; true when it changed what is pending.
  answered(requestId: string, ok: boolean): boolean {
    if (this.asked?.requestId !== requestId) return false;
    const { count } = this.asked;
    this.asked = null;
    if (!ok) return false;
    this.updates.splice(0, count);
    return true;
  }

  /// The connection was lost: an answer may never come.
  forget(): void {
    this.asked = null;
  }
}

const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4;

/// Bytes of `n` as a Yjs variable-length unsigned integer.
const varUintLength = (n: number): number => {
  let len = 1;
  for (let v = n; v > 0x7f; v = Math.floor(v / 128)) len += 1;
  return len;
};

function writeVarUint(out: number[], n: number): void {
  let v = n;
  while (v > 0x7f) {
    out.push(0x80 | (v & 0x7f));
    v = Math.floor(v / 128);
  }
  out.push(v);
}

type Ranges = [client: number, ranges: { clock: number; len: number }[]][];

/// A Yjs V1 update holding only the delete set `ranges`.
function deleteSetUpdate(ranges: Ranges): Uint8Array {
  // No structs, then the delete set.
  const out: number[] = [0];
  writeVarUint(out, ranges.length);
  for (const [client, list] of ranges) {
    writeVarUint(out, client);
    writeVarUint(out, list.length);
    for (const { clock, len } of list) {
      writeVarUint(out, clock);
      writeVarUint(out, len);
    }
  }
  return Uint8Array.from(out);
}

/// The ranges `update` deletes, as delete-set-only updates of at most
/// `maxBytes` each (sizes counted as written; 32 bytes spare per part for
/// the counts).
export function splitDeletions(update: Uint8Array, maxBytes: number): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let part: Ranges = [];
  let bytes = 0;
  const flush = () => {
    if (part.length > 0) parts.push(deleteSetUpdate(part));
    part = [];
    bytes = 0;
  };
  for (const [client, ranges] of Y.decodeUpdate(update).ds.clients) {
    let list: { clock: number; len: number }[] | null = null;
    for (const { clock, len } of ranges) {
      const size = varUintLength(clock) + varUintLength(len);
      if (list && bytes + size + 32 > maxBytes) {
        flush();
        list = null;
      }
      if (!list) {
        list = [];
        part.push([client, list]);
        bytes += varUintLength(client) + 5;
      }
      list.push({ clock, len });
      bytes += size;
    }
  }
  flush();
  return parts;
}

/// True when every range `update` deletes is deleted in `doc`.
function deletedIn(doc: Y.Doc, update: Uint8Array): boolean {
  let ds: Map<number, { clock: number; len: number }[]>;
  try {
    ds = Y.decodeUpdate(update).ds.clients;
  } catch {
    return false;
  }
  for (const [client, ranges] of ds) {
    const structs = doc.store.clients.get(client);
    if (!structs) return false;
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (Y.getState(doc.store, client) < end) return false;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const s = structs[i]!;
        if (s.id.clock >= end) break;
        if (!s.deleted) return false;
      }
    }
  }
  return true;
}

function base64ToBytes(b64: string): Uint8Array | null {
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
