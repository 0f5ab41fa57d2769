// The simulation's ledger of where every character came from, and the
// coverage invariant checked against it: no annotation covers text other
// than what it was made on. Every character under the mark of A was under
// it when A was made, or was typed later between two characters that are
// themselves allowed for A.
import { annotationRanges } from "@glossa/annotations";
import type { Node } from "prosemirror-model";
import { type Client, charsOf, type Neighbours, pm, type Sim, textblocks } from "./simWorld.ts";

/// Records one insertion of `ch`.
export const insertedAt = (sim: Sim, ch: string, n: Neighbours) => {
  const l = sim.neighbours.get(ch);
  if (l) l.push(n);
  else sim.neighbours.set(ch, [n]);
};

/// The characters annotation `id` may cover by the ledger.
export const allowed = (sim: Sim, id: string, counting = false, edges = !sim.strict) => {
  const set = new Set(sim.madeOn.get(id) ?? []);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [ch, ns] of sim.neighbours) {
      if (set.has(ch)) continue;
      for (const n of ns) {
        const l = n.left !== null && set.has(n.left);
        const r = n.right !== null && set.has(n.right);
        // Typed inside the span: always allowed. Typed at its edge by a
        // client that had not yet seen the mark: Yjs may order it inside the
        // formatting (concurrent inserts at one place are ordered by client
        // id), so it is allowed unless GLOSSA_FUZZ_STRICT is set.
        const edge = edges && !n.saw.has(id) && (l || r);
        if ((l && r) || edge) {
          set.add(ch);
          grew = true;
          if (counting && !(l && r)) sim.edgeAbsorptions++;
          break;
        }
      }
    }
  }
  return set;
};

/// Checks the marks in `doc`. Within each maximal range of an annotation's
/// mark, the characters from the first to the last allowed one must all be
/// allowed; characters outside that core, at the range's edges, are
/// counted as edge absorptions (text inserted concurrently at the edge,
/// by typing or by the delete-and-reinsert y-prosemirror does for joins
/// and splits) and fail only under GLOSSA_FUZZ_STRICT. A range with no
/// allowed character at all (a mark on other words) always fails.
export const coverViolations = (sim: Sim, doc: Node, counting = false): string[] => {
  const out: string[] = [];
  const show = (chs: string[]) =>
    chs
      .map(
        (ch) =>
          `${ch}(${JSON.stringify(sim.neighbours.get(ch)?.map((n) => ({ ...n, saw: undefined })) ?? "initial")})`,
      )
      .join(" ");
  for (const [id, rs] of annotationRanges(doc)) {
    const ok = allowed(sim, id, counting);
    const inside = insideSpan(sim, id, ok);
    if (!sim.strict) widen(sim, doc, rs, ok, inside);
    for (const r of rs) {
      const chars = [...doc.textBetween(r.from, r.to, "", "\n")];
      const first = chars.findIndex((ch) => ok.has(ch));
      if (first < 0) {
        out.push(`${id} has a range over text it was not made on: ${show(chars)}`);
        continue;
      }
      let last = chars.length - 1;
      while (!ok.has(chars[last]!)) last--;
      const inner = chars
        .slice(first, last + 1)
        .filter((ch) => !ok.has(ch) && (sim.strict || !inside(ch)));
      const edges = [...chars.slice(0, first), ...chars.slice(last + 1)];
      if (inner.length)
        out.push(`${id} covers ${inner.length} character(s) it was not made on: ${show(inner)}`);
      if (edges.length && sim.strict)
        out.push(`${id} absorbed ${edges.length} character(s) at its edge: ${show(edges)}`);
      if (counting) sim.edgeAbsorptions += edges.length;
    }
  }
  return out;
};

/// Inside the span, a character inserted by a client that had not seen the
/// mark, between characters that are allowed or that the mark's maker did
/// not see (deleted, in its copy), was typed inside the span as the merged
/// document has it.
const insideSpan = (sim: Sim, id: string, ok: Set<string>) => {
  const unseen = (ch: string | null) =>
    ch !== null && (ok.has(ch) || !sim.visibleAt.get(id)?.has(ch));
  return (ch: string) =>
    (sim.neighbours.get(ch) ?? []).some(
      (n) => (!n.saw.has(id) || !!n.under?.has(id)) && unseen(n.left) && unseen(n.right),
    );
};

/// Adds to `ok` the marked characters typed inside the span, and text typed
/// later between such a character and another allowed one.
const widen = (
  sim: Sim,
  doc: Node,
  rs: { from: number; to: number }[],
  ok: Set<string>,
  inside: (ch: string) => boolean,
) => {
  const between = (ch: string) =>
    (sim.neighbours.get(ch) ?? []).some(
      (n) => n.left !== null && n.right !== null && ok.has(n.left) && ok.has(n.right),
    );
  const marked = rs.flatMap((r) => [...doc.textBetween(r.from, r.to, "", "\n")]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const ch of marked)
      if (!ok.has(ch) && (inside(ch) || between(ch))) {
        ok.add(ch);
        grew = true;
      }
  }
};

/// The characters under each annotation's mark in `doc`.
export const markedChars = (doc: Node) => {
  const out = new Map<string, Set<string>>();
  for (const [id, rs] of annotationRanges(doc))
    out.set(id, new Set(rs.flatMap((r) => [...doc.textBetween(r.from, r.to, "", "")])));
  return out;
};

/// Runs an undo or redo and records where the characters it put back are.
export const undoing = (sim: Sim, c: Client, fn: () => void) => {
  const before = charsOf(pm(c));
  fn();
  const doc = pm(c);
  const saw = new Set(annotationRanges(doc).keys());
  for (const b of textblocks(doc)) {
    const text = [...b.node.textContent];
    for (let i = 0; i < text.length; ) {
      if (before.has(text[i]!)) {
        i++;
        continue;
      }
      let j = i;
      while (j < text.length && !before.has(text[j]!)) j++;
      const n = { left: text[i - 1] ?? null, right: text[j] ?? null, saw };
      for (const ch of text.slice(i, j)) insertedAt(sim, ch, n);
      i = j;
    }
  }
};
