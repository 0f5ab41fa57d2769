import { encodeStateless } from "@glossa/protocol";
import type { Extension, Hocuspocus, onConfigurePayload } from "@hocuspocus/server";
import type { GlossaContext } from "../context.ts";

/// How often every open websocket is sent a `keepalive`; a client treats
/// three times this much silence as a lost connection (docs/protocol.md §3).
export const KEEPALIVE_MS = 2_000;

const KEEPALIVE = encodeStateless({ type: "keepalive" });

/// Sends one small `keepalive` stateless message per websocket (on one of
/// its document connections) every KEEPALIVE_MS, from one timer, so that a
/// client notices a silent network within seconds without asking. Clients
/// asked before, each every 2 s, with a sync request on the annotations
/// document: two messages in and two out per client through every hook,
/// which at ~600 clients on a loaded core left the server too busy to
/// answer within the clients' 6 s, and they all reconnected at once
/// (docs/benchmarks.md, many documents).
export class KeepaliveExtension implements Extension<GlossaContext> {
  extensionName = "glossa-keepalive";
  private instance: Hocuspocus | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  /// Keepalives sent (instrumentation for tests).
  sent = 0;

  constructor(private readonly intervalMs = KEEPALIVE_MS) {}

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /// One keepalive per websocket: its first document connection found.
  tick(): void {
    const seen = new Set<string>();
    for (const document of this.instance?.documents.values() ?? []) {
      for (const c of document.getConnections()) {
        if (seen.has(c.socketId)) continue;
        seen.add(c.socketId);
        c.sendStateless(KEEPALIVE);
        this.sent++;
      }
    }
  }
}
