/// Servers and clients for the side-by-side benchmark: each server under test
/// in its own process pinned to core 0, each client in its own process pinned
/// to core 1 (docs/performance.md §8), and typing runs measured on the shared clock.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NODE_FLAGS, GLIBC_TUNABLES as RUNTIME_TUNABLES } from "@glossa/server/runtime";
import { bundled } from "./bundle.ts";
import { clock, spawnWorker, type Worker } from "./ipc.ts";
import { timed } from "./phases.ts";
import { rawSleep } from "./stats.ts";

export type Kind = "glossa" | "hocuspocus";
/// A server under test: Glossa, bare Hocuspocus, or the floor (a raw `ws` relay).
export type ServerKind = Kind | "floor";
/// The allocator settings of `pnpm start` (apps/server/src/runtime.ts),
/// unless the environment sets others.
export const GLIBC_TUNABLES = process.env.GLIBC_TUNABLES ?? RUNTIME_TUNABLES;
export const SERVER_CPU = 0;
export const CLIENT_CPU = 1;

const serverFile = fileURLToPath(new URL("./serverWorker.ts", import.meta.url));
const clientFile = fileURLToPath(new URL("./clientWorker.ts", import.meta.url));

export interface ServerStats {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /// Of `heapUsed`: compiled code and bytecode (V8's code statistics);
  /// read by `stats(true)` only, else 0.
  codeBytes: number;
  /// RSS as anonymous, file-backed and shared pages (Linux; else 0).
  rssAnon: number;
  rssFile: number;
  rssShmem: number;
  cpuMs: number;
  eldP50: number;
  eldP99: number;
  eldMax: number;
  /// Event-loop utilisation (0-1) since the previous stats call.
  elu: number;
  /// Glossa with SQLite: cumulative wall ms in journal transactions, and their number.
  journalMs: number;
  journalCommits: number;
  /// Glossa: malloc trims done so far (apps/server/src/mallocTrim.ts).
  trims: number;
  docs: number;
  connections: number;
  at: number;
}

export interface BenchServer {
  kind: ServerKind;
  wsUrl: string;
  dataDir: string;
  worker: Worker;
  call<T = unknown>(op: string, args?: unknown, timeoutMs?: number): Promise<T>;
  stats(gc?: boolean): Promise<ServerStats>;
  /// Stops the process; deletes the data folder unless `keepData`.
  stop(keepData?: boolean): Promise<void>;
}

export async function startServer(
  kind: ServerKind,
  opts: { dataDir?: string; env?: Record<string, string>; cpu?: number | null } = {},
): Promise<BenchServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), `glossa-bench-${kind}-`));
  const worker = await spawnWorker(await bundled(serverFile), [kind], {
    // The allocator settings and V8 flags `pnpm start` runs with
    // (package.json), for both servers: glibc then gives freed large buffers
    // back (docs/security.md), V8 keeps its young generation small.
    env: { DATA_DIR: dataDir, TOKEN_TTL_SECONDS: "7200", GLIBC_TUNABLES, ...opts.env },
    nodeFlags: NODE_FLAGS,
    cpu: opts.cpu === null ? undefined : (opts.cpu ?? SERVER_CPU),
    gc: true,
    name: `${kind} server`,
    // extension-redis logs every store it leaves to the other instance.
    quiet: /Another instance is already storing|SkipFurtherHooksError|^\s+at /,
  });
  const { wsUrl } = await worker.call<{ wsUrl: string }>("info");
  return {
    kind,
    wsUrl,
    dataDir,
    worker,
    call: (op, args, timeoutMs) => worker.call(op, args, timeoutMs),
    stats: (gc = false) => worker.call<ServerStats>("stats", { gc }),
    async stop(keepData = false) {
      await worker.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/// One client: a connection in a client process (`slot` among its others).
export interface Client {
  index: number;
  worker: Worker;
  slot: number;
  /// A call to this client's slot of its process.
  call<T = unknown>(op: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
}

/// Client processes between scenarios, when `pnpm bench` pools them
/// (`poolClientProcesses`): a start costs 0.25–0.5 s of CPU, and a quick run
/// started ~16 of them. A pooled process is reset (every connection closed,
/// its clients forgotten) before it is lent again.
const pool = { on: false, idle: [] as Worker[] };
/// At most this many idle (the full run's many-documents step uses 20).
const POOL_MAX = 8;

export function poolClientProcesses(): void {
  pool.on = true;
}

/// Stops the pooled client processes (the end of the run).
export async function closeClientPool(): Promise<void> {
  await Promise.all(pool.idle.splice(0).map((w) => w.stop()));
}

/// `n` clients in processes of at most `perProcess` each (pooled ones
/// first), started a few processes at a time (start-up is CPU-heavy).
export async function startClients(
  n: number,
  progress: (m: string) => void,
  from = 0,
  perProcess = 1,
): Promise<Client[]> {
  const procs = Math.ceil(n / perProcess);
  const workers: Worker[] = pool.idle.splice(0, procs);
  const reused = workers.length;
  const file = await bundled(clientFile);
  for (let i = reused; i < procs; i += 4) {
    workers.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(4, procs - i) }, (_, j) =>
          spawnWorker(file, [], { cpu: CLIENT_CPU, name: `client process ${from + i + j}` }),
        ),
      )),
    );
  }
  // Round robin, so that the first `procs` clients each have a process of their own.
  const out: Client[] = Array.from({ length: n }, (_, i) => {
    const worker = workers[i % procs]!;
    const slot = Math.floor(i / procs);
    return {
      index: from + i,
      worker,
      slot,
      call: (op, args, timeoutMs) => worker.call(op, { ...args, slot }, timeoutMs),
    };
  });
  progress(`${n} clients in ${procs} processes ready (${reused} of them reused)`);
  return out;
}

/// Stops the clients' processes, or resets them back into the pool.
export async function stopClients(clients: Client[]): Promise<void> {
  const workers = [...new Set(clients.map((c) => c.worker))];
  if (!pool.on) {
    await Promise.all(workers.map((w) => w.stop()));
    return;
  }
  await Promise.all(
    workers.map(async (w) => {
      try {
        if (pool.idle.length >= POOL_MAX) throw new Error("pool full");
        await w.call("reset", undefined, 30_000);
        pool.idle.push(w);
      } catch {
        await w.stop();
      }
    }),
  );
}

interface Report {
  clientId: number;
  sent: number[];
  acked: number[];
  saved: number[];
  arrivals: [number, number[]][];
  cpuMs: number;
  disconnects: number;
  status: string | null;
}

export interface TypingResult {
  /// Edit → integrated at another client, ms, one sample per (edit, receiver).
  remote: number[];
  /// Same, split by whether writer and receiver share a server instance.
  remoteSame: number[];
  remoteCross: number[];
  /// Edit → SyncStatus acknowledgement at the writer, ms.
  ack: number[];
  /// Edit → `saved` (durable) acknowledgement at the writer, ms (Glossa).
  saved: number[];
  edits: number;
  expected: number;
  delivered: number;
  unacked: number;
  unsaved: number;
  updatesPerSecond: number;
  clientCpuPct: number;
  serverCpuPct: number[];
  /// Event-loop utilisation of each server over the window (busy, including
  /// time blocked in synchronous I/O such as an fsync).
  serverLoopPct: number[];
  /// Share of wall time each server spent in SQLite journal commits (Glossa),
  /// and the mean wall time of one commit.
  journalPct: number[];
  journalMsPerCommit: number[];
  /// Remote updates integrated by all clients over the window + drain.
  received: number;
  /// Client CPU time (all clients, sending included) per update received.
  clientCpuUsPerReceived: number;
  eldP99: number[];
  eldMax: number[];
  disconnects: number;
  seconds: number;
  /// Time after typing stopped until every client had every update and every
  /// writer its acknowledgements (or the drain limit).
  drainMs: number;
}

interface ClientProgress {
  clientId: number;
  sv: [number, number][];
  own: number;
  unsynced: number;
  savedUpTo: number;
}

/// Waits until every client has integrated every other client's updates and
/// every writer has its acknowledgements (SyncStatus; Glossa: saved), at most
/// `limitMs`; returns the time waited.
async function drain(clients: Client[], limitMs: number): Promise<number> {
  const t0 = clock();
  while (clock() - t0 < limitMs) {
    const ps = (
      await Promise.all(clients.map((c) => c.call<ClientProgress | null>("progress")))
    ).filter((p): p is ClientProgress => p !== null);
    const finals = new Map(ps.map((p) => [p.clientId, p.own]));
    const done = ps.every((p) => {
      const sv = new Map(p.sv);
      for (const [w, own] of finals) if ((sv.get(w) ?? 0) < own) return false;
      return p.unsynced === 0 && p.savedUpTo >= p.own;
    });
    if (done) break;
    await rawSleep(DRAIN_POLL_MS);
  }
  // Let the last log entries settle.
  await rawSleep(DRAIN_POLL_MS);
  return clock() - t0;
}

/// Connects every client (client i to servers[i % servers.length]) to the
/// document and waits until all are synced (`connect` in the run's breakdown).
export function connectAll(
  servers: BenchServer[],
  clients: Client[],
  docId: string,
  tokens: string[],
  /// The floor only: the document every client starts from (base64).
  template?: string,
): Promise<{ clientIds: number[]; instance: Map<number, number> }> {
  return timed("connect", () => connectEach(servers, clients, docId, tokens, template));
}

async function connectEach(
  servers: BenchServer[],
  clients: Client[],
  docId: string,
  tokens: string[],
  template?: string,
): Promise<{ clientIds: number[]; instance: Map<number, number> }> {
  const clientIds: number[] = [];
  const instance = new Map<number, number>();
  // A few at a time, as people arrive; all at once would measure a connect storm.
  for (let i = 0; i < clients.length; i += 5) {
    const batch = clients.slice(i, i + 5);
    const res = await Promise.all(
      batch.map((c) => {
        const s = servers[c.index % servers.length]!;
        return c.call<{ clientId: number }>("connect", {
          kind: s.kind,
          url: s.wsUrl,
          docId,
          token: tokens[c.index % tokens.length] ?? "",
          name: `Client ${c.index}`,
          template: s.kind === "floor" ? template : undefined,
        });
      }),
    );
    res.forEach((r, j) => {
      clientIds.push(r.clientId);
      instance.set(r.clientId, batch[j]!.index % servers.length);
    });
  }
  return { clientIds, instance };
}

/// A result with the servers' figures over the window and no samples yet.
function emptyResult(
  s0: ServerStats[],
  s1: ServerStats[],
  measureMs: number,
  drained: number,
): TypingResult {
  return {
    remote: [],
    remoteSame: [],
    remoteCross: [],
    ack: [],
    saved: [],
    edits: 0,
    expected: 0,
    delivered: 0,
    unacked: 0,
    unsaved: 0,
    updatesPerSecond: 0,
    clientCpuPct: 0,
    serverCpuPct: s1.map((s, i) => ((s.cpuMs - s0[i]!.cpuMs) / (s.at - s0[i]!.at)) * 100),
    serverLoopPct: s1.map((s) => s.elu * 100),
    journalPct: s1.map((s, i) => ((s.journalMs - s0[i]!.journalMs) / (s.at - s0[i]!.at)) * 100),
    journalMsPerCommit: s1.map(
      (s, i) => (s.journalMs - s0[i]!.journalMs) / (s.journalCommits - s0[i]!.journalCommits),
    ),
    received: 0,
    clientCpuUsPerReceived: 0,
    eldP99: s1.map((s) => s.eldP99),
    eldMax: s1.map((s) => s.eldMax),
    disconnects: 0,
    seconds: measureMs / 1000,
    drainMs: drained,
  };
}

/// Adds each writer's own updates made inside [w0, w1) (its sends, acks and
/// saves) to `result`; returns the sends by writer.
function addSent(
  result: TypingResult,
  reports: Report[],
  w0: number,
  w1: number,
): Map<number, Map<number, number>> {
  const sentBy = new Map<number, Map<number, number>>();
  for (const r of reports) {
    const sent = new Map<number, number>();
    for (let i = 0; i < r.sent.length; i += 2) {
      // Count only updates made inside the measured window.
      const t = r.sent[i + 1]!;
      if (t >= w0 && t < w1) sent.set(r.sent[i]!, t);
    }
    sentBy.set(r.clientId, sent);
    result.edits += sent.size;
    const acked = new Map<number, number>();
    for (let i = 0; i < r.acked.length; i += 2) acked.set(r.acked[i]!, r.acked[i + 1]!);
    const saved = new Map<number, number>();
    for (let i = 0; i < r.saved.length; i += 2) saved.set(r.saved[i]!, r.saved[i + 1]!);
    for (const [k, t] of sent) {
      const a = acked.get(k);
      if (a === undefined) result.unacked++;
      else result.ack.push(a - t);
      const s = saved.get(k);
      if (s === undefined) result.unsaved++;
      else result.saved.push(s - t);
    }
    result.disconnects += r.disconnects;
  }
  return sentBy;
}

/// Adds every arrival of a measured update at another client to `result`
/// (and counts all updates received since `c0`).
function addArrivals(
  result: TypingResult,
  reports: Report[],
  sentBy: Map<number, Map<number, number>>,
  instance: Map<number, number>,
  c0: number,
): void {
  for (const r of reports) {
    for (const [writer, log] of r.arrivals) {
      for (let i = 1; i < log.length; i += 2) if (log[i]! >= c0) result.received++;
      const sent = sentBy.get(writer);
      if (!sent) continue;
      const cross = instance.get(writer) !== instance.get(r.clientId);
      for (let i = 0; i < log.length; i += 2) {
        const t = sent.get(log[i]!);
        if (t === undefined) continue;
        const d = log[i + 1]! - t;
        result.remote.push(d);
        (cross ? result.remoteCross : result.remoteSame).push(d);
        result.delivered++;
      }
    }
  }
}

/// From asking the typists to type to their first keystroke (all start
/// together): the `type` calls take a few ms, 300 ms left most of it idle.
const START_DELAY_MS = 100;
/// How often a drain asks the clients whether everything arrived (a typing
/// run's last updates arrive within milliseconds: 100 ms polls made every
/// drain take 200 ms or more).
const DRAIN_POLL_MS = 25;

interface TypingOptions {
  rate: number;
  warmMs: number;
  measureMs: number;
  drainMs?: number;
  /// Only the first `writers` clients type (default: all); the rest read.
  writers?: number;
}

/// Every client types `rate` updates/s into its own block for `warmMs` +
/// `measureMs`; updates made in the last `measureMs` are measured. After
/// typing stops, waits (at most `drainMs`) for the last updates and
/// acknowledgements to arrive. Clients log from the moment they connected;
/// the window is applied here, on the shared clock. Counted as `warmup`,
/// `typing` (the window) and `drain` in the run's breakdown (phases.ts).
export async function typingRun(
  servers: BenchServer[],
  clients: Client[],
  instance: Map<number, number>,
  o: TypingOptions,
): Promise<TypingResult> {
  const startAt = clock() + START_DELAY_MS;
  const w0 = startAt + o.warmMs;
  const w1 = w0 + o.measureMs;
  const typists = clients.slice(0, o.writers ?? clients.length);
  await timed("warmup", async () => {
    await Promise.all(
      typists.map((c) =>
        c.call("type", {
          rate: o.rate,
          durationMs: o.warmMs + o.measureMs,
          block: c.index,
          startAt,
        }),
      ),
    );
    await rawSleep(Math.max(0, w0 - clock()));
  });
  const { s0, s1, c0 } = await timed("typing", async () => {
    const s0 = await Promise.all(servers.map((s) => s.stats()));
    const c0 = clock();
    await Promise.all(clients.map((c) => c.call("markCpu")));
    await Promise.all(typists.map((c) => c.call("typingDone", {}, o.measureMs + 60_000)));
    const s1 = await Promise.all(servers.map((s) => s.stats()));
    return { s0, s1, c0 };
  });
  return timed("drain", async () => {
    const drained = await drain(clients, o.drainMs ?? 20_000);
    const reports = await Promise.all(clients.map((c) => c.call<Report>("report")));
    const c1 = clock();

    const result = emptyResult(s0, s1, o.measureMs, drained);
    const sentBy = addSent(result, reports, w0, w1);
    const clientCpuMs = reports.reduce((n, r) => n + r.cpuMs, 0);
    result.clientCpuPct = (clientCpuMs / (c1 - c0)) * 100;
    addArrivals(result, reports, sentBy, instance, c0);
    result.expected = result.edits * (clients.length - 1);
    result.updatesPerSecond = result.edits / result.seconds;
    result.clientCpuUsPerReceived = (clientCpuMs * 1000) / result.received;
    return result;
  });
}
