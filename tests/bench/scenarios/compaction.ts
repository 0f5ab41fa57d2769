/// Saved-acknowledgement stalls from compaction (issue: "no stall over 50 ms
/// on a document with 100,000 edits"). A letter whose history holds 100,000
/// edits; one typist at 20 edits/s for 35 s, so Hocuspocus' store hook
/// (debounce 2 s, at most 10 s) compacts the journal three or four times
/// while it types. Measured: edit → saved at the typist, the server's
/// event-loop delay, and each compaction's duration — with the merge in a
/// worker thread (Glossa's default) and, side by side in the same run, on
/// the event loop (how it was done before, and how a bare Hocuspocus store
/// hook encodes its document). SQLite and PostgreSQL.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import { CollabSession } from "@glossa/collab";
import { documentName } from "@glossa/protocol";
import { loadConfig, mergeParts, startGlossa } from "@glossa/server";
import pg from "pg";
import WebSocket from "ws";
import * as Y from "yjs";
import { serviceUrl, startServices } from "../../setup/services.ts";
import { letterUpdate } from "../lib/letter.ts";
import { timed } from "../lib/phases.ts";
import { load, ms, rawSleep, summary, table } from "../lib/stats.ts";
import type { Scenario } from "../scenario.ts";

// Smaller in `pnpm bench --quick` (set by the scenario's run).
let EDITS = 100_000;
const RATE = 20;
let MEASURE_MS = 35_000;
/// Hocuspocus' longest wait before the store hook (Glossa's 10 s, app.ts);
/// `--quick` types for 4 s, under it, so it sets 1.5 s on the bench server
/// (stated in the output) for compactions to run while it types.
let MAX_DEBOUNCE_MS: number | null = null;

/// The letter after EDITS single-character edits by five writers (70 %
/// insertions, 30 % deletions), as one update.
function history(): { update: Uint8Array; chars: number } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, letterUpdate());
  const frag = doc.getXmlFragment("prosemirror");
  const writers = Array.from({ length: 5 }, () => new Y.Doc());
  for (const w of writers) Y.applyUpdate(w, Y.encodeStateAsUpdate(doc));
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < EDITS; i++) {
    const w = writers[i % writers.length]!;
    const blocks = w.getXmlFragment("prosemirror");
    const block = blocks.get(rand(blocks.length)) as Y.XmlElement;
    const text = block.get(0);
    if (!(text instanceof Y.XmlText)) continue;
    const len = text.length;
    if (len > 0 && rand(10) < 3) text.delete(rand(len), 1);
    else text.insert(rand(len + 1), "abcdefghij"[rand(10)]!);
    // Share every 500 edits, as collaborators' updates would arrive.
    if (i % 500 === 499)
      for (const other of writers)
        if (other !== w) Y.applyUpdate(other, Y.encodeStateAsUpdate(w, Y.encodeStateVector(other)));
  }
  for (const w of writers) Y.applyUpdate(doc, Y.encodeStateAsUpdate(w));
  return { update: Y.encodeStateAsUpdate(doc), chars: frag.toString().length };
}

const MERGES = ["worker thread", "event loop"] as const;

interface Run {
  backend: "SQLite" | "PostgreSQL";
  merge: "worker thread" | "event loop";
  saved: number[];
  loopMax: number;
  loopP99: number;
  compactions: number[];
  load: string;
}

type Glossa = Awaited<ReturnType<typeof startGlossa>>;

/// A typist who owns a document holding `state` as its first journal row.
async function seed(glossa: Glossa, state: Uint8Array): Promise<CollabSession> {
  const { store, tokens } = glossa;
  const userId = `u${randomBytes(4).toString("hex")}`;
  await store.createUser({
    id: userId,
    email: `${userId}@example.org`,
    name: "Typist",
    passwordHash: null,
    createdAt: new Date().toISOString(),
  });
  const docId = randomBytes(8).toString("hex");
  await store.createDocument({
    id: docId,
    title: "History",
    createdAt: new Date().toISOString(),
    createdBy: userId,
  });
  await store.setShare({
    documentId: docId,
    userId,
    role: "owner",
    grantedBy: userId,
    grantedAt: new Date().toISOString(),
  });
  await store.appendUpdate(documentName(docId), state);
  const { token } = await tokens.sign({ userId, name: "Typist", email: `${userId}@example.org` });
  const port = new URL(glossa.url).port;
  return new CollabSession({
    url: `ws://127.0.0.1:${port}/collab`,
    documentId: docId,
    token: () => token,
    user: { id: userId, name: "Typist", color: "#336699" },
    WebSocketPolyfill: WebSocket,
  });
}

/// Once synced, types RATE edits/s for MEASURE_MS (then waits at most 2 s
/// for the last acknowledgements); edit → saved of each, ms.
async function typeAndWatch(
  s: CollabSession,
  loop: IntervalHistogram,
): Promise<{ saved: number[]; typedFrom: number; typedUntil: number }> {
  await new Promise<void>((resolve) => {
    const off = s.onSaveState(() => {
      if (s.text.isSynced) {
        off();
        resolve();
      }
    });
  });
  const sent: { clock: number; at: number }[] = [];
  const saved: number[] = [];
  s.onMessage((m) => {
    if (m.type !== "saved") return;
    const clock =
      Y.decodeStateVector(Buffer.from(m.stateVector, "base64")).get(s.ydoc.clientID) ?? 0;
    const now = performance.now();
    while (sent.length && sent[0]!.clock <= clock) saved.push(now - sent.shift()!.at);
  });
  loop.enable();
  const typedFrom = performance.now();
  // The typing window counts as `typing` in the run's breakdown (phases.ts).
  await timed("typing", async () => {
    const started = Date.now();
    while (Date.now() - started < MEASURE_MS) {
      const block = s.fragment.get(3) as Y.XmlElement;
      (block.get(0) as Y.XmlText).insert(0, "x");
      sent.push({ clock: Y.getState(s.ydoc.store, s.ydoc.clientID), at: performance.now() });
      await rawSleep(1000 / RATE);
    }
  });
  const typedUntil = performance.now();
  // The last acknowledgements: until every edit is saved, at most 2 s.
  await timed("wait", async () => {
    for (let t = 0; sent.length > 0 && t < 2_000; t += 20) await rawSleep(20);
  });
  loop.disable();
  return { saved, typedFrom, typedUntil };
}

async function measure(
  backend: Run["backend"],
  merge: Run["merge"],
  state: Uint8Array,
  progress: (m: string) => void,
  pgAdmin: () => string,
): Promise<Run> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-bench-compact-"));
  const dbName = `glossa_bench_compact_${randomBytes(4).toString("hex")}`;
  const dbUrl = backend === "PostgreSQL" ? new URL(pgAdmin()) : null;
  if (dbUrl) dbUrl.pathname = `/${dbName}`;
  const databaseUrl = dbUrl?.toString() ?? "";
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: pgAdmin() });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  if (backend === "PostgreSQL") await admin(`CREATE DATABASE ${dbName}`);
  // Each compaction's duration and when it started (performance.now()).
  const done: { took: number; at: number }[] = [];
  const glossa = await startGlossa(
    loadConfig({
      DATA_DIR: dataDir,
      PORT: "0",
      GLOSSA_QUIET: "1",
      GLOSSA_SEED: "0",
      ...(backend === "PostgreSQL" ? { DATABASE_URL: databaseUrl } : {}),
    }),
    {
      persistence: {
        ...(merge === "event loop" ? { merge: mergeParts } : {}),
        observer: {
          compacted: (_name, took) => done.push({ took, at: performance.now() - took }),
        },
      },
    },
  );
  if (MAX_DEBOUNCE_MS !== null)
    glossa.server.hocuspocus.configuration.maxDebounce = MAX_DEBOUNCE_MS;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let session: CollabSession | null = null;
  try {
    session = await seed(glossa, state);
    const { saved, typedFrom, typedUntil } = await typeAndWatch(session, loop);
    // Compactions the typing overlapped: started while it typed (one still
    // running when it ended is waited for, at most 30 s: a loaded machine).
    const during = () =>
      done.filter((c) => c.at >= typedFrom && c.at < typedUntil).map((c) => c.took);
    await timed("wait", async () => {
      for (let t = 0; during().length === 0 && t < 30_000; t += 50) await rawSleep(50);
    });
    const compactions = during();
    const run: Run = {
      backend,
      merge,
      saved,
      loopMax: loop.max / 1e6,
      loopP99: loop.percentile(99) / 1e6,
      compactions,
      load: load(),
    };
    // A run that compacted nothing measured no compaction: its figures are not this scenario's.
    if (compactions.length === 0)
      throw new Error(
        `${backend}, merge on ${merge}: no compaction started in ${MEASURE_MS / 1000} s of typing`,
      );
    progress(
      `${backend}, merge on ${merge}: saved p99 ${ms(summary(saved).p99)} ms, max ${ms(summary(saved).max)} ms; loop max ${ms(run.loopMax)} ms; ${compactions.length} compactions`,
    );
    return run;
  } finally {
    session?.destroy();
    await glossa.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (backend === "PostgreSQL") await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

const scenario: Scenario = {
  name: "Compaction: saved acknowledgements on a document with 100,000 edits",
  async run(progress, { quick }) {
    EDITS = quick ? 10_000 : 100_000;
    MEASURE_MS = quick ? 4_000 : 35_000;
    MAX_DEBOUNCE_MS = quick ? 1_500 : null;
    progress(`building a history of ${EDITS.toLocaleString("en-US")} edits …`);
    const { update, chars } = history();
    const runs: Run[] = [];
    // PostgreSQL as the tests find it: GLOSSA_TEST_PG, else 127.0.0.1:5432,
    // else started for this scenario (tests/setup/services.ts).
    const services = await startServices({ pg: true });
    for (const n of services.notes) progress(n);
    try {
      for (const backend of ["SQLite", "PostgreSQL"] as const)
        for (const merge of quick ? (["worker thread"] as const) : MERGES)
          runs.push(await measure(backend, merge, update, progress, () => serviceUrl(services.pg)));
    } finally {
      await services.stop();
    }
    const rows = runs.map((r) => {
      const s = summary(r.saved);
      const c = summary(r.compactions);
      return [
        r.backend,
        r.merge,
        s.n.toLocaleString("en-US"),
        ms(s.p50),
        ms(s.p99),
        ms(s.max),
        ms(r.loopP99),
        ms(r.loopMax),
        `${r.compactions.length}, max ${ms(c.max)}`,
        r.load,
      ];
    });
    return {
      markdown: `The letter after ${EDITS.toLocaleString("en-US")} single-character edits by five writers (state ${(update.length / 1024).toFixed(0)} KiB, ${chars.toLocaleString("en-US")} characters of XML), stored as the document's first journal row; one
\`CollabSession\` in the server's process types ${RATE} edits/s for ${MEASURE_MS / 1000} s, so Hocuspocus' store
hook compacts the journal several times meanwhile${MAX_DEBOUNCE_MS === null ? "" : ` (its longest debounce set to ${MAX_DEBOUNCE_MS / 1000} s for this short run, Glossa's is 10 s)`}; a run without a compaction fails. "Event loop" merges the stored parts on the main
thread (\`mergeParts\`, as Glossa did before, and as a bare Hocuspocus store hook encodes its document);
"worker thread" is Glossa's default (\`storage/mergeWorker.ts\`). Edit → saved is measured at the
typist (the same process, so a stalled loop delays it as it would a remote client's acknowledgement).

${table(
  [
    "store",
    "merge on",
    "edits",
    "saved p50 ms",
    "saved p99 ms",
    "saved max ms",
    "loop delay p99 ms",
    "loop delay max ms",
    "compactions, longest ms",
    "load average",
  ],
  rows,
)}`,
    };
  },
};

export default scenario;
