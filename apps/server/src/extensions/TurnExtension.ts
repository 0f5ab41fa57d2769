import type {
  afterHandleMessagePayload,
  beforeHandleMessagePayload,
  Connection,
  Extension,
} from "@hocuspocus/server";
import type { GlossaContext } from "../context.ts";

/// Messages of at least this many bytes are handled in a turn of the event
/// loop of their own (a keystroke is tens of bytes), with their socket's
/// reading paused until they are handled.
export const OWN_TURN_BYTES = 64 * 1024;

/// Longest a socket stays paused for one message: its pings and pongs are
/// not read meanwhile (ws' idle sweep and Hocuspocus' timeout allow 30 s).
export const MAX_HOLD_MS = 10_000;

/// What of a ws WebSocket (behind crossws' proxy) pausing uses.
interface Pausable {
  pause?(): void;
  resume?(): void;
}

/// Work counted for tests: messages handled with their socket paused.
export const turnStats = { holds: 0 };

/// Fairness between connections. Hocuspocus handles the messages queued on
/// a connection one after another in promise continuations, so a burst of
/// large updates that arrived together (an account's byte burst holds 16 of
/// 500,000 characters) was handled in one stretch of the event loop —
/// seconds under load in the hostile run — while every other document,
/// timer and `/healthz` waited. A large message first waits for a turn of
/// the loop (`setImmediate`), so what arrived meanwhile is handled in
/// between; the connection's own order is kept (its queue waits for this
/// hook). After the budgets (a refused message waits for nothing), before
/// the checks that read the update.
///
/// Receive backpressure: while a large message is handled (a sliced update
/// takes many turns), its socket is not read. Hocuspocus queues whatever
/// arrives on a connection without bound, and ws receives and unmasks each
/// frame on the loop: an attacker streaming 2 MB updates had the server
/// receive 200 of them (400 MB, 42 % of its CPU in the hostile run) that
/// were dropped unread when its third was refused (docs/security.md,
/// "Session 9"). Paused, its bytes wait in the kernel and TCP stops the sender.
export class TurnExtension implements Extension<GlossaContext> {
  extensionName = "glossa-turn";
  priority = 885;
  /// Per socket, how many of its connections hold it paused.
  private readonly paused = new WeakMap<Pausable, number>();
  /// Per connection holding its socket paused, the release.
  private readonly holding = new WeakMap<Connection, () => void>();
  /// Connections whose close releases their hold (registered once each).
  private readonly watched = new WeakSet<Connection>();

  async beforeHandleMessage({
    update,
    connection,
  }: beforeHandleMessagePayload<GlossaContext>): Promise<void> {
    if (update.byteLength < OWN_TURN_BYTES) return;
    if (connection) this.hold(connection);
    await new Promise((resolve) => setImmediate(resolve));
  }

  async afterHandleMessage({
    connection,
  }: afterHandleMessagePayload<GlossaContext>): Promise<void> {
    this.holding.get(connection)?.();
  }

  /// Pauses `connection`'s socket until its message is handled, it closes,
  /// or MAX_HOLD_MS pass.
  private hold(connection: Connection): void {
    const ws = connection.webSocket as unknown as Pausable;
    if (this.holding.has(connection) || typeof ws?.pause !== "function") return;
    if (!this.watched.has(connection)) {
      this.watched.add(connection);
      connection.onClose(() => this.holding.get(connection)?.());
    }
    const count = this.paused.get(ws) ?? 0;
    if (count === 0) ws.pause();
    this.paused.set(ws, count + 1);
    turnStats.holds += 1;
    const release = () => {
      clearTimeout(timer);
      this.holding.delete(connection);
      const left = (this.paused.get(ws) ?? 1) - 1;
      this.paused.set(ws, left);
      if (left === 0) ws.resume?.();
    };
    const timer = setTimeout(release, MAX_HOLD_MS);
    timer.unref();
    this.holding.set(connection, release);
  }
}
