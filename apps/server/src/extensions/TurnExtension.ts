import type { beforeHandleMessagePayload, Extension } from "@hocuspocus/server";
import type { GlossaContext } from "../context.ts";

/// Messages of at least this many bytes are handled in a turn of the event
/// loop of their own (a keystroke is tens of bytes).
export const OWN_TURN_BYTES = 64 * 1024;

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
export class TurnExtension implements Extension<GlossaContext> {
  extensionName = "glossa-turn";
  priority = 885;

  async beforeHandleMessage({ update }: beforeHandleMessagePayload<GlossaContext>): Promise<void> {
    if (update.byteLength < OWN_TURN_BYTES) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
