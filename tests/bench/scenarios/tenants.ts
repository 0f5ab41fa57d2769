/// Hostile tenant (issue 10, item 2): an attacker account's own raw client
/// runs each attack of tests/security/hostile.ts against its own documents
/// while an honest editor types 20 edits/s on another document; the honest
/// editor's saved-acknowledgement latency, /healthz answers and server memory.
/// `GLOSSA_BENCH_ATTACK_MS` sets the time per attack (default 20 s).
import {
  ATTACKS,
  type Attack,
  hostileServer,
  percentile,
  runHostile,
} from "../../security/hostile.ts";
import type { Scenario } from "../scenario.ts";

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "–");
const mb = (b: number) => (b / 2 ** 20).toFixed(0);

const scenario: Scenario = {
  name: "Hostile tenant: an honest editor while an attacker hammers its own documents",
  async run(progress, { quick }) {
    const perAttackMs = Number(process.env.GLOSSA_BENCH_ATTACK_MS ?? (quick ? 1_000 : 20_000));
    // --quick: one attack of each family (size, identity, shape, rate) instead of all seven; the
    // heavy ones (paragraphs, deletes, oversized) take most of the full run's preparation time.
    const attacks: readonly Attack[] = quick ? ["text", "forged", "shape", "flood"] : ATTACKS;
    // --quick: one server process for both runs (the honest editor alone,
    // then the attacks on new documents); the full run starts one for each.
    const shared = quick ? await hostileServer({ cpu: 0 }) : undefined;
    let quiet: Awaited<ReturnType<typeof runHostile>>;
    let r: typeof quiet;
    try {
      progress("no attack (the honest editor alone)");
      quiet = await runHostile({ attacks: [], perAttackMs, cpu: 0, server: shared });
      progress("every attack in turn");
      r = await runHostile({ attacks, perAttackMs, cpu: 0, server: shared, progress });
    } finally {
      await shared?.stop();
    }
    const rows = r.attacks.map(
      (a) =>
        `| ${a.attack} | ${a.sent} | ${Object.entries(a.closes)
          .map(([c, n]) => `${c} × ${n}`)
          .join(
            ", ",
          )} | ${ms(a.cpuMs)} | ${ms(percentile(a.acks, 50))} | ${ms(percentile(a.acks, 99))} | ${ms(Math.max(0, ...a.acks))} | ${a.healthMisses.length ? `${a.healthMisses.length} (${[...new Set(a.healthMisses)].join("; ")})` : "0"} |`,
    );
    return {
      markdown: `Server in its own process pinned to core 0 (\`startGlossa\`, SQLite, default limits); attacker and
honest editor are raw websocket clients in the benchmark process (tests/security/hostile.ts). Each attack
runs ${perAttackMs / 1000} s; the attacker reconnects after each refusal and moves to a new document when
one is full. The honest editor types one edit every 50 ms and reconnects like the app when closed.
Latency: from sending an edit to the server's \`saved\` covering it. Server CPU: the server process's CPU
time (all threads) over the attack's window, the honest editor's share included (see "none").

| attack | attacker steps sent | closes (code × n) | server CPU ms | honest saved p50 ms | p99 ms | max ms | \`/healthz\` misses |
|---|---|---|---|---|---|---|---|
| none (honest editor alone) | – | – | ${ms(quiet.cpuMs)} | ${ms(percentile(quiet.acks, 50))} | ${ms(percentile(quiet.acks, 99))} | ${ms(Math.max(0, ...quiet.acks))} | ${quiet.healthMisses} |
${rows.join("\n")}

| | no attack | under attack |
|---|---|---|
| honest edits / lost / never acknowledged | ${quiet.honestEdits} / ${quiet.lost} / ${quiet.unacknowledged} | ${r.honestEdits} / ${r.lost} / ${r.unacknowledged} |
| honest editor disconnected | ${quiet.honestDisconnects.length} | ${r.honestDisconnects.length} (${[...new Set(r.honestDisconnects)].join("; ") || "–"}) |
| \`/healthz\` checks / without an answer within 5 s | ${quiet.healthChecks} / ${quiet.healthMisses} | ${r.healthChecks} / ${r.healthMisses} |
| server RSS after full GCs, start → everyone gone (MB) | ${mb(quiet.rssStart)} → ${mb(quiet.rssEnd)} | ${mb(r.rssStart)} → ${mb(r.rssEnd)} |
| JS heap used, start → end (MB) | ${mb(quiet.heapStart)} → ${mb(quiet.heapEnd)} | ${mb(r.heapStart)} → ${mb(r.heapEnd)} |
| documents still loaded at the end | ${quiet.docsLoadedAtEnd} | ${r.docsLoadedAtEnd} |

Attacks: ${attacks.join(", ")}${quick ? ` (--quick; the full run: ${ATTACKS.join(", ")})` : ""} (defined in tests/security/hostile.ts).${quick ? " --quick runs the attacks on the server that ran the honest editor alone (its start figures are that run's end); the full run starts a server for each." : ""}`,
    };
  },
};

export default scenario;
