// The simulation's server replica (client 0): how it carries out requests
// and reconciles marks with their annotations, as AnnotationService does,
// without Hocuspocus.
import { AnnotationError, reconcileAnchors } from "@glossa/annotations";
import {
  AnnotationService,
  anchorItemsMap,
  removeAnnotationFormat,
  verifyAnchors,
} from "@glossa/server";
import { ySyncPluginKey } from "y-prosemirror";
import { allowed, markedChars } from "./simLedger.ts";
import { type Client, pm, SERVER, type Sim } from "./simWorld.ts";

/// The real AnnotationService's quote check (`locate`), without Hocuspocus.
export const service = new AnnotationService(() => {
  throw new Error("the simulation has no Hocuspocus");
});

/// Runs a server-side operation; null when the server refuses it (the
/// client's copy was behind: the annotation was deleted meanwhile).
export const refusable = <T>(sim: Sim, fn: () => T): T | null => {
  try {
    return fn();
  } catch (err) {
    if (sim.mode === "server" && err instanceof AnnotationError) return null;
    throw err;
  }
};

/// Where a client's annotation operation is carried out.
export const storeFor = (sim: Sim, c: Client) =>
  sim.mode === "server" ? sim.clients[0]!.store : c.store;

/// Runs `fn` in one transaction of the server replica.
export const transactServer = <T>(sim: Sim, fn: () => T): T => {
  let out: T | undefined;
  const server = sim.clients[0]!;
  server.ydoc.transact(
    () => {
      out = fn();
    },
    sim.mode === "server" ? SERVER : ySyncPluginKey,
  );
  return out as T;
};

/// What AnnotationService.reconcile does on the server: check marks
/// against their quotes, bring detached flags in line, remove marks of
/// deleted annotations.
export const serverReconcile = (sim: Sim, minAgeMs: number) => {
  const server = sim.clients[0]!;
  const before = markedChars(pm(server));
  const fixes = sim.verify
    ? transactServer(sim, () =>
        verifyAnchors(server.frag, server.store, server.ctx, {
          minAgeMs,
          items: anchorItemsMap(server.adoc),
        }),
      )
    : [];
  // Characters the identity check took a mark off although the ledger
  // allows them under it (it can only tell by Yjs neighbours).
  const after = markedChars(pm(server));
  for (const f of fixes) {
    if (f.outcome !== "trimmed") continue;
    const ok = allowed(sim, f.id, false, false);
    for (const ch of before.get(f.id) ?? [])
      if (!after.get(f.id)?.has(ch) && ok.has(ch)) {
        sim.overTrimmed++;
        if (sim.trace)
          sim.log.push(
            `  TRACE over-trimmed ${f.id} quote=${f.quote} was=${f.was} ${ch} ${JSON.stringify(sim.neighbours.get(ch) ?? "madeOn")} madeOn=${sim.madeOn.get(f.id)?.has(ch)}`,
          );
      }
  }
  const checked = fixes.map((f) => `${f.id} ${f.outcome}`);
  const report = reconcileAnchors(pm(server), server.store, server.ctx, { minAgeMs });
  if (report.deletedMarks.length)
    transactServer(sim, () => {
      for (const id of report.deletedMarks) removeAnnotationFormat(server.frag, id);
    });
  return { ...report, checked };
};
