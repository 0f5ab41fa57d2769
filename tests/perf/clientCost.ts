/// Client CPU per received edit, Glossa's client against a bare provider
/// (issue 16's crowd: the load generator's core, docs/benchmarks.md,
/// "Session 14 (branch s14-clientcost)"). A real server in its own process
/// (Glossa or bare Hocuspocus, `tests/bench/lib/serverWorker.ts`), `writers`
/// typists in one client process (`clientWorker.ts`) typing `rate`
/// one-character updates per second each into their own block of the letter,
/// and, in this process, `receivers` clients that only receive: real
/// `CollabSession`s, or bare `HocuspocusProvider`s each on its own socket.
/// This process's CPU over the typing window (`process.cpuUsage`) divided by
/// the edits its clients received (one character each: the writers' clock
/// steps in the remote transactions) is the client's µs per reception; the
/// messages taken in are counted by type. Kinds alternate round by round,
/// after `--warmup` unreported rounds (a process's first round compiles the
/// code path); the load average is printed with every figure.
///
/// `npx tsx tests/perf/clientCost.ts [--receivers 10] [--writers 20]
/// [--rate 2] [--seconds 10] [--rounds 2] [--warmup 1]
/// [--kind both|glossa|hocuspocus] [--profile]`: `--profile` samples this process's CPU over each window
/// (node:inspector) and prints the functions with most inclusive time
/// (self + children, µs per reception); `node --cpu-prof` works too.
import { Session } from "node:inspector/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { CollabSession } from "@glossa/collab";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { type Kind, startClients, startServer, stopClients } from "../bench/lib/harness.ts";
import { clock } from "../bench/lib/ipc.ts";
import { letterUpdate } from "../bench/lib/letter.ts";
import { inclusiveTable, type Profile } from "./profileTable.ts";

const { values: args } = parseArgs({
  options: {
    receivers: { type: "string", default: "10" },
    writers: { type: "string", default: "20" },
    rate: { type: "string", default: "2" },
    seconds: { type: "string", default: "10" },
    rounds: { type: "string", default: "2" },
    kind: { type: "string", default: "both" },
    warmup: { type: "string", default: "1" },
    profile: { type: "boolean", default: false },
  },
});
const N = Number(args.receivers);
const M = Number(args.writers);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const kinds: Kind[] = args.kind === "both" ? ["glossa", "hocuspocus"] : [args.kind as Kind];

/// Messages and bytes the receivers' sockets took in, by first byte after the document name.
const wire = { messages: 0, bytes: 0, sent: 0, types: new Map<string, number>() };
class CountingWebSocket extends WebSocket {
  constructor(...a: ConstructorParameters<typeof WebSocket>) {
    super(...a);
    const send = this.send.bind(this) as (...x: unknown[]) => void;
    this.send = ((...x: unknown[]) => {
      wire.sent++;
      send(...x);
    }) as WebSocket["send"];
    this.on("message", (raw: ArrayBuffer) => {
      const data = new Uint8Array(raw);
      wire.messages++;
      wire.bytes += data.length;
      const nameLen = data[0]!;
      const t = data.length === 1 ? "ping" : `${data[1 + nameLen]}.${data[2 + nameLen]}`;
      wire.types.set(t, (wire.types.get(t) ?? 0) + 1);
    });
  }
}

interface Receiver {
  doc: Y.Doc;
  synced(): boolean;
  destroy(): void;
}

/// A client that only receives: Glossa's session or a bare provider.
function receiver(kind: Kind, url: string, docId: string, token: string, i: number): Receiver {
  if (kind === "glossa") {
    const s = new CollabSession({
      url,
      documentId: docId,
      token: () => token,
      user: { id: `r${i}`, name: `Reader ${i}`, color: "#336699" },
      WebSocketPolyfill: CountingWebSocket,
    });
    return {
      doc: s.ydoc,
      synced: () => s.text.isSynced && s.annotations.isSynced,
      destroy: () => s.destroy(),
    };
  }
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: CountingWebSocket });
  const doc = new Y.Doc();
  const p = new HocuspocusProvider({
    websocketProvider: socket,
    name: `doc/${docId}`,
    document: doc,
  });
  p.attach();
  p.setAwarenessField("user", { id: `r${i}`, name: `Reader ${i}`, color: "#336699" });
  return {
    doc,
    synced: () => p.isSynced,
    destroy: () => {
      p.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}

const until = async (cond: () => boolean, what: string, ms = 60_000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

const load = () => os.loadavg()[0]!.toFixed(1);
const template = Buffer.from(letterUpdate()).toString("base64");
const writers = await startClients(M, () => {}, 0, M);
const inspector = args.profile ? new Session() : null;
inspector?.connect();

/// One round of one kind: µs of this process's CPU per reception.
async function round(kind: Kind): Promise<{
  us: number;
  user: number;
  system: number;
  receptions: number;
  transactions: number;
  profile?: Profile;
}> {
  const server = await startServer(kind, { cpu: null });
  const receivers: Receiver[] = [];
  try {
    const users = await server.call<{ id: string; token: string }[]>("createUsers", N + M);
    const [docId] = await server.call<string[]>("createDocs", {
      count: 1,
      scale: 1,
      template,
      share: users.map((u) => u.id),
    });
    for (const [i, w] of writers.entries())
      await w.call("connect", {
        kind,
        url: server.wsUrl,
        docId,
        token: users[i]!.token,
        name: `Writer ${i}`,
      });
    for (let i = 0; i < N; i++)
      receivers.push(receiver(kind, server.wsUrl, docId!, users[M + i]!.token, i));
    await until(() => receivers.every((r) => r.synced()), "the receivers' sync");
    let receptions = 0;
    let transactions = 0;
    for (const r of receivers)
      r.doc.on("afterTransaction", (tr: Y.Transaction) => {
        if (tr.local) return;
        transactions++;
        // One character per edit: each clock a writer's edit.
        for (const [client, clock] of tr.afterState)
          receptions += clock - (tr.beforeState.get(client) ?? 0);
      });
    const warm = 2_000;
    const startAt = clock() + 200;
    await Promise.all(
      writers.map((w, i) =>
        w.call("type", { rate: RATE, durationMs: warm + SECONDS * 1000, block: i, startAt }),
      ),
    );
    await new Promise((r) => setTimeout(r, startAt + warm - clock()));
    if (inspector) {
      await inspector.post("Profiler.enable");
      await inspector.post("Profiler.setSamplingInterval", { interval: 500 });
      await inspector.post("Profiler.start");
    }
    wire.messages = 0;
    wire.sent = 0;
    wire.bytes = 0;
    wire.types.clear();
    const n0 = receptions;
    const t0 = transactions;
    const c0 = process.cpuUsage();
    await Promise.all(writers.map((w) => w.call("typingDone", {}, 60_000)));
    const c = process.cpuUsage(c0);
    const n = receptions - n0;
    const profile = inspector
      ? ((await inspector.post("Profiler.stop")).profile as unknown as Profile)
      : undefined;
    return {
      us: (c.user + c.system) / n,
      user: c.user / n,
      system: c.system / n,
      receptions: n,
      transactions: transactions - t0,
      profile,
    };
  } finally {
    for (const r of receivers) r.destroy();
    await Promise.all(writers.map((w) => w.call("disconnect")));
    await server.stop();
  }
}

const results: Record<string, number[]> = { glossa: [], hocuspocus: [] };
try {
  // Unreported rounds first: the first in a process compiles the code path
  // (Glossa's more of it), 1.5–2× the CPU of the next.
  for (let r = 0; r < Number(args.warmup); r++)
    for (const kind of kinds) {
      const res = await round(kind);
      console.log(`(warm-up) ${kind}: ${res.us.toFixed(1)} µs per reception, load ${load()}`);
    }
  for (let r = 0; r < Number(args.rounds); r++)
    for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
      const before = load();
      const res = await round(kind);
      results[kind]!.push(res.us);
      console.log(
        `${kind} round ${r + 1}: ${res.us.toFixed(1)} µs CPU per reception (${res.receptions} edits received in ${res.transactions} transactions by ${N} clients from ${M} writers × ${RATE}/s, ${SECONDS} s), load ${before} → ${load()}`,
      );
      const per = (x: number, d = 2) => (x / res.receptions).toFixed(d);
      const types = [...wire.types].map(([t, c]) => `${t}: ${per(c, 3)}`).join(", ");
      console.log(
        `  per reception: CPU user ${res.user.toFixed(1)} + system ${res.system.toFixed(1)} µs; ${per(wire.messages)} messages in (${per(wire.bytes, 0)} bytes), ${per(wire.sent, 3)} out; by message type ${types}; µs per update message ${(res.us / ((wire.types.get("0.2") ?? 1) / res.receptions)).toFixed(1)}`,
      );
      if (res.profile && args.profile) console.log(inclusiveTable(res.profile, res.receptions));
    }
} finally {
  await stopClients(writers);
}
for (const kind of kinds) {
  const xs = results[kind]!;
  if (xs.length) console.log(`${kind}: ${xs.map((x) => x.toFixed(1)).join(", ")} µs per reception`);
}
process.exit(0);
