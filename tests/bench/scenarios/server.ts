/// Glossa's server against bare Hocuspocus, side by side in the same run
/// (docs/performance.md §8): throughput, memory per document and cold load
/// of a long journal (the crowd and two instances are scenarios of their own:
/// crowd.ts, twoInstances.ts). Servers and clients each run in their own
/// process. `GLOSSA_BENCH_PARTS=memory,cold pnpm bench server` runs only some
/// parts; `--quick` runs the cold load only.
import { coldLoad } from "../lib/coldLoad.ts";
import { fsyncProbe } from "../lib/fsyncProbe.ts";
import { type Client, startClients, stopClients } from "../lib/harness.ts";
import { memory } from "../lib/memory.ts";
import { ms } from "../lib/stats.ts";
import { throughput } from "../lib/throughput.ts";
import type { Scenario } from "../scenario.ts";

const PARTS = ["throughput", "memory", "cold"] as const;

const scenario: Scenario = {
  name: "Server: Glossa vs bare Hocuspocus",
  async run(progress, { quick }) {
    const parts = process.env.GLOSSA_BENCH_PARTS ?? (quick ? "memory" : PARTS.join(","));
    const wanted = new Set(parts.split(",").map((s) => s.trim()));
    const sections: string[] = [];
    const findings: string[] = [];
    const add = (r: { markdown: string; summary: string[] }) => {
      sections.push(r.markdown);
      findings.push(...r.summary);
    };
    const probes = [fsyncProbe()];
    progress(`SQLite durable commit on this disk: p50 ${probes[0]!.p50.toFixed(2)} ms`);
    let pool: Client[] = [];
    try {
      if (["throughput", "cold"].some((p) => wanted.has(p))) pool = await startClients(6, progress);
      if (wanted.has("throughput")) add(await throughput(pool, progress));
      if (wanted.has("memory")) add(await memory(progress));
      if (wanted.has("cold")) add(await coldLoad(pool, progress));
    } finally {
      await stopClients(pool);
    }
    probes.push(fsyncProbe());
    const summary = `### Summary\n\n${findings.map((f) => `- ${f}`).join("\n")}`;
    return { markdown: [intro(probes), summary, ...sections].join("\n\n") };
  },
};

function intro(probes: ReturnType<typeof fsyncProbe>[]): string {
  const p = probes.map((x) => `p50 ${ms(x.p50)} / p95 ${ms(x.p95)} / max ${ms(x.max)} ms`);
  return `Glossa (\`startGlossa\`, SQLite journal in WAL mode with \`synchronous=FULL\` unless stated) and a bare
\`@hocuspocus/server\` 4.7 \`Server\` measured in the same run. The baseline has no extensions except a
store equivalent to \`@hocuspocus/extension-sqlite\` (which is not installed here): on Hocuspocus'
debounce (2 s, at most 10 s) it writes \`Y.encodeStateAsUpdate\` of the document into one row of a SQLite
file (better-sqlite3, default rollback journal), and loads it with one \`applyUpdate\`. Every server runs
in its own Node ${process.version} process pinned to core 0; every client in its own process pinned to core 1
(no two providers share a process). Clients: Glossa's \`CollabSession\`; bare \`HocuspocusProvider\` for
the baseline; yjs 13.6, ws 8. The machine has 2 cores and was shared with other work during the run
(load averages are given per part), so compare rows of this run with each other, not with other
machines. Each figure comes from one or two short runs, not docs/performance.md §8's 3 + 5 runs.

One durable SQLite commit (WAL, \`synchronous=FULL\`, one 40-byte row, what Glossa does per update) on
this machine's disk: ${p[0]} before the parts below, ${p[1]} after (200 commits each).`;
}

export default scenario;
