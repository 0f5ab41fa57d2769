/// Import time of a ~100-page DOCX through @glossa/convert (mammoth, the
/// schema's parser, comment anchoring): the file is generated, converted
/// five times; each time, the median and the machine's load are reported.
import os from "node:os";
import { convert } from "@glossa/convert";
import { bigDocx } from "../../fixtures/import/make-fixtures.ts";
import type { Scenario } from "../scenario.ts";

const scenario: Scenario = {
  name: "Import of a 100-page DOCX (packages/convert)",
  async run(progress, { quick }) {
    const pages = quick ? 20 : 100;
    const runs = quick ? 2 : 5;
    const bytes = await bigDocx(pages);
    const load = os.loadavg()[0]!.toFixed(1);
    const times: number[] = [];
    let words = 0;
    let blocks = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await convert(bytes, { fileName: "brief.docx" });
      times.push(performance.now() - t0);
      words = r.doc.textContent.split(/\s+/).length;
      blocks = r.doc.childCount;
      progress(`run ${i + 1}: ${Math.round(times.at(-1)!)} ms`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(runs / 2)]!;
    return {
      markdown: `A generated brief of ${pages} pages (${words.toLocaleString("en")} words, ${blocks} blocks: a heading and seven paragraphs with bold and italics a page, a numbered list every ten pages; ${Math.round(bytes.length / 1024)} KB) converted ${runs} times in one process (\`tests/bench/scenarios/import.ts\`).

| runs (ms) | median (ms) | fastest (ms) | load average (1 min) at start, ${os.cpus().length} cores |
|---|--:|--:|--:|
| ${times.map((t) => Math.round(t)).join(", ")} | ${Math.round(median)} | ${Math.round(sorted[0]!)} | ${load} |

The first run includes loading mammoth and warming the JIT.`,
    };
  },
};

export default scenario;
