/// A collaboration client in its own process (so no BroadcastChannel or
/// shared memory can bypass the server). Driven over IPC by `spawnClient`.
import { CollabSession } from "@glossa/collab";
import WebSocket from "ws";
import * as Y from "yjs";

type Command =
  | { id: number; op: "insert"; block: number; offset: number; text: string }
  | { id: number; op: "text" }
  | { id: number; op: "state" }
  | { id: number; op: "close" };

const [url, documentId, token, name] = process.argv.slice(2) as [string, string, string, string];
const session = new CollabSession({
  url,
  documentId,
  token: () => token,
  user: { id: name, name, color: "#123456" },
  WebSocketPolyfill: WebSocket,
});

function blockTexts(): string[] {
  return session.fragment.toArray().map((el) =>
    el instanceof Y.XmlElement
      ? el
          .toArray()
          .map((c) => (c instanceof Y.XmlText ? c.toString().replace(/<[^>]+>/g, "") : ""))
          .join("")
      : "",
  );
}

process.on("message", (cmd: Command) => {
  const reply = (value: unknown) => process.send!({ id: cmd.id, value });
  switch (cmd.op) {
    case "insert": {
      const el = session.fragment.get(cmd.block) as Y.XmlElement;
      let text = el.get(0) as Y.XmlText | undefined;
      if (!(text instanceof Y.XmlText)) {
        text = new Y.XmlText();
        el.insert(0, [text]);
      }
      text.insert(cmd.offset, cmd.text);
      reply(true);
      break;
    }
    case "text":
      reply(blockTexts());
      break;
    case "state":
      reply({ ...session.saveState, synced: session.text.isSynced, readOnly: session.readOnly });
      break;
    case "close":
      session.destroy();
      reply(true);
      setTimeout(() => process.exit(0), 50);
      break;
  }
});
process.send!({ id: 0, value: "ready" });
