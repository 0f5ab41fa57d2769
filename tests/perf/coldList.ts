/// Probe (issue 16): the first page of `GET …/annotations` for the letter ×10
/// with 10,000 annotations (`COUNT`) after the document was unloaded: its
/// time and CPU, the longest synchronous step meanwhile (gaps between
/// setImmediate ticks, wall and CPU, GC inside), each turn's load steps
/// (`loadSteps`, CPU in brackets). In one process with the server, like
/// tests/perf/keystrokeCpu.ts. `tsx tests/perf/coldList.ts [reps]`.
import { PerformanceObserver } from "node:perf_hooks";
import { schema } from "@glossa/schema";
import { loadSteps } from "@glossa/server";
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import { letterDoc } from "../bench/lib/letter.ts";
import { startTestServer } from "../utils/server.ts";

const COUNT = Number(process.env.COUNT ?? 10_000);
const server = await startTestServer();
const service = server.glossa.annotations;
const owner = { user: { id: "owner", name: "Owner" }, role: "owner" as const };
await service.withDocuments(server.letterId, (docs) => {
  const more = new Y.Doc();
  prosemirrorToYXmlFragment(letterDoc(10).doc, more.getXmlFragment("prosemirror"));
  Y.applyUpdate(docs.text, Y.encodeStateAsUpdate(more));
  const doc = yXmlFragmentToProseMirrorRootNode(docs.fragment, schema);
  const words: { from: number; to: number }[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const m of node.text!.matchAll(/\S+/g))
      words.push({ from: pos + m.index, to: pos + m.index + m[0].length });
    return false;
  });
  let s = 7;
  const commands = Array.from({ length: COUNT }, () => {
    s = (s * 16807) % 2147483647;
    const w = words[s % words.length]!;
    return { op: "create" as const, kind: "comment", ...w, quote: doc.textBetween(w.from, w.to) };
  });
  return service.createMany(docs, owner, commands);
});
const hp = server.glossa.server.hocuspocus;
const unloaded = async () => {
  while (hp.documents.size > 0) await new Promise((r) => setTimeout(r, 100));
};
await unloaded();
console.log("created and unloaded");

async function once(): Promise<{
  ms: number;
  longest: number;
  longestCpu: number;
  ticks: number;
  cpu: number;
}> {
  let stop = false;
  let last = performance.now();
  let longest = 0;
  let ticks = 0;
  let steps: string[] = [];
  const gaps: { ms: number; cpu: number; steps: string; gc: number }[] = [];
  const gcs: { start: number; end: number }[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      gcs.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  obs.observe({ entryTypes: ["gc"] });
  let mark = process.cpuUsage();
  loadSteps.onStep = (kind, units) => {
    const du = process.cpuUsage(mark);
    mark = process.cpuUsage();
    steps.push(`${kind}:${units}(${((du.user + du.system) / 1000).toFixed(0)})`);
  };
  let lastCpu = process.cpuUsage();
  let longestCpu = 0;
  const tick = () => {
    const now = performance.now();
    const du = process.cpuUsage(lastCpu);
    lastCpu = process.cpuUsage();
    mark = lastCpu;
    const cpuMs = (du.user + du.system) / 1000;
    longestCpu = Math.max(longestCpu, cpuMs);
    longest = Math.max(longest, now - last);
    const from = last;
    gaps.push({
      ms: now - last,
      cpu: cpuMs,
      get gc() {
        return gcs
          .filter((g) => g.start >= from && g.end <= now)
          .reduce((n, g) => n + g.end - g.start, 0);
      },
      steps: steps.join(" "),
    });
    steps = [];
    last = now;
    ticks++;
    if (!stop) setImmediate(tick);
  };
  setImmediate(tick);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const res = await fetch(`${server.url}/api/documents/${server.letterId}/annotations?limit=500`, {
    headers: { Authorization: `Bearer ${server.ownerToken}` },
  });
  const body = (await res.json()) as { annotations: unknown[] };
  const ms = performance.now() - t0;
  const cu = process.cpuUsage(c0);
  stop = true;
  await new Promise((r) => setTimeout(r, 100));
  obs.disconnect();
  console.log(
    gaps
      .filter((g) => g.steps)
      .map((g) => `[${g.steps}]`)
      .join(" "),
  );
  gaps.sort((a, b) => b.cpu - a.cpu);
  for (const g of gaps.slice(0, 6))
    console.log(
      `  gap ${g.ms.toFixed(1)} ms (GC ${g.gc.toFixed(0)}), CPU ${g.cpu.toFixed(1)} ms: ${g.steps.slice(0, 100)}`,
    );
  if (body.annotations.length !== 500) throw new Error(`page of ${body.annotations.length}`);
  return { ms, longest, longestCpu, ticks, cpu: (cu.user + cu.system) / 1000 };
}

const reps = Number(process.argv[2] ?? 3);
for (let i = 0; i < reps; i++) {
  await unloaded();
  const r = await once();
  console.log(
    `cold first page: ${r.ms.toFixed(0)} ms, CPU ${r.cpu.toFixed(0)} ms, longest step ${r.longest.toFixed(1)} ms (CPU ${r.longestCpu.toFixed(1)} ms), ${r.ticks} ticks`,
  );
}
await server.destroy();
