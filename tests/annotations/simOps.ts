// The simulation's random operations: text edits (type, delete, split,
// join, undo, redo), annotation operations (annotate, reply, resolve,
// remove, reconcile) and network events (deliver, disconnect, reconnect),
// with the weights they are drawn by. Each returns a log line, or null when
// it does not apply to the chosen client.
import {
  addAnnotationMark,
  annotationRanges,
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  readAnnotation,
  reconcileAnchors,
  removeAnnotationMark,
  reopenAnnotation,
  replyToAnnotation,
  resolveAnnotation,
  selectorFor,
  systemAuth,
} from "@glossa/annotations";
import { addAnnotationFormat, anchorItemsMap, removeAnnotationFormat } from "@glossa/server";
import { canJoin, Transform } from "prosemirror-transform";
import { insertedAt, undoing } from "./simLedger.ts";
import { refusable, serverReconcile, service, storeFor } from "./simServer.ts";
import {
  apply,
  type Client,
  charAt,
  charBefore,
  charsOf,
  commit,
  pm,
  q,
  randomRange,
  runCommand,
  SERVER,
  type Sim,
  state,
  sync,
  textblocks,
} from "./simWorld.ts";

export type Op = (sim: Sim, c: Client) => string | null;

const liveAnnotations = (c: Client) => listAnnotations(c.store).map((a) => a.id);
const KINDS = ["comment", "claim", "question", "issue", "highlight"] as const;

/// Types 1–3 fresh characters and records their neighbours in the ledger.
const type: Op = (sim, c) => {
  if (c.server || c.role !== "editor") return null;
  const doc = pm(c);
  const b = sim.pick(textblocks(doc));
  const pos = b.pos + sim.int(b.node.content.size + 1);
  const text = Array.from({ length: 1 + sim.int(3) }, sim.fresh).join("");
  const left = charBefore(doc, pos);
  const right = charAt(doc, pos);
  // Characters typed together share the neighbours of the insertion point.
  const saw = new Set(annotationRanges(doc).keys());
  // The annotations marking the character at [p, p + 1).
  const ids = (p: number) => {
    const out = new Set<string>();
    doc.nodesBetween(p, p + 1, (n) => {
      if (n.isText) for (const m of n.marks) if (m.type.name === "annotation") out.add(m.attrs.id);
    });
    return out;
  };
  const before = left === null ? new Set<string>() : ids(pos - 1);
  const after = right === null ? new Set<string>() : ids(pos);
  const under = new Set([...before].filter((id) => after.has(id)));
  for (const ch of text) insertedAt(sim, ch, { left, right, saw, under });
  const tr = state(doc).tr.insertText(text, pos);
  commit(c, tr.doc);
  return `type ${JSON.stringify(text)} at ${pos}`;
};

const del: Op = (sim, c) => {
  if (c.server || c.role !== "editor") return null;
  const doc = pm(c);
  let r = randomRange(sim, doc, 5);
  if (!r) return null;
  if (sim.random() < 0.2)
    r = { from: r.from, to: Math.min(doc.content.size - 1, r.to + 4 + sim.int(6)) };
  const tr = new Transform(doc).delete(r.from, r.to);
  if (!tr.docChanged) return null;
  commit(c, tr.doc);
  return `delete ${r.from}-${r.to}`;
};

const split: Op = (sim, c) => {
  if (c.server || c.role !== "editor") return null;
  const doc = pm(c);
  const b = sim.pick(textblocks(doc));
  const pos = b.pos + sim.int(b.node.content.size + 1);
  commit(c, new Transform(doc).split(pos).doc);
  return `split at ${pos}`;
};

const join: Op = (sim, c) => {
  if (c.server || c.role !== "editor" || pm(c).childCount < 2) return null;
  const doc = pm(c);
  const i = 1 + sim.int(doc.childCount - 1);
  let pos = 0;
  for (let k = 0; k < i; k++) pos += doc.child(k).nodeSize;
  if (!canJoin(doc, pos)) return null;
  commit(c, new Transform(doc).join(pos).doc);
  return `join at ${pos}`;
};

/// A request to the server: the quote and its context as the client sees
/// them; the server checks them against its own copy.
const annotateViaServer: Op = (sim, c) => {
  if (!c.online) return "annotate refused (offline)";
  const server = sim.clients[0]!;
  const mine = pm(c);
  const r = randomRange(sim, mine, 8);
  if (!r) return null;
  const seen = selectorFor(mine, r.from, r.to);
  const there = pm(server);
  let at: { from: number; to: number };
  try {
    at = service.locate(there, { ...r, quote: seen.quote.exact, ...seen.quote });
  } catch (err) {
    return `annotate refused (${(err as { code?: string }).code})`;
  }
  const id = sim.newId();
  createAnnotation(server.store, c.ctx, {
    id,
    kind: sim.pick(KINDS),
    selector: selectorFor(there, at.from, at.to),
    body: "first",
  });
  server.ydoc.transact(
    () => addAnnotationFormat(server.frag, at.from, at.to, id, anchorItemsMap(server.adoc)),
    SERVER,
  );
  sim.madeOn.set(id, new Set(there.textBetween(at.from, at.to)));
  sim.visibleAt.set(id, charsOf(there));
  return `annotate ${id} ${at.from}-${at.to} (asked ${r.from}-${r.to})`;
};

/// Editors add the mark themselves; annotators ask the server, which adds
/// it on its replica when the quote is still at that range.
const annotateOnClient: Op = (sim, c) => {
  const target = c.role === "editor" ? c : sim.clients[0]!;
  const mine = pm(c);
  const r = randomRange(sim, mine, 8);
  if (!r) return null;
  const quote = mine.textBetween(r.from, r.to);
  const there = pm(target);
  if (r.to > there.content.size || there.textBetween(r.from, r.to, "\n\n") !== quote)
    return `annotate refused (server copy differs)`;
  const id = sim.newId();
  if (!runCommand(target, addAnnotationMark(r.from, r.to, id))) return null;
  const chars = new Set<string>();
  for (const ch of there.textBetween(r.from, r.to)) chars.add(ch);
  sim.madeOn.set(id, chars);
  sim.visibleAt.set(id, new Set(there.textBetween(0, there.content.size, "", "")));
  createAnnotation(c.store, c.ctx, {
    id,
    kind: sim.pick(KINDS),
    selector: selectorFor(there, r.from, r.to),
    body: "first",
  });
  return `annotate ${id} ${r.from}-${r.to}${target === c ? "" : " via server"}`;
};

const reply: Op = (sim, c) => {
  if (c.server || (sim.mode === "server" && !c.online)) return null;
  const ids = liveAnnotations(c);
  if (!ids.length) return null;
  const id = sim.pick(ids);
  const m = refusable(sim, () =>
    replyToAnnotation(storeFor(sim, c), c.ctx, id, `reply by ${c.name}`),
  );
  if (!m) return `reply ${id} refused`;
  sim.replies.add(`${id}/${m.id}`);
  return `reply ${id}`;
};

const resolve: Op = (sim, c) => {
  if (c.server || (sim.mode === "server" && !c.online)) return null;
  const ids = liveAnnotations(c);
  if (!ids.length) return null;
  const id = sim.pick(ids);
  const store = storeFor(sim, c);
  const done = refusable(sim, () =>
    readAnnotation(store, id)!.resolved
      ? reopenAnnotation(store, c.ctx, id)
      : resolveAnnotation(store, c.ctx, id),
  );
  if (!done) return `resolve/reopen ${id} refused`;
  return `resolve/reopen ${id}`;
};

/// Deletes an annotation: tombstones the body and removes the mark.
const remove: Op = (sim, c) => {
  if (c.server || c.role !== "editor" || (sim.mode === "server" && !c.online)) return null;
  const ids = liveAnnotations(c).filter((id) => c.ctx.auth.canDelete(readAnnotation(c.store, id)!));
  if (!ids.length) return null;
  const id = sim.pick(ids);
  if (sim.mode === "server") {
    const server = sim.clients[0]!;
    if (!refusable(sim, () => deleteAnnotation(server.store, c.ctx, id)))
      return `delete annotation ${id} refused`;
    server.ydoc.transact(() => removeAnnotationFormat(server.frag, id), SERVER);
    return `delete annotation ${id} via server`;
  }
  deleteAnnotation(c.store, c.ctx, id);
  runCommand(c, removeAnnotationMark(id));
  return `delete annotation ${id}`;
};

const reconcile: Op = (sim, c) => {
  if (c.server) return `reconcile ${JSON.stringify(serverReconcile(sim, 20_000))}`;
  if (sim.mode === "server") return null;
  const report = reconcileAnchors(
    pm(c),
    c.store,
    { ...c.ctx, auth: systemAuth() },
    { minAgeMs: 20_000 },
  );
  return `reconcile ${JSON.stringify(report)}`;
};

/// Delivers the first 1..n messages of a random non-empty queue.
const deliver: Op = (sim) => {
  const ready = [...sim.queues.entries()].filter(([, l]) => l.length);
  if (!ready.length) return null;
  const [key, l] = sim.pick(ready);
  const [from, to] = key.split(">");
  const target = sim.clients.find((x) => x.name === to)!;
  const n = 1 + sim.int(l.length);
  for (const m of l.splice(0, n)) apply(target, m);
  return `deliver ${n} ${from}→${to}`;
};

/// Takes a client offline, dropping its queued messages both ways.
const disconnect: Op = (sim, c) => {
  if (c.server || !c.online) return null;
  c.online = false;
  for (const d of sim.clients) {
    q(sim, c, d).length = 0;
    q(sim, d, c).length = 0;
  }
  return `disconnect ${c.name}`;
};

/// Brings a client back online, syncing it both ways with online peers.
const reconnect: Op = (sim, c) => {
  if (c.online) return null;
  c.online = true;
  for (const d of sim.clients)
    if (d !== c && d.online) {
      sync(c, d);
      sync(d, c);
    }
  return `reconnect ${c.name}`;
};

export const ops: Record<string, Op> = {
  type,
  delete: del,
  split,
  join,
  undo: (sim, c) => {
    if (c.server || c.role !== "editor" || !c.undo.canUndo()) return null;
    undoing(sim, c, () => c.undo.undo());
    return "undo";
  },
  redo: (sim, c) => {
    if (c.server || c.role !== "editor" || !c.undo.canRedo()) return null;
    undoing(sim, c, () => c.undo.redo());
    return "redo";
  },
  annotate: (sim, c) =>
    c.server ? null : sim.mode === "server" ? annotateViaServer(sim, c) : annotateOnClient(sim, c),
  reply,
  resolve,
  remove,
  reconcile,
  deliver,
  disconnect,
  reconnect,
};

/// How often each operation is drawn (the order matters for the draws).
export const weights: [string, number][] = [
  ["type", 30],
  ["delete", 12],
  ["split", 8],
  ["join", 5],
  ["undo", 8],
  ["redo", 4],
  ["annotate", 12],
  ["reply", 6],
  ["resolve", 4],
  ["remove", 2],
  ["reconcile", 3],
  ["deliver", 40],
  ["disconnect", 3],
  ["reconnect", 6],
];
