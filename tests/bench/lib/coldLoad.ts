/// Part 4: cold load of a letter that has had 10,000 edits. Glossa holds it
/// as the letter plus 10,000 journal rows (one per update, as typing leaves
/// it) or compacted into one snapshot; the baseline holds what its debounced
/// store writes: one encoded state. For each variant, a fresh server process
/// on a fresh copy of the data, then: a first client opens the document
/// (cold: the server loads it), a second client opens it (warm), and the
/// server rebuilds the document from storage in-process (median of 5).
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Client, type Kind, startServer } from "./harness.ts";
import { kib, load, ms, summary, table } from "./stats.ts";

const UPDATES = 10_000;
const REPS = 3;

interface Variant {
  key: "journal" | "compacted" | "hocuspocus";
  kind: Kind;
  label: string;
  dir: string;
  docId: string;
}

interface Row {
  v: Variant;
  cold: number[];
  coldCpu: number[];
  coldAll: number[];
  warm: number[];
  rebuild: number[];
  rebuildCpu: number[];
  parts: number;
  bytes: number;
}

type Users = { id: string; token: string }[];
interface Info {
  journal: number;
  chars: number;
  stateBytes: number;
}

/// Prepares the three stores once in `tmp`: Glossa's journal, the same
/// compacted, and the baseline's stored state.
async function prepare(
  tmp: string,
  progress: (m: string) => void,
): Promise<{ variants: Variant[]; users: Users; info: Info }> {
  const g = await startServer("glossa", { dataDir: path.join(tmp, "journal") });
  const users = await g.call<Users>("createUsers", 2);
  const [docId] = await g.call<string[]>("createDocs", {
    count: 1,
    scale: 1,
    share: users.map((u) => u.id),
  });
  const synth = await g.call<{ state: string; journal: number; chars: number }>(
    "synthJournal",
    { id: docId, updates: UPDATES, seed: 42 },
    300_000,
  );
  await g.stop(true);
  const info = {
    journal: synth.journal,
    chars: synth.chars,
    stateBytes: Buffer.from(synth.state, "base64").byteLength,
  };
  cpSync(path.join(tmp, "journal"), path.join(tmp, "compacted"), { recursive: true });
  const c = await startServer("glossa", { dataDir: path.join(tmp, "compacted") });
  await c.call("compact", docId);
  await c.stop(true);
  const h = await startServer("hocuspocus", { dataDir: path.join(tmp, "hocuspocus") });
  const [hId] = await h.call<string[]>("createDocs", { count: 1, template: synth.state });
  await h.stop(true);
  progress(
    `cold load: ${synth.journal} journal rows, ${synth.chars} characters, state ${kib(info.stateBytes)} KiB`,
  );
  const variants: Variant[] = [
    {
      key: "journal",
      kind: "glossa",
      label: `Glossa, letter + ${UPDATES.toLocaleString("en-US")} journaled updates`,
      dir: "journal",
      docId: docId!,
    },
    {
      key: "compacted",
      kind: "glossa",
      label: "Glossa, compacted",
      dir: "compacted",
      docId: docId!,
    },
    {
      key: "hocuspocus",
      kind: "hocuspocus",
      label: "Hocuspocus (bare), stored state",
      dir: "hocuspocus",
      docId: hId!,
    },
  ];
  return { variants, users, info };
}

/// One repetition of one variant: a fresh server on a fresh copy of its data,
/// a cold and a warm open, five in-process rebuilds.
async function measureOnce(
  row: Row,
  rep: number,
  a: { tmp: string; pool: [Client, Client]; users: Users; loads: string[] },
  progress: (m: string) => void,
): Promise<void> {
  const v = row.v;
  const copy = path.join(a.tmp, `run-${v.dir}-${rep}`);
  cpSync(path.join(a.tmp, v.dir), copy, { recursive: true });
  const s = await startServer(v.kind, { dataDir: copy });
  try {
    const open = (client: Client, i: number) =>
      client.call<{ textMs: number; allMs: number }>("connect", {
        kind: v.kind,
        url: s.wsUrl,
        docId: v.docId,
        token: a.users[i]!.token,
        name: `Reader ${i}`,
      });
    const before = await s.stats();
    const cold = await open(a.pool[0], 0);
    const after = await s.stats();
    const warm = await open(a.pool[1], 1);
    row.coldCpu.push(after.cpuMs - before.cpuMs);
    row.cold.push(cold.textMs);
    row.coldAll.push(cold.allMs);
    row.warm.push(warm.textMs);
    for (let i = 0; i < 5; i++) {
      const r = await s.call<{ ms: number; cpuMs: number; parts: number; bytes: number }>(
        "rebuild",
        v.docId,
      );
      row.rebuild.push(r.ms);
      row.rebuildCpu.push(r.cpuMs);
      row.parts = r.parts;
      row.bytes = r.bytes;
    }
    a.loads.push(load());
    progress(
      `cold load ${v.key} #${rep + 1}: first client ${ms(cold.textMs)} ms, second ${ms(warm.textMs)} ms (load ${load()})`,
    );
    await Promise.all(a.pool.map((x) => x.call("disconnect")));
  } finally {
    await s.stop();
  }
}

export async function coldLoad(
  pool: Client[],
  progress: (m: string) => void,
): Promise<{ markdown: string; summary: string[] }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "glossa-bench-cold-"));
  const rows: Row[] = [];
  let info: Info = { journal: 0, chars: 0, stateBytes: 0 };
  const loads: string[] = [];
  try {
    const prepared = await prepare(tmp, progress);
    info = prepared.info;
    for (const v of prepared.variants)
      rows.push({
        v,
        cold: [],
        coldCpu: [],
        coldAll: [],
        warm: [],
        rebuild: [],
        rebuildCpu: [],
        parts: 0,
        bytes: 0,
      });
    const a = { tmp, pool: pool as [Client, Client], users: prepared.users, loads };
    for (let rep = 0; rep < REPS; rep++) {
      for (const row of rows) await measureOnce(row, rep, a, progress);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return render(rows, info, loads);
}

function render(rows: Row[], info: Info, loads: string[]): { markdown: string; summary: string[] } {
  const med = (xs: number[]) => summary(xs).p50;
  const body = rows.map((r) => [
    r.v.label,
    r.parts.toLocaleString("en-US"),
    kib(r.bytes),
    ms(med(r.rebuild)),
    ms(med(r.rebuildCpu)),
    `${ms(med(r.cold))} (${r.cold.map(ms).join(", ")})`,
    ms(med(r.coldCpu)),
    r.v.kind === "glossa" ? ms(med(r.coldAll)) : "–",
    `${ms(med(r.warm))} (${r.warm.map(ms).join(", ")})`,
  ]);
  const j = rows.find((r) => r.v.key === "journal")!;
  const cpt = rows.find((r) => r.v.key === "compacted")!;
  const hp = rows.find((r) => r.v.key === "hocuspocus")!;
  const markdown = `### 4. Cold load of a document with ${UPDATES.toLocaleString("en-US")} journaled updates

The letter after ${UPDATES.toLocaleString("en-US")} one-character edits (typing runs at a caret that now and then moves,
15 % backspaces; ${info.chars.toLocaleString("en-US")} characters at the end), each edit its own Yjs update. Glossa: the
letter's first update plus ${UPDATES.toLocaleString("en-US")} journal rows (${info.journal.toLocaleString("en-US")} rows in all), or the same compacted into one
snapshot; baseline: the document's encoded state (${kib(info.stateBytes)} KiB), as its debounced store leaves it. Each
of ${REPS} repetitions starts a fresh server process on a fresh copy of the data (pinned to core 0; the
file is in the OS cache); variants interleaved. *First client*: a new client (its own process, core 1),
from creating its provider to \`synced\` on the text document while the server loads it from storage;
*server CPU* is the server process's CPU time over that open (robust to the machine's load, unlike wall
time); for Glossa also the time until the annotations document is synced too (one websocket, both
documents). *Second client*: the same while the document is loaded. *Rebuild*: the server reading the
stored parts and applying them to a fresh Y.Doc in-process (Glossa: \`store.loadParts\` +
\`ydocFromParts\`; baseline: one SELECT + \`applyUpdate\`), median of 5 per repetition. Load average during
the runs: ${loads.join(", ")}.

${table(
  [
    "stored as",
    "parts",
    "stored KiB",
    "rebuild ms",
    "rebuild CPU ms",
    "first client ms: median (runs)",
    "server CPU for it, ms",
    "first client, both docs ms",
    "second client ms: median (runs)",
  ],
  body,
)}

Rebuilding from ${UPDATES.toLocaleString("en-US")} journal rows takes ${ms(med(j.rebuildCpu))} ms of CPU against ${ms(med(cpt.rebuildCpu))} ms from the compacted
snapshot and ${ms(med(hp.rebuildCpu))} ms for the baseline's stored state; a first open costs the server ${ms(med(j.coldCpu))} /
${ms(med(cpt.coldCpu))} / ${ms(med(hp.coldCpu))} ms of CPU. Glossa folds the journal into the snapshot on Hocuspocus' store
debounce (2 s after the last change, at most every 10 s) and when a document unloads, so a journal this
long only builds up if compaction fails (e.g. a crash mid-session). **Against docs/performance.md:** A14 measured
a fresh client's full sync of a 1.2 MB document through Hocuspocus at ≈ 44 ms median (cold apply
89-118 ms) on an idle box; this document is ${kib(info.stateBytes)} KiB.`;
  return {
    markdown,
    summary: [
      `Cold open of a letter with ${UPDATES.toLocaleString("en-US")} edits (first client, median ms): Glossa from the journal ${ms(med(j.cold))}, compacted ${ms(med(cpt.cold))}; bare Hocuspocus ${ms(med(hp.cold))}.`,
    ],
  };
}
