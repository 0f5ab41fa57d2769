import { CloseEvents, capabilities, parseStatelessMessage, type Role } from "@glossa/protocol";
import type {
  beforeHandleMessagePayload,
  Connection,
  Extension,
  Hocuspocus,
  onConfigurePayload,
  onStatelessPayload,
} from "@hocuspocus/server";
import { sessionIsLive } from "../auth/tokens.ts";
import type { GlossaContext } from "../context.ts";
import { log } from "../log.ts";
import { isExpired, type SessionRecord, type ShareRecord, type Store } from "../storage/index.ts";

export interface AccessConfiguration {
  store: Store;
  /// How often the store's access version is polled, in ms.
  intervalMs?: number;
  /// A full re-check runs at least this often even if nothing announced a
  /// change (e.g. rows edited by hand), in ms.
  fullCheckMs?: number;
}

/// Close event for a client that sends a message the protocol does not allow.
export const ProtocolViolation = {
  code: 4400,
  reason: "The app sent a message the server does not accept. Please reload.",
} as const;

/// Stateless messages only the server sends; a client sending one is refused.
const SERVER_MESSAGES = new Set(["saved", "annotation-result", "error"]);

type Cut = { code: number; reason: string };

/// Keeps live connections in step with access as it is now, not as it was
/// when they connected (hocuspocus #752). Every `intervalMs` it reads the
/// store's access version — which every share or session change moves, from
/// any process (server instances, the CLI) — and on a change, or when a
/// share or session reaches its expiry, re-checks every connection:
/// a revoked session closes its websocket (4401), a removed share closes the
/// document (Forbidden), a document moved to the trash closes for everyone
/// (DocumentDeleted), a changed role downgrades the connection at once and
/// closes it (AccessChanged) so the client reconnects with its new role.
/// It also gates client stateless messages: only known client→server
/// commands, only from roles that may annotate.
export class AccessExtension implements Extension {
  extensionName = "glossa-access";
  priority = 800;
  private readonly config: Required<AccessConfiguration>;
  private instance: Hocuspocus | null = null;
  private timer: NodeJS.Timeout | null = null;
  private version: string | null = null;
  private nextExpiry = Number.POSITIVE_INFINITY;
  private lastFull = 0;
  private running = false;
  /// Connections cut off: nothing more they send is processed.
  private readonly cut = new WeakSet<Connection>();

  constructor(config: AccessConfiguration) {
    this.config = { intervalMs: 500, fullCheckMs: 30_000, ...config };
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
    this.timer = setInterval(() => void this.tick(), this.config.intervalMs);
    this.timer.unref();
  }

  async onDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /// A new connection's share or session may expire before anything moves
  /// the access version: re-check on the next tick, which also learns its
  /// expiry (a share created just before the connection was otherwise only
  /// noticed by the 30 s full check).
  async connected(): Promise<void> {
    this.version = null;
  }

  async beforeHandleMessage({ connection }: beforeHandleMessagePayload): Promise<void> {
    if (this.cut.has(connection)) {
      throw Object.assign(new Error(CloseEvents.AccessChanged.reason), CloseEvents.AccessChanged);
    }
  }

  async onStateless({ connection, payload, documentName }: onStatelessPayload): Promise<void> {
    const ctx = connection.context as GlossaContext | undefined;
    // Rejecting with nothing stops later hooks without an error.
    if (!ctx?.user || this.cut.has(connection)) throw null;
    const message = parseStatelessMessage(payload);
    if (!message || SERVER_MESSAGES.has(message.type)) {
      log.warn(
        { user: ctx.user.id, doc: documentName, type: message?.type ?? null },
        "refused a stateless message (unknown or server-only); closing the connection",
      );
      this.close(connection, ProtocolViolation);
      throw null;
    }
    if (!capabilities(ctx.role).annotate) {
      log.warn(
        { user: ctx.user.id, role: ctx.role, type: message.type },
        "refused a request the role may not make",
      );
      if ("requestId" in message) {
        connection.sendStateless(
          JSON.stringify({
            type: "annotation-result",
            requestId: message.requestId,
            ok: false,
            error: "Your role on this document does not allow annotating.",
          }),
        );
      }
      throw null;
    }
  }

  private async tick(): Promise<void> {
    if (this.running || !this.instance) return;
    this.running = true;
    try {
      const version = await this.config.store.accessVersion();
      const now = Date.now();
      if (
        version !== this.version ||
        now >= this.nextExpiry ||
        now - this.lastFull >= this.config.fullCheckMs
      ) {
        this.version = version;
        await this.recheck();
      }
    } catch (err) {
      log.error({ err }, "access re-check failed");
    } finally {
      this.running = false;
    }
  }

  /// Re-checks every live connection against the store now.
  async recheck(): Promise<void> {
    const instance = this.instance;
    if (!instance) return;
    this.lastFull = Date.now();
    const live: { connection: Connection; ctx: GlossaContext }[] = [];
    for (const document of instance.documents.values()) {
      for (const connection of document.getConnections()) {
        const ctx = connection.context as GlossaContext | undefined;
        if (ctx?.user && !this.cut.has(connection)) live.push({ connection, ctx });
      }
    }
    this.nextExpiry = Number.POSITIVE_INFINITY;
    if (live.length === 0) return;
    const userIds = [...new Set(live.map((l) => l.ctx.user.id))];
    const sids = [...new Set(live.map((l) => l.ctx.sid))];
    const docIds = [...new Set(live.map((l) => l.ctx.documentId))];
    const [shares, sessions, trashed] = await Promise.all([
      this.config.store.listSharesForUsers(userIds),
      this.config.store.getSessions(sids),
      this.config.store.trashedAmong(docIds),
    ]);
    const inTrash = new Set(trashed);
    const shareOf = new Map<string, ShareRecord>();
    for (const s of shares) shareOf.set(`${s.documentId}\0${s.userId}`, s);
    const sessionOf = new Map<string, SessionRecord>(sessions.map((s) => [s.id, s]));
    const now = Date.now();
    for (const { connection, ctx } of live) {
      const session = sessionOf.get(ctx.sid);
      if (!sessionIsLive(session, ctx.user.id)) {
        this.closeSocket(connection, CloseEvents.Unauthorized);
        continue;
      }
      if (inTrash.has(ctx.documentId)) {
        this.close(connection, CloseEvents.DocumentDeleted);
        continue;
      }
      const share = shareOf.get(`${ctx.documentId}\0${ctx.user.id}`);
      const role: Role | null = share && !isExpired(share.expiresAt, now) ? share.role : null;
      if (!role) {
        this.close(connection, CloseEvents.Forbidden);
        continue;
      }
      if (role !== ctx.role) {
        log.warn(
          { user: ctx.user.id, doc: ctx.documentId, from: ctx.role, to: role },
          "role changed; reconnecting",
        );
        ctx.role = role;
        this.close(connection, CloseEvents.AccessChanged);
        continue;
      }
      for (const t of [share?.expiresAt, session!.expiresAt]) {
        if (t) this.nextExpiry = Math.min(this.nextExpiry, Date.parse(t));
      }
    }
  }

  /// Cuts one document connection: read-only at once, nothing it still has
  /// queued is applied, and the client is told why.
  private close(connection: Connection, event: Cut): void {
    this.cut.add(connection);
    connection.readOnly = true;
    connection.close(event);
  }

  /// Cuts every document on the connection's websocket, closing it with the
  /// event's code (the session behind it is no longer valid).
  private closeSocket(connection: Connection, event: Cut): void {
    const ctx = connection.context as GlossaContext;
    log.warn({ user: ctx.user.id }, "session revoked or expired; closing its websocket");
    for (const document of this.instance?.documents.values() ?? []) {
      for (const c of document.getConnections()) {
        if (c.webSocket === connection.webSocket) this.close(c, event);
      }
    }
    try {
      connection.webSocket.close(event.code, event.reason);
    } catch {
      /* already closed */
    }
  }
}
