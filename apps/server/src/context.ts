import type { DocumentPart, Role } from "@glossa/protocol";

/// The person behind a connection, as established by authentication.
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  color: string;
}

/// Hocuspocus connection context, set once in `onAuthenticate`.
export interface GlossaContext {
  user: SessionUser;
  role: Role;
  documentId: string;
  part: DocumentPart;
  /// The awareness client id this connection publishes; fixed by its first
  /// awareness update, so a connection cannot speak for other clients.
  awarenessClientId?: number;
}

const COLORS = [
  "#b4451f",
  "#1f6fb4",
  "#2e7d32",
  "#8e24aa",
  "#c62828",
  "#00838f",
  "#6d4c41",
  "#ad1457",
  "#3949ab",
  "#ef6c00",
];

/// A stable colour for a person, derived from their id.
export function colorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return COLORS[h % COLORS.length]!;
}
