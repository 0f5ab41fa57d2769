/// Client CPU per received edit, the listeners' share alone: the same
/// stream of one-character updates (`writers` typists, each in its own
/// block of the letter) applied to real clients — `CollabSession`s synced
/// with a real Glossa server, bare `HocuspocusProvider`s synced with a real
/// bare Hocuspocus server — as their provider applies a received update
/// (`Y.applyUpdate` with the provider as origin), without the network, so
/// that what differs is what each client runs per transaction (its
/// `update` listeners, awareness nothing). Glossa and bare alternate, a
/// fresh client each time; `process.cpuUsage` per update.
///
/// `npx tsx tests/perf/clientApply.ts [--writers 50] [--updates 3000] [--pairs 4]`
import os from "node:os";
import { parseArgs } from "node:util";
import { CollabSession } from "@glossa/collab";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { startServer } from "../bench/lib/harness.ts";
import { letterUpdate } from "../bench/lib/letter.ts";

const { values: args } = parseArgs({
  options: {
    writers: { type: "string", default: "50" },
    updates: { type: "string", default: "3000" },
    pairs: { type: "string", default: "4" },
  },
});
const W = Number(args.writers);
const K = Number(args.updates);
const template = letterUpdate();
const b64 = Buffer.from(template).toString("base64");
const until = async (c: () => boolean) => {
  while (!c()) await new Promise((r) => setTimeout(r, 10));
};

/// `K` one-character updates of `W` writers taking turns, each typing at
/// the start of its own block.
function stream(): Uint8Array[] {
  const docs = Array.from({ length: W }, () => {
    const d = new Y.Doc();
    Y.applyUpdate(d, template);
    return d;
  });
  const out: Uint8Array[] = [];
  for (let k = 0; k < K; k++) {
    const w = docs[k % W]!;
    const blocks = w.getXmlFragment("prosemirror").toArray() as Y.XmlElement[];
    const el = blocks[(k % W) % blocks.length]!;
    let u: Uint8Array | null = null;
    const keep = (x: Uint8Array) => {
      u = x;
    };
    w.on("update", keep);
    const t = el.get(0);
    if (t instanceof Y.XmlText) t.insert(0, "a");
    else el.insert(0, [new Y.XmlText("a")]);
    w.off("update", keep);
    out.push(u!);
    for (const o of docs) if (o !== w) Y.applyUpdate(o, u!);
  }
  return out;
}

const g = await startServer("glossa", { cpu: null });
const b = await startServer("hocuspocus", { cpu: null });
const users = await g.call<{ id: string; token: string }[]>("createUsers", 1);
const updates = stream();

/// One fresh client of `kind`, synced; the updates applied as its provider would.
async function measure(kind: "glossa" | "bare"): Promise<number> {
  let doc: Y.Doc;
  let origin: unknown;
  let close: () => void;
  if (kind === "glossa") {
    const [id] = await g.call<string[]>("createDocs", {
      count: 1,
      scale: 1,
      template: b64,
      share: [users[0]!.id],
    });
    const s = new CollabSession({
      url: g.wsUrl,
      documentId: id!,
      token: () => users[0]!.token,
      user: { id: users[0]!.id, name: "Reader", color: "#000000" },
      WebSocketPolyfill: WebSocket,
    });
    await until(() => s.text.isSynced && s.annotations.isSynced);
    [doc, origin, close] = [s.ydoc, s.text, () => s.destroy()];
  } else {
    const [id] = await b.call<string[]>("createDocs", { count: 1, scale: 1, template: b64 });
    const socket = new HocuspocusProviderWebsocket({ url: b.wsUrl, WebSocketPolyfill: WebSocket });
    const d = new Y.Doc();
    const p = new HocuspocusProvider({ websocketProvider: socket, name: `doc/${id}`, document: d });
    p.attach();
    await until(() => p.isSynced);
    [doc, origin] = [d, p];
    close = () => {
      p.destroy();
      socket.destroy();
    };
  }
  const c0 = process.cpuUsage();
  for (const u of updates) Y.applyUpdate(doc, u, origin);
  const c = process.cpuUsage(c0);
  close();
  return (c.user + c.system) / updates.length;
}

const out: Record<string, number[]> = { glossa: [], bare: [] };
for (let i = 0; i < Number(args.pairs); i++)
  for (const kind of i % 2 ? (["bare", "glossa"] as const) : (["glossa", "bare"] as const)) {
    const before = os.loadavg()[0]!.toFixed(1);
    out[kind]!.push(await measure(kind));
    console.log(
      `${kind}: ${out[kind]!.at(-1)!.toFixed(1)} µs per applied update (${K} updates of ${W} writers), load ${before}`,
    );
  }
const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
console.log(
  `median of the pairs after the first: Glossa ${med(out.glossa!.slice(1)).toFixed(1)}, bare ${med(out.bare!.slice(1)).toFixed(1)} µs per applied update`,
);
await g.stop();
await b.stop();
process.exit(0);
