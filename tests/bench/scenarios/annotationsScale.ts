/// Annotations at scale (issue 16): a real Glossa (`startGlossa`, SQLite) in
/// this process, a document with 0, 1,000 and 10,000 annotations (the letter
/// ×10, ~47 KB of text, and ×214, ~1 MB): creation rate in one batch, the
/// first reconcile (every annotation checked once), the reconcile after one
/// keystroke (only the annotations it touched), listing through the API,
/// and the longest the event loop was blocked during each. Bare Hocuspocus
/// has no annotations, so no peer column. `GLOSSA_BENCH_ANN=letter` runs the
/// letter ×10 only.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { schema } from "@glossa/schema";
import { textSegments } from "@glossa/server";
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import { startTestServer, type TestServer } from "../../utils/server.ts";
import { letterDoc } from "../lib/letter.ts";
import { ms } from "../lib/stats.ts";
import type { Figure, Scenario } from "../scenario.ts";

const OWNER = { user: { id: "bench", name: "Bench" }, role: "owner" as const };

/// Runs `fn`, returning its time and the longest event-loop stall meanwhile, ms.
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; stall: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  const value = await fn();
  const elapsed = performance.now() - t0;
  h.disable();
  return { value, ms: elapsed, stall: h.max / 1e6 };
}

async function fillDocument(server: TestServer, scale: number): Promise<number> {
  return server.glossa.annotations.withDocuments(server.letterId, ({ text, fragment }) => {
    text.transact(() => fragment.delete(0, fragment.length));
    const more = new Y.Doc();
    prosemirrorToYXmlFragment(letterDoc(scale).doc, more.getXmlFragment("prosemirror"));
    Y.applyUpdate(text, Y.encodeStateAsUpdate(more));
    return yXmlFragmentToProseMirrorRootNode(fragment, schema).content.size;
  });
}

/// `count` creations on seeded word spans (prepared before the clock starts).
async function prepare(server: TestServer, count: number, seed: number) {
  return server.glossa.annotations.withDocuments(server.letterId, (docs) => {
    const doc = yXmlFragmentToProseMirrorRootNode(docs.fragment, schema);
    const words: { from: number; to: number }[] = [];
    doc.descendants((node, pos) => {
      if (!node.isText) return true;
      for (const m of node.text!.matchAll(/\S+/g))
        words.push({ from: pos + m.index, to: pos + m.index + m[0].length });
      return false;
    });
    let s = seed;
    return Array.from({ length: count }, () => {
      s = (s * 16807) % 2147483647;
      const w = words[s % words.length]!;
      const quote = doc.textBetween(w.from, w.to);
      return { op: "create" as const, kind: "comment", from: w.from, to: w.to, quote };
    });
  });
}

/// Creates the prepared annotations in one batch.
async function create(
  server: TestServer,
  commands: Awaited<ReturnType<typeof prepare>>,
): Promise<void> {
  const service = server.glossa.annotations;
  await service.withDocuments(server.letterId, (docs) => service.createMany(docs, OWNER, commands));
}

async function listAll(server: TestServer): Promise<{ pages: number; first: number }> {
  let cursor: string | null = null;
  let pages = 0;
  let first = 0;
  do {
    const t0 = performance.now();
    const q: string = cursor ? `&cursor=${cursor}` : "";
    const res = await fetch(
      `${server.url}/api/documents/${server.letterId}/annotations?limit=500${q}`,
      {
        headers: { Authorization: `Bearer ${server.ownerToken}` },
      },
    );
    const body = (await res.json()) as { next: string | null };
    if (!pages) first = performance.now() - t0;
    pages++;
    cursor = body.next;
  } while (cursor);
  return { pages, first };
}

/// The figures for bench/results/latest.json (no peer: bare Hocuspocus has no annotations).
function headline(scale: number, count: number, edit: number, stall: number, first: number) {
  const at = `letter ×${scale}, ${count.toLocaleString("en-US")} annotations`;
  return [
    { metric: `${at}: remote edit + reconcile`, unit: "ms", glossa: edit, goal: "≤ 4 ms p99" },
    {
      metric: `${at}: longest loop stall, first reconcile`,
      unit: "ms",
      glossa: stall,
      goal: "≤ 20 ms",
    },
    { metric: `${at}: list, first page`, unit: "ms", glossa: first, goal: "≤ 200 ms" },
  ];
}

const scenario: Scenario = {
  name: "Annotations at scale",
  async run(progress, { quick }) {
    const docs = process.env.GLOSSA_BENCH_ANN === "letter" || quick ? [10] : [10, 214];
    const counts = quick ? [0, 1_000] : [0, 1_000, 10_000];
    const rows: string[][] = [];
    const figures: Figure[] = [];
    for (const scale of docs) {
      const server = await startTestServer();
      try {
        const size = await fillDocument(server, scale);
        const service = server.glossa.annotations;
        let checked: readonly string[] = [];
        service.onReconciled = (_doc, ids) => {
          checked = ids;
        };
        let have = 0;
        for (const count of counts) {
          progress(`letter ×${scale} (${size} positions), ${count} annotations`);
          const commands = await prepare(server, count - have, 7 + count);
          const made = await measured(() => create(server, commands));
          have = count;
          // Old enough to be judged.
          await new Promise((r) => setTimeout(r, 3_100));
          const full = await measured(() => service.reconcile(server.letterId));
          const fullChecked = checked.length;
          // One keystroke in the middle of the document, as a remote edit
          // (the place is found before the clock starts).
          const [seg] = await service.withDocuments(server.letterId, ({ fragment }) =>
            textSegments(fragment, size >> 1, (size >> 1) + 1),
          );
          const edit = await measured(async () => {
            await service.withDocuments(server.letterId, ({ text }) => {
              text.transact(() => seg?.text.insert(seg.index, "x"), { source: "bench" });
            });
            return service.reconcile(server.letterId);
          });
          const list = await measured(() => listAll(server));
          figures.push(...headline(scale, count, edit.ms, full.stall, list.value.first));
          rows.push([
            `×${scale}`,
            String(count),
            count
              ? `${Math.round((count - (count === 10_000 ? 1_000 : 0)) / (made.ms / 1000))}`
              : "–",
            `${ms(full.ms)} (${fullChecked})`,
            ms(full.stall),
            `${ms(edit.ms)} (${checked.length})`,
            ms(edit.stall),
            `${ms(list.value.first)} / ${ms(list.ms)} (${list.value.pages})`,
            ms(list.stall),
          ]);
        }
      } finally {
        await server.destroy();
      }
    }
    const header =
      "| doc | annotations | created / s (batch) | first reconcile, ms (checked) | its max loop stall, ms | keystroke + reconcile, ms (checked) | its max stall, ms | list: first page / all pages, ms (pages of 500) | list max stall, ms |";
    const table = [
      header,
      "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
      ...rows.map((r) => `| ${r.join(" | ")} |`),
    ];
    return {
      figures,
      markdown: `Glossa in this process (SQLite), one document, annotations created in one batch
(\`AnnotationService.createMany\`) on seeded words; the event loop's longest stall from
\`monitorEventLoopDelay\` (5 ms resolution). Creation at 10,000 is the rate of the 9,000 added to
the first 1,000. Bare Hocuspocus has no annotations: no peer.

${table.join("\n")}
`,
    };
  },
};
export default scenario;
