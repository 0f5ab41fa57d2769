import {
  CloseEvents,
  capabilities,
  encodeStateless,
  parseStatelessMessage,
  type Role,
} from "@glossa/protocol";
import type {
  beforeHandleMessagePayload,
  Connection,
  connectedPayload,
  Extension,
  Hocuspocus,
  onConfigurePayload,
  onStatelessPayload,
} from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import { capRole } from "../auth/apiTokens.ts";
import { sessionIsLive } from "../auth/tokens.ts";
import { contextOf, type GlossaContext } from "../context.ts";
import { log } from "../log.ts";
import { isExpired, type SessionRecord, type ShareRecord, type Store } from "../storage/index.ts";
import { TurnCache } from "../turnCache.ts";

export interface AccessConfiguration {
  store: Store;
  /// How often the store's access version is polled, in ms.
  intervalMs?: number;
  /// A full re-check runs at least this often even if nothing announced a
  /// change (e.g. rows edited by hand), in ms.
  fullCheckMs?: number;
}

/// Close event for a client that sends a message the protocol does not allow.
export const ProtocolViolation = CloseEvents.ProtocolViolation;

/// Stateless messages only the server sends; a client sending one is refused.
const SERVER_MESSAGES = new Set(["saved", "annotation-result", "error", "flushed", "keepalive"]);

type Cut = { code: number; reason: string };
type Live = { connection: Connection; ctx: GlossaContext };

/// The distinct values of `key` over `items`.
const unique = <T>(items: T[], key: (item: T) => string): string[] => [...new Set(items.map(key))];

/// A connection is asked for a renewed token this long before its token
/// expires (the app renews its own 60 s before).
const RENEW_BEFORE_MS = 30_000;

/// True for a Sync message (type 0, or 4 as Hocuspocus also reads it) that
/// carries changes (SyncStep2 or Update).
function isWrite(frame: Uint8Array): boolean {
  try {
    const d = decoding.createDecoder(frame);
    decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    if (type !== 0 && type !== 4) return false;
    return decoding.readVarUint(d) !== 0;
  } catch {
    return false;
  }
}

/// Keeps live connections in step with access as it is now, not as it was
/// when they connected (hocuspocus #752). Every `intervalMs` it reads the
/// store's access version — which every share or session change moves, from
/// any process (server instances, the CLI) — and on a change, or when a
/// share or session reaches its expiry, re-checks every connection; a
/// connection established since the last tick is checked alone (its own
/// share, session and document), so connecting costs the same however many
/// are connected (issue 16):
/// a revoked session closes its websocket (4401), a removed share closes the
/// document (Forbidden), a document moved to the trash closes for everyone
/// (DocumentDeleted), a changed role downgrades the connection at once and
/// closes it (AccessChanged) so the client reconnects with its new role.
/// It also gates client stateless messages: only known client→server
/// commands, only from roles that may annotate.
export class AccessExtension implements Extension<GlossaContext> {
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
  /// The store's access version, read once per event-loop turn for every
  /// write of that turn (not once per keystroke; with PostgreSQL a round trip).
  private readonly versions: TurnCache<string>;
  /// The token expiry for which a connection was last asked to renew.
  private readonly renewalAsked = new WeakMap<Connection, number>();
  /// Connections established since the last tick, to be checked alone.
  private readonly fresh = new Set<Connection>();
  /// Connections judged by re-checks, full or of new connections alone
  /// (instrumentation: tests count the work a connect costs).
  checked = 0;

  constructor(config: AccessConfiguration) {
    this.config = { intervalMs: 500, fullCheckMs: 30_000, ...config };
    this.versions = new TurnCache(() => this.config.store.accessVersion());
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
  /// the access version, and its role may have changed after it was read
  /// but before the connection was registered: the next tick checks it
  /// against the store, which also learns its expiry (a share created just
  /// before the connection was otherwise only noticed by the 30 s full
  /// check). Alone, not with every connection: re-checking all n on each
  /// arrival made connecting O(n) per client (issue 16).
  async connected({ connection }: connectedPayload<GlossaContext>): Promise<void> {
    this.fresh.add(connection);
  }

  /// Before each message: a cut connection gets nothing processed; an
  /// expired token closes the socket; and a write (SyncStep2 or Update) on a
  /// connection whose role was read before the store's access version last
  /// moved re-reads role and session first, so a downgrade takes effect
  /// before the next write, not at the next poll (issue 10, item 4).
  async beforeHandleMessage({ connection, update }: beforeHandleMessagePayload): Promise<void> {
    if (this.cut.has(connection)) {
      throw Object.assign(new Error(CloseEvents.AccessChanged.reason), CloseEvents.AccessChanged);
    }
    const ctx = contextOf(connection);
    if (!ctx?.user) return;
    if (ctx.tokenExpiresAt !== undefined && Date.now() >= ctx.tokenExpiresAt) {
      this.closeSocket(connection, CloseEvents.Unauthorized, "token expired");
      throw Object.assign(new Error(CloseEvents.Unauthorized.reason), CloseEvents.Unauthorized);
    }
    if (connection.readOnly || !isWrite(update)) return;
    const version = await this.versions.get();
    if (version === ctx.accessVersion) return;
    const [role, sessions] = await Promise.all([
      this.config.store.getRole(ctx.documentId, ctx.user.id),
      this.config.store.getSessions([ctx.sid]),
    ]);
    const cut = this.judge(connection, ctx, capRole(role, ctx.scope, ctx.documentId), sessions[0]);
    if (cut) throw Object.assign(new Error(cut.reason), cut);
    ctx.accessVersion = version;
  }

  async onStateless({ connection, payload, documentName }: onStatelessPayload): Promise<void> {
    const ctx = contextOf(connection);
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
    // A question about what is on disk (PersistenceExtension), for any role.
    if (message.type === "flush") return;
    if (!capabilities(ctx.role).annotate) {
      log.warn(
        { user: ctx.user.id, role: ctx.role, type: message.type },
        "refused a request the role may not make",
      );
      if ("requestId" in message) {
        connection.sendStateless(
          encodeStateless({
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

  /// Every `intervalMs` (public for tests that drive it).
  async tick(): Promise<void> {
    if (this.running || !this.instance) return;
    this.running = true;
    try {
      this.checkTokens();
      const version = await this.config.store.accessVersion();
      const now = Date.now();
      if (
        version !== this.version ||
        now >= this.nextExpiry ||
        now - this.lastFull >= this.config.fullCheckMs
      ) {
        this.version = version;
        await this.recheck();
      } else if (this.fresh.size > 0) {
        await this.checkFresh();
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
    // Every connection is in a document by now: the new ones with the rest.
    this.fresh.clear();
    const live: Live[] = [];
    for (const document of instance.documents.values()) {
      for (const connection of document.getConnections()) {
        const ctx = contextOf(connection);
        if (ctx?.user && !this.cut.has(connection)) live.push({ connection, ctx });
      }
    }
    this.nextExpiry = Number.POSITIVE_INFINITY;
    if (live.length === 0) return;
    const userIds = [...new Set(live.map((l) => l.ctx.user.id))];
    const [shares, sessions, trashed] = await Promise.all([
      this.config.store.listSharesForUsers(userIds),
      this.config.store.getSessions(unique(live, (l) => l.ctx.sid)),
      this.config.store.trashedAmong(unique(live, (l) => l.ctx.documentId)),
    ]);
    this.apply(live, shares, sessions, trashed);
  }

  /// Checks the connections established since the last tick, and only them:
  /// their shares, sessions and documents read by key (rows in proportion
  /// to them, not to everyone connected); learns when their access ends.
  private async checkFresh(): Promise<void> {
    const live: Live[] = [];
    for (const connection of this.fresh) {
      const ctx = contextOf(connection);
      if (ctx?.user && !this.cut.has(connection) && connection.document.hasConnection(connection))
        live.push({ connection, ctx });
    }
    this.fresh.clear();
    if (live.length === 0) return;
    const pairs = new Map<string, Pick<ShareRecord, "documentId" | "userId">>();
    for (const { ctx } of live)
      pairs.set(`${ctx.documentId}\0${ctx.user.id}`, {
        documentId: ctx.documentId,
        userId: ctx.user.id,
      });
    const [shares, sessions, trashed] = await Promise.all([
      this.config.store.sharesOf([...pairs.values()]),
      this.config.store.getSessions(unique(live, (l) => l.ctx.sid)),
      this.config.store.trashedAmong(unique(live, (l) => l.ctx.documentId)),
    ]);
    this.apply(live, shares, sessions, trashed);
  }

  /// Judges each connection by the rows read for it, and keeps the earliest
  /// expiry of those left open.
  private apply(
    live: Live[],
    shares: ShareRecord[],
    sessions: SessionRecord[],
    trashed: string[],
  ): void {
    this.checked += live.length;
    const inTrash = new Set(trashed);
    const shareOf = new Map<string, ShareRecord>();
    for (const s of shares) shareOf.set(`${s.documentId}\0${s.userId}`, s);
    const sessionOf = new Map<string, SessionRecord>(sessions.map((s) => [s.id, s]));
    const now = Date.now();
    for (const { connection, ctx } of live) {
      const session = sessionOf.get(ctx.sid);
      if (sessionIsLive(session, ctx.user.id) && inTrash.has(ctx.documentId)) {
        this.close(connection, CloseEvents.DocumentDeleted);
        continue;
      }
      const share = shareOf.get(`${ctx.documentId}\0${ctx.user.id}`);
      const role: Role | null = capRole(
        share && !isExpired(share.expiresAt, now) ? share.role : null,
        ctx.scope,
        ctx.documentId,
      );
      if (this.judge(connection, ctx, role, session)) continue;
      for (const t of [share?.expiresAt, session!.expiresAt]) {
        if (t) this.nextExpiry = Math.min(this.nextExpiry, Date.parse(t));
      }
    }
  }

  /// Applies access as it is now to one connection: cuts it (and returns
  /// why) when the session is gone, the share is gone or the role changed.
  private judge(
    connection: Connection,
    ctx: GlossaContext,
    role: Role | null,
    session: SessionRecord | null | undefined,
  ): Cut | null {
    if (!sessionIsLive(session, ctx.user.id)) {
      this.closeSocket(connection, CloseEvents.Unauthorized);
      return CloseEvents.Unauthorized;
    }
    if (!role) {
      this.close(connection, CloseEvents.Forbidden);
      return CloseEvents.Forbidden;
    }
    if (role !== ctx.role) {
      log.warn(
        { user: ctx.user.id, doc: ctx.documentId, from: ctx.role, to: role },
        "role changed; reconnecting",
      );
      ctx.role = role;
      this.close(connection, CloseEvents.AccessChanged);
      return CloseEvents.AccessChanged;
    }
    return null;
  }

  /// Tokens: asks a connection's client for a renewed token (the provider's
  /// token function, which the app keeps fresh) in the last RENEW_BEFORE_MS
  /// of its token's life, and closes the socket (4401) once it has expired.
  private checkTokens(): void {
    const now = Date.now();
    for (const document of this.instance?.documents.values() ?? []) {
      for (const connection of document.getConnections()) {
        const ctx = contextOf(connection);
        const exp = ctx?.tokenExpiresAt;
        if (!ctx?.user || exp === undefined || this.cut.has(connection)) continue;
        if (now >= exp) {
          this.closeSocket(connection, CloseEvents.Unauthorized, "token expired");
        } else if (exp - now <= RENEW_BEFORE_MS && this.renewalAsked.get(connection) !== exp) {
          this.renewalAsked.set(connection, exp);
          connection.requestToken();
        }
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
  private closeSocket(
    connection: Connection,
    event: Cut,
    why = "session revoked or expired",
  ): void {
    const ctx = contextOf(connection)!;
    log.warn({ user: ctx.user.id, why }, "closing its websocket");
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
