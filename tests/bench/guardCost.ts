/// Cost of the structural schema guard per keystroke (docs/benchmarks.md,
/// "Structural schema guard"): `pnpm tsx tests/bench/guardCost.ts`.
/// For the sample letter and a large document (the letter's blocks repeated
/// 40 times), one character typed into a paragraph near the middle is
/// checked (a) by the guard as the server runs it (a scratch copy kept in
/// step, only touched blocks re-read) and (b) by cloning the document and
/// checking it whole, the simple alternative. Median and p95 of 300 runs.
import { importLetter, schema } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import { checkDocument, loadConversions, pmDocToUpdate, TextGuard } from "@glossa/server";
import * as Y from "yjs";

await loadConversions();

const letter = importLetter(readSampleLetter()).doc;
const big = schema.node(
  "doc",
  null,
  Array.from({ length: 40 }, () => letter.content.content).flat(),
);

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${q(0.5).toFixed(3)} ms, p95 ${q(0.95).toFixed(3)} ms`;
}

for (const [name, doc] of [
  ["letter", letter],
  ["large", big],
] as const) {
  const live = new Y.Doc();
  Y.applyUpdate(live, pmDocToUpdate(doc));
  const typist = new Y.Doc();
  Y.applyUpdate(typist, Y.encodeStateAsUpdate(live));
  const blocks = typist.getXmlFragment("prosemirror").toArray() as Y.XmlElement[];
  const target = [...blocks.slice(Math.floor(blocks.length / 2)), ...blocks].find(
    (b) => b.get(0) instanceof Y.XmlText,
  )!;
  const text = target.get(0) as Y.XmlText;
  const guard = new TextGuard(live);
  const key = {};
  const incremental: number[] = [];
  const clone: number[] = [];
  for (let i = 0; i < 330; i++) {
    const sv = Y.encodeStateVector(typist);
    text.insert(0, "x");
    const update = Y.encodeStateAsUpdate(typist, sv);
    let t = performance.now();
    guard.check(update, key);
    const dt = performance.now() - t;
    t = performance.now();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
    Y.applyUpdate(copy, update);
    checkDocument(copy);
    copy.destroy();
    const dc = performance.now() - t;
    Y.applyUpdate(live, update, { connection: key });
    guard.settle(key);
    if (i >= 30) {
      incremental.push(dt);
      clone.push(dc);
    }
  }
  console.log(
    `${name}: ${doc.childCount} blocks, ${doc.content.size} positions, ${Y.encodeStateAsUpdate(live).length} bytes`,
  );
  console.log(`  guard (scratch copy, touched blocks): ${stats(incremental)}`);
  console.log(`  clone + whole check:                  ${stats(clone)}`);
}
