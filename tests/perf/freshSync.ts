/// Probe (issue 16): a fresh client's sync of the letter ×10 with 0 and
/// COUNT (1,000) annotations, Glossa in its own process (the bench's
/// `startServer`), the client here. For each fresh sync: the time to the
/// text's and the annotations' `synced`, every websocket frame in and out
/// (time, document, message type, bytes), the server's CPU for it, and
/// whether the document was loaded before. `tsx tests/perf/freshSync.ts [reps]`.
import { CollabSession } from "@glossa/collab";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { startServer } from "../bench/lib/harness.ts";
import { sleep } from "../bench/lib/stats.ts";

const COUNT = Number(process.env.COUNT ?? 1_000);
const REPS = Number(process.argv[2] ?? 5);
const TYPES = [
  "sync",
  "awareness",
  "auth",
  "queryAwareness",
  "4",
  "stateless",
  "bstateless",
  "close",
  "syncStatus",
  "ping",
  "pong",
];
const STEPS = ["step1", "step2", "update"];

interface Frame {
  t: number;
  /// This process's CPU since the start, ms.
  cpu: number;
  dir: "in" | "out";
  doc: string;
  what: string;
  bytes: number;
}

function describe(data: Uint8Array): { doc: string; what: string } {
  try {
    const d = decoding.createDecoder(data);
    const name = decoding.readVarString(d);
    const doc = name.endsWith("annotations") ? "annotations" : "text";
    const type = decoding.readVarUint(d);
    let what = TYPES[type] ?? String(type);
    if (type === 0) what += `/${STEPS[decoding.readVarUint(d)] ?? "?"}`;
    if (type === 5) what += `/${decoding.readVarString(d).slice(0, 40)}`;
    return { doc, what };
  } catch {
    return { doc: "?", what: "?" };
  }
}

let frames: Frame[] = [];
let t0 = 0;
let c0 = process.cpuUsage();
const cpuMs = () => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
class TracedSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on("error", () => {});
    this.on("message", (data: ArrayBuffer | Buffer) => {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data);
      frames.push({
        t: performance.now() - t0,
        cpu: cpuMs(),
        dir: "in",
        bytes: bytes.byteLength,
        ...describe(bytes),
      });
    });
  }
  override send(data: unknown, ...rest: unknown[]): void {
    const bytes = data as Uint8Array;
    frames.push({
      t: performance.now() - t0,
      cpu: cpuMs(),
      dir: "out",
      bytes: bytes.byteLength,
      ...describe(bytes),
    });
    (super.send as (...a: unknown[]) => void)(data, ...rest);
  }
}

const whenSynced = (p: CollabSession["annotations"]) =>
  new Promise<void>((resolve) => {
    if (p.isSynced) return resolve();
    p.on("synced", () => resolve());
  });

async function fresh(
  url: string,
  docId: string,
  token: string,
  print: boolean,
  serverCpu: () => Promise<number>,
) {
  frames = [];
  t0 = performance.now();
  c0 = process.cpuUsage();
  const s = new CollabSession({
    url,
    documentId: docId,
    token: () => token,
    user: { id: "probe", name: "Probe", color: "#000" },
    WebSocketPolyfill: TracedSocket,
  });
  await whenSynced(s.text);
  const text = performance.now() - t0;
  const textCpu = cpuMs();
  const serverAtText = await serverCpu();
  await whenSynced(s.annotations);
  const all = performance.now() - t0;
  const allCpu = cpuMs();
  await sleep(300);
  if (print)
    for (const f of frames)
      console.log(
        `  ${f.t.toFixed(1).padStart(7)} ${f.cpu.toFixed(1).padStart(6)} ${f.dir.padEnd(3)} ${f.doc.padEnd(12)} ${f.what.padEnd(28)} ${f.bytes}`,
      );
  s.destroy();
  return { text, all, textCpu, allCpu, serverAtText };
}

/// WARM=1: another client holds the document open, so the fresh one finds it loaded.
const WARM = process.env.WARM === "1";
const TRACE = process.env.TRACE === "1";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = await startServer("glossa");
try {
  const users = await s.call<{ id: string; token: string }[]>("createUsers", 1);
  for (const count of [0, COUNT]) {
    const [id] = await s.call<string[]>("createDocs", {
      count: 1,
      scale: 10,
      share: [users[0]!.id],
    });
    if (count > 0) {
      await s.call("annotate", { id, count, seed: 7 + count }, 600_000);
      await sleep(3_100);
      await s.call("reconcile", id, 600_000);
    }
    const holder = WARM
      ? new CollabSession({
          url: s.wsUrl,
          documentId: id!,
          token: () => users[0]!.token,
          user: { id: "holder", name: "Holder", color: "#000" },
          WebSocketPolyfill: WebSocket,
        })
      : null;
    if (holder) {
      await whenSynced(holder.annotations);
      await whenSynced(holder.text);
    }
    type Row = { text: number; all: number; textCpu: number; allCpu: number };
    const rows: (Row & { server: number; serverAtText: number; stall: number })[] = [];
    for (let i = 0; i < REPS; i++) {
      const before = await s.stats();
      const r = await fresh(
        s.wsUrl,
        id!,
        users[0]!.token,
        TRACE && i === REPS - 1,
        async () => (await s.stats()).cpuMs,
      );
      const after = await s.stats();
      if (i > 0)
        rows.push({
          ...r,
          server: after.cpuMs - before.cpuMs,
          stall: after.eldMax,
          serverAtText: r.serverAtText - before.cpuMs,
        });
      console.log(
        `${count} annotations: text ${r.text.toFixed(1)} ms (client CPU ${r.textCpu.toFixed(1)}), both ${r.all.toFixed(1)} ms (${r.allCpu.toFixed(1)}), server CPU ${(after.cpuMs - before.cpuMs).toFixed(1)} ms (incl. 300 ms after), docs loaded before ${before.docs}`,
      );
      await sleep(500);
    }
    const m = (k: keyof (typeof rows)[0]) => median(rows.map((x) => x[k])).toFixed(1);
    console.log(
      `MEDIAN ${WARM ? "warm" : "cold"} ${count}: text ${m("text")} ms, both ${m("all")} ms; client CPU ${m("textCpu")} / ${m("allCpu")} ms; server CPU to the text's sync ${m("serverAtText")} ms, in all ${m("server")} ms; longest loop stall ${Math.max(...rows.map((x) => x.stall)).toFixed(1)} ms (n=${rows.length})`,
    );
    holder?.destroy();
    await sleep(500);
  }
} finally {
  await s.stop();
}
