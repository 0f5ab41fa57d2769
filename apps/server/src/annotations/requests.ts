import { AnnotationError, reanchor } from "@glossa/annotations";
import { type DocumentText, quoteBetween } from "@glossa/schema";
import type { Node } from "prosemirror-model";

/// A refusal with words for the person (and an HTTP status for the API).
export class AnnotationRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /// The annotation concerned, when the operation was carried out in memory.
    readonly id?: string,
  ) {
    super(message);
  }
}

const STATUS_OF: Record<AnnotationError["code"], number> = {
  forbidden: 403,
  invalid: 400,
  "not-found": 404,
  conflict: 409,
};

/// Turns an AnnotationError into a request error the API and the websocket share.
export function toRequestError(err: unknown): AnnotationRequestError {
  if (err instanceof AnnotationRequestError) return err;
  if (err instanceof AnnotationError) {
    const detail = err.problems.map((p) => `${p.path} ${p.message}`).join("; ");
    return new AnnotationRequestError(
      STATUS_OF[err.code],
      err.code,
      detail ? `${err.message} (${detail})` : err.message,
    );
  }
  throw err;
}

/// Checks that `quote` is at [from, to) in the server's text; if not (the
/// requester's copy was behind), finds it by quote and context. Refuses
/// when it is absent or ambiguous rather than guess.
export function locateQuote(
  doc: Node,
  q: { from?: unknown; to?: unknown; quote?: unknown; prefix?: unknown; suffix?: unknown },
  index?: DocumentText,
): { from: number; to: number } {
  const quote = str(q.quote, "quote");
  const from = Number(q.from);
  const to = Number(q.to);
  const size = doc.content.size;
  if (Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to <= size && from < to) {
    if (quoteBetween(doc, from, to) === quote) return { from, to };
  }
  const result = reanchor(
    doc,
    {
      quote: {
        exact: quote,
        prefix: typeof q.prefix === "string" ? q.prefix : "",
        suffix: typeof q.suffix === "string" ? q.suffix : "",
      },
      position: { start: 0, end: 0 },
    },
    { index },
  );
  if (result.status === "found" && result.exact) return { from: result.from, to: result.to };
  if (result.status === "ambiguous") {
    throw new AnnotationRequestError(
      409,
      "ambiguous",
      `The quoted text appears ${result.candidates.length} times in the document; give more context (prefix or suffix) to choose one.`,
    );
  }
  throw new AnnotationRequestError(
    409,
    "not-found",
    "The quoted text is not in the document (it may have just been changed).",
  );
}

export function str(v: unknown, name: string): string {
  if (typeof v !== "string")
    throw new AnnotationRequestError(400, "invalid", `"${name}" must be text.`);
  return v;
}
