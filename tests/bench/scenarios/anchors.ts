/// The server's anchor check (`verifyAnchors`, run when text changes settle):
/// time per reconcile on the letter with many annotations, with the identity
/// check (ADR 0003) and with the quote check alone, and what the recorded
/// identities add to the annotations document. Bare Hocuspocus has no such
/// step (0 ms); it is the price of never leaving a mark on other words.
import { createAnnotation, selectorFor, systemAuth } from "@glossa/annotations";
import { YMapAnnotationStore } from "@glossa/collab/store";
import { addAnnotationFormat, anchorItemsMap, verifyAnchors } from "@glossa/server";
import type { Node } from "prosemirror-model";
import { prosemirrorToYXmlFragment } from "y-prosemirror";
import * as Y from "yjs";
import { letterDoc } from "../lib/letter.ts";
import { kib, ms, summary, table } from "../lib/stats.ts";
import type { Scenario } from "../scenario.ts";

/// Word-aligned spans of 1–8 words, seeded, spread over the text blocks.
function spans(doc: Node, count: number): { from: number; to: number }[] {
  const words: { from: number; to: number }[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const m of node.text!.matchAll(/\S+/g))
      words.push({ from: pos + m.index, to: pos + m.index + m[0].length });
    return false;
  });
  let s = 7;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const out: { from: number; to: number }[] = [];
  while (out.length < count) {
    const i = Math.floor(rand() * words.length);
    const j = Math.min(words.length - 1, i + Math.floor(rand() * 8));
    const a = words[i]!;
    const b = words[j]!;
    // One text block per span (a mark across blocks is fine too, but keep it simple).
    if (doc.resolve(a.from).parent !== doc.resolve(b.to).parent) continue;
    out.push({ from: a.from, to: b.to });
  }
  return out;
}

function setUp(scale: number, count: number) {
  const { doc } = letterDoc(scale);
  const text = new Y.Doc();
  const fragment = text.getXmlFragment("prosemirror");
  prosemirrorToYXmlFragment(doc, fragment);
  const annotations = new Y.Doc();
  const store = new YMapAnnotationStore(annotations);
  const ctx = { auth: systemAuth() };
  spans(doc, count).forEach(({ from, to }, i) => {
    const id = `bench-${String(i).padStart(5, "0")}`;
    createAnnotation(store, ctx, { id, kind: "comment", selector: selectorFor(doc, from, to) });
    addAnnotationFormat(fragment, from, to, id, anchorItemsMap(annotations));
  });
  const size = Y.encodeStateAsUpdate(annotations).length;
  return { text, fragment, store, annotations, ctx, size };
}

const scenario: Scenario = {
  name: "Anchor check (reconcile) on the letter",
  async run(progress, { quick }) {
    const rows: (string | number)[][] = [];
    const sizes: (string | number)[][] = [];
    const plan = [
      [1, 50],
      [1, 200],
      [10, 500],
    ] as const;
    for (const [scale, count] of quick ? plan.slice(0, 2) : plan) {
      progress(`letter ×${scale}, ${count} annotations`);
      const s = setUp(scale, count);
      const time = (identity: boolean) => {
        const t: number[] = [];
        for (let i = 0; i < 15; i++) {
          const t0 = performance.now();
          s.text.transact(() =>
            verifyAnchors(s.fragment, s.store, s.ctx, {
              items: identity ? anchorItemsMap(s.annotations) : undefined,
            }),
          );
          t.push(performance.now() - t0);
        }
        return summary(t);
      };
      const quote = time(false);
      const both = time(true);
      rows.push([`×${scale}`, count, ms(quote.p50), ms(both.p50), ms(both.p95)]);
      const items = JSON.stringify(anchorItemsMap(s.annotations).toJSON()).length;
      sizes.push([`×${scale}`, count, kib(s.size), kib(items)]);
    }
    return {
      markdown: `One reconcile of every annotation (median of 15, no edits to fix), in one process.
Bare Hocuspocus does no such check (0 ms).

${table(["letter", "annotations", "quote check only, ms", "identity + quote, ms", "identity + quote p95, ms"], rows)}

What the recorded identities (\`anchorItems\`) weigh, as JSON, next to the whole annotations
document (encoded):

${table(["letter", "annotations", "annotations document, KiB", "anchorItems (JSON), KiB"], sizes)}
`,
    };
  },
};
export default scenario;
