/// A crowd on one document (issue 16): 2, 10, 25, 50 and 200 typists on the
/// letter, Glossa beside bare Hocuspocus in the same run (lib/latency.ts:
/// edit → remote, edit → saved, server CPU). Clients are spread over client
/// processes (at most 20 connections each, all on core 1); the larger crowds
/// type slower so that the client core can keep up with the fan-out.
import { startClients, stopClients } from "../lib/harness.ts";
import { latency, type Step } from "../lib/latency.ts";
import { summary } from "../lib/stats.ts";
import type { Figure, Scenario } from "../scenario.ts";

const FULL: Step[] = [
  { n: 2, rate: 5, measureMs: 8_000 },
  { n: 10, rate: 5, measureMs: 5_000 },
  // Issue 16's "25 typists p99 ≤ bare" row, at the rate it was first measured.
  { n: 25, rate: 5, measureMs: 5_000 },
  { n: 50, rate: 2, measureMs: 5_000 },
  { n: 200, rate: 0.5, measureMs: 8_000 },
];
const QUICK: Step[] = [
  { n: 2, rate: 5, measureMs: 1_500 },
  { n: 10, rate: 5, measureMs: 1_500 },
  { n: 50, rate: 1, measureMs: 2_000 },
];

const scenario: Scenario = {
  name: "Crowd: typists on one document",
  async run(progress, { quick }) {
    const plan = quick ? QUICK : FULL;
    const pool = await startClients(plan.at(-1)!.n, progress, 0, 20);
    try {
      const r = await latency(pool, progress, plan, quick);
      const figures: Figure[] = plan.flatMap(({ n }) => {
        const g = r.rows.find((x) => x.kind === "glossa" && x.n === n)!.r;
        const b = r.rows.find((x) => x.kind === "hocuspocus" && x.n === n)!.r;
        const goal = "≤ bare";
        return [
          {
            metric: `${n} typists: edit → remote p50`,
            unit: "ms",
            glossa: summary(g.remote).p50,
            bare: summary(b.remote).p50,
            goal,
          },
          {
            metric: `${n} typists: edit → remote p99`,
            unit: "ms",
            glossa: summary(g.remote).p99,
            bare: summary(b.remote).p99,
            goal,
          },
          {
            metric: `${n} typists: server CPU`,
            unit: "%",
            glossa: g.serverCpuPct[0]!,
            bare: b.serverCpuPct[0]!,
            goal,
          },
          {
            metric: `${n} typists: edit → saved p99 (durable)`,
            unit: "ms",
            glossa: summary(g.saved).p99,
            goal: "≤ 50 ms",
          },
        ];
      });
      return { markdown: `${r.summary.map((s) => `- ${s}`).join("\n")}\n\n${r.markdown}`, figures };
    } finally {
      await stopClients(pool);
    }
  },
};

export default scenario;
