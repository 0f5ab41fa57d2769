/// Why a file could not be imported. `status` is the HTTP status the API
/// answers with (413 too large, 415 not a format Glossa reads, 422 unreadable).
export type ImportErrorCode =
  | "too-large"
  | "unsupported"
  | "empty"
  | "corrupt"
  | "encrypted"
  | "legacy-word"
  | "not-text";

const STATUS: Record<ImportErrorCode, number> = {
  "too-large": 413,
  unsupported: 415,
  empty: 422,
  corrupt: 422,
  encrypted: 422,
  "legacy-word": 422,
  "not-text": 422,
};

/// A file that cannot be imported, with a message meant for the person who
/// chose it (no jargon: they are lawyers, not engineers).
export class ImportError extends Error {
  readonly status: number;
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ImportError";
    this.status = STATUS[code];
  }
}

/// "25 MB", "340 KB": sizes as people read them.
export function humanSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
