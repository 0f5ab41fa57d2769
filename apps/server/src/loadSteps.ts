import { dependencyOrder, sliceUpdate } from "@glossa/collab/updates";
import { documentName, parseDocumentName } from "@glossa/protocol";
import type { Hocuspocus } from "@hocuspocus/server";
import * as Y from "yjs";
import { scanUpdate } from "./updateScan.ts";

/// Loading a document is done a step per turn of the event loop (issue 16:
/// the letter ×10 with 10,000 annotations loaded in one synchronous step of
/// ~2 s after an unload, freezing every other document). These are the steps'
/// sizes and the instrumentation that counts them.

/// What one step of a load did, reported as it is done (instrumentation:
/// a test adds the units up per turn of the event loop to bound the work of
/// the longest synchronous step by counting, never by timing).
/// `parts`: stored updates applied whole (units: bytes); `slice`: a slice
/// of a large stored update (units: its structs and deleted ranges, read
/// only while a test listens); `order`: the scan of a
/// large stored update that orders it for slicing (units: 1); `whole`: a
/// large stored update small enough in structs and bytes to apply in one
/// step (units: its structs and deleted ranges); `blocks`: top-level
/// blocks checked by the schema guard; `keys`: annotation record keys indexed.
export type LoadWork = "parts" | "slice" | "order" | "whole" | "blocks" | "keys";
export const loadSteps: { onStep: ((kind: LoadWork, units: number) => void) | null } = {
  onStep: null,
};

/// Per step (each 10–40 ms on the loaded 2-core machine for the letter ×10
/// with 10,000 annotations): stored updates smaller than `wholeBytes` are
/// applied whole, up to `groupBytes` and `groupParts` of them; a larger one
/// is cut (`sliceUpdate`, its bytes copied, nothing decoded) into slices of
/// `structs` structs or `ranges` deleted ranges; the guard checks `blocks`
/// top-level blocks; `keys` record keys are indexed. A larger update of at
/// most `wholeMaxBytes`, `wholeStructs` structs and `ranges` deleted ranges
/// is applied whole: slices cost more than the update whole (Yjs merges the
/// structs a slice ends with, and the next slice splits them again): the
/// letter ×10's text with 1,000 annotations, 4,840 structs in 189 KB, took
/// 11–17 ms of CPU in 3 slices, 5–8 ms whole (tests/perf/loadCost.ts).
export const LOAD_STEP = {
  wholeBytes: 16 * 1024,
  wholeMaxBytes: 256 * 1024,
  wholeStructs: 8_000,
  groupBytes: 64 * 1024,
  groupParts: 256,
  structs: 2_000,
  ranges: 2_000,
  blocks: 32,
  keys: 2_000,
};

/// Gives the event loop one turn.
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/// The load of `name`'s text under way, when `name` is an annotations
/// document: its steps wait for it. A fresh client asks for both documents
/// at once; loaded a step per turn side by side, the text — what the
/// person reads first — ended after the annotations (fewer steps), and its
/// answer then also waited while the client applied the annotations
/// (issue 16: a fresh sync with 1,000 annotations 4.4× the one without,
/// 2.1× when each load was one step and the text came first).
export function textLoading(instance: Hocuspocus, name: string): Promise<unknown> | null {
  const parsed = parseDocumentName(name);
  if (parsed?.part !== "annotations") return null;
  return instance.loadingDocuments.get(documentName(parsed.id)) ?? null;
}

/// One load step: updates applied in one transaction, and what they count as.
export interface LoadStep {
  updates: Uint8Array[];
  kind: "parts" | "slice" | "order" | "whole";
  units: number;
}

/// The stored `parts` of a document (Yjs V1 updates, oldest first) as load
/// steps: runs of small parts, and slices of each large one, in order.
export function* loadStepsOf(parts: Uint8Array[]): Generator<LoadStep> {
  let group: Uint8Array[] = [];
  let bytes = 0;
  const flush = function* (): Generator<LoadStep> {
    if (group.length === 0) return;
    yield { updates: group, kind: "parts", units: bytes };
    group = [];
    bytes = 0;
  };
  for (const part of parts) {
    if (part.byteLength >= LOAD_STEP.wholeBytes) {
      yield* flush();
      const whole = part.byteLength <= LOAD_STEP.wholeMaxBytes && oneStep(part);
      if (whole) {
        yield { updates: [part], kind: "whole", units: whole };
        continue;
      }
      // Dependencies first: no slice waits for a later one. This scan of
      // the whole part is a step of its own (nothing applied).
      const ordered = dependencyOrder(part);
      yield { updates: [], kind: "order", units: 1 };
      for (const slice of sliceUpdate(ordered, LOAD_STEP.structs, LOAD_STEP.ranges))
        yield { updates: [slice], kind: "slice", units: loadSteps.onStep ? work(slice) : 1 };
      continue;
    }
    if (bytes + part.byteLength > LOAD_STEP.groupBytes || group.length >= LOAD_STEP.groupParts)
      yield* flush();
    group.push(part);
    bytes += part.byteLength;
  }
  yield* flush();
}

/// Applies a step's updates to `doc` in one transaction with the document's
/// `update` listeners set aside: while a document loads nobody is connected
/// to it, and with a listener Yjs encodes every load transaction once more
/// as an update message (Hocuspocus' broadcast to nobody; 0.27 s of the
/// 10,000 annotations' load, and the copy kept until its flush).
export function applyUnheard(doc: Y.Doc, step: LoadStep, origin: unknown): void {
  const { updates } = step;
  if (updates.length === 0) {
    loadSteps.onStep?.(step.kind, step.units);
    return;
  }
  const listeners = doc._observers.get("update");
  doc._observers.delete("update");
  try {
    Y.transact(
      doc,
      () => {
        for (const u of updates) Y.applyUpdate(doc, u, origin);
      },
      origin,
    );
  } finally {
    if (listeners) {
      // Listeners added meanwhile are kept too.
      for (const f of doc._observers.get("update") ?? []) listeners.add(f);
      doc._observers.set("update", listeners);
    }
  }
  loadSteps.onStep?.(step.kind, step.units);
}

/// The update's structs and deleted ranges when few enough for one step, else 0.
/// (The scan stops at the first struct or range over.)
function oneStep(update: Uint8Array): number {
  try {
    const scan = scanUpdate(update, {
      structs: LOAD_STEP.wholeStructs,
      deleteRanges: LOAD_STEP.ranges,
    });
    return scan.structs + scan.deleteRanges;
  } catch {
    return 0;
  }
}

/// Structs and deleted ranges of an update (read from its bytes).
const work = (update: Uint8Array): number => {
  const scan = scanUpdate(update);
  return scan.structs + scan.deleteRanges;
};
