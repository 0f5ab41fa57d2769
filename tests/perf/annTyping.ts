/// Probe (issue 16): the server's event-loop stalls while one client types to
/// another in the letter ×10 with COUNT (10,000) annotations — the bench's
/// `annotationsScale` steps for one count (batch creation, full reconcile,
/// a warm fresh sync when WARM=1, typing, the reconcile after it), Glossa in
/// its own process. Prints every stall over STALL_MS (20) with what was
/// happening; with PROF=<folder> the server writes a CPU profile there on
/// exit, and `tsx tests/perf/profileStalls.ts <profile> <stalls.json>`
/// names what ran in each stall (the stalls are written to PROF/stalls.json).
///
/// `COUNT=10000 PROF=/tmp/prof npx tsx tests/perf/annTyping.ts`
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  connectAll,
  startClients,
  startServer,
  stopClients,
  typingRun,
} from "../bench/lib/harness.ts";
import { load, ms, sleep, summary } from "../bench/lib/stats.ts";

const COUNT = Number(process.env.COUNT ?? 10_000);
const STALL_MS = process.env.STALL_MS ?? "20";
const PROF = process.env.PROF;
const TYPE_MS = Number(process.env.TYPE_MS ?? 5_000);

type Stall = { endUs: number; ms: number; phase: string };
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

if (PROF) {
  mkdirSync(PROF, { recursive: true });
  process.env.GLOSSA_WORKER_CPU_PROF = PROF;
}
const s = await startServer("glossa", { env: { GLOSSA_STALLS: STALL_MS } });
delete process.env.GLOSSA_WORKER_CPU_PROF;
const pool = await startClients(3, log);
const stalls: Stall[] = [];
const collect = async (phase: string) => {
  const got = await s.call<{ endUs: number; ms: number }[]>("stalls");
  stalls.push(...got.map((x) => ({ ...x, phase })));
  const longest = Math.max(0, ...got.map((x) => x.ms));
  log(
    `${phase}: ${got.length} stalls > ${STALL_MS} ms, longest ${ms(longest)} ms (load ${load()})`,
  );
};
try {
  const users = await s.call<{ id: string; token: string }[]>("createUsers", 3);
  const [id] = await s.call<string[]>(
    "createDocs",
    { count: 1, scale: 10, share: users.map((u) => u.id) },
    600_000,
  );
  const tokens = users.map((u) => u.token);
  if (COUNT > 0) {
    const c = await s.call<{ ms: number }>("annotate", { id, count: COUNT, seed: 7 }, 600_000);
    log(`created ${COUNT} in ${ms(c.ms)} ms`);
  }
  await sleep(3_100);
  await collect("create");
  const rec = await s.call<{ ms: number; stall: number; checked: number }>(
    "reconcile",
    id,
    600_000,
  );
  log(`full reconcile ${ms(rec.ms)} ms, ${rec.checked} checked, stall ${ms(rec.stall)} ms`);
  await collect("reconcile");
  const pair = pool.slice(0, 2);
  const { instance } = await connectAll([s], pair, id!, tokens);
  await collect("connect");
  if (process.env.WARM) {
    const w = await pool[2]!.call<{ textMs: number; allMs: number }>(
      "connect",
      { kind: "glossa", url: s.wsUrl, docId: id, token: tokens[2], name: "Warm" },
      600_000,
    );
    await pool[2]!.call("disconnect");
    log(`warm fresh sync: text ${ms(w.textMs)} ms, both ${ms(w.allMs)} ms`);
    await collect("warm");
  }
  await s.stats();
  const r = await typingRun([s], pair, instance, {
    rate: 10,
    warmMs: 500,
    measureMs: TYPE_MS,
    writers: 1,
  });
  const remote = summary(r.remote);
  log(
    `typing: remote p50 ${ms(remote.p50)} / p99 ${ms(remote.p99)} ms, eld max ${ms(r.eldMax[0]!)} ms`,
  );
  await collect("typing");
  await Promise.all(pair.map((c) => c.call("disconnect")));
  await sleep(1_500);
  await collect("after");
  for (let waited = 0; (await s.stats()).docs > 0 && waited < 60_000; waited += 200)
    await sleep(200);
  await collect("unload");
} finally {
  await stopClients(pool);
  await s.stop();
}
if (PROF) writeFileSync(path.join(PROF, "stalls.json"), JSON.stringify(stalls));
