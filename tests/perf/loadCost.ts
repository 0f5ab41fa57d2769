/// Probe (issue 16): CPU to load the letter ×10 with COUNT annotations
/// from its stored parts, whole (one `applyUpdate` per part) against the
/// load steps (`loadStepsOf` + `applyUnheard`, no turns between them), and
/// the guard's whole-document check; alternating, medians. In one process.
import { dependencyOrder, sliceUpdate } from "@glossa/collab/updates";
import { applyUnheard, checkDocument, LOAD_STEP, loadStepsOf } from "@glossa/server";
import * as Y from "yjs";
import { annotate } from "../bench/lib/annotate.ts";
import { letterDoc } from "../bench/lib/letter.ts";
import { startTestServer } from "../utils/server.ts";

const COUNT = Number(process.env.COUNT ?? 1_000);
const server = await startTestServer();
const g = server.glossa;
const owner = (await g.store.listUsers())[0]!;
const letter = letterDoc(10);
const rec = await g.documents.create(letter.title, letter.doc, owner.id);
if (COUNT > 0) await annotate(g.annotations, owner, { id: rec.id, count: COUNT, seed: 7 });
const hp = g.server.hocuspocus;
while (hp.documents.size > 0) await new Promise((r) => setTimeout(r, 100));
const cpu = (f: () => void) => {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const name of [`doc/${rec.id}`, `doc/${rec.id}/annotations`]) {
  const parts = await g.store.loadParts(name);
  const r = {
    whole: [] as number[],
    steps: [] as number[],
    check: [] as number[],
    nsteps: 0,
    order: [] as number[],
    slice: [] as number[],
    applySlices: [] as number[],
  };
  for (let i = 0; i < 25; i++) {
    r.whole.push(
      cpu(() => {
        const d = new Y.Doc();
        for (const p of parts) Y.applyUpdate(d, p);
      }),
    );
    r.steps.push(
      cpu(() => {
        const d = new Y.Doc();
        let n = 0;
        for (const s of loadStepsOf(parts)) {
          applyUnheard(d, s, null);
          n++;
        }
        r.nsteps = n;
      }),
    );
    let ordered = parts[0]!;
    r.order.push(
      cpu(() => {
        ordered = dependencyOrder(parts[0]!);
      }),
    );
    let slices: Uint8Array[] = [];
    r.slice.push(
      cpu(() => {
        slices = [...sliceUpdate(ordered, LOAD_STEP.structs, LOAD_STEP.ranges)];
      }),
    );
    r.applySlices.push(
      cpu(() => {
        const d = new Y.Doc();
        for (const s of slices) Y.transact(d, () => Y.applyUpdate(d, s));
      }),
    );
    if (!name.endsWith("annotations")) {
      const d = new Y.Doc();
      for (const p of parts) Y.applyUpdate(d, p);
      r.check.push(cpu(() => checkDocument(d)));
    }
  }
  console.log(
    `${name.endsWith("annotations") ? "annotations" : "text"}: ${parts.length} parts, ${parts.reduce((n, p) => n + p.byteLength, 0)} B; whole ${median(r.whole).toFixed(2)} ms, steps ${median(r.steps).toFixed(2)} ms (${r.nsteps} steps), guard check ${r.check.length ? median(r.check).toFixed(2) : "-"} ms; order ${median(r.order).toFixed(2)}, slice ${median(r.slice).toFixed(2)}, apply slices ${median(r.applySlices).toFixed(2)}`,
  );
}
await server.destroy();
