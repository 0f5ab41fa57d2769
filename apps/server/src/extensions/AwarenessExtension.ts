import type { beforeHandleAwarenessPayload, Extension } from "@hocuspocus/server";
import type { GlossaContext } from "../context.ts";

const MAX_STATE_BYTES = 4096;

/// Presence is asserted by clients; this makes it true (docs/design.md §6). A
/// connection publishes exactly one awareness client — the first it uses,
/// provided no other connection already publishes it — and its `user` field
/// is rewritten from the authenticated identity, so no one can appear as
/// someone else, take over someone else's cursor or remove it (removals and
/// states for other client ids are dropped).
export class AwarenessExtension implements Extension<GlossaContext> {
  extensionName = "glossa-awareness";

  async beforeHandleAwareness({
    states,
    connection,
    document,
  }: beforeHandleAwarenessPayload<GlossaContext>): Promise<void> {
    if (!connection) return; // from the server itself or another instance
    const ctx = connection.context;
    const taken = (clientId: number) =>
      document
        .getConnections()
        .some((c) => c !== connection && document.getClients(c).has(clientId));
    for (const [clientId, state] of states) {
      // Hocuspocus decodes into a scratch Awareness whose own (empty) local
      // state shows up here too; it is nobody's presence.
      if (Object.keys(state).length === 0) {
        states.delete(clientId);
        continue;
      }
      if (ctx.awarenessClientId === undefined && !taken(clientId)) {
        ctx.awarenessClientId = clientId;
      }
      if (clientId !== ctx.awarenessClientId) {
        states.delete(clientId);
        continue;
      }
      for (const key of Object.keys(state)) {
        if (key !== "cursor" && key !== "user" && key !== "status") delete state[key];
      }
      if (JSON.stringify(state).length > MAX_STATE_BYTES) delete state.cursor;
      state.user = { id: ctx.user.id, name: ctx.user.name, color: ctx.user.color, role: ctx.role };
    }
  }
}
