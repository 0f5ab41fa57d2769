import type { Connection, Hocuspocus } from "@hocuspocus/server";

/// ws' `readyState` from CLOSING (2) on: the socket will carry nothing more.
const CLOSING = 2;

interface SocketLike {
  readyState: number;
}

interface Ticket {
  userId: string;
  /// The socket's upgrade request (Hocuspocus hands every hook of one socket
  /// this same object).
  request: object;
  timer: ReturnType<typeof setTimeout>;
}

/// Admission tickets: a connection admitted by `onAuthenticate` but not yet
/// established holds one, counted against its person's connection cap
/// with their established connections, so that many connections opened
/// together cannot all pass the count before any is established.
///
/// A ticket is given back when its connection is established (counted live
/// from then), when its socket closes (or is closing) before that, and when
/// its document's load refuses it (a quarantined document, a store failure).
/// Hocuspocus 4.7 runs no hook for the last two — `onDisconnect` only for a
/// connection it had created, `connected` only for one established — so
/// `watch` wraps the instance's `handleConnection` (each socket's request →
/// its websocket) and `createDocument` (a load's failure, by socket id and
/// document). Without them a refused connection held its ticket 10 s and an
/// account whose connections were refused was refused (4430) for honest new
/// ones. The 10 s timer stays as a backstop for a path not foreseen.
///
/// Established connections are counted per person too (`establish`), from
/// the ticket's return until Hocuspocus removes the connection from its
/// document (its close callbacks run as it does): a person's count is read
/// in O(1), not by walking every connection of every document, which made
/// each admission O(n) in the number connected (issue 16).
export class Admission {
  /// By `socketId\0documentName`: the socket's claim on that route, too.
  private readonly tickets = new Map<string, Ticket>();
  /// Keys of each person's tickets.
  private readonly byUser = new Map<string, Set<string>>();
  /// Websocket of each socket, by its upgrade request.
  private readonly sockets = new WeakMap<object, SocketLike>();
  /// Each person's established connections still in their documents.
  private readonly live = new Map<string, Set<Connection>>();

  constructor(private readonly backstopMs = 10_000) {}

  /// Learns each socket's websocket and each load's failure (see above).
  watch(instance: Hocuspocus): void {
    const handle = instance.handleConnection.bind(instance);
    instance.handleConnection = (websocket, request, context) => {
      this.sockets.set(request, websocket as SocketLike);
      return handle(websocket, request, context);
    };
    const create = instance.createDocument.bind(instance);
    instance.createDocument = async (name, request, socketId, config, context) => {
      try {
        return await create(name, request, socketId, config, context);
      } catch (err) {
        this.release(`${socketId}\0${name}`);
        throw err;
      }
    };
  }

  /// Whether the socket of `request` has closed or is closing.
  closed(request: object): boolean {
    const socket = this.sockets.get(request);
    return !!socket && socket.readyState >= CLOSING;
  }

  /// Whether `key` (`socketId\0documentName`) is being opened.
  has(key: string): boolean {
    return this.tickets.has(key);
  }

  /// Tickets `userId` holds, after giving back those of closed sockets.
  held(userId: string): number {
    const keys = this.byUser.get(userId);
    for (const key of keys ?? []) {
      const t = this.tickets.get(key);
      if (t && this.closed(t.request)) this.release(key);
    }
    return keys?.size ?? 0;
  }

  /// Connections `userId` holds: established ones and tickets.
  count(userId: string): number {
    return this.held(userId) + (this.live.get(userId)?.size ?? 0);
  }

  /// An admitted connection is established: its ticket is given back and
  /// the connection counted until it leaves its document. One already
  /// closed (its socket closed while it was being established) is not.
  establish(key: string, userId: string, connection: Connection): void {
    this.release(key);
    if (!connection.document.hasConnection(connection)) return;
    const set = this.live.get(userId) ?? new Set<Connection>();
    this.live.set(userId, set);
    set.add(connection);
    connection.onClose(() => {
      set.delete(connection);
      if (set.size === 0 && this.live.get(userId) === set) this.live.delete(userId);
    });
  }

  take(key: string, userId: string, request: object): void {
    const timer = setTimeout(() => this.release(key), this.backstopMs);
    timer.unref();
    this.tickets.set(key, { userId, request, timer });
    const keys = this.byUser.get(userId) ?? new Set<string>();
    keys.add(key);
    this.byUser.set(userId, keys);
  }

  release(key: string): void {
    const t = this.tickets.get(key);
    if (!t) return;
    clearTimeout(t.timer);
    this.tickets.delete(key);
    const keys = this.byUser.get(t.userId);
    keys?.delete(key);
    if (keys?.size === 0) this.byUser.delete(t.userId);
  }

  /// Tickets held now (tests).
  get size(): number {
    return this.tickets.size;
  }
}
