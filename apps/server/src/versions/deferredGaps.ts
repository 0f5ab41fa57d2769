/// The updates of a reconnecting client that arrive ahead of the edits its
/// old connection lost (`AuthorshipExtension.beforeSync`): deferred until the
/// connection's SyncStep2, which must bring the clocks they skip.
import { CloseEvents } from "@glossa/protocol";
import type { Connection, Document } from "@hocuspocus/server";
import * as Y from "yjs";
import { GAP_WAIT_MS } from "../config.ts";
import { log } from "../log.ts";
import type { UpdateScan } from "../updateScan.ts";

/// Refuses an update that writes under someone else's client id (or skips clocks).
export function forged(documentName: string, userId: string, detail: string): never {
  console.warn(
    `[glossa] refused a forged update from user ${userId} on ${documentName}: ${detail}`,
  );
  throw Object.assign(new Error(CloseEvents.ForgedChange.reason), CloseEvents.ForgedChange);
}

/// A client id's update that starts past what the document holds.
export interface Gap {
  client: number;
  clock: number;
  to: number;
  held: number;
}

interface Waiting {
  /// Per client id, the end clock of its deferred updates.
  until: Map<number, number>;
  timer: ReturnType<typeof setTimeout>;
}

export class DeferredGaps {
  private readonly waiting = new WeakMap<Connection, Waiting>();
  /// Connections that sent their SyncStep2: from then on they send their
  /// edits in order, and a gap is refused at once.
  private readonly synced = new WeakSet<Connection>();
  /// Updates deferred so far (tests count them).
  deferred = 0;

  /// `waitMs`: how long a connection's deferred updates wait for its SyncStep2.
  constructor(private readonly waitMs = GAP_WAIT_MS) {}

  /// Defers `gaps` of `connection`'s update (the caller empties it) unless
  /// the connection already sent its SyncStep2.
  defer(connection: Connection, gaps: Gap[], documentName: string, userId: string): boolean {
    if (this.synced.has(connection)) return false;
    let w = this.waiting.get(connection);
    if (!w) {
      const timer = setTimeout(() => {
        if (this.waiting.get(connection) !== w) return;
        this.waiting.delete(connection);
        console.warn(
          `[glossa] refused a forged update from user ${userId} on ${documentName}: no sync reply within ${this.waitMs} ms brought the clocks it skipped`,
        );
        connection.close(CloseEvents.ForgedChange);
      }, this.waitMs);
      timer.unref?.();
      w = { until: new Map(), timer };
      this.waiting.set(connection, w);
    }
    for (const g of gaps) w.until.set(g.client, Math.max(w.until.get(g.client) ?? 0, g.to));
    this.deferred += 1;
    const g = gaps[0]!;
    log.info(
      { user: userId, doc: documentName, client: g.client, clock: g.clock, held: g.held },
      "deferred an update ahead of its connection's sync reply",
    );
    return true;
  }

  /// `connection`'s SyncStep2 (`clients`: its clock ranges), checked before
  /// it is applied: it must bring every clock its deferred updates reached.
  replied(
    connection: Connection,
    clients: UpdateScan["clients"],
    document: Document,
    documentName: string,
    userId: string,
  ): void {
    this.synced.add(connection);
    const w = this.waiting.get(connection);
    if (!w) return;
    this.waiting.delete(connection);
    clearTimeout(w.timer);
    for (const [client, to] of w.until) {
      const brought = Math.max(Y.getState(document.store, client), clients.get(client)?.to ?? 0);
      if (brought < to)
        forged(
          documentName,
          userId,
          `its sync reply brings client id ${client} to clock ${brought}, short of the deferred update's ${to}`,
        );
    }
  }
}
