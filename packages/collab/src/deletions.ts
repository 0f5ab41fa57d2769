import * as Y from "yjs";

/// Base64 characters of deletions in one `flush` (the protocol allows 60,000).
const MAX_QUESTION_CHARS = 48_000;

/// Own deletions that added no characters: they move no clock, so no
/// `saved` state vector covers them. Each is pending until the server
/// answers a `flush` of it with `ok` (docs/protocol.md §5); one question is
/// out at a time, asked again after a refusal or a lost connection.
export class DeletionTracker {
  private readonly updates: Uint8Array[] = [];
  private asked: { requestId: string; count: number } | null = null;
  private seq = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly maxChars = MAX_QUESTION_CHARS,
  ) {}

  /// Not yet confirmed on disk.
  get count(): number {
    return this.updates.length;
  }

  /// Keeps `update` when its transaction was made here and only deleted.
  observe(update: Uint8Array, tr: Y.Transaction): boolean {
    if (!tr.local || tr.deleteSet.clients.size === 0) return false;
    const me = this.doc.clientID;
    if ((tr.afterState.get(me) ?? 0) !== (tr.beforeState.get(me) ?? 0)) return false;
    this.updates.push(update);
    return true;
  }

  /// The next `flush` to send, or null when none is due or one is out: the
  /// oldest deletions whose ranges fit in one message (the server closes
  /// the connection over a stateless message's size). One deletion too
  /// large alone is asked about with no ranges: its answer then rests on
  /// the connection's order only (the flush goes after the update).
  question(): { requestId: string; deletions: string } | null {
    if (this.asked || this.updates.length === 0) return null;
    let count = this.updates.length;
    let text = bytesToBase64(count === 1 ? this.updates[0]! : Y.mergeUpdates(this.updates));
    while (text.length > this.maxChars && count > 1) {
      count = Math.ceil(count / 2);
      const part = this.updates.slice(0, count);
      text = bytesToBase64(count === 1 ? part[0]! : Y.mergeUpdates(part));
    }
    if (text.length > this.maxChars) text = bytesToBase64(Y.mergeUpdates([]));
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

function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
