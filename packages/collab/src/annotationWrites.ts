import type { StatelessMessage } from "@glossa/protocol";
import * as Y from "yjs";

type Result = Extract<StatelessMessage, { type: "annotation-result" }>;

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

  /// Callers waiting for an answer, by request id.
  private readonly waiting = new Map<string, (m: Result) => void>();

  /// A request about to be sent: resolves with the annotation's id, or
  /// rejects with a sentence for the person. Past `timeoutMs` the caller
  /// is told; the request still counts until its answer comes (the server
  /// may carry it out).
  request(requestId: string, timeoutMs: number): Promise<{ id: string }> {
    this.inFlight.add(requestId);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(
          Object.assign(
            new Error(
              "The server has not answered yet and may still carry this out. Wait until the page says all changes are saved before sending it again.",
            ),
            { code: "no_answer" },
          ),
        );
      }, timeoutMs);
      this.waiting.set(requestId, (m) => {
        clearTimeout(timer);
        if (m.ok && m.id) resolve({ id: m.id });
        else reject(new Error(m.error || "The server refused the change."));
      });
    });
  }

  /// The answer to a request came, in time or late; true when it was
  /// waited for. An answer `not-saved` (in the server's memory only) keeps
  /// it counted until a `saved` covers the document as it is now.
  answered(m: Result): boolean {
    this.waiting.get(m.requestId)?.(m);
    this.waiting.delete(m.requestId);
    if (!this.inFlight.delete(m.requestId)) return false;
    if (m.ok || m.code !== "not-saved") return true;
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
