import type { DocumentPart, Role } from "@glossa/protocol";
import type { TokenScope } from "./auth/apiTokens.ts";

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
  /// The sign-in session behind the token; revoking it closes the connection.
  sid: string;
  documentId: string;
  part: DocumentPart;
  /// The awareness client id this connection publishes; fixed by its first
  /// awareness update, so a connection cannot speak for other clients.
  awarenessClientId?: number;
  /// When the token behind the connection expires (ms since the epoch);
  /// renewed through the provider's token (re-)sync, closed at expiry.
  tokenExpiresAt?: number;
  /// The store's access version when `role` was last read: a write on a
  /// connection whose version moved re-reads the role first.
  accessVersion?: string;
  /// Set when an API token opened the connection: its documents and ceiling
  /// cap the role at every check.
  scope?: TokenScope;
}

export { colorFor } from "@glossa/protocol";

/// The context of a connection Hocuspocus hands over untyped (stateless
/// messages, `document.getConnections()`): a `GlossaContext` once
/// `onAuthenticate` has run, nothing before. The one cast of the context.
export function contextOf(connection: { context: unknown }): GlossaContext | undefined {
  return (connection.context ?? undefined) as GlossaContext | undefined;
}
