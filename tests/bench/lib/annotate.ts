/// Server side of the annotations-at-scale scenario (serverWorker.ts, Glossa
/// only): creates annotations in one batch on seeded words of a document and
/// runs a full reconcile, each timed in the server process with the longest
/// event-loop stall meanwhile.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { selectorFor } from "@glossa/annotations";
import { DocumentText } from "@glossa/schema";
import { type Glossa, ydocToPm } from "@glossa/server";

type Service = Glossa["annotations"];

/// Runs `fn`, returning its time and the longest event-loop stall meanwhile, ms.
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; stall: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  // Its first timer turn only starts the clock: a step before it would be missed.
  await new Promise((r) => setTimeout(r, 20));
  const t0 = performance.now();
  const value = await fn();
  const elapsed = performance.now() - t0;
  // A timer turn after: a synchronous step just ended is then recorded.
  await new Promise((r) => setTimeout(r, 20));
  h.disable();
  return { value, ms: elapsed, stall: h.max / 1e6 };
}

/// `count` creations on seeded word spans of the document, each with its
/// quote's context as a client sends it: edits that arrive before the batch
/// (the memory test's clients type meanwhile) move the positions, and the
/// server finds a repeated word again by its context.
function prepare(service: Service, docId: string, count: number, seed: number) {
  return service.withDocuments(docId, (docs) => {
    // Converted by the server's own function (withDocuments loaded y-prosemirror).
    const doc = ydocToPm(docs.text);
    const index = new DocumentText(doc);
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
      const { exact: quote, prefix, suffix } = selectorFor(doc, w.from, w.to, index).quote;
      return {
        op: "create" as const,
        kind: "comment",
        from: w.from,
        to: w.to,
        quote,
        prefix,
        suffix,
      };
    });
  });
}

/// Creates `count` annotations in one batch (prepared before the clock
/// starts): its time and the longest event-loop stall meanwhile.
export async function annotate(
  service: Service,
  owner: { id: string; name: string },
  a: { id: string; count: number; seed: number },
): Promise<{ ms: number; stall: number }> {
  const commands = await prepare(service, a.id, a.count, a.seed);
  const actor = { user: owner, role: "owner" as const };
  const r = await measured(() =>
    service.withDocuments(a.id, (docs) => service.createMany(docs, actor, commands)),
  );
  return { ms: r.ms, stall: r.stall };
}

/// One reconcile of the document: time, longest stall, annotations checked.
export async function reconcile(
  service: Service,
  id: string,
): Promise<{ ms: number; stall: number; checked: number }> {
  let checked = 0;
  const before = service.onReconciled;
  service.onReconciled = (doc, ids) => {
    if (doc === id) checked = ids.length;
    before?.(doc, ids);
  };
  try {
    const r = await measured(() => service.reconcile(id));
    return { ms: r.ms, stall: r.stall, checked };
  } finally {
    service.onReconciled = before;
  }
}

/// The server worker's `annotate` and `reconcile` operations on `service`.
export function annotationOps(service: Service, owner: { id: string; name: string }) {
  return {
    annotate: (a: { id: string; count: number; seed: number }) =>
      annotate(service, { id: owner.id, name: owner.name }, a),
    reconcile: (id: string) => reconcile(service, id),
  };
}
