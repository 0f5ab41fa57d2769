import * as Y from "yjs";

/// Annotation operations this page asked for that are not known to be on
/// the server's disk: those sent and not answered yet, and those answered
/// `not-saved` (carried out in the server's memory, written when its store
/// answers again: docs/protocol.md §5). The page said "All changes saved"
/// through both, though the comment was not on the server's disk.
///
/// A `not-saved` operation waits until a `saved` on the annotations
/// document covers that document as this page had it when the answer came
/// (the server's change reaches the page before its answer; only the
/// server writes that document, and it announces its own writes to every
/// connection).
export class AnnotationWrites {
  /// Sent, not answered: a request the page stopped waiting for (the
  /// person was told it did not answer in time) may still be carried out.
  private readonly inFlight = new Set<string>();
  /// Per operation answered `not-saved`: the clocks still to be covered.
  private unstored: Map<number, number>[] = [];
  /// The annotations document's clocks the server reported on disk.
  private readonly durable = new Map<number, number>();

  constructor(private readonly doc: Y.Doc) {}

  /// Operations not known to be on disk.
  get count(): number {
    return this.inFlight.size + this.unstored.length;
  }

  sent(requestId: string): void {
    this.inFlight.add(requestId);
  }

  /// The answer to `requestId` came, in time or late; `notSaved` when it
  /// said the operation is in the server's memory only. True when it was
  /// waited for.
  answered(requestId: string, notSaved: boolean): boolean {
    if (!this.inFlight.delete(requestId)) return false;
    if (!notSaved) return true;
    const needs = new Map<number, number>();
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc)))
      if (clock > (this.durable.get(client) ?? 0)) needs.set(client, clock);
    if (needs.size > 0) this.unstored.push(needs);
    return true;
  }

  /// The connection was lost: no answer will come on it. (Whether the
  /// server carried a request out is then seen in the annotations the
  /// page receives on joining again, all of them on disk.)
  lost(): boolean {
    const had = this.inFlight.size > 0;
    this.inFlight.clear();
    return had;
  }

  /// A `saved` on the annotations document; true when it covered an
  /// operation that waited.
  saved(sv: Map<number, number>): boolean {
    for (const [client, clock] of sv)
      if (clock > (this.durable.get(client) ?? 0)) this.durable.set(client, clock);
    const before = this.unstored.length;
    this.unstored = this.unstored.filter((needs) => {
      for (const [client, clock] of needs)
        if ((this.durable.get(client) ?? 0) >= clock) needs.delete(client);
      return needs.size > 0;
    });
    return this.unstored.length !== before;
  }
}
