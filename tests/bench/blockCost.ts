/// CPU cost of one large text update on the server's path (docs/security.md,
/// "Session 10"): `pnpm tsx tests/bench/blockCost.ts`. Each update is
/// checked and applied as the server does it — scanned on its bytes, then
/// `TextGuard.checkSliced` (applied to the guard's copy a slice per turn,
/// touched blocks converted and checked, then applied to the live document)
/// — and the process's CPU time for it is read (for an update over a
/// per-update limit: the cost of its refusal) (`process.cpuUsage`: all
/// threads, GC included; barely moved by other processes' load, unlike wall
/// time), with the longest turn of the event loop it held. Median of 3 runs,
/// each on a fresh live document.
import { scanUpdate, TextGuard } from "@glossa/server";
import * as Y from "yjs";

function paragraphs(n: number, text: (i: number) => string): Uint8Array {
  const doc = new Y.Doc();
  const ps: Y.XmlElement[] = [];
  for (let i = 0; i < n; i++) {
    const p = new Y.XmlElement("paragraph");
    const t = text(i);
    if (t) p.insert(0, [new Y.XmlText(t)]);
    ps.push(p);
  }
  doc.getXmlFragment("prosemirror").insert(0, ps);
  const u = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return u;
}

const updates: [string, Uint8Array][] = [
  ["99,000 empty paragraphs (the paragraphs attack)", paragraphs(99_000, () => "")],
  ["19,900 empty paragraphs (the blocks attack)", paragraphs(19_900, () => "")],
  ["5,000 paragraphs of text", paragraphs(5_000, (i) => `Paragraph ${i} of the pasted brief.`)],
  [
    "one paragraph of 490,000 characters (the text attack)",
    paragraphs(1, () => "x".repeat(490_000)),
  ],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const [name, update] of updates) {
  const cpu: number[] = [];
  const longest: number[] = [];
  for (let run = 0; run < 3; run++) {
    const live = new Y.Doc();
    live.getXmlFragment("prosemirror");
    const guard = new TextGuard(live);
    let last = performance.now();
    let maxTurn = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      maxTurn = Math.max(maxTurn, now - last);
      last = now;
    }, 0);
    const c0 = process.cpuUsage();
    let refused = "";
    try {
      await guard.checkSliced(update, {}, { source: "bench" });
    } catch (err) {
      // Over a per-update limit: refused on its bytes (what that costs).
      refused = `refused ${(err as { code?: number }).code}`;
    }
    const c = process.cpuUsage(c0);
    clearInterval(ticker);
    maxTurn = Math.max(maxTurn, performance.now() - last);
    cpu.push((c.user + c.system) / 1000);
    longest.push(maxTurn);
    const s = scanUpdate(update);
    if (run === 0)
      console.log(
        `${name}: ${s.structs} structs, ${s.types} types, ${(update.length / 1024).toFixed(0)} KiB${refused ? `, ${refused}` : ""}`,
      );
    guard.drop();
    live.destroy();
  }
  console.log(
    `  CPU ${median(cpu).toFixed(0)} ms (runs ${cpu.map((x) => x.toFixed(0)).join(", ")}), longest turn ${median(longest).toFixed(0)} ms`,
  );
}
