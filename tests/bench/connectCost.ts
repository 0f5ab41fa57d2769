/// Server CPU per connecting client as the number connected grows (issue 16,
/// many documents): `pnpm tsx tests/bench/connectCost.ts [glossa|hocuspocus]
/// [total] [docs]`. The many-documents scenario's setup (10 accounts sharing
/// every document, the letter, client i on document i mod docs, 20 at a
/// time, clients in processes of 250), connected in rounds of 100; after each
/// round the server's CPU time since the round began (its own process time:
/// barely moved by other processes' load) is divided by the round's clients.
/// A round ends 1 s after its last client synced, so that work a connect
/// sets off for later (a re-check on the next access tick) is counted.
/// GLOSSA_WORKER_CPU_PROF=<folder> writes the server's CPU profile.
import { type Kind, startClients, startServer, stopClients } from "./lib/harness.ts";
import { letterUpdate } from "./lib/letter.ts";
import { load, sleep, summary } from "./lib/stats.ts";

const kind = (process.argv[2] ?? "glossa") as Kind;
const total = Number(process.argv[3] ?? 2_000);
const docCount = Number(process.argv[4] ?? 500);
const ROUND = 100;

const log = (m: string) => console.log(m);
const s = await startServer(kind, { env: { MAX_CONNECTIONS_PER_USER: "10000" } });
const clients = await startClients(total, log, 0, 250);
try {
  const users = await s.call<{ id: string; token: string }[]>("createUsers", 10);
  const template = Buffer.from(letterUpdate()).toString("base64");
  const docs = await s.call<string[]>(
    "createDocs",
    { count: docCount, scale: 1, template, share: users.map((u) => u.id) },
    600_000,
  );
  log(`${kind}: ${docCount} documents, ${total} clients; load ${load()}`);
  log("connected | server CPU ms per connect | connect p50 / p99 ms | ELU | load");
  for (let i = 0; i < total; i += ROUND) {
    const before = await s.stats();
    const times: number[] = [];
    for (let j = i; j < Math.min(i + ROUND, total); j += 20) {
      const batch = clients.slice(j, Math.min(j + 20, i + ROUND, total));
      const r = await Promise.all(
        batch.map((c) =>
          c.call<{ textMs: number }>("connect", {
            kind,
            url: s.wsUrl,
            docId: docs[c.index % docs.length],
            token: users[c.index % users.length]!.token,
            name: `Reader ${c.index}`,
          }),
        ),
      );
      times.push(...r.map((x) => x.textMs));
    }
    await sleep(1_000);
    const after = await s.stats();
    // The idle CPU of those connected (keepalives, access ticks), over 1 s,
    // taken off the round's.
    await sleep(1_000);
    const idle = await s.stats();
    const idleRate = (idle.cpuMs - after.cpuMs) / (idle.at - after.at);
    const n = times.length;
    const t = summary(times);
    const cpu = after.cpuMs - before.cpuMs - idleRate * (after.at - before.at);
    log(
      `${i + n} | ${(cpu / n).toFixed(2)} (idle ${(idleRate * 100).toFixed(1)} %) | ${t.p50.toFixed(0)} / ${t.p99.toFixed(0)} | ${after.elu.toFixed(2)} | ${load()}`,
    );
  }
  await Promise.all(clients.map((c) => c.call("disconnect")));
} finally {
  await stopClients(clients);
  await s.stop();
}
