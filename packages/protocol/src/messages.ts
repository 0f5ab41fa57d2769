/// An operation on a document's annotations, asked of the server. Clients
/// are read-only on the annotations document: the server checks each
/// operation against the person's role and carries it out (docs/design.md §3).
/// `from`/`to` are ProseMirror positions in the requester's copy of the text;
/// the server checks that `quote` is there and otherwise re-anchors by
/// quote and context, refusing when the quote is absent or ambiguous.
export type AnnotationOp =
  | {
      op: "create";
      id?: string;
      kind: string;
      from: number;
      to: number;
      quote: string;
      prefix?: string;
      suffix?: string;
      body?: string;
      tags?: string[];
    }
  | { op: "reply"; id: string; body: string }
  | { op: "edit-message"; id: string; messageId: string; body: string }
  | { op: "delete-message"; id: string; messageId: string }
  | { op: "resolve"; id: string }
  | { op: "reopen"; id: string }
  | { op: "status"; id: string; status: string }
  | { op: "tags"; id: string; tags: string[] }
  | { op: "link"; id: string; key: string; pinpoint?: string | null; relation: string }
  | { op: "unlink"; id: string; linkId: string }
  | { op: "reattach"; id: string; from: number; to: number; quote: string }
  | { op: "delete"; id: string };

export const ANNOTATION_OPS: readonly AnnotationOp["op"][] = [
  "create",
  "reply",
  "edit-message",
  "delete-message",
  "resolve",
  "reopen",
  "status",
  "tags",
  "link",
  "unlink",
  "reattach",
  "delete",
];

/// Stateless messages exchanged over the Hocuspocus connection, as JSON.
///
/// - server → client `saved`: every update up to `stateVector` (base64 Yjs
///   state vector) is on disk, for the client ids it lists. The client shows
///   "Saved" once it covers its own local state. `scope` (added without
///   breaking readers of `stateVector`): "all" — the vector lists every
///   client id of the document (sent on joining); "own" — only some, the
///   recipient's own client ids after it wrote (or the server's, after the
///   server wrote). Absent: read it as "all". A reader that looks up its own
///   client id in the vector reads both alike.
/// - client → server `annotation`: an `AnnotationOp` (sent on the
///   annotations document's connection).
/// - server → client `annotation-result`: its outcome; `error` is a sentence
///   for the person.
/// - server → client `error`: a warning or refusal, in words for the person.
/// - client → server `flush` (text document): `deletions`, a base64 Yjs update
///   of the sender's own deletions that added no characters (a deletion moves
///   no clock, so `saved` cannot cover it); the server answers `flushed`
///   with `ok: true` once every range it deletes is deleted in the server's
///   document and on disk, `ok: false` when not (not yet received, refused,
///   or the store failed): ask again later.
/// - server → client `keepalive`: sent on one document connection of every
///   websocket every 2 s, so that a client notices a silent network (three
///   missed ones) without sending anything itself; nothing to do with it.
export type StatelessMessage =
  | { type: "saved"; stateVector: string; scope?: SavedScope }
  | { type: "annotation"; requestId: string; command: AnnotationOp }
  | {
      type: "annotation-result";
      requestId: string;
      ok: boolean;
      id?: string;
      /// A sentence for the person, and a stable code for programs.
      error?: string;
      code?: string;
    }
  | { type: "error"; code: string; message: string }
  | { type: "flush"; requestId: string; deletions: string }
  | { type: "flushed"; requestId: string; ok: boolean }
  | { type: "keepalive" };

/// What a `saved` state vector lists (see StatelessMessage).
export type SavedScope = "all" | "own";

/// The JSON text of a stateless message: the one way to build one, so its
/// shape is checked where it is sent.
export function encodeStateless(message: StatelessMessage): string {
  return JSON.stringify(message);
}

/// Largest stateless payload accepted, in characters.
export const MAX_STATELESS_CHARS = 64 * 1024;

/// Parses a stateless payload (the inverse of `encodeStateless`); returns null
/// when it is not a known message. Field-level validation of an `annotation`
/// command is the server's job.
export function parseStatelessMessage(payload: string): StatelessMessage | null {
  if (payload.length > MAX_STATELESS_CHARS) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const str = (k: string, max = 200) => typeof v[k] === "string" && (v[k] as string).length <= max;
  switch (v.type) {
    case "saved":
      return str("stateVector", 60_000) &&
        (v.scope === undefined || v.scope === "all" || v.scope === "own")
        ? (v as StatelessMessage)
        : null;
    case "annotation": {
      const c = v.command as Record<string, unknown> | null;
      return str("requestId") &&
        c !== null &&
        typeof c === "object" &&
        (ANNOTATION_OPS as readonly unknown[]).includes(c.op)
        ? (v as StatelessMessage)
        : null;
    }
    case "annotation-result":
      return str("requestId") && typeof v.ok === "boolean" ? (v as StatelessMessage) : null;
    case "error":
      return str("code") && str("message", 2000) ? (v as StatelessMessage) : null;
    case "flush":
      return str("requestId") && str("deletions", 60_000) ? (v as StatelessMessage) : null;
    case "flushed":
      return str("requestId") && typeof v.ok === "boolean" ? (v as StatelessMessage) : null;
    case "keepalive":
      return { type: "keepalive" };
    default:
      return null;
  }
}
