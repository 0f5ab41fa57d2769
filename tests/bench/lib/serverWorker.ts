/// A server under test in its own process, driven over IPC by the benchmark:
/// `glossa` (the real `startGlossa(loadConfig(env))`) or `hocuspocus` (a bare
/// `@hocuspocus/server` Server with only an extension-sqlite-like store: the
/// whole document encoded into one SQLite row on Hocuspocus' debounce, 2 s /
/// at most 10 s, loaded with one applyUpdate — what @hocuspocus/extension-
/// sqlite does through extension-database). Run with --expose-gc.

import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { getHeapCodeStatistics, writeHeapSnapshot } from "node:v8";
import { documentName } from "@glossa/protocol";
import type { SqliteStore } from "@glossa/server";
import type {
  DirectConnection,
  Extension,
  Hocuspocus,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from "@hocuspocus/server";
import { Server } from "@hocuspocus/server";
import * as Y from "yjs";
import { startFloorRelay } from "./floorRelay.ts";
import { glossaCreateDocs } from "./glossaDocs.ts";
import { clock, serveWorker } from "./ipc.ts";
import { smapsByKind } from "./smaps.ts";

const kind = process.argv[2] as "glossa" | "hocuspocus" | "floor";
const dataDir = process.env.DATA_DIR!;

// Modules the Glossa server depends on but the tests package does not list.
const fromServer = createRequire(new URL("../../../apps/server/package.json", import.meta.url));

interface Statement {
  get(...args: unknown[]): unknown;
  run(...args: unknown[]): unknown;
}
interface Sqlite {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  transaction<F extends (...args: never[]) => unknown>(fn: F): F;
  close(): void;
}

const b64 = (u: Uint8Array) => Buffer.from(u).toString("base64");
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));
const newId = () => randomBytes(8).toString("hex");

/// Deterministic PRNG (mulberry32).
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/// The bare Hocuspocus baseline's storage, as @hocuspocus/extension-sqlite:
/// fetch = one row, store = Y.encodeStateAsUpdate of the whole document.
class SnapshotSqlite implements Extension {
  extensionName = "bench-snapshot-sqlite";
  readonly db: Sqlite;
  constructor(file: string) {
    const Database = fromServer("better-sqlite3") as new (file: string) => Sqlite;
    this.db = new Database(file);
    this.db.exec("CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB)");
  }
  fetch(name: string): Uint8Array | null {
    const row = this.db.prepare("SELECT data FROM documents WHERE name = ?").get(name) as
      | { data: Buffer }
      | undefined;
    return row ? new Uint8Array(row.data) : null;
  }
  put(name: string, data: Uint8Array): void {
    this.db
      .prepare(
        "INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data",
      )
      .run(name, Buffer.from(data));
  }
  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const data = this.fetch(documentName);
    if (data) Y.applyUpdate(document, data);
  }
  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    this.put(documentName, Y.encodeStateAsUpdate(document));
  }
}

const eld = monitorEventLoopDelay({ resolution: 1 });
eld.enable();
/// With GLOSSA_STALLS=1: every event-loop stall over 50 ms (over N ms with
/// GLOSSA_STALLS=N, N > 1), as its end on the monotonic clock in µs (the time
/// base of a `--cpu-prof` profile, so a stall can be matched with what ran)
/// and its length; read by op "stalls".
const stalls: { endUs: number; ms: number }[] = [];
if (process.env.GLOSSA_STALLS) {
  const over = Number(process.env.GLOSSA_STALLS) > 1 ? Number(process.env.GLOSSA_STALLS) : 50;
  const TICK_MS = 10;
  let last = process.hrtime.bigint();
  setInterval(() => {
    const now = process.hrtime.bigint();
    const late = Number(now - last) / 1e6 - TICK_MS;
    if (late > over) stalls.push({ endUs: Number(now / 1000n), ms: late });
    last = now;
  }, TICK_MS).unref();
}
let elu = performance.eventLoopUtilization();
const direct: DirectConnection[] = [];
/// Glossa only: wall time spent in SQLite journal transactions (each one a
/// durable commit), and how many there were.
const journal = { ms: 0, commits: 0 };

interface Backend {
  wsUrl: string;
  /// Null for the floor (a raw `ws` relay, lib/floorRelay.ts).
  hocuspocus: Hocuspocus | null;
  docName(id: string): string;
  counts?(): { docs: number; connections: number };
  createUsers(n: number): Promise<{ id: string; token: string }[]>;
  createDocs(a: {
    count: number;
    scale: number;
    template?: string;
    share?: string[];
  }): Promise<string[]>;
  synthJournal(a: { id: string; updates: number; seed: number }): Promise<{
    state: string;
    journal: number;
    chars: number;
  }>;
  compact(id: string): Promise<void>;
  /// Glossa only (lib/annotate.ts): annotations created in one batch, a full reconcile.
  annotate?(a: { id: string; count: number; seed: number }): Promise<{ ms: number; stall: number }>;
  reconcile?(id: string): Promise<{ ms: number; stall: number; checked: number }>;
  rebuild(id: string): Promise<{ ms: number; cpuMs: number; parts: number; bytes: number }>;
  /// Glossa only: malloc trims done (apps/server/src/mallocTrim.ts).
  trims?(): number;
  close(): Promise<void>;
}

type Mode = "deferred" | "immediate" | "exclusive";

/// Times every transaction of Glossa's SQLite database (the journal append in
/// PersistenceExtension is one per event-loop turn: a group commit) without
/// touching Glossa's code.
function timeTransactions(db: SqliteStore["db"]): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const tx = transaction(fn) as unknown as Record<Mode, (...args: unknown[]) => unknown>;
    const timed =
      (run: (...args: unknown[]) => unknown) =>
      (...args: unknown[]) => {
        const t0 = clock();
        try {
          return run(...args);
        } finally {
          journal.ms += clock() - t0;
          journal.commits++;
        }
      };
    // Keeps better-sqlite3's `.deferred` / `.immediate` / `.exclusive` forms
    // (compaction's write is IMMEDIATE): without them that call threw here.
    return Object.assign(timed(tx as unknown as (...args: unknown[]) => unknown), {
      deferred: timed(tx.deferred),
      immediate: timed(tx.immediate),
      exclusive: timed(tx.exclusive),
    });
  }) as unknown as typeof db.transaction;
}

type GlossaModule = typeof import("@glossa/server");
type Glossa = Awaited<ReturnType<GlossaModule["startGlossa"]>>;

/// `n` users of Glossa, each with a signed token.
async function glossaUsers(glossa: Glossa, n: number): Promise<{ id: string; token: string }[]> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const id = newId();
    const name = `Bench ${id.slice(0, 6)}`;
    const email = `bench-${id}@example.org`;
    await glossa.store.createUser({
      id,
      email,
      name,
      passwordHash: null,
      createdAt: new Date().toISOString(),
    });
    const { token } = await glossa.tokens.sign({ userId: id, name, email });
    out.push({ id, token });
  }
  return out;
}

/// Typing into `texts`: a run of characters at a caret, sometimes a
/// backspace, now and then the caret moves to another block; `updates`
/// updates of `ydoc`, each its own.
function synthTyping(ydoc: Y.Doc, texts: Y.XmlText[], updates: number, seed: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array) => out.push(u);
  ydoc.on("update", onUpdate);
  const random = rng(seed);
  const alphabet = "etaoinshrdlu cmfwypvbgkqjxz,.";
  let t = texts[0]!;
  let caret = 0;
  while (out.length < updates) {
    if (random() < 0.02 || caret > t.length) {
      t = texts[Math.floor(random() * texts.length)]!;
      caret = Math.floor(random() * (t.length + 1));
    }
    if (random() < 0.15 && caret > 0) {
      t.delete(caret - 1, 1);
      caret--;
    } else {
      t.insert(caret, alphabet[Math.floor(random() * alphabet.length)]!);
      caret++;
    }
  }
  ydoc.off("update", onUpdate);
  return out;
}

/// Appends `updates` synthetic typing updates to a document's journal.
async function glossaSynthJournal(
  m: GlossaModule,
  glossa: Glossa,
  { id, updates, seed }: { id: string; updates: number; seed: number },
): Promise<{ state: string; journal: number; chars: number }> {
  const store = glossa.store;
  if (!(store instanceof m.SqliteStore)) throw new Error("synthJournal needs SQLite");
  const name = documentName(id);
  const ydoc = m.ydocFromParts(await store.loadParts(name));
  const blocks = ydoc.getXmlFragment(m.TEXT_FIELD).toArray() as Y.XmlElement[];
  const texts = blocks.map((b) => {
    const first = b.get(0);
    if (first instanceof Y.XmlText) return first;
    const t = new Y.XmlText();
    b.insert(0, [t]);
    return t;
  });
  const out = synthTyping(ydoc, texts, updates, seed);
  store.db.transaction(() => {
    for (const u of out) store.appendUpdateSync(name, u);
  })();
  const state = Y.encodeStateAsUpdate(ydoc);
  const chars = texts.reduce((n, x) => n + x.length, 0);
  ydoc.destroy();
  return { state: b64(state), journal: await store.journalLength(name), chars };
}

async function glossaBackend(): Promise<Backend> {
  const m = await import("@glossa/server");
  const glossa = await m.startGlossa(
    m.loadConfig({ ...process.env, PORT: "0", GLOSSA_QUIET: "1", HOST: "127.0.0.1" }),
  );
  const owner = (await glossa.store.listUsers())[0]!;
  if (glossa.store instanceof m.SqliteStore) timeTransactions(glossa.store.db);
  return {
    ...(await import("./annotate.ts")).annotationOps(glossa.annotations, owner),
    wsUrl: `${glossa.url.replace(/^http/, "ws")}/collab`,
    hocuspocus: glossa.server.hocuspocus,
    docName: (id) => documentName(id),
    createUsers: (n) => glossaUsers(glossa, n),
    createDocs: (a) => glossaCreateDocs(glossa, owner.id, a),
    synthJournal: (a) => glossaSynthJournal(m, glossa, a),
    async compact(id) {
      await glossa.store.compact(documentName(id), m.mergeParts);
    },
    async rebuild(id) {
      const t0 = clock();
      const c0 = process.cpuUsage();
      const parts = await glossa.store.loadParts(documentName(id));
      const ydoc = m.ydocFromParts(parts);
      const ms = clock() - t0;
      const c = process.cpuUsage(c0);
      ydoc.destroy();
      return {
        ms,
        cpuMs: (c.user + c.system) / 1000,
        parts: parts.length,
        bytes: parts.reduce((n, p) => n + p.byteLength, 0),
      };
    },
    trims: () => m.mallocTrims.done,
    close: () => glossa.close(),
  };
}

async function hocuspocusBackend(): Promise<Backend> {
  mkdirSync(dataDir, { recursive: true });
  const storage = new SnapshotSqlite(path.join(dataDir, "hocuspocus.sqlite"));
  const extensions: Extension[] = [storage];
  if (process.env.REDIS_URL) {
    // Its ES module build, so that it shares the one ESM copy of yjs with
    // @hocuspocus/server (the CommonJS build would load a second copy).
    const cjs = fromServer.resolve("@hocuspocus/extension-redis");
    const { Redis } = (await import(
      pathToFileURL(path.join(path.dirname(cjs), "hocuspocus-redis.esm.js")).href
    )) as {
      Redis: new (c: { host: string; port: number; prefix: string }) => Extension;
    };
    const u = new URL(process.env.REDIS_URL);
    extensions.push(
      new Redis({ host: u.hostname, port: Number(u.port || 6379), prefix: "glossa-bench-hp" }),
    );
  }
  const server = new Server({ port: 0, address: "127.0.0.1", quiet: true, extensions });
  await server.listen();
  const port = server.address.port;
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    hocuspocus: server.hocuspocus,
    docName: (id) => `doc/${id}`,
    async createUsers(n) {
      return Array.from({ length: n }, () => ({ id: newId(), token: "" }));
    },
    async createDocs({ count, template }) {
      if (!template) throw new Error("the baseline needs the document's bytes");
      const bytes = unb64(template);
      const ids = Array.from({ length: count }, newId);
      storage.db.transaction(() => {
        for (const id of ids) storage.put(`doc/${id}`, bytes);
      })();
      return ids;
    },
    async synthJournal() {
      throw new Error("the baseline keeps no journal");
    },
    async compact() {},
    async rebuild(id) {
      const t0 = clock();
      const c0 = process.cpuUsage();
      const data = storage.fetch(`doc/${id}`)!;
      const ydoc = new Y.Doc();
      Y.applyUpdate(ydoc, data);
      const ms = clock() - t0;
      const c = process.cpuUsage(c0);
      ydoc.destroy();
      return { ms, cpuMs: (c.user + c.system) / 1000, parts: 1, bytes: data.byteLength };
    },
    async close() {
      await server.destroy();
      storage.db.close();
    },
  };
}

/// The raw `ws` relay: rooms appear when their first client connects.
async function floorBackend(): Promise<Backend> {
  const relay = await startFloorRelay();
  const none = async (): Promise<never> => {
    throw new Error("the floor relay stores nothing");
  };
  return {
    wsUrl: relay.wsUrl,
    hocuspocus: null,
    counts: () => relay.counts(),
    docName: (id) => id,
    createUsers: async (n) => Array.from({ length: n }, () => ({ id: newId(), token: "" })),
    createDocs: async ({ count }) => Array.from({ length: count }, newId),
    synthJournal: none,
    compact: async () => {},
    rebuild: none,
    close: () => relay.close(),
  };
}

const backend =
  kind === "glossa"
    ? await glossaBackend()
    : kind === "floor"
      ? await floorBackend()
      : await hocuspocusBackend();
const hocuspocus = (): Hocuspocus => {
  if (!backend.hocuspocus) throw new Error("the floor relay has no Hocuspocus");
  return backend.hocuspocus;
};

serveWorker(
  {
    info: () => ({ wsUrl: backend.wsUrl, pid: process.pid }),
    createUsers: (n: number) => backend.createUsers(n),
    createDocs: (a: Parameters<Backend["createDocs"]>[0]) => backend.createDocs(a),
    synthJournal: (a: Parameters<Backend["synthJournal"]>[0]) => backend.synthJournal(a),
    compact: (id: string) => backend.compact(id),
    annotate: (a: { id: string; count: number; seed: number }) => backend.annotate!(a),
    reconcile: (id: string) => backend.reconcile!(id),
    rebuild: (id: string) => backend.rebuild(id),
    /// Loads documents through Hocuspocus' own load path (direct connections,
    /// no websocket), a few at a time; returns the wall time.
    async open({ ids, concurrency = 10 }: { ids: string[]; concurrency?: number }) {
      const t0 = clock();
      for (let i = 0; i < ids.length; i += concurrency) {
        const batch = ids.slice(i, i + concurrency);
        direct.push(
          ...(await Promise.all(
            batch.map((id) => hocuspocus().openDirectConnection(backend.docName(id))),
          )),
        );
      }
      return { ms: clock() - t0, loaded: hocuspocus().getDocumentsCount() };
    },
    /// A V8 heap snapshot of this server written to `file` (memory work).
    heapSnapshot: (file: string) => writeHeapSnapshot(file),
    /// Resident memory by kind of mapping (/proc/self/smaps, memory work).
    smaps: () => smapsByKind(),
    /// The stalls recorded since the last call (GLOSSA_STALLS=1).
    stalls: () => stalls.splice(0),
    async closeDirect() {
      for (const c of direct.splice(0)) await c.disconnect();
      return hocuspocus().getDocumentsCount();
    },
    /// Memory after full GCs, cumulative CPU time, and the event-loop delay
    /// since the previous call.
    async stats({ gc = false }: { gc?: boolean } = {}) {
      const g = (globalThis as { gc?: () => void }).gc;
      if (gc && g) {
        for (let i = 0; i < 3; i++) {
          g();
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      const m = process.memoryUsage();
      const cpu = process.cpuUsage();
      const out = {
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
        // Only with `gc` (memory readings): V8's code statistics walk the
        // whole heap, 20–40 ms at 10,000 annotations, and that synchronous
        // walk would land in the next window's event-loop delay (`eldMax`).
        codeBytes: gc ? codeBytes() : 0,
        cpuMs: (cpu.user + cpu.system) / 1000,
        eldP50: eld.percentile(50) / 1e6,
        eldP99: eld.percentile(99) / 1e6,
        eldMax: eld.max / 1e6,
        elu: performance.eventLoopUtilization(elu).utilization,
        journalMs: journal.ms,
        journalCommits: journal.commits,
        trims: backend.trims?.() ?? 0,
        ...rssParts(),
        ...(backend.counts?.() ?? {
          docs: hocuspocus().getDocumentsCount(),
          connections: hocuspocus().getConnectionsCount(),
        }),
        at: clock(),
      };
      eld.reset();
      elu = performance.eventLoopUtilization();
      return out;
    },
  },
  async () => {
    for (const c of direct.splice(0)) await c.disconnect().catch(() => {});
    await backend.close();
  },
);

/// Heap bytes of compiled code and bytecode (grows as code warms up).
function codeBytes(): number {
  const c = getHeapCodeStatistics();
  return c.code_and_metadata_size + c.bytecode_and_metadata_size;
}

/// RSS split as Linux counts it (/proc/self/status): anonymous memory (heaps
/// of every thread, malloc), file-backed pages (code, mapped files such as
/// SQLite's shared memory) and shared memory; 0 where unavailable.
function rssParts(): { rssAnon: number; rssFile: number; rssShmem: number } {
  let status = "";
  try {
    status = readFileSync("/proc/self/status", "utf8");
  } catch {
    // Not Linux.
  }
  const kb = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
  return { rssAnon: kb("RssAnon"), rssFile: kb("RssFile"), rssShmem: kb("RssShmem") };
}
