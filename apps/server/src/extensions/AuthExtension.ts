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
  onConfigurePayload,
  onDisconnectPayload,
  onTokenSyncPayload,
} from "@hocuspocus/server";
import { capRole } from "../auth/apiTokens.ts";
import type { TokenService } from "../auth/tokens.ts";
import { colorFor, contextOf, type GlossaContext } from "../context.ts";
import type { Store } from "../storage/index.ts";
import { Admission } from "./admission.ts";

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

/// Refusal of a connection whose socket closed while it was authenticated
/// (nobody receives it; Hocuspocus logs it).
const SocketClosed = { code: 1001, reason: "The socket closed before the document opened." };

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
  /// Connections admitted, not yet established: one ticket each, by
  /// `socketId\0documentName` (docs/security.md, "Admission tickets").
  readonly admission = new Admission();

  constructor(private readonly config: AuthConfiguration) {}

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.admission.watch(instance);
  }

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
    this.admit(payload, claims.userId);
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

  /// Established connections are counted live: its ticket is given back.
  async connected({
    socketId,
    documentName,
    connection,
  }: connectedPayload<GlossaContext>): Promise<void> {
    const key = `${socketId}\0${documentName}`;
    const userId = contextOf(connection)?.user?.id;
    if (userId) this.admission.establish(key, userId, connection);
    else this.admission.release(key);
  }

  /// A connection Hocuspocus created closes before `connected` when its
  /// socket closed while it was being established.
  async onDisconnect({ socketId, documentName }: onDisconnectPayload): Promise<void> {
    this.admission.release(`${socketId}\0${documentName}`);
  }

  /// Admission: one connection per document per websocket (a second routing
  /// key for a document open or being opened on the socket is refused), a
  /// socket already closing is not admitted, and a person holds at most
  /// `maxConnectionsPerUser` connections, established or admitted.
  private admit(
    { instance, socketId, documentName, request }: onAuthenticatePayload,
    userId: string,
  ): void {
    const key = `${socketId}\0${documentName}`;
    if (this.admission.has(key) || openOn(instance, socketId, documentName))
      throw deny(AlreadyOpen);
    if (this.admission.closed(request)) throw deny(SocketClosed);
    if (this.admission.count(userId) >= this.config.maxConnectionsPerUser)
      throw deny(TooManyConnections);
    this.admission.take(key, userId, request);
  }
}

/// Whether `documentName` is open on the socket `socketId`.
function openOn(instance: Hocuspocus, socketId: string, documentName: string): boolean {
  return !!instance.documents
    .get(documentName)
    ?.getConnections()
    .some((c) => c.socketId === socketId);
}
