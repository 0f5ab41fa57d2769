/// Idle memory of a started server, Glossa beside bare Hocuspocus (issue 16):
/// the many-documents scenario's set-up (`pnpm bench --quick manyDocs`: 50
/// letters stored, 200 connections over them from client processes), with the
/// server's memory after three full GCs read at each phase — fresh (nothing
/// done), started (accounts and letters written), connected — as RSS by kind
/// of mapping (lib/smaps.ts), heap used, and its thread count. Alternates the
/// two servers `rounds` times. Not a test: it tells where the difference is.
///
/// `npx tsx tests/perf/idleMemory.ts [connections] [rounds] [idle s]` prints a
/// Markdown table; with `idle s`, one more phase is read that many seconds
/// after the connections (Glossa's journal worker stops after 30 s without a write).
import { readdirSync } from "node:fs";
import os from "node:os";
import {
  type BenchServer,
  type Kind,
  startClients,
  startServer,
  stopClients,
} from "../bench/lib/harness.ts";
import { letterUpdate } from "../bench/lib/letter.ts";

const [CONNS, ROUNDS, IDLE_S] = [200, 2, 0].map((d, i) => Number(process.argv[2 + i] ?? d));
const DOCS = 50;
const mib = (b: number | undefined) => ((b ?? 0) / 2 ** 20).toFixed(1);

async function phase(s: BenchServer, pid: number, name: string): Promise<string[]> {
  const st = await s.stats(true);
  const sm = await s.call<Record<string, number>>("smaps");
  const threads = readdirSync(`/proc/${pid}/task`).length;
  return [
    s.kind,
    name,
    mib(st.rss),
    mib(st.heapUsed),
    mib(st.heapTotal),
    mib(sm.mainArena),
    mib(sm.threadArenas),
    mib(sm.otherAnon),
    mib(sm.file),
    String(threads),
    os.loadavg()[0]!.toFixed(1),
  ];
}

async function run(kind: Kind, clients: Awaited<ReturnType<typeof startClients>>) {
  const s = await startServer(kind, { env: { MAX_CONNECTIONS_PER_USER: "10000" } });
  const rows: string[][] = [];
  try {
    const { pid } = await s.call<{ pid: number }>("info");
    rows.push(await phase(s, pid, "fresh"));
    const users = await s.call<{ id: string; token: string }[]>("createUsers", 10);
    const template = Buffer.from(letterUpdate()).toString("base64");
    const docs = await s.call<string[]>(
      "createDocs",
      { count: DOCS, scale: 1, template, share: users.map((u) => u.id) },
      600_000,
    );
    rows.push(await phase(s, pid, "started"));
    for (let i = 0; i < clients.length; i += 20) {
      await Promise.all(
        clients.slice(i, i + 20).map((c) =>
          c.call("connect", {
            kind,
            url: s.wsUrl,
            docId: docs[c.index % docs.length],
            token: users[c.index % users.length]!.token,
            name: `Reader ${c.index}`,
          }),
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 1500));
    rows.push(await phase(s, pid, `${clients.length} connected`));
    if (IDLE_S > 0) {
      await new Promise((r) => setTimeout(r, IDLE_S * 1000));
      rows.push(await phase(s, pid, `connected, ${IDLE_S} s idle`));
    }
    await Promise.all(clients.map((c) => c.call("disconnect")));
  } finally {
    await s.stop();
  }
  return rows;
}

const clients = await startClients(CONNS, () => {}, 0, 100);
const out: string[][] = [];
try {
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of ["hocuspocus", "glossa"] as const) out.push(...(await run(kind, clients)));
  }
} finally {
  await stopClients(clients);
}
const head = [
  "server",
  "phase",
  "RSS",
  "heap used",
  "heap total",
  "main arena",
  "thread arenas",
  "other anon",
  "file",
  "threads",
  "load",
];
console.log(`| ${head.join(" | ")} |\n|${head.map(() => "---").join("|")}|`);
for (const r of out) console.log(`| ${r.join(" | ")} |`);
process.exit(0);
