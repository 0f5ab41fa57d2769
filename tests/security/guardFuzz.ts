import { importLetter, schema } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import {
  exportModel,
  loadMarkdown,
  pmDocToUpdate,
  TextGuard,
  toHtml,
  toMarkdown,
  UpdateRejected,
  ydocToPm,
} from "@glossa/server";
import { builtinCatalog } from "@glossa/sources";
import * as Y from "yjs";

const CATALOG = builtinCatalog();
// The server loads its Markdown writer on the first Markdown export.
await loadMarkdown();

/// Small seeded PRNG (mulberry32), so a failing run can be replayed.
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzStats {
  mutations: number;
  accepted: number;
  refused: number;
  /// Exceptions other than a refusal (from the guard or from applying).
  crashes: string[];
  /// Accepted updates after which content, exports or the schema check failed,
  /// or reading the text changed the document (a repair by deletion).
  broken: string[];
  exports: number;
}

const NAMES = [...Object.keys(schema.nodes), "script", "div", "", "paragraph "];
const MARKS = [
  ["strong", {}],
  ["em", {}],
  ["underline", {}],
  ["link", { href: "https://example.org" }],
  ["link", { href: "javascript:alert(1)" }],
  ["link", { title: "no href" }],
  ["annotation", { id: "a1" }],
  ["annotation--abcdefgh", { id: "a2" }],
  ["annotation", { id: "bad id <x>" }],
  ["annotation", { id: 7 }],
  ["blink", {}],
  ["strong", "not an object"],
  ["em", [1, 2]],
  ["link--12345678", { href: "https://x.org" }],
] as const;
const ATTRS: [string, unknown][] = [
  ["level", 2],
  ["level", 3],
  ["level", "x"],
  ["level", null],
  ["order", 4],
  ["order", { a: 1 }],
  ["iso", "2018-12-21"],
  ["copy", true],
  ["name", "A. Person"],
  ["onclick", "alert(1)"],
  ["abbreviation", "HRF"],
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function randomText(r: () => number): string {
  const pool = ["a", "Remain", " ", "§", "é", "\n", "<script>", "𝔘", "\u0000", "8 U.S.C. 1225"];
  let s = "";
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) s += pick(r, pool);
  return s;
}

function randomElement(r: () => number, depth: number): Y.XmlElement {
  const el = new Y.XmlElement(pick(r, NAMES));
  if (r() < 0.3) {
    const [k, v] = pick(r, ATTRS);
    el.setAttribute(k, v as string);
  }
  const children = depth > 3 ? 0 : Math.floor(r() * 3);
  for (let i = 0; i < children; i++) {
    el.insert(i, [r() < 0.6 ? new Y.XmlText(randomText(r)) : randomElement(r, depth + 1)]);
  }
  return el;
}

/// Every element and text of the fragment, depth first.
function nodesOf(f: Y.XmlFragment): (Y.XmlElement | Y.XmlText)[] {
  const out: (Y.XmlElement | Y.XmlText)[] = [];
  const walk = (t: Y.XmlFragment | Y.XmlElement) => {
    for (const c of t.toArray()) {
      if (c instanceof Y.XmlElement) {
        out.push(c);
        walk(c);
      } else if (c instanceof Y.XmlText) out.push(c);
    }
  };
  walk(f);
  return out;
}

/// One edit on a fresh copy of the live document: mostly what an editor
/// does (type, format, split, delete), often what an attacker does (wrong
/// names, types, attributes, nesting). Returns the Yjs update.
function edit(r: () => number, state: Uint8Array): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, state);
  const sv = Y.encodeStateVector(copy);
  const roll = r();
  if (roll < 0.04) {
    // The root read as another type, or another root.
    const kind = Math.floor(r() * 4);
    if (kind === 0) copy.getText("prosemirror").insert(0, "x");
    else if (kind === 1) copy.getArray("prosemirror").insert(0, [1]);
    else if (kind === 2) copy.getMap("prosemirror").set("k", "v");
    else copy.getMap("annotations").set("k", { body: "forged" });
    return Y.encodeStateAsUpdate(copy, sv);
  }
  const f = copy.getXmlFragment("prosemirror");
  const all = nodesOf(f);
  const texts = all.filter((n): n is Y.XmlText => n instanceof Y.XmlText);
  const els = all.filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
  const ops = 1 + Math.floor(r() * 3);
  for (let i = 0; i < ops; i++) {
    const op = r();
    if (op < 0.35 && texts.length) {
      const t = pick(r, texts);
      t.insert(Math.floor(r() * (t.length + 1)), randomText(r));
    } else if (op < 0.5 && texts.length) {
      const t = pick(r, texts);
      const at = Math.floor(r() * (t.length + 1));
      const [name, attrs] = pick(r, MARKS);
      t.format(at, 1 + Math.floor(r() * 5), { [name]: attrs });
    } else if (op < 0.6 && texts.length) {
      const t = pick(r, texts);
      const at = Math.floor(r() * t.length);
      t.delete(at, Math.min(t.length - at, 1 + Math.floor(r() * 6)));
    } else if (op < 0.72) {
      const at = Math.floor(r() * (f.length + 1));
      const p = new Y.XmlElement(r() < 0.7 ? "paragraph" : pick(r, NAMES));
      p.insert(0, [new Y.XmlText(randomText(r))]);
      f.insert(at, [r() < 0.8 ? p : randomElement(r, 0)]);
    } else if (op < 0.8 && els.length) {
      const parent = pick(r, els);
      const at = Math.floor(r() * (parent.length + 1));
      parent.insert(at, [r() < 0.5 ? new Y.XmlText(randomText(r)) : randomElement(r, 1)]);
    } else if (op < 0.88 && f.length > 1) {
      const at = Math.floor(r() * f.length);
      f.delete(at, Math.min(f.length - at, 1 + Math.floor(r() * 2)));
    } else if (op < 0.94 && els.length) {
      const [k, v] = pick(r, ATTRS);
      pick(r, els).setAttribute(k, v as string);
    } else if (texts.length) {
      const t = pick(r, texts);
      if (r() < 0.5) t.insertEmbed(0, { x: 1 });
      else t.setAttribute("k", "v");
    }
  }
  return Y.encodeStateAsUpdate(copy, sv);
}

/// Corrupts an encoded update the way a hostile client can: flipped, set,
/// inserted, removed or duplicated bytes, truncation.
function mutateBytes(r: () => number, u: Uint8Array): Uint8Array {
  const b = Array.from(u);
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (b.length + 1));
    const kind = Math.floor(r() * 6);
    if (kind === 0 && b.length) b[at % b.length]! ^= 1 << Math.floor(r() * 8);
    else if (kind === 1 && b.length) b[at % b.length] = Math.floor(r() * 256);
    else if (kind === 2) b.splice(at, 0, Math.floor(r() * 256));
    else if (kind === 3 && b.length) b.splice(at % b.length, 1 + Math.floor(r() * 4));
    else if (kind === 4) b.splice(at, 0, ...b.slice(at, at + 1 + Math.floor(r() * 8)));
    else b.length = Math.min(b.length, at);
  }
  return new Uint8Array(b);
}

/// Throws when the live document no longer serves: content, the schema
/// check, exports (every `exportEvery` accepted updates), or when reading it
/// writes to it (y-prosemirror repairing by deletion).
function checkServes(live: Y.Doc, withExports: boolean): void {
  let wrote = false;
  const spy = () => {
    wrote = true;
  };
  live.on("update", spy);
  try {
    const doc = ydocToPm(live);
    doc.check();
    if (wrote) throw new Error("reading the text changed the document (a repair)");
    if (withExports) {
      const model = exportModel("Fuzz", doc, [], CATALOG);
      const meta = { exportedAt: new Date(0).toISOString(), version: null };
      const options = { highlight: "yellow", footer: true, numbers: true } as const;
      toHtml(model, meta, options);
      toMarkdown(model, meta, options);
    }
  } finally {
    live.off("update", spy);
  }
}

/// Runs `count` mutated updates against the structural guard, from `seed`.
/// Accepted updates are applied to a live document, which must keep serving.
export function runGuardFuzz(seed: number, count: number, exportEvery = 50): FuzzStats {
  const r = rng(seed);
  const base = pmDocToUpdate(importLetter(readSampleLetter()).doc);
  const stats: FuzzStats = {
    mutations: 0,
    accepted: 0,
    refused: 0,
    crashes: [],
    broken: [],
    exports: 0,
  };
  let live = new Y.Doc();
  Y.applyUpdate(live, base);
  let guard = new TextGuard(live);
  let state = base;
  let sinceReset = 0;
  const key = {};
  for (let i = 0; i < count; i++) {
    if (sinceReset++ >= 300) {
      live.destroy();
      live = new Y.Doc();
      Y.applyUpdate(live, base);
      guard = new TextGuard(live);
      state = base;
      sinceReset = 0;
    }
    let update: Uint8Array;
    try {
      update = edit(r, state);
    } catch (err) {
      // The live document's own state failed to load into a fresh copy:
      // what the server would store could not be read back.
      stats.broken.push(`#${i} seed ${seed}: reloading the document threw ${(err as Error).stack}`);
      sinceReset = 1_000;
      continue;
    }
    if (r() < 0.5) update = mutateBytes(r, update);
    stats.mutations++;
    try {
      guard.check(update, key);
    } catch (err) {
      if (err instanceof UpdateRejected) {
        stats.refused++;
        continue;
      }
      stats.crashes.push(`#${i} seed ${seed}: guard threw ${(err as Error).stack}`);
      continue;
    }
    try {
      Y.applyUpdate(live, update, { source: "connection", connection: key });
      guard.settle(key);
    } catch (err) {
      stats.crashes.push(`#${i} seed ${seed}: applying threw ${(err as Error).message}`);
      continue;
    }
    stats.accepted++;
    const withExports = stats.accepted % exportEvery === 0;
    try {
      checkServes(live, withExports);
      if (withExports) stats.exports++;
    } catch (err) {
      stats.broken.push(`#${i} seed ${seed}: ${(err as Error).message}`);
      // Start again from the letter: the broken state would repeat.
      sinceReset = 1_000;
      continue;
    }
    try {
      state = Y.encodeStateAsUpdate(live);
    } catch (err) {
      stats.broken.push(`#${i} seed ${seed}: encoding the document threw ${(err as Error).stack}`);
      sinceReset = 1_000;
    }
  }
  live.destroy();
  return stats;
}
