/// Probe (issue 16): a batch of `COUNT` annotations on the letter ×10 —
/// `AnnotationService.createMany` on one copy, then the W3C export of that
/// copy imported into a second (`POST …/annotations/import`) — in one
/// process with the server: each batch's time and the longest gap between
/// setImmediate ticks meanwhile (the longest synchronous step). Run with
/// `node --cpu-prof --import tsx tests/perf/batchCreate.ts` to see which
/// phase costs what (locating quotes, writing records, writing marks).

import { ydocToPm } from "@glossa/server";
import { call } from "../api/helpers.ts";
import { letterDoc } from "../bench/lib/letter.ts";
import { startTestServer } from "../utils/server.ts";

const COUNT = Number(process.env.COUNT ?? 10_000);
const server = await startTestServer();
const g = server.glossa;
const service = g.annotations;
const owner = (await g.store.listUsers())[0]!;
const actor = { user: { id: owner.id, name: owner.name }, role: "owner" as const };
const letter = letterDoc(10);
const a = (await g.documents.create(letter.title, letter.doc, owner.id)).id;
const b = (await g.documents.create(letter.title, letter.doc, owner.id)).id;

/// The longest gap between turns of the event loop while `fn` runs, ms.
async function gaps<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; ms: number; longest: number; turns: number }> {
  let longest = 0;
  let turns = 0;
  let last = performance.now();
  let on = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    turns++;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  // One more turn: a synchronous step that just ended is then counted.
  await new Promise((r) => setImmediate(r));
  on = false;
  return { value, ms, longest, turns };
}

const commands = await service.withDocuments(a, (docs) => {
  const doc = ydocToPm(docs.text);
  const words: { from: number; to: number }[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const m of node.text!.matchAll(/\S+/g))
      words.push({ from: pos + m.index, to: pos + m.index + m[0].length });
    return false;
  });
  let s = 7;
  return Array.from({ length: COUNT }, () => {
    s = (s * 16807) % 2147483647;
    const w = words[s % words.length]!;
    return { op: "create" as const, kind: "comment", ...w, quote: doc.textBetween(w.from, w.to) };
  });
});
// What a batch does once per document before its first slice (not per
// item): the text converted to ProseMirror, indexed, laid out (cold caches).
if (process.env.COLD_PARTS)
  await service.withDocuments(a, ({ text }) => {
    const t0 = performance.now();
    service.pmDoc(text);
    const t1 = performance.now();
    service.textIndex(text);
    const t2 = performance.now();
    service.layout(text);
    const t3 = performance.now();
    console.log(
      `cold: pmDoc ${(t1 - t0).toFixed(1)} ms, textIndex ${(t2 - t1).toFixed(1)} ms, layout ${(t3 - t2).toFixed(1)} ms`,
    );
  });
const created = await gaps(() =>
  service.withDocuments(a, async (docs) => await service.createMany(docs, actor, commands)),
);
console.log(
  `createMany ${COUNT}: ${created.ms.toFixed(0)} ms, longest step ${created.longest.toFixed(0)} ms, ${created.turns} turns`,
);
const exported = await call(
  server,
  server.ownerToken,
  "GET",
  `/api/documents/${a}/annotations?format=w3c`,
);
const imported = await gaps(() =>
  call(server, server.ownerToken, "POST", `/api/documents/${b}/annotations/import`, exported.json, {
    "Content-Type": "application/ld+json",
  }),
);
const r = imported.value.json;
console.log(
  `import ${COUNT} (${imported.value.status}: ${r.placed?.length} placed, ${r.unplaced?.length} unplaced): ${imported.ms.toFixed(0)} ms, longest step ${imported.longest.toFixed(0)} ms, ${imported.turns} turns`,
);
await server.destroy();
