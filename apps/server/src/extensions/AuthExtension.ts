import {
  CloseEvents,
  capabilities,
  parseDocumentName,
  SCHEMA_VERSION_PARAM,
} from "@glossa/protocol";
import { SCHEMA_VERSION } from "@glossa/schema";
import type {
  connectedPayload,
  Extension,
  Hocuspocus,
  onAuthenticatePayload,
  onTokenSyncPayload,
} from "@hocuspocus/server";
import { capRole } from "../auth/apiTokens.ts";
import type { TokenService } from "../auth/tokens.ts";
import { colorFor, contextOf, type GlossaContext } from "../context.ts";
import type { Store } from "../storage/index.ts";

export interface AuthConfiguration {
  store: Store;
  tokens: TokenService;
  /// Document connections one person may hold on this instance (each open
  /// editor uses two: text and annotations).
  maxConnectionsPerUser: number;
}

/// Refusal of a second connection to one document on one websocket (a
/// routing key `doc/<id>\0…`): limits count per document connection, so
/// extra keys would multiply them (issue 10, item 7).
export const AlreadyOpen = CloseEvents.AlreadyOpen;

/// Close event for a person over their connection budget.
export const TooManyConnections = CloseEvents.TooManyConnections;

const deny = (event: { code: number; reason: string }) =>
  Object.assign(new Error(event.reason), event);

/// Authenticates every document connection with a sign-in token and sets its
/// role (docs/design.md §6). Someone without access learns nothing — a missing
/// document and a forbidden one get the same answer. Text connections are
/// read-only unless the role may edit text; annotation documents are always
/// read-only for clients, whose annotation changes go through server commands.
/// Admission also caps the connections one person holds.
export class AuthExtension implements Extension<GlossaContext> {
  extensionName = "glossa-auth";
  priority = 1000;
  /// Connections admitted but not yet established, per user: one ticket each.
  private readonly pending = new Map<string, Set<symbol>>();
  /// `socketId\0documentName` of connections admitted, not yet established.
  private readonly opening = new Set<string>();

  constructor(private readonly config: AuthConfiguration) {}

  async onAuthenticate(payload: onAuthenticatePayload): Promise<GlossaContext> {
    const { documentName, token, requestParameters, connectionConfig } = payload;
    const parsed = parseDocumentName(documentName);
    if (!parsed) throw deny(CloseEvents.Forbidden);
    if (requestParameters.get(SCHEMA_VERSION_PARAM) !== String(SCHEMA_VERSION)) {
      throw deny(CloseEvents.SchemaMismatch);
    }
    const claims = await this.config.tokens.verify(token);
    if (!claims) throw deny(CloseEvents.Unauthorized);
    // Read before the role: a change made in between moves it past this.
    const accessVersion = await this.config.store.accessVersion();
    const role = capRole(
      await this.config.store.getRole(parsed.id, claims.userId),
      claims.scope,
      parsed.id,
    );
    if (!role) {
      // Those who had access learn that it is in the trash; others nothing.
      const trashed = await this.config.store.getRoleInTrash(parsed.id, claims.userId);
      throw deny(trashed ? CloseEvents.DocumentDeleted : CloseEvents.Forbidden);
    }
    this.claimRoute(payload.instance, payload.socketId, documentName);
    this.admit(payload.instance, claims.userId);
    connectionConfig.readOnly = parsed.part === "annotations" || !capabilities(role).editText;
    return {
      user: {
        id: claims.userId,
        name: claims.name,
        email: claims.email,
        color: colorFor(claims.userId),
      },
      role,
      sid: claims.sid,
      documentId: parsed.id,
      part: parsed.part,
      accessVersion,
      tokenExpiresAt: claims.expiresAt ? claims.expiresAt * 1000 : undefined,
      ...(claims.scope ? { scope: claims.scope } : {}),
    };
  }

  /// A renewed token sent on a live connection must be valid and name the
  /// same person; its session then backs the connection.
  async onTokenSync({ token, connection }: onTokenSyncPayload<GlossaContext>): Promise<void> {
    const ctx = connection.context;
    const claims = await this.config.tokens.verify(token);
    // The same person, and the same kind of credential: an API token's
    // connection stays within that token's scope.
    if (!claims || claims.userId !== ctx.user.id || claims.scope?.tokenId !== ctx.scope?.tokenId)
      throw deny(CloseEvents.Unauthorized);
    ctx.sid = claims.sid;
    ctx.tokenExpiresAt = claims.expiresAt ? claims.expiresAt * 1000 : undefined;
  }

  async connected({
    context,
    socketId,
    documentName,
  }: connectedPayload<GlossaContext>): Promise<void> {
    this.opening.delete(`${socketId}\0${documentName}`);
    // Established connections are counted live; drop one pending ticket.
    const tickets = context?.user ? this.pending.get(context.user.id) : undefined;
    const first = tickets?.values().next().value;
    if (first) this.release(context.user.id, first);
  }

  /// One connection per document per websocket: a second routing key for a
  /// document already open (or being opened) on the socket is refused.
  private claimRoute(instance: Hocuspocus, socketId: string, documentName: string): void {
    const key = `${socketId}\0${documentName}`;
    const open = instance.documents
      .get(documentName)
      ?.getConnections()
      .some((c) => c.socketId === socketId);
    if (open || this.opening.has(key)) throw deny(AlreadyOpen);
    this.opening.add(key);
    setTimeout(() => this.opening.delete(key), 10_000).unref();
  }

  private admit(instance: Hocuspocus, userId: string): void {
    const tickets = this.pending.get(userId) ?? new Set<symbol>();
    let live = tickets.size;
    for (const document of instance.documents.values()) {
      for (const c of document.getConnections()) {
        if (contextOf(c)?.user?.id === userId) live++;
      }
    }
    if (live >= this.config.maxConnectionsPerUser) throw deny(TooManyConnections);
    const ticket = Symbol(userId);
    tickets.add(ticket);
    this.pending.set(userId, tickets);
    // Normally released once established; this covers a later hook refusing.
    setTimeout(() => this.release(userId, ticket), 10_000).unref();
  }

  private release(userId: string, ticket: symbol): void {
    const tickets = this.pending.get(userId);
    tickets?.delete(ticket);
    if (tickets?.size === 0) this.pending.delete(userId);
  }
}
