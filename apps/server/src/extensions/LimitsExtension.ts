import { CloseEvents } from "@glossa/protocol";
import type {
  beforeHandleMessagePayload,
  Connection,
  Extension,
  onUpgradePayload,
} from "@hocuspocus/server";
import type { GlossaContext } from "../context.ts";

export interface LimitsConfiguration {
  /// Largest message, in bytes (also enforced by ws' maxPayload).
  maxMessageBytes: number;
  /// Sustained messages per second per connection; bursts of twice that pass.
  messagesPerSecond: number;
  /// Origins allowed to open the websocket; empty allows only same-host.
  allowedOrigins: string[];
}

interface Bucket {
  tokens: number;
  at: number;
}

/// Limits on what one connection may send (docs/reliability.md §3.5) and the Origin
/// check on the websocket handshake (cross-site websocket hijacking).
export class LimitsExtension implements Extension<GlossaContext> {
  extensionName = "glossa-limits";
  priority = 900;
  private readonly buckets = new WeakMap<Connection, Bucket>();

  constructor(private readonly config: LimitsConfiguration) {}

  async onUpgrade({ request, socket }: onUpgradePayload): Promise<void> {
    const origin = request.headers.origin;
    const host = request.headers.host;
    // Non-browser clients (scripts, tests) send no Origin; browsers always do.
    if (!origin) return;
    const allowed =
      this.config.allowedOrigins.includes(origin) ||
      (host !== undefined && (origin === `http://${host}` || origin === `https://${host}`));
    if (!allowed) {
      socket.write("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      socket.destroy();
      // Rejecting with nothing stops Hocuspocus from upgrading the socket.
      throw null;
    }
  }

  async beforeHandleMessage({ connection, update }: beforeHandleMessagePayload): Promise<void> {
    if (update.byteLength > this.config.maxMessageBytes) {
      throw Object.assign(
        new Error(CloseEvents.MessageTooLarge.reason),
        CloseEvents.MessageTooLarge,
      );
    }
    const now = Date.now();
    const rate = this.config.messagesPerSecond;
    const b = this.buckets.get(connection) ?? { tokens: rate * 2, at: now };
    b.tokens = Math.min(rate * 2, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    if (b.tokens < 1) {
      throw Object.assign(new Error(CloseEvents.RateLimited.reason), CloseEvents.RateLimited);
    }
    b.tokens -= 1;
    this.buckets.set(connection, b);
  }
}
