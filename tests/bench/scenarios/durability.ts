/// Durability (issue 16): edit → `saved` (the server's acknowledgement that
/// the edit is committed to the journal) at the writer, Glossa on SQLite
/// (WAL, synchronous=FULL) and on PostgreSQL, each server its own process
/// (core 0), typists in their own processes (core 1): one typist at 20
/// edits/s, and 10 typists at 5 edits/s each. Bare Hocuspocus has no durable
/// acknowledgement (it stores 2-10 s after the last change), so no peer; its
/// SyncStatus ack (applied in memory) is shown beside Glossa's.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { serviceUrl, startServices } from "../../setup/services.ts";
import {
  type BenchServer,
  type Client,
  connectAll,
  startClients,
  startServer,
  stopClients,
  type TypingResult,
  typingRun,
} from "../lib/harness.ts";
import { letterUpdate } from "../lib/letter.ts";
import { load, ms, summary, table } from "../lib/stats.ts";
import type { Figure, Scenario } from "../scenario.ts";

type Store = "SQLite" | "PostgreSQL" | "bare";

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}

async function typing(
  s: BenchServer,
  clients: Client[],
  rate: number,
  o: { measureMs: number; warmMs: number },
): Promise<TypingResult> {
  const users = await s.call<{ id: string; token: string }[]>("createUsers", clients.length);
  const template = Buffer.from(letterUpdate()).toString("base64");
  const [docId] = await s.call<string[]>("createDocs", {
    count: 1,
    scale: 1,
    template,
    share: users.map((u) => u.id),
  });
  const tokens = users.map((u) => u.token);
  const { instance } = await connectAll([s], clients, docId!, tokens);
  const r = await typingRun([s], clients, instance, { rate, ...o });
  await Promise.all(clients.map((c) => c.call("disconnect")));
  return r;
}

/// One row of the table: a server, its typists, saved and ack latencies.
function tableRow({ store, n, rate, r, load: l }: Row): (string | number)[] {
  const s = summary(r.saved);
  const a = summary(r.ack);
  const durable = store !== "bare";
  return [
    store === "bare" ? "Hocuspocus (bare)" : `Glossa, ${store}`,
    `${n} × ${rate}/s`,
    r.edits,
    durable ? ms(s.p50) : "no durable ack",
    durable ? ms(s.p99) : "–",
    durable ? ms(s.max) : "–",
    durable ? r.unsaved : "–",
    `${ms(a.p50)} / ${ms(a.p99)}`,
    r.serverCpuPct[0]!.toFixed(0),
    l,
  ];
}

const PLAN = [
  { n: 1, rate: 20 },
  { n: 10, rate: 5 },
];

type Row = { store: Store; n: number; rate: number; r: TypingResult; load: string };

const scenario: Scenario = {
  name: "Durability: edit → saved, SQLite and PostgreSQL",
  async run(progress, { quick }) {
    const plan = PLAN;
    const measureMs = quick ? 2_000 : 10_000;
    // --quick: 0.5 s of warm-up; ten typists in two processes (one core either way).
    const warmMs = quick ? 500 : 1_000;
    const services = await startServices({ pg: true });
    for (const n of services.notes) progress(n);
    const pool = await startClients(10, progress, 0, quick ? 5 : 1);
    const rows: Row[] = [];
    try {
      for (const store of ["bare", "SQLite", "PostgreSQL"] as const) {
        const db = `glossa_bench_dur_${randomBytes(4).toString("hex")}`;
        const url = new URL(serviceUrl(services.pg));
        url.pathname = `/${db}`;
        if (store === "PostgreSQL") await admin(serviceUrl(services.pg), `CREATE DATABASE ${db}`);
        try {
          // --quick: one server process per store for both rows (each row its own
          // document and typists); the full run starts a fresh one per row.
          const start = () =>
            startServer(store === "bare" ? "hocuspocus" : "glossa", {
              env: store === "PostgreSQL" ? { DATABASE_URL: url.toString() } : {},
            });
          const shared = quick ? await start() : null;
          for (const { n, rate } of plan) {
            const s = shared ?? (await start());
            try {
              const r = await typing(s, pool.slice(0, n), rate, { measureMs, warmMs });
              rows.push({ store, n, rate, r, load: load() });
              const sv = summary(r.saved);
              progress(
                `${store}, ${n} × ${rate}/s: saved p50 ${ms(sv.p50)} / p99 ${ms(sv.p99)} ms (load ${load()})`,
              );
            } finally {
              if (!shared) await s.stop();
            }
          }
          await shared?.stop();
        } finally {
          if (store === "PostgreSQL")
            await admin(serviceUrl(services.pg), `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
        }
      }
    } finally {
      await stopClients(pool);
      await services.stop();
    }
    const body = rows.map(tableRow);
    const figures: Figure[] = rows
      .filter((x) => x.store !== "bare")
      .flatMap(({ store, n, rate, r }) => {
        const s = summary(r.saved);
        const m = `edit → saved, ${store}, ${n} × ${rate}/s`;
        return [
          { metric: `${m}, p50`, unit: "ms", glossa: s.p50 },
          { metric: `${m}, p99`, unit: "ms", glossa: s.p99, goal: "≤ 50 ms" },
        ];
      });
    const markdown = `Typists in their own processes type one character per update into the letter for ${measureMs / 1000} s after ${warmMs / 1000} s
of warm-up${quick ? " (ten typists in two processes)" : ""}; a fresh server process per row (PostgreSQL: a database created for the run and dropped
after). *Saved*: from the edit at the writer to the server's \`saved\` message covering it (sent once
the journal row is committed). Bare Hocuspocus has no durable acknowledgement; its SyncStatus ack
(the update applied in memory) is given for comparison, as is Glossa's.

${table(
  [
    "server",
    "typists × rate",
    "edits",
    "saved p50 ms",
    "saved p99 ms",
    "saved max ms",
    "never saved",
    "SyncStatus ack p50 / p99 ms",
    "server CPU %",
    "load",
  ],
  body,
)}`;
    return { markdown, figures };
  },
};

export default scenario;
