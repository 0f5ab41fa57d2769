// A seeded randomized convergence test of annotations over Yjs, in the spirit
// of Yjs's applyRandomTests: simulated clients edit a shared text (a
// Y.XmlFragment bound through y-prosemirror's updateYFragment, no DOM) and
// a shared annotations map (a second Y.Doc), with random delivery,
// disconnects and reconnects, then must agree and keep the invariants below.
import {
  AnnotationError,
  addAnnotationMark,
  annotationAuth,
  annotationRanges,
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  type OperationContext,
  readAnnotation,
  reconcileAnchors,
  removeAnnotationMark,
  reopenAnnotation,
  replyToAnnotation,
  resolveAnnotation,
  selectorFor,
  systemAuth,
} from "@glossa/annotations";
import { YMapAnnotationStore } from "@glossa/collab/store";
import { schema } from "@glossa/schema";
import {
  AnnotationService,
  addAnnotationFormat,
  anchorItemsMap,
  removeAnnotationFormat,
  verifyAnchors,
} from "@glossa/server";
import type { Node } from "prosemirror-model";
import { EditorState, type Transaction } from "prosemirror-state";
import { canJoin, Transform } from "prosemirror-transform";
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

const REMOTE = Symbol("remote");
/// Origin of the server's own writes (marks, reconciliation): not undoable
/// by clients, sent to everyone.
const SERVER = Symbol("server");
/// The real AnnotationService's quote check (`locate`), without Hocuspocus.
const service = new AnnotationService(() => {
  throw new Error("the simulation has no Hocuspocus");
});

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

interface Client {
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

interface Msg {
  part: "text" | "ann";
  update: Uint8Array;
}

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

export function runSimulation(seed: number, options: RunOptions = {}): RunResult {
  const seeded = rng(seed);
  const tape: number[][] = [[]];
  let replay: number[] | null = options.tape ? [...options.tape[0]!] : null;
  const fallback = rng(seed ^ 0x5bd1e995);
  const random = () => {
    const v = replay ? (replay.length ? replay.shift()! : fallback()) : seeded();
    tape[tape.length - 1]!.push(v);
    return v;
  };
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const nClients = options.clients ?? 3 + int(3);
  const nOps = options.ops ?? 150;
  const mode: MarkMode = options.mode ?? "server";
  const verify = options.verify ?? true;
  const log: string[] = [];
  let clock = Date.UTC(2025, 0, 1);
  const now = () => new Date(clock);
  let idCounter = 0;
  const newId = () => `id-${seed}-${String(++idCounter).padStart(5, "0")}`;

  // Unique characters: every inserted character is new, so its identity is
  // the character itself (undo re-inserts the same characters).
  let nextChar = 0x4e00;
  const fresh = () => String.fromCharCode(nextChar++);
  /// For each character inserted by typing, or put back by an undo or redo:
  /// the characters either side of the insertion point, in its block, when
  /// it was inserted (null at a block edge), and the annotations the
  /// inserting client saw then, and those whose mark covered both
  /// neighbours in its copy (`under`: it typed inside that span). One entry
  /// per insertion.
  type Neighbours = {
    left: string | null;
    right: string | null;
    saw: Set<string>;
    under?: Set<string>;
  };
  const neighbours = new Map<string, Neighbours[]>();
  const insertedAt = (ch: string, n: Neighbours) => {
    const l = neighbours.get(ch);
    if (l) l.push(n);
    else neighbours.set(ch, [n]);
  };
  /// For each annotation: the characters under its mark when it was made,
  /// and every character of the document it was made in.
  const madeOn = new Map<string, Set<string>>();
  const visibleAt = new Map<string, Set<string>>();
  const charsOf = (doc: Node) => new Set(doc.textBetween(0, doc.content.size, "", ""));
  const replies = new Set<string>();

  // Clients, plus a server replica (index 0).
  const clients: Client[] = [];
  for (let i = 0; i <= nClients; i++) {
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
        : pick(["editor", "editor", "annotator"] as const);
    const user = { id: server ? "glossa" : `user${i}`, name: server ? "Glossa" : `User ${i}` };
    const c: Client = {
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
    clients.push(c);
  }
  const queues = new Map<string, Msg[]>();
  const q = (a: Client, b: Client) => {
    const k = `${a.name}>${b.name}`;
    let l = queues.get(k);
    if (!l) {
      l = [];
      queues.set(k, l);
    }
    return l;
  };
  for (const c of clients) {
    const send = (part: Msg["part"]) => (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || !c.online) return;
      for (const d of clients) if (d !== c && d.online) q(c, d).push({ part, update });
    };
    c.ydoc.on("update", send("text"));
    c.adoc.on("update", send("ann"));
  }

  // Initial content, made on the server and synced to everyone.
  const initial = schema.node(
    "doc",
    null,
    Array.from({ length: 4 }, () =>
      schema.node("paragraph", null, [
        schema.text(Array.from({ length: 8 + int(10) }, fresh).join("")),
      ]),
    ),
  );
  clients[0]!.ydoc.transact(() => prosemirrorToYXmlFragment(initial, clients[0]!.frag), REMOTE);
  for (const c of clients.slice(1))
    Y.applyUpdate(c.ydoc, Y.encodeStateAsUpdate(clients[0]!.ydoc), REMOTE);

  const trace = !!process.env.GLOSSA_FUZZ_TRACE;
  if (trace) log.push(`  TRACE initial: ${initial.children.map((n) => n.textContent).join("/")}`);
  const pm = (c: Client): Node => yXmlFragmentToProseMirrorRootNode(c.frag, schema);
  const commit = (c: Client, doc: Node) =>
    c.ydoc.transact(() => {
      updateYFragment(c.ydoc, c.frag, doc, { mapping: new Map(), isOMark: new Map() });
    }, ySyncPluginKey);
  const sync = (a: Client, b: Client) => {
    Y.applyUpdate(b.ydoc, Y.encodeStateAsUpdate(a.ydoc, Y.encodeStateVector(b.ydoc)), REMOTE);
    Y.applyUpdate(b.adoc, Y.encodeStateAsUpdate(a.adoc, Y.encodeStateVector(b.adoc)), REMOTE);
  };
  const apply = (c: Client, m: Msg) =>
    Y.applyUpdate(m.part === "text" ? c.ydoc : c.adoc, m.update, REMOTE);

  const textblocks = (doc: Node) => {
    const out: { pos: number; node: Node }[] = [];
    doc.descendants((node, pos) => {
      if (node.isTextblock) out.push({ pos: pos + 1, node });
      return !node.isTextblock;
    });
    return out;
  };
  /// The character at document position [pos, pos + 1) in its block, or null.
  const charAt = (doc: Node, pos: number): string | null => {
    const $p = doc.resolve(pos);
    const after = $p.nodeAfter;
    return after?.isText ? after.text![0]! : null;
  };
  const charBefore = (doc: Node, pos: number): string | null => {
    const $p = doc.resolve(pos);
    const before = $p.nodeBefore;
    return before?.isText ? before.text![before.text!.length - 1]! : null;
  };
  const randomRange = (doc: Node, maxLen: number): { from: number; to: number } | null => {
    const blocks = textblocks(doc).filter((b) => b.node.content.size > 0);
    if (!blocks.length) return null;
    const b = pick(blocks);
    const start = int(b.node.content.size);
    const len = 1 + int(Math.min(maxLen, b.node.content.size - start));
    return { from: b.pos + start, to: b.pos + start + len };
  };
  const state = (doc: Node) => EditorState.create({ doc, schema });
  const runCommand = (
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
  const liveAnnotations = (c: Client) => listAnnotations(c.store).map((a) => a.id);
  /// Runs a server-side operation; null when the server refuses it (the
  /// client's copy was behind: the annotation was deleted meanwhile).
  const refusable = <T>(fn: () => T): T | null => {
    try {
      return fn();
    } catch (err) {
      if (mode === "server" && err instanceof AnnotationError) return null;
      throw err;
    }
  };
  /// Where a client's annotation operation is carried out.
  const storeFor = (c: Client) => (mode === "server" ? clients[0]!.store : c.store);
  /// What AnnotationService.reconcile does on the server: check marks
  /// against their quotes, bring detached flags in line, remove marks of
  /// deleted annotations.
  const serverReconcile = (minAgeMs: number) => {
    const server = clients[0]!;
    const before = markedChars(pm(server));
    const fixes = verify
      ? transactServer(() =>
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
      const ok = allowed(f.id, false, false);
      for (const ch of before.get(f.id) ?? [])
        if (!after.get(f.id)?.has(ch) && ok.has(ch)) {
          overTrimmed++;
          if (trace)
            log.push(
              `  TRACE over-trimmed ${f.id} quote=${f.quote} was=${f.was} ${ch} ${JSON.stringify(neighbours.get(ch) ?? "madeOn")} madeOn=${madeOn.get(f.id)?.has(ch)}`,
            );
        }
    }
    const checked = fixes.map((f) => `${f.id} ${f.outcome}`);
    const report = reconcileAnchors(pm(server), server.store, server.ctx, { minAgeMs });
    if (report.deletedMarks.length)
      transactServer(() => {
        for (const id of report.deletedMarks) removeAnnotationFormat(server.frag, id);
      });
    return { ...report, checked };
  };
  let overTrimmed = 0;
  const markedChars = (doc: Node) => {
    const out = new Map<string, Set<string>>();
    for (const [id, rs] of annotationRanges(doc))
      out.set(id, new Set(rs.flatMap((r) => [...doc.textBetween(r.from, r.to, "", "")])));
    return out;
  };
  const transactServer = <T>(fn: () => T): T => {
    let out: T | undefined;
    const server = clients[0]!;
    server.ydoc.transact(
      () => {
        out = fn();
      },
      mode === "server" ? SERVER : ySyncPluginKey,
    );
    return out as T;
  };

  // No annotation covers text other than what it was made on: every
  // character under the mark of A was under it when A was made, or was typed
  // later between two characters that are themselves allowed for A.
  const strict = !!process.env.GLOSSA_FUZZ_STRICT;
  let edgeAbsorptions = 0;
  const allowed = (id: string, counting = false, edges = !strict) => {
    const set = new Set(madeOn.get(id) ?? []);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [ch, ns] of neighbours) {
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
            if (counting && !(l && r)) edgeAbsorptions++;
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
  const coverViolations = (doc: Node, counting = false): string[] => {
    const out: string[] = [];
    const show = (chs: string[]) =>
      chs
        .map(
          (ch) =>
            `${ch}(${JSON.stringify(neighbours.get(ch)?.map((n) => ({ ...n, saw: undefined })) ?? "initial")})`,
        )
        .join(" ");
    for (const [id, rs] of annotationRanges(doc)) {
      const ok = allowed(id, counting);
      // Inside the span, a character inserted by a client that had not
      // seen the mark, between characters that are allowed or that the
      // mark's maker did not see (deleted, in its copy), was typed inside
      // the span as the merged document has it; text typed later between it
      // and another allowed character is typed inside the span too.
      const unseen = (ch: string | null) =>
        ch !== null && (ok.has(ch) || !visibleAt.get(id)?.has(ch));
      const inside = (ch: string) =>
        (neighbours.get(ch) ?? []).some(
          (n) => (!n.saw.has(id) || !!n.under?.has(id)) && unseen(n.left) && unseen(n.right),
        );
      const between = (ch: string) =>
        (neighbours.get(ch) ?? []).some(
          (n) => n.left !== null && n.right !== null && ok.has(n.left) && ok.has(n.right),
        );
      if (!strict) {
        const marked = rs.flatMap((r) => [...doc.textBetween(r.from, r.to, "", "\n")]);
        for (let grew = true; grew; ) {
          grew = false;
          for (const ch of marked)
            if (!ok.has(ch) && (inside(ch) || between(ch))) {
              ok.add(ch);
              grew = true;
            }
        }
      }
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
          .filter((ch) => !ok.has(ch) && (strict || !inside(ch)));
        const edges = [...chars.slice(0, first), ...chars.slice(last + 1)];
        if (inner.length)
          out.push(`${id} covers ${inner.length} character(s) it was not made on: ${show(inner)}`);
        if (edges.length && strict)
          out.push(`${id} absorbed ${edges.length} character(s) at its edge: ${show(edges)}`);
        if (counting) edgeAbsorptions += edges.length;
      }
    }
    return out;
  };

  /// Runs an undo or redo and records where the characters it put back are.
  const undoing = (c: Client, fn: () => void) => {
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
        for (const ch of text.slice(i, j)) insertedAt(ch, n);
        i = j;
      }
    }
  };

  const ops: Record<string, (c: Client) => string | null> = {
    type(c) {
      if (c.server || c.role !== "editor") return null;
      const doc = pm(c);
      const b = pick(textblocks(doc));
      const pos = b.pos + int(b.node.content.size + 1);
      const text = Array.from({ length: 1 + int(3) }, fresh).join("");
      const left = charBefore(doc, pos);
      const right = charAt(doc, pos);
      // Characters typed together share the neighbours of the insertion point.
      const saw = new Set(annotationRanges(doc).keys());
      // The annotations marking the character at [p, p + 1).
      const ids = (p: number) => {
        const out = new Set<string>();
        doc.nodesBetween(p, p + 1, (n) => {
          if (n.isText)
            for (const m of n.marks) if (m.type.name === "annotation") out.add(m.attrs.id);
        });
        return out;
      };
      const before = left === null ? new Set<string>() : ids(pos - 1);
      const after = right === null ? new Set<string>() : ids(pos);
      const under = new Set([...before].filter((id) => after.has(id)));
      for (const ch of text) insertedAt(ch, { left, right, saw, under });
      const tr = state(doc).tr.insertText(text, pos);
      commit(c, tr.doc);
      return `type ${JSON.stringify(text)} at ${pos}`;
    },
    delete(c) {
      if (c.server || c.role !== "editor") return null;
      const doc = pm(c);
      let r = randomRange(doc, 5);
      if (!r) return null;
      if (random() < 0.2)
        r = { from: r.from, to: Math.min(doc.content.size - 1, r.to + 4 + int(6)) };
      const tr = new Transform(doc).delete(r.from, r.to);
      if (!tr.docChanged) return null;
      commit(c, tr.doc);
      return `delete ${r.from}-${r.to}`;
    },
    split(c) {
      if (c.server || c.role !== "editor") return null;
      const doc = pm(c);
      const b = pick(textblocks(doc));
      const pos = b.pos + int(b.node.content.size + 1);
      commit(c, new Transform(doc).split(pos).doc);
      return `split at ${pos}`;
    },
    join(c) {
      if (c.server || c.role !== "editor" || pm(c).childCount < 2) return null;
      const doc = pm(c);
      const i = 1 + int(doc.childCount - 1);
      let pos = 0;
      for (let k = 0; k < i; k++) pos += doc.child(k).nodeSize;
      if (!canJoin(doc, pos)) return null;
      commit(c, new Transform(doc).join(pos).doc);
      return `join at ${pos}`;
    },
    undo(c) {
      if (c.server || c.role !== "editor" || !c.undo.canUndo()) return null;
      undoing(c, () => c.undo.undo());
      return "undo";
    },
    redo(c) {
      if (c.server || c.role !== "editor" || !c.undo.canRedo()) return null;
      undoing(c, () => c.undo.redo());
      return "redo";
    },
    annotate(c) {
      if (c.server) return null;
      if (mode === "server") {
        // A request to the server: the quote and its context as the client
        // sees them; the server checks them against its own copy.
        if (!c.online) return "annotate refused (offline)";
        const server = clients[0]!;
        const mine = pm(c);
        const r = randomRange(mine, 8);
        if (!r) return null;
        const seen = selectorFor(mine, r.from, r.to);
        const there = pm(server);
        let at: { from: number; to: number };
        try {
          at = service.locate(there, { ...r, quote: seen.quote.exact, ...seen.quote });
        } catch (err) {
          return `annotate refused (${(err as { code?: string }).code})`;
        }
        const id = newId();
        createAnnotation(server.store, c.ctx, {
          id,
          kind: pick(["comment", "claim", "question", "issue", "highlight"]),
          selector: selectorFor(there, at.from, at.to),
          body: "first",
        });
        server.ydoc.transact(
          () => addAnnotationFormat(server.frag, at.from, at.to, id, anchorItemsMap(server.adoc)),
          SERVER,
        );
        madeOn.set(id, new Set(there.textBetween(at.from, at.to)));
        visibleAt.set(id, charsOf(there));
        return `annotate ${id} ${at.from}-${at.to} (asked ${r.from}-${r.to})`;
      }
      // Editors add the mark themselves; annotators ask the server, which
      // adds it on its replica when the quote is still at that range.
      const target = c.role === "editor" ? c : clients[0]!;
      const mine = pm(c);
      const r = randomRange(mine, 8);
      if (!r) return null;
      const quote = mine.textBetween(r.from, r.to);
      const there = pm(target);
      if (r.to > there.content.size || there.textBetween(r.from, r.to, "\n\n") !== quote)
        return `annotate refused (server copy differs)`;
      const id = newId();
      if (!runCommand(target, addAnnotationMark(r.from, r.to, id))) return null;
      const chars = new Set<string>();
      for (const ch of there.textBetween(r.from, r.to)) chars.add(ch);
      madeOn.set(id, chars);
      visibleAt.set(id, new Set(there.textBetween(0, there.content.size, "", "")));
      createAnnotation(c.store, c.ctx, {
        id,
        kind: pick(["comment", "claim", "question", "issue", "highlight"]),
        selector: selectorFor(there, r.from, r.to),
        body: "first",
      });
      return `annotate ${id} ${r.from}-${r.to}${target === c ? "" : " via server"}`;
    },
    reply(c) {
      if (c.server || (mode === "server" && !c.online)) return null;
      const ids = liveAnnotations(c);
      if (!ids.length) return null;
      const id = pick(ids);
      const m = refusable(() => replyToAnnotation(storeFor(c), c.ctx, id, `reply by ${c.name}`));
      if (!m) return `reply ${id} refused`;
      replies.add(`${id}/${m.id}`);
      return `reply ${id}`;
    },
    resolve(c) {
      if (c.server || (mode === "server" && !c.online)) return null;
      const ids = liveAnnotations(c);
      if (!ids.length) return null;
      const id = pick(ids);
      const store = storeFor(c);
      const done = refusable(() =>
        readAnnotation(store, id)!.resolved
          ? reopenAnnotation(store, c.ctx, id)
          : resolveAnnotation(store, c.ctx, id),
      );
      if (!done) return `resolve/reopen ${id} refused`;
      return `resolve/reopen ${id}`;
    },
    remove(c) {
      // Delete an annotation: tombstone the body and remove the mark.
      if (c.server || c.role !== "editor" || (mode === "server" && !c.online)) return null;
      const ids = liveAnnotations(c).filter((id) =>
        c.ctx.auth.canDelete(readAnnotation(c.store, id)!),
      );
      if (!ids.length) return null;
      const id = pick(ids);
      if (mode === "server") {
        const server = clients[0]!;
        if (!refusable(() => deleteAnnotation(server.store, c.ctx, id)))
          return `delete annotation ${id} refused`;
        server.ydoc.transact(() => removeAnnotationFormat(server.frag, id), SERVER);
        return `delete annotation ${id} via server`;
      }
      deleteAnnotation(c.store, c.ctx, id);
      runCommand(c, removeAnnotationMark(id));
      return `delete annotation ${id}`;
    },
    reconcile(c) {
      if (c.server) return `reconcile ${JSON.stringify(serverReconcile(20_000))}`;
      if (mode === "server") return null;
      const report = reconcileAnchors(
        pm(c),
        c.store,
        { ...c.ctx, auth: systemAuth() },
        { minAgeMs: 20_000 },
      );
      return `reconcile ${JSON.stringify(report)}`;
    },
    deliver() {
      const ready = [...queues.entries()].filter(([, l]) => l.length);
      if (!ready.length) return null;
      const [key, l] = pick(ready);
      const [from, to] = key.split(">");
      const target = clients.find((x) => x.name === to)!;
      const n = 1 + int(l.length);
      for (const m of l.splice(0, n)) apply(target, m);
      return `deliver ${n} ${from}→${to}`;
    },
    disconnect(c) {
      if (c.server || !c.online) return null;
      c.online = false;
      for (const d of clients) {
        q(c, d).length = 0;
        q(d, c).length = 0;
      }
      return `disconnect ${c.name}`;
    },
    reconnect(c) {
      if (c.online) return null;
      c.online = true;
      for (const d of clients)
        if (d !== c && d.online) {
          sync(c, d);
          sync(d, c);
        }
      return `reconnect ${c.name}`;
    },
  };
  const weights: [string, number][] = [
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
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const steps = options.tape ? options.tape.length - 1 : nOps;
  for (let i = 0; i < steps; i++) {
    tape.push([]);
    if (options.tape) replay = [...options.tape[i + 1]!];
    clock += 1000 + int(5000);
    let r = random() * total;
    let name = weights[0]![0];
    for (const [n, w] of weights) {
      r -= w;
      if (r < 0) {
        name = n;
        break;
      }
    }
    const c = pick(clients);
    const what = ops[name]!(c);
    if (what) log.push(`${c.name}: ${what}`);
    if (trace && what) {
      for (const d of clients) {
        const v = coverViolations(pm(d));
        if (v.length) {
          const marks = [...annotationRanges(pm(d))].map(
            ([id, rs]) =>
              `${id.slice(-5)}=${rs.map((r) => pm(d).textBetween(r.from, r.to)).join("|")}`,
          );
          log.push(
            `  TRACE ${d.name}: ${v.join("; ")} :: ${pm(d)
              .children.map((n) => n.textContent)
              .join("/")} :: ${marks.join(" ")}`,
          );
        }
      }
    }
  }

  // Settle: everyone online, full sync; the server reconciles (removing
  // marks of deleted annotations, as it would), full sync again.
  for (const c of clients) c.online = true;
  const syncAll = () => {
    for (let round = 0; round < 2; round++)
      for (const a of clients) for (const b of clients) if (a !== b) sync(a, b);
    queues.clear();
  };
  syncAll();
  if (trace) log.push(`  TRACE after sync: ${coverViolations(pm(clients[0]!)).join("; ")}`);
  if (process.env.GLOSSA_FUZZ_TRACE === "2") log.push(dumpItems(clients[0]!.frag));
  const server = clients[0]!;
  clock += 60_000;
  log.push(`server: final reconcile ${JSON.stringify(serverReconcile(0))}`);
  syncAll();

  // Invariants.
  const violations: string[] = [];
  const docs = clients.map((c) => JSON.stringify(pm(c).toJSON()));
  const maps = clients.map((c) => JSON.stringify(sortKeys(c.adoc.getMap("annotations").toJSON())));
  docs.forEach((d, i) => {
    // GLOSSA_FUZZ_TRACE=2: the differing paragraphs and both item lists.
    if (d !== docs[0] && process.env.GLOSSA_FUZZ_TRACE === "2") {
      const c = clients[i]!;
      const same = (f: (x: Y.Doc) => Uint8Array) =>
        Buffer.from(f(c.ydoc)).equals(Buffer.from(f(clients[0]!.ydoc)));
      log.push(
        `  DIVERGE ${c.name}: same state vector ${same(Y.encodeStateVector)}, same snapshot ${same((x) => Y.encodeSnapshot(Y.snapshot(x)))}`,
      );
      const mine = pm(c).children.map((n) => JSON.stringify(n.toJSON()));
      const theirs = pm(clients[0]!).children.map((n) => JSON.stringify(n.toJSON()));
      mine.forEach((x, k) => {
        if (x !== theirs[k]) log.push(`  ${c.name}: ${x}\n  server: ${theirs[k]}`);
      });
      log.push(dumpItems(c.frag), "  ---- server", dumpItems(clients[0]!.frag));
    }
    if (d !== docs[0]) violations.push(`text of ${clients[i]!.name} differs from the server's`);
  });
  maps.forEach((m, i) => {
    if (m !== maps[0])
      violations.push(`annotations of ${clients[i]!.name} differ from the server's`);
  });
  const doc = pm(server);
  const ranges = annotationRanges(doc);
  const all = listAnnotations(server.store, { includeDeleted: true });
  const byId = new Map(all.map((a) => [a.id, a]));
  for (const id of ranges.keys()) {
    const a = byId.get(id);
    if (!a) violations.push(`mark ${id} has no body`);
    else if (a.deleted) violations.push(`mark ${id} belongs to a deleted annotation`);
  }
  for (const a of all) {
    if (a.deleted) continue;
    const has = ranges.has(a.id);
    if (!has && !a.detached) violations.push(`${a.id} has no mark and is not detached`);
    if (has && a.detached) violations.push(`${a.id} is marked detached but has its mark`);
  }
  violations.push(...coverViolations(doc, true));
  for (const key of replies) {
    const [id, mid] = key.split("/");
    if (!byId.get(id!)?.messages.some((m) => m.id === mid))
      violations.push(`reply ${key} was lost`);
  }
  return {
    seed,
    ops: log,
    clients: nClients,
    annotations: all.length,
    replies: replies.size,
    detached: all.filter((a) => a.detached).length,
    edgeAbsorptions,
    overTrimmed,
    violations,
    tape,
  };
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/// The Yjs items of every paragraph (for GLOSSA_FUZZ_TRACE=2).
function dumpItems(frag: Y.XmlFragment): string {
  const lines: string[] = [];
  const visit = (parent: Y.XmlFragment | Y.XmlElement, depth: number) => {
    for (let item = parent._start; item; item = item.right) {
      const del = item.deleted ? "✗" : "";
      const id = `${item.id.client}:${item.id.clock}`;
      const o = item.origin ? `${item.origin.client}:${item.origin.clock}` : "-";
      const ro = item.rightOrigin ? `${item.rightOrigin.client}:${item.rightOrigin.clock}` : "-";
      const c = item.content;
      let what = c.constructor.name;
      if (c instanceof Y.ContentString) what = JSON.stringify(c.str);
      else if (c instanceof Y.ContentFormat)
        what = `{${c.key.slice(-6)}:${JSON.stringify(c.value)}}`;
      else if (c instanceof Y.ContentDeleted) what = `deleted×${c.len}`;
      else if (c instanceof Y.ContentType)
        what = c.type instanceof Y.XmlText ? "XmlText" : "paragraph";
      lines.push(`  ${"  ".repeat(depth)}${del}${id} ${what} o=${o} ro=${ro}`);
      if (c instanceof Y.ContentType && !item.deleted) visit(c.type as Y.XmlElement, depth + 1);
    }
  };
  visit(frag, 0);
  return lines.join("\n");
}
