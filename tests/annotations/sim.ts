// A seeded randomized convergence test of annotations over Yjs, in the spirit
// of Yjs's applyRandomTests: simulated clients edit a shared text (a
// Y.XmlFragment bound through y-prosemirror's updateYFragment, no DOM) and
// a shared annotations map (a second Y.Doc), with random delivery,
// disconnects and reconnects, then must agree and keep the invariants of
// `simCheck.ts`. This file is the run loop; the world (clients, network) is
// `simWorld.ts`, the operations `simOps.ts`, the server replica
// `simServer.ts`, the character ledger and coverage check `simLedger.ts`.
import { annotationRanges, listAnnotations } from "@glossa/annotations";
import { settle } from "./simCheck.ts";
import { coverViolations } from "./simLedger.ts";
import { ops, weights } from "./simOps.ts";
import { createSim, draws, type MarkMode, pm, type Sim } from "./simWorld.ts";

export { type MarkMode, rng } from "./simWorld.ts";

/// Everything a run produced, for the invariants and for failure reports.
export interface RunResult {
  seed: number;
  ops: string[];
  clients: number;
  annotations: number;
  replies: number;
  detached: number;
  /// Characters typed concurrently at an annotation's edge and now under it.
  edgeAbsorptions: number;
  /// Characters the server's identity check took the mark off although the
  /// ledger allows them under it (a measure of over-trimming, not a failure).
  overTrimmed: number;
  violations: string[];
  /// The random draws of the set-up and of each step (see `RunOptions.tape`).
  tape: number[][];
}

/// Options of a run.
export interface RunOptions {
  ops?: number;
  clients?: number;
  /// Replays recorded random draws instead of drawing from the seed: entry 0
  /// is the set-up, each further entry one step (op choice, client, op
  /// parameters). A subset of a run's `tape` replays a subset of its steps,
  /// which is how failing runs are shrunk (`shrink.ts`).
  tape?: number[][];
  /// Default `server`.
  mode?: MarkMode;
  /// Whether the server checks marks against their quotes when it reconciles
  /// (`verifyAnchors`, what AnnotationService.reconcile does; default true).
  /// False measures the bare Yjs + y-prosemirror behaviour.
  verify?: boolean;
}

const total = weights.reduce((s, [, w]) => s + w, 0);

export function runSimulation(seed: number, options: RunOptions = {}): RunResult {
  const d = draws(seed, options.tape);
  const sim = createSim(seed, d.random, options);
  const steps = options.tape ? options.tape.length - 1 : (options.ops ?? 150);
  for (let i = 0; i < steps; i++) {
    d.tape.push([]);
    if (options.tape) d.replay = [...options.tape[i + 1]!];
    step(sim);
  }
  const violations = settle(sim);
  const all = listAnnotations(sim.clients[0]!.store, { includeDeleted: true });
  return {
    seed,
    ops: sim.log,
    clients: sim.clients.length - 1,
    annotations: all.length,
    replies: sim.replies.size,
    detached: all.filter((a) => a.detached).length,
    edgeAbsorptions: sim.edgeAbsorptions,
    overTrimmed: sim.overTrimmed,
    violations,
    tape: d.tape,
  };
}

/// One step: time passes, a weighted random operation by a random client.
function step(sim: Sim) {
  sim.clock += 1000 + sim.int(5000);
  let r = sim.random() * total;
  let name = weights[0]![0];
  for (const [n, w] of weights) {
    r -= w;
    if (r < 0) {
      name = n;
      break;
    }
  }
  const c = sim.pick(sim.clients);
  const what = ops[name]!(sim, c);
  if (what) sim.log.push(`${c.name}: ${what}`);
  if (sim.trace && what) traceMarks(sim);
}

/// GLOSSA_FUZZ_TRACE: logs every replica whose marks break coverage now.
function traceMarks(sim: Sim) {
  for (const d of sim.clients) {
    const v = coverViolations(sim, pm(d));
    if (!v.length) continue;
    const marks = [...annotationRanges(pm(d))].map(
      ([id, rs]) => `${id.slice(-5)}=${rs.map((r) => pm(d).textBetween(r.from, r.to)).join("|")}`,
    );
    sim.log.push(
      `  TRACE ${d.name}: ${v.join("; ")} :: ${pm(d)
        .children.map((n) => n.textContent)
        .join("/")} :: ${marks.join(" ")}`,
    );
  }
}
