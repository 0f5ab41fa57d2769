/// Catalog search latency (packages/sources): one query typed into the
/// source picker, over the built-in catalog and over the built-ins plus the
/// most team authorities an instance keeps (5000), by kind of query.

import { MAX_TEAM_AUTHORITIES, teamInput } from "@glossa/server";
import { Catalog } from "@glossa/sources";
import type { Scenario } from "../scenario.ts";

const QUERIES: [string, string][] = [
  ["citation (built-in)", "8 U.S.C. § 1225(b)(2)(C)"],
  ["citation the catalog lacks", "932 F.3d 742"],
  ["exact name", "Deferral of removal under the Convention Against Torture"],
  ["case name", "Innovation Law Lab v. Wolf"],
  ["doctrine", "non-refoulement"],
  ["words, typed (last word a prefix)", "life or freedom would be thr"],
];

/// Median of `runs` timings (ms) of `fn`.
function median(fn: () => void, runs: number): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}

const WORDS =
  "asylum removal border report declaration exhibit filing court tijuana conditions detention hearing parole credible fear interview counsel".split(
    " ",
  );

const scenario: Scenario = {
  name: "Catalog search (packages/sources)",
  async run(progress, { quick }) {
    const builtins = new Catalog();
    const team = new Catalog();
    for (let i = 0; i < MAX_TEAM_AUTHORITIES; i++) {
      const title = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${WORDS[(i * 11) % WORDS.length]} ${i}`;
      team.add(
        teamInput(
          i % 5 === 0
            ? {
                kind: "case",
                title: `${title} v. United States`,
                citation: `${100 + (i % 900)} F.4th ${1000 + i}`,
              }
            : { kind: i % 2 ? "exhibit" : "report", title, summary: `About ${title}.` },
        ),
      );
    }
    const rows: string[] = [];
    for (const [what, q] of QUERIES) {
      progress(what);
      builtins.search(q);
      team.search(q); // the index is built on first use
      const a = median(() => builtins.search(q), quick ? 15 : 50);
      const b = median(() => team.search(q), quick ? 5 : 20);
      rows.push(`| ${what} | \`${q}\` | ${a.toFixed(2)} | ${b.toFixed(1)} |`);
    }
    return {
      markdown: `Median time of one \`catalog.search(q)\` (limit 10), ms, on one core (median of ${quick ? "15 and 5" : "50 and 20"} runs). The ranking is by
tier (citation, exact name, prefix, words), then score; all candidates are still scored.

| query | text | ${builtins.size} built-ins | + ${MAX_TEAM_AUTHORITIES} team authorities |
|---|---|---:|---:|
${rows.join("\n")}
`,
    };
  },
};

export default scenario;
