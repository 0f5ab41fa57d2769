/// `pnpm bench`: runs every scenario in tests/bench/scenarios (or those named
/// on the command line), prints progress, and writes docs/benchmarks.md.
import { readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import type { Scenario } from "./scenario.ts";

const dir = fileURLToPath(new URL("./scenarios/", import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

const sections: string[] = [];
for (const [i, file] of files.entries()) {
  const scenario = (await import(new URL(`./scenarios/${file}`, import.meta.url).href))
    .default as Scenario;
  process.stderr.write(`[${i + 1}/${files.length}] ${scenario.name} …\n`);
  const started = Date.now();
  const { markdown } = await scenario.run((msg) => process.stderr.write(`    ${msg}\n`));
  process.stderr.write(`    done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  sections.push(`## ${scenario.name}\n\n${markdown.trim()}\n`);
}

const header = `# Benchmarks

Written by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}.
Figures are from one run on a shared machine; compare rows of the same run, not runs of different days.
`;
if (wanted.length === 0) {
  writeFileSync(
    fileURLToPath(new URL("../../docs/benchmarks.md", import.meta.url)),
    `${header}\n${sections.join("\n")}`,
  );
  process.stderr.write("wrote docs/benchmarks.md\n");
} else {
  process.stdout.write(`${sections.join("\n")}\n`);
}
