/// Stateless messages exchanged over the Hocuspocus connection, as JSON.
///
/// - server → client `saved`: every update up to `stateVector` (base64 Yjs
///   state vector) is on disk. The client shows "Saved" once it covers its
///   own local state.
/// - client → server `annotate`: ask the server to add the `annotation` mark
///   with `id` over [from, to) of the text document, where the text at that
///   range must equal `quote` (annotators cannot write the text document).
/// - server → client `annotate-result`: the outcome of an `annotate` request.
/// - server → client `error`: a refusal, with words meant for the person.
export type StatelessMessage =
  | { type: "saved"; stateVector: string }
  | { type: "annotate"; requestId: string; id: string; from: number; to: number; quote: string }
  | { type: "unanchor"; requestId: string; id: string }
  | { type: "annotate-result"; requestId: string; ok: boolean; error?: string }
  | { type: "error"; code: string; message: string };

/// Parses a stateless payload; returns null when it is not a known message.
export function parseStatelessMessage(payload: string): StatelessMessage | null {
  if (payload.length > 64 * 1024) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  const str = (k: string, max = 200) => typeof v[k] === "string" && (v[k] as string).length <= max;
  const int = (k: string) => Number.isSafeInteger(v[k]) && (v[k] as number) >= 0;
  switch (v.type) {
    case "saved":
      return str("stateVector", 60_000) ? (v as StatelessMessage) : null;
    case "annotate":
      return str("requestId") && str("id") && int("from") && int("to") && str("quote", 20_000)
        ? (v as StatelessMessage)
        : null;
    case "unanchor":
      return str("requestId") && str("id") ? (v as StatelessMessage) : null;
    case "annotate-result":
      return str("requestId") && typeof v.ok === "boolean" ? (v as StatelessMessage) : null;
    case "error":
      return str("code") && str("message", 2000) ? (v as StatelessMessage) : null;
    default:
      return null;
  }
}
