/// The floor of every comparison: a raw `ws` relay. A client's binary
/// message goes unchanged to every other socket of the same room (the URL
/// path); no Yjs, no state, no storage, no acknowledgement. What any
/// collaboration server costs beyond moving the bytes is measured against it.
import { type WebSocket, WebSocketServer } from "ws";

export interface FloorRelay {
  wsUrl: string;
  counts(): { docs: number; connections: number };
  close(): Promise<void>;
}

export async function startFloorRelay(): Promise<FloorRelay> {
  const rooms = new Map<string, Set<WebSocket>>();
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
  wss.on("connection", (ws, req) => {
    const name = req.url ?? "/";
    const members = rooms.get(name) ?? new Set<WebSocket>();
    rooms.set(name, members);
    members.add(ws);
    ws.on("message", (data, isBinary) => {
      for (const other of members) if (other !== ws) other.send(data, { binary: isBinary });
    });
    ws.on("close", () => {
      members.delete(ws);
      if (members.size === 0) rooms.delete(name);
    });
  });
  await new Promise<void>((r) => wss.once("listening", () => r()));
  const { port } = wss.address() as { port: number };
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    counts: () => ({ docs: rooms.size, connections: wss.clients.size }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
