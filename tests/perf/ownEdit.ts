/// Client CPU per own edit, Glossa's session against a bare provider: one
/// client types one character every 25 ms (400 edits, each its own update)
/// into the letter on a real server in its own process (Glossa or bare
/// Hocuspocus); this process's CPU (`process.cpuUsage`, the idle wake-ups
/// included) per edit, and the messages the client received per edit by
/// document and type (`<doc>:<message type>.<sync step or payload length>`).
/// In the crowd each own edit is one per 49 receptions, so its excess
/// counts there / 49 (docs/benchmarks.md, "Session 14 (branch s14-clientcost)").
///
/// `npx tsx tests/perf/ownEdit.ts [rounds]` (Glossa and bare alternate);
/// `PROF=1` prints the inclusive-time profile of each round.
import { Session } from "node:inspector/promises";
import os from "node:os";
import { CollabSession } from "@glossa/collab";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { startServer } from "../bench/lib/harness.ts";
import { letterUpdate } from "../bench/lib/letter.ts";
import { inclusiveTable, type Profile } from "./profileTable.ts";

const N = 400;
const types = new Map<string, number>();
class CountingWebSocket extends WebSocket {
  constructor(...a: ConstructorParameters<typeof WebSocket>) {
    super(...a);
    this.on("message", (raw: ArrayBuffer) => {
      const d = new Uint8Array(raw);
      const n = d[0]!;
      const doc = new TextDecoder().decode(d.subarray(1, 1 + n)).endsWith("annotations")
        ? "annotations"
        : "text";
      const t = d.length === 1 ? "ping" : `${doc}:${d[1 + n]}.${d[2 + n]}`;
      types.set(t, (types.get(t) ?? 0) + 1);
    });
  }
}
const b64 = Buffer.from(letterUpdate()).toString("base64");
const until = async (c: () => boolean) => {
  while (!c()) await new Promise((r) => setTimeout(r, 10));
};
const g = await startServer("glossa", { cpu: null });
const b = await startServer("hocuspocus", { cpu: null });
const users = await g.call<{ id: string; token: string }[]>("createUsers", 1);
const inspector = process.env.PROF ? new Session() : null;
inspector?.connect();

/// A synced client of `kind` on a fresh copy of the letter.
async function client(kind: string): Promise<{ doc: Y.Doc; close: () => void }> {
  if (kind === "glossa") {
    const share = [users[0]!.id];
    const [id] = await g.call<string[]>("createDocs", { count: 1, scale: 1, template: b64, share });
    const s = new CollabSession({
      url: g.wsUrl,
      documentId: id!,
      token: () => users[0]!.token,
      user: { id: users[0]!.id, name: "Writer", color: "#000000" },
      WebSocketPolyfill: CountingWebSocket,
    });
    await until(() => s.text.isSynced && s.annotations.isSynced);
    return { doc: s.ydoc, close: () => s.destroy() };
  }
  const [id] = await b.call<string[]>("createDocs", { count: 1, scale: 1, template: b64 });
  const socket = new HocuspocusProviderWebsocket({
    url: b.wsUrl,
    WebSocketPolyfill: CountingWebSocket,
  });
  const doc = new Y.Doc();
  const p = new HocuspocusProvider({ websocketProvider: socket, name: `doc/${id}`, document: doc });
  p.attach();
  await until(() => p.isSynced);
  return {
    doc,
    close: () => {
      p.destroy();
      socket.destroy();
    },
  };
}

async function run(kind: string): Promise<void> {
  const { doc, close } = await client(kind);
  const blocks = doc.getXmlFragment("prosemirror").toArray() as Y.XmlElement[];
  const t = blocks.find((x) => x.get(0) instanceof Y.XmlText)!.get(0) as Y.XmlText;
  const load = os.loadavg()[0]!.toFixed(1);
  if (inspector) {
    await inspector.post("Profiler.enable");
    await inspector.post("Profiler.setSamplingInterval", { interval: 200 });
    await inspector.post("Profiler.start");
  }
  types.clear();
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    t.insert(i, "a");
    await new Promise((r) => setTimeout(r, 25));
  }
  await new Promise((r) => setTimeout(r, 500));
  const c = process.cpuUsage(c0);
  if (inspector) {
    const { profile } = await inspector.post("Profiler.stop");
    console.log(inclusiveTable(profile as unknown as Profile, N, 60));
  }
  close();
  const msgs = [...types].map(([k, v]) => `${k} ${(v / N).toFixed(2)}`).join(", ");
  console.log(
    `${kind}: ${((c.user + c.system) / N).toFixed(0)} µs CPU per own edit, load ${load}; received per edit: ${msgs}`,
  );
}

for (let r = 0; r < Number(process.argv[2] ?? 2); r++)
  for (const k of r % 2 ? ["bare", "glossa"] : ["glossa", "bare"]) await run(k);
await g.stop();
await b.stop();
process.exit(0);
