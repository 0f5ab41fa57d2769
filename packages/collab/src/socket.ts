import { SCHEMA_VERSION_PARAM } from "@glossa/protocol";
import { SCHEMA_VERSION } from "@glossa/schema";
import { HocuspocusProviderWebsocket } from "@hocuspocus/provider";

/// How long a silence means the connection is lost (the server sends a
/// `keepalive` every 2 s: apps/server/src/extensions/KeepaliveExtension.ts).
const SILENCE_MS = 6_000;

/// The one websocket of a session's documents, not connected yet (the
/// session connects it once both providers are attached); `onStatus` hears
/// whether it is connected.
export function collabSocket(
  options: { url: string; WebSocketPolyfill?: unknown },
  onStatus: (connected: boolean) => void,
): HocuspocusProviderWebsocket {
  const { url, WebSocketPolyfill } = options;
  const sep = url.includes("?") ? "&" : "?";
  return new HocuspocusProviderWebsocket({
    url: `${url}${sep}${SCHEMA_VERSION_PARAM}=${SCHEMA_VERSION}`,
    WebSocketPolyfill,
    maxDelay: 10_000,
    // Connected once both providers are attached (constructor): connecting at
    // construction and again on attach left a stale retry that closed the
    // live socket a second later, dropping whatever was in flight.
    autoConnect: false,
    // The server sends at least a `keepalive` every 2 s; this much
    // silence means the network is gone (the
    // provider's default, 30 s, kept "Saving…" on screen that long).
    messageReconnectTimeout: SILENCE_MS,
    onStatus: ({ status }) => onStatus(status === "connected"),
  });
}
