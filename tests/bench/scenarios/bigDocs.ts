/// Big documents (issue 16): the letter repeated to ~100 KB, ~1 MB and
/// ~10 MB of text, Glossa beside bare Hocuspocus, each server a fresh
/// process (core 0), two clients in their own processes (core 1). Cold load:
/// the first client opens the stored document (the server loads it); fresh
/// sync: a second client opens it while it is loaded; memory: the server's
/// RSS and heap after full GCs before and after the load.
import { type Client, type Kind, startClients, startServer, stopClients } from "../lib/harness.ts";
import { letterDoc, letterUpdate } from "../lib/letter.ts";
import { kib, load, mib, ms, table } from "../lib/stats.ts";
import type { Figure, Scenario } from "../scenario.ts";

/// Letter repetitions for ~100 KB, ~1 MB and ~10 MB of text (the letter has ~4,700 characters).
const SIZES = [
  { label: "100 KB", scale: 21 },
  { label: "1 MB", scale: 214 },
  { label: "10 MB", scale: 2140 },
];

interface Run {
  kind: Kind;
  label: string;
  cold: number;
  coldAll: number;
  coldCpu: number;
  warm: number;
  rssDelta: number;
  heapDelta: number;
  load: string;
}

async function measure(
  kind: Kind,
  size: (typeof SIZES)[number],
  template: string,
  [a, b]: Client[],
): Promise<Run> {
  const s = await startServer(kind);
  try {
    const users = await s.call<{ id: string; token: string }[]>("createUsers", 2);
    const [docId] = await s.call<string[]>(
      "createDocs",
      { count: 1, scale: size.scale, template, share: users.map((u) => u.id) },
      600_000,
    );
    const open = (c: Client, i: number) =>
      c.call<{ textMs: number; allMs: number }>(
        "connect",
        { kind, url: s.wsUrl, docId, token: users[i]!.token, name: `Reader ${i}` },
        600_000,
      );
    const before = await s.stats(true);
    const cold = await open(a!, 0);
    const after = await s.stats(true);
    const warm = await open(b!, 1);
    await Promise.all([a!, b!].map((c) => c.call("disconnect")));
    return {
      kind,
      label: size.label,
      cold: cold.textMs,
      coldAll: cold.allMs,
      coldCpu: after.cpuMs - before.cpuMs,
      warm: warm.textMs,
      rssDelta: after.rss - before.rss,
      heapDelta: after.heapUsed - before.heapUsed,
      load: load(),
    };
  } finally {
    await s.stop();
  }
}

const scenario: Scenario = {
  name: "Big documents: cold load, fresh sync, memory",
  async run(progress, { quick }) {
    const sizes = quick ? SIZES.slice(1, 2) : SIZES;
    const pair = await startClients(2, progress);
    const runs: Run[] = [];
    const chars: string[] = [];
    try {
      for (const size of sizes) {
        const update = letterUpdate(size.scale);
        const template = Buffer.from(update).toString("base64");
        chars.push(
          `${size.label}: letter ×${size.scale}, ${letterDoc(size.scale).doc.textContent.length.toLocaleString("en-US")} characters, ${kib(update.byteLength)} KiB as a Yjs update`,
        );
        for (const kind of ["hocuspocus", "glossa"] as const) {
          const r = await measure(kind, size, template, pair);
          runs.push(r);
          progress(
            `${size.label} ${kind}: cold ${ms(r.cold)} ms, fresh sync ${ms(r.warm)} ms, +${mib(r.heapDelta)} MiB heap (load ${r.load})`,
          );
        }
      }
    } finally {
      await stopClients(pair);
    }
    const label = (k: Kind) => (k === "glossa" ? "Glossa" : "Hocuspocus (bare)");
    const rows = runs.map((r) => [
      r.label,
      label(r.kind),
      ms(r.cold),
      r.kind === "glossa" ? ms(r.coldAll) : "–",
      ms(r.coldCpu),
      ms(r.warm),
      mib(r.rssDelta),
      mib(r.heapDelta),
      r.load,
    ]);
    const get = (k: Kind, l: string) => runs.find((r) => r.kind === k && r.label === l)!;
    const figures: Figure[] = sizes.flatMap(({ label: l }) => {
      const f = (metric: string, unit: string, v: (r: Run) => number) => ({
        metric: `${l} document: ${metric}`,
        unit,
        glossa: v(get("glossa", l)),
        bare: v(get("hocuspocus", l)),
        goal: "≤ bare",
      });
      return [
        f("cold load (first client synced)", "ms", (r) => r.cold),
        f("fresh sync (second client)", "ms", (r) => r.warm),
        f("server heap for the loaded document", "MiB", (r) => r.heapDelta / 2 ** 20),
      ];
    });
    const markdown = `${chars.join("; ")}. A fresh server process per row, the document stored (Glossa: created
with \`documents.create\`; bare: its encoded state in one SQLite row). *Cold load*: a first client (own
process) from creating its provider to \`synced\` while the server loads the document; for Glossa also
until both documents (text and annotations) are synced; server CPU over that open. *Fresh sync*: a
second client while the document is loaded. Memory: the server's RSS and heap after full GCs, before
and after the cold load.

${table(
  [
    "document",
    "server",
    "cold load ms",
    "cold, both docs ms",
    "server CPU for it ms",
    "fresh sync ms",
    "RSS + MiB",
    "heap + MiB",
    "load",
  ],
  rows,
)}`;
    return { markdown, figures };
  },
};

export default scenario;
