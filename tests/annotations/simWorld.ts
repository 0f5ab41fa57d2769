// The simulation's world: its seeded random draws, the clients (a server
// replica and editors/annotators, each a text Y.Doc and an annotations
// Y.Doc), the network between them (per-pair message queues, online flags)
// and the ProseMirror views of their copies. Shared by the other sim*.ts
// files through one `Sim` object.
import { annotationAuth, type OperationContext, systemAuth } from "@glossa/annotations";
import { YMapAnnotationStore } from "@glossa/collab/store";
import { schema } from "@glossa/schema";
import type { Node } from "prosemirror-model";
import { EditorState, type Transaction } from "prosemirror-state";
import {
  prosemirrorToYXmlFragment,
  updateYFragment,
  ySyncPluginKey,
  yXmlFragmentToProseMirrorRootNode,
} from "y-prosemirror";
import * as Y from "yjs";

/// Mulberry32.
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const REMOTE = Symbol("remote");
/// Origin of the server's own writes (marks, reconciliation): not undoable
/// by clients, sent to everyone.
export const SERVER = Symbol("server");

/// How annotation marks get into the text.
/// - `server` (what Glossa does, ADR 0002): every annotation operation is a
///   request the server replica carries out while the client is online; it
///   checks the quote (`AnnotationService.locate`), writes the body into its
///   annotations document and the mark by a surgical `Y.XmlText.format`
///   (`yMarks.ts`), and reconciles — trimming marks off text they absorbed
///   at their edges (`anchorEdges.ts`) — like `AnnotationService.reconcile`.
///   Clients only edit text (y-prosemirror `updateYFragment`).
/// - `client` (the first version of this test): editors add marks
///   themselves with a ProseMirror `addMark` + `updateYFragment`, even
///   offline, and write bodies into their own annotations document; the
///   server replica does the same for annotators.
export type MarkMode = "server" | "client";

export interface Client {
  name: string;
  /// The server replica only adds marks on request and reconciles.
  server: boolean;
  role: "editor" | "annotator";
  ydoc: Y.Doc;
  frag: Y.XmlFragment;
  undo: Y.UndoManager;
  adoc: Y.Doc;
  store: YMapAnnotationStore;
  ctx: OperationContext;
  online: boolean;
}

export interface Msg {
  part: "text" | "ann";
  update: Uint8Array;
}

/// For each character inserted by typing, or put back by an undo or redo:
/// the characters either side of the insertion point, in its block, when
/// it was inserted (null at a block edge), and the annotations the
/// inserting client saw then, and those whose mark covered both
/// neighbours in its copy (`under`: it typed inside that span). One entry
/// per insertion.
export type Neighbours = {
  left: string | null;
  right: string | null;
  saw: Set<string>;
  under?: Set<string>;
};

/// The random draws of a run: from the seed, or replayed from a tape (one
/// entry per step, entry 0 the set-up), falling back to a second seeded
/// stream when a replayed entry runs out. Every draw is recorded in `tape`.
export interface Draws {
  tape: number[][];
  replay: number[] | null;
  random: () => number;
}

export function draws(seed: number, tape?: number[][]): Draws {
  const seeded = rng(seed);
  const fallback = rng(seed ^ 0x5bd1e995);
  const d: Draws = {
    tape: [[]],
    replay: tape ? [...tape[0]!] : null,
    random: () => {
      const v = d.replay ? (d.replay.length ? d.replay.shift()! : fallback()) : seeded();
      d.tape[d.tape.length - 1]!.push(v);
      return v;
    },
  };
  return d;
}

/// The state of one run, shared by its operations and checks.
export interface Sim {
  seed: number;
  mode: MarkMode;
  /// Whether the server checks marks against their quotes (`verifyAnchors`).
  verify: boolean;
  /// GLOSSA_FUZZ_TRACE: log the marks after every op.
  trace: boolean;
  /// GLOSSA_FUZZ_STRICT: no edge absorption is allowed.
  strict: boolean;
  random: () => number;
  int: (n: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  log: string[];
  clock: number;
  now: () => Date;
  newId: () => string;
  /// A character never used before: every inserted character is new, so
  /// its identity is the character itself (undo re-inserts the same ones).
  fresh: () => string;
  /// The server replica (index 0), then the clients.
  clients: Client[];
  queues: Map<string, Msg[]>;
  neighbours: Map<string, Neighbours[]>;
  /// For each annotation: the characters under its mark when it was made.
  madeOn: Map<string, Set<string>>;
  /// For each annotation: every character of the document it was made in.
  visibleAt: Map<string, Set<string>>;
  /// `annotation/message` ids of the replies made.
  replies: Set<string>;
  /// Characters typed concurrently at an annotation's edge and now under it.
  edgeAbsorptions: number;
  /// Characters the server's identity check took the mark off although the
  /// ledger allows them under it.
  overTrimmed: number;
}

/// A run's state with its clients connected and the initial content synced.
export function createSim(
  seed: number,
  random: () => number,
  options: { clients?: number; mode?: MarkMode; verify?: boolean },
): Sim {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const nClients = options.clients ?? 3 + int(3);
  let idCounter = 0;
  let nextChar = 0x4e00;
  const sim: Sim = {
    seed,
    mode: options.mode ?? "server",
    verify: options.verify ?? true,
    trace: !!process.env.GLOSSA_FUZZ_TRACE,
    strict: !!process.env.GLOSSA_FUZZ_STRICT,
    random,
    int,
    pick,
    log: [],
    clock: Date.UTC(2025, 0, 1),
    now: () => new Date(sim.clock),
    newId: () => `id-${seed}-${String(++idCounter).padStart(5, "0")}`,
    fresh: () => String.fromCharCode(nextChar++),
    clients: [],
    queues: new Map(),
    neighbours: new Map(),
    madeOn: new Map(),
    visibleAt: new Map(),
    replies: new Set(),
    edgeAbsorptions: 0,
    overTrimmed: 0,
  };
  for (let i = 0; i <= nClients; i++) sim.clients.push(makeClient(sim, i, nClients));
  connect(sim);
  seedContent(sim);
  return sim;
}

/// Client `i` of `nClients` (0 is the server replica).
function makeClient(sim: Sim, i: number, nClients: number): Client {
  const server = i === 0;
  // Fixed client ids: Yjs orders concurrent inserts by client id, so
  // random ones would make a seed irreproducible.
  const ydoc = new Y.Doc();
  ydoc.clientID = 1000 + i;
  const frag = ydoc.getXmlFragment("prosemirror");
  const adoc = new Y.Doc();
  adoc.clientID = 2000 + i;
  const role = server
    ? "editor"
    : i === nClients && nClients > 3
      ? "annotator"
      : sim.pick(["editor", "editor", "annotator"] as const);
  const user = { id: server ? "glossa" : `user${i}`, name: server ? "Glossa" : `User ${i}` };
  const { now, newId } = sim;
  return {
    name: server ? "server" : `c${i}`,
    server,
    role,
    ydoc,
    frag,
    undo: new Y.UndoManager(frag, {
      trackedOrigins: new Set([ySyncPluginKey]),
      captureTimeout: 0,
    }),
    adoc,
    store: new YMapAnnotationStore(adoc, ySyncPluginKey),
    ctx: { auth: server ? systemAuth() : annotationAuth(role, user), now, newId },
    online: true,
  };
}

/// The queue of messages from `a` to `b`.
export function q(sim: Sim, a: Client, b: Client): Msg[] {
  const k = `${a.name}>${b.name}`;
  let l = sim.queues.get(k);
  if (!l) {
    l = [];
    sim.queues.set(k, l);
  }
  return l;
}

/// Every local update of an online client is queued for every online peer.
function connect(sim: Sim) {
  for (const c of sim.clients) {
    const send = (part: Msg["part"]) => (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || !c.online) return;
      for (const d of sim.clients) if (d !== c && d.online) q(sim, c, d).push({ part, update });
    };
    c.ydoc.on("update", send("text"));
    c.adoc.on("update", send("ann"));
  }
}

/// Initial content, made on the server and synced to everyone.
function seedContent(sim: Sim) {
  const initial = schema.node(
    "doc",
    null,
    Array.from({ length: 4 }, () =>
      schema.node("paragraph", null, [
        schema.text(Array.from({ length: 8 + sim.int(10) }, sim.fresh).join("")),
      ]),
    ),
  );
  const [server, ...rest] = sim.clients;
  server!.ydoc.transact(() => prosemirrorToYXmlFragment(initial, server!.frag), REMOTE);
  for (const c of rest) Y.applyUpdate(c.ydoc, Y.encodeStateAsUpdate(server!.ydoc), REMOTE);
  if (sim.trace)
    sim.log.push(`  TRACE initial: ${initial.children.map((n) => n.textContent).join("/")}`);
}

/// A client's copy of the text as ProseMirror sees it.
export const pm = (c: Client): Node => yXmlFragmentToProseMirrorRootNode(c.frag, schema);

/// Writes `doc` into a client's copy, as its editor would.
export const commit = (c: Client, doc: Node) =>
  c.ydoc.transact(() => {
    updateYFragment(c.ydoc, c.frag, doc, { mapping: new Map(), isOMark: new Map() });
  }, ySyncPluginKey);

/// Sends `b` everything `a` has that it lacks.
export const sync = (a: Client, b: Client) => {
  Y.applyUpdate(b.ydoc, Y.encodeStateAsUpdate(a.ydoc, Y.encodeStateVector(b.ydoc)), REMOTE);
  Y.applyUpdate(b.adoc, Y.encodeStateAsUpdate(a.adoc, Y.encodeStateVector(b.adoc)), REMOTE);
};

export const apply = (c: Client, m: Msg) =>
  Y.applyUpdate(m.part === "text" ? c.ydoc : c.adoc, m.update, REMOTE);

export const textblocks = (doc: Node) => {
  const out: { pos: number; node: Node }[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) out.push({ pos: pos + 1, node });
    return !node.isTextblock;
  });
  return out;
};

/// The character at document position [pos, pos + 1) in its block, or null.
export const charAt = (doc: Node, pos: number): string | null => {
  const $p = doc.resolve(pos);
  const after = $p.nodeAfter;
  return after?.isText ? after.text![0]! : null;
};

export const charBefore = (doc: Node, pos: number): string | null => {
  const $p = doc.resolve(pos);
  const before = $p.nodeBefore;
  return before?.isText ? before.text![before.text!.length - 1]! : null;
};

export const charsOf = (doc: Node) => new Set(doc.textBetween(0, doc.content.size, "", ""));

/// A random non-empty range of at most `maxLen` characters in one block.
export const randomRange = (
  sim: Sim,
  doc: Node,
  maxLen: number,
): { from: number; to: number } | null => {
  const blocks = textblocks(doc).filter((b) => b.node.content.size > 0);
  if (!blocks.length) return null;
  const b = sim.pick(blocks);
  const start = sim.int(b.node.content.size);
  const len = 1 + sim.int(Math.min(maxLen, b.node.content.size - start));
  return { from: b.pos + start, to: b.pos + start + len };
};

export const state = (doc: Node) => EditorState.create({ doc, schema });

/// Runs a ProseMirror command on a client's copy and commits its result.
export const runCommand = (
  c: Client,
  cmd: (s: EditorState, d: (tr: Transaction) => void) => boolean,
) => {
  let out: Node | null = null;
  const ok = cmd(state(pm(c)), (tr) => {
    out = tr.doc;
  });
  if (ok && out) commit(c, out);
  return ok;
};
