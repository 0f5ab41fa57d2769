/// CLI start-up (issue 16, goal ≤ 0.3 s): `glossa --version`, `glossa --help`
/// and `glossa cite` on a two-citation file, each as a fresh `node` process
/// on the built CLI (apps/server/dist/cli.js, rebuilt first with
/// scripts/build-server.ts, as `pnpm build` does), beside bare Node starting
/// an empty script (the floor no CLI can beat) and the same commands through
/// tsx (`pnpm glossa`'s way). Runs alternate command by command, so that the
/// machine's load falls on all of them alike; wall time of the whole process.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { load, ms, summary, table } from "../lib/stats.ts";
import type { Figure, Scenario } from "../scenario.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CLI = "apps/server/dist/cli.js";

/// Wall ms of one process run to its end (it must exit 0).
function timed(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const t = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  return t;
}

const scenario: Scenario = {
  name: "CLI start-up: glossa --version, --help, cite",
  async run(progress, { quick }) {
    const runs = quick ? 3 : 20;
    progress("building apps/server/dist (scripts/build-server.ts)");
    execFileSync(process.execPath, ["--import", "tsx", "scripts/build-server.ts"], {
      cwd: ROOT,
      stdio: "ignore",
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-bench-cli-"));
    const file = path.join(dir, "two.txt");
    writeFileSync(file, "See 8 U.S.C. 1101(a)(15) and 42 U.S.C. § 1983.\n");
    const commands: [string, string[]][] = [
      ["--version", ["--version"]],
      ["--help", ["--help"]],
      ["cite (two citations)", ["cite", file]],
    ];
    const cases: [string, string[]][] = [
      ["node (empty script)", ["-e", "0"]],
      ...commands.map(([l, a]): [string, string[]] => [`built: glossa ${l}`, [CLI, ...a]]),
      // Through tsx for comparison: only --version in --quick (seconds each).
      ...commands
        .slice(0, quick ? 1 : 3)
        .map(([l, a]): [string, string[]] => [
          `tsx: glossa ${l}`,
          ["--import", "tsx", "apps/server/src/cli.ts", ...a],
        ]),
    ];
    const times = new Map<string, number[]>(cases.map(([l]) => [l, []]));
    const l0 = load();
    try {
      for (let i = 0; i < runs; i++)
        for (const [label, args] of cases) times.get(label)!.push(timed(args));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const s = (label: string) => summary(times.get(label)!);
    const floor = s("node (empty script)").p50;
    progress(
      `built --version p50 ${ms(s("built: glossa --version").p50)} ms (node alone ${ms(floor)} ms; load ${l0} → ${load()})`,
    );
    const figures: Figure[] = commands.map(([l]) => ({
      metric: `glossa ${l}, built, start to exit p50`,
      unit: "ms",
      glossa: s(`built: glossa ${l}`).p50,
      floor,
      goal: "≤ 300 ms",
    }));
    const rows = cases.map(([label]) => {
      const x = s(label);
      return [label, ms(x.p50), ms(x.max), `${(x.p50 / floor).toFixed(2)}×`];
    });
    const markdown = `${runs} runs of each, alternating; a fresh \`node\` process each time, wall time from spawn to exit
(load average ${l0} at the start, ${load()} at the end). The CLI loads a command's code only when it runs
(apps/server/src/commands/index.ts) and the built bundle is code-split (scripts/build-server.ts), so
\`--version\` and \`--help\` load no server module and \`cite\` only the citation engine.

${table(["process", "p50 ms", "max ms", "p50 / node alone"], rows)}`;
    return { markdown, figures };
  },
};

export default scenario;
