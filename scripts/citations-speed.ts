/// Citation engine throughput, interleaved: this tree's `extractCitations`
/// against another copy of the engine (`OLD=<dir with extract.ts>`, e.g. main's
/// packages/citations/src unpacked with `git archive`) and, when installed,
/// the unitedstates `citation` package (`PEER=<dir holding node_modules/citation>`),
/// on the same bodies, best of `ROUNDS`, engines alternating each round.
/// Prints wall and CPU MB/s and the load average (docs/citations.md, "Throughput").
///
///   OLD=/tmp/old/packages/citations/src PEER=/tmp/peer MB=1 tsx scripts/citations-speed.ts
import { execSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { extractCitations } from "../packages/citations/src/extract.ts";

type Engine = (text: string) => number;
const ROOT = path.resolve(import.meta.dirname, "..");

const jsonl = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .flatMap((f) =>
      readFileSync(path.join(dir, f), "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => (JSON.parse(l) as { text: string }).text),
    );

/// Dense statutes text: one citation every ~20–28 bytes.
function statutes(bytes: number): string {
  const forms = [
    (k: number) => `42 U.S.C. § ${1981 + (k % 20)}(a); `,
    (k: number) => `see 8 C.F.R. § 208.${10 + (k % 9)}(b), `,
    (k: number) => `8 U.S.C. ${1151 + (k % 80)}(b)(1) and `,
    (k: number) => `Pub. L. 104-${100 + (k % 100)}, `,
    (k: number) => `110 Stat. ${3000 + (k % 500)}; `,
    (k: number) => `82 FR ${8000 + (k % 900)}; `,
    (k: number) => `26 CFR 1.${100 + (k % 300)}-1; `,
    (k: number) => `section ${1000 + (k % 90)} of title 5, `,
  ];
  const out: string[] = [];
  for (let n = 0, i = 0; n < bytes; i++) {
    const s = forms[i % forms.length]!(i);
    out.push(s);
    n += s.length;
  }
  return out.join("");
}

const repeatTo = (parts: string[], bytes: number): string => {
  const unit = parts.join("\n\n");
  return Array.from({ length: Math.ceil(bytes / Buffer.byteLength(unit)) }, () => unit).join(
    "\n\n",
  );
};

async function engines(): Promise<Record<string, Engine>> {
  const out: Record<string, Engine> = { new: (t) => extractCitations(t).length };
  if (process.env.OLD) {
    const old = await import(path.join(path.resolve(process.env.OLD), "extract.ts"));
    out.old = (t) => old.extractCitations(t).length;
  }
  if (process.env.PEER) {
    const Citation = createRequire(path.join(path.resolve(process.env.PEER), "/"))("citation");
    const types = ["usc", "cfr", "law", "stat", "fedreg", "usconst"];
    out.peer = (t) => Citation.find(t, { types }).citations.length;
  }
  return out;
}

const mb = Number(process.env.MB ?? 1) * 1e6;
const letter = readFileSync(
  path.join(ROOT, "packages/schema/samples/remain-in-mexico-letter-2018-12-21.txt"),
  "utf8",
);
const bodies: Record<string, string> = {
  statutes: statutes(mb),
  "bench-dense": repeatTo([...jsonl(path.join(ROOT, "packages/citations/corpus")), letter], mb),
  uslm: repeatTo(jsonl(path.join(ROOT, "tests/citations/corpus")), mb),
  sparse: repeatTo([letter], 2 * mb),
};
const run = await engines();
const names = Object.keys(run);
const rounds = Number(process.env.ROUNDS ?? 6);
const wall = new Map<string, number>();
const cpu = new Map<string, number>();
const found = new Map<string, number>();
for (const b of Object.keys(bodies)) for (const e of names) run[e]!(bodies[b]!.slice(0, 200_000));
console.log("load before:", execSync("uptime").toString().trim());
for (let r = 0; r < rounds; r++) {
  for (const [b, text] of Object.entries(bodies)) {
    for (const e of r % 2 ? [...names].reverse() : names) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      found.set(`${b}/${e}`, run[e]!(text));
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      const k = `${b}/${e}`;
      wall.set(k, Math.min(wall.get(k) ?? Number.POSITIVE_INFINITY, ms));
      cpu.set(k, Math.min(cpu.get(k) ?? Number.POSITIVE_INFINITY, (c.user + c.system) / 1000));
    }
  }
}
console.log("load after:", execSync("uptime").toString().trim());
for (const [b, text] of Object.entries(bodies)) {
  const size = Buffer.byteLength(text) / 1e6;
  const rate = (ms: number) => (size / (ms / 1000)).toFixed(1);
  const cells = names.map((e) => {
    const k = `${b}/${e}`;
    return `${e} ${rate(wall.get(k)!)} MB/s wall, ${rate(cpu.get(k)!)} CPU (${found.get(k)} found)`;
  });
  console.log(`${b} ${size.toFixed(1)} MB: ${cells.join("; ")}`);
}
