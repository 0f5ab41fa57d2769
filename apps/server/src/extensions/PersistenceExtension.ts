import { encodeStateless, parseStatelessMessage } from "@glossa/protocol";
import type {
  afterLoadDocumentPayload,
  Connection,
  connectedPayload,
  Document,
  Extension,
  onLoadDocumentPayload,
  onStatelessPayload,
  onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";
import type { GlossaContext } from "../context.ts";
import { deletionsApplied } from "../deletionsApplied.ts";
import { keepLoadedState } from "../freshState.ts";
import { applyUnheard, loadStepsOf, nextTurn, textLoading } from "../loadSteps.ts";
import { log } from "../log.ts";
import type { JournalRow, MergeParts, Store } from "../storage/index.ts";
import { appliedScan } from "../updateScan.ts";

/// Optional measurements (the metrics endpoint plugs in here).
export interface PersistenceObserver {
  /// A group commit: how many documents and updates, and how long it took.
  journalWritten?(documents: number, updates: number, ms: number): void;
  /// Updates accepted in memory and not yet on disk, all documents.
  backlog?(updates: number): void;
  compacted?(documentName: string, ms: number): void;
  /// An update is on disk, `ms` after it arrived (saved-acknowledgement latency).
  saved?(ms: number): void;
  storageError?(documentName: string, error: Error): void;
}

export interface PersistenceConfiguration {
  store: Store;
  /// Called when updates can not be written; the extension keeps retrying.
  onStorageError?: (documentName: string, error: Error) => void;
  observer?: PersistenceObserver;
  /// How long `whenDurable` waits before giving up, ms.
  durableTimeoutMs?: number;
  /// How compaction merges stored parts; default: the store's own, in a
  /// worker thread.
  merge?: MergeParts;
}

/// Refusal of `whenDurable`: the change is in memory (and will be written
/// when the store answers again) but is not on disk now.
export class NotSavedError extends Error {
  readonly code = "not-saved";
}

interface Pending {
  update: Uint8Array;
  /// Who sent it: the connection owed a `saved` for it, `null` for the
  /// server's own writes (announced to every connection), `"redis"` for an
  /// update another instance received (that instance announces it).
  from: Connection | null | "redis";
  seq: number;
  /// When it arrived (performance.now()), for the saved latency.
  at: number;
}

interface DocState {
  name: string;
  document: Document;
  /// Accepted in memory, not yet on disk, oldest first.
  pending: Pending[];
  /// Sequence numbers of accepted updates: the last accepted, the last stored.
  accepted: number;
  stored: number;
  waiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[];
  /// Clock of each Yjs client id up to which its updates are on disk.
  durable: Map<number, number>;
  /// Announcements due at the next `saved`: per connection (a connection
  /// hears only about the client ids it wrote with), and for every
  /// connection (the server's own writes).
  owed: Map<Connection, Set<number>>;
  owedToAll: Set<number>;
  /// Connections that joined while updates were still pending: they get the
  /// whole durable state vector once, after the next write (their own
  /// changes may be among those pending, sent by an earlier connection).
  owedFull: Set<Connection>;
  savedTimer: NodeJS.Timeout | null;
  lastSavedAt: number;
}

const LOAD_ORIGIN = { source: "local", skipStoreHooks: true } as const;
/// `scope`: "all" — every client id the document holds; "own" — only the
/// recipient's own (docs/protocol.md §5).
const savedMessage = (clocks: Map<number, number>, scope: "all" | "own") =>
  encodeStateless({
    type: "saved",
    stateVector: Buffer.from(Y.encodeStateVector(clocks)).toString("base64"),
    scope,
  });

/// Minimum spacing of `saved` announcements per document: the first goes out
/// at once, later ones within this window are folded into one.
const SAVED_SPACING_MS = 20;
const RETRY_MS = 1000;

/// "Saved" means on disk (docs/design.md §4). Every update a document receives —
/// from its own clients, from the server's own services, or relayed by
/// another instance through Redis — is appended to the store's journal, and
/// a stateless `saved` message then tells the connection that wrote what of
/// its own is safe (its client ids' durable clocks only; new connections get
/// the whole durable state vector, docs/protocol.md §5). An instance never announces state it has not seen
/// stored: if the instance that received an edit dies before writing it,
/// every other instance that holds it has written it too (Yjs updates are
/// idempotent, so the duplicate rows merge away at compaction).
///
/// Updates that arrive in one turn of the event loop are written together,
/// for all documents, in one transaction (group commit: one fsync per turn
/// instead of one per keystroke); one batch is in flight at a time.
/// Hocuspocus' debounced store hook compacts the journal into a snapshot,
/// merging in a worker thread so that large histories do not stall the loop.
export class PersistenceExtension implements Extension<GlossaContext> {
  extensionName = "glossa-persistence";
  priority = 100;
  private readonly docs = new Map<string, DocState>();
  /// Documents with updates not yet in a batch.
  private readonly dirty = new Set<DocState>();
  private scheduled = false;
  private writing: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /// The last write failed and none has succeeded since.
  private failingSince: number | null = null;

  constructor(private readonly config: PersistenceConfiguration) {}

  /// True while the store refuses writes (the extension keeps retrying).
  get failing(): boolean {
    return this.failingSince !== null;
  }

  /// Applies the stored parts a step per turn of the event loop
  /// (`loadSteps.ts`: runs of small journal rows, slices of a large snapshot
  /// or row), each its own transaction, not encoded again for Hocuspocus'
  /// broadcast (`applyUnheard`): a large document loads without holding the
  /// loop, and other documents' messages are handled in between. Nothing is
  /// served from this document until its load ends.
  /// An annotations document takes no step while its text loads
  /// (`textLoading`): the text is answered first. A document loaded from one
  /// part keeps it as its whole state for fresh clients (`freshState.ts`).
  async onLoadDocument({ document, documentName, instance }: onLoadDocumentPayload): Promise<void> {
    const parts = await this.config.store.loadParts(documentName);
    const steps = loadStepsOf(parts);
    for (;;) {
      // A turn per step (the read of the parts above is one too); the
      // generator's own work for a step (slicing) is done in its turn.
      await nextTurn();
      const text = textLoading(instance, documentName);
      if (text) {
        // Its failure is the text's connection's to report. A turn after
        // it ends: the text's answer is written meanwhile.
        await text.catch(() => undefined);
        continue;
      }
      const step = steps.next();
      if (step.done) return keepLoadedState(document, parts);
      applyUnheard(document, step.value, LOAD_ORIGIN);
    }
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const state: DocState = {
      name: documentName,
      document,
      pending: [],
      accepted: 0,
      stored: 0,
      waiters: [],
      // What was loaded came from the store.
      durable: Y.decodeStateVector(Y.encodeStateVector(document)),
      owed: new Map(),
      owedToAll: new Set(),
      owedFull: new Set(),
      savedTimer: null,
      lastSavedAt: 0,
    };
    this.docs.set(documentName, state);
    // Per update only what it costs to keep it: what it means for the
    // durable state is worked out per batch (`durableOf`).
    document.on("update", (update: Uint8Array, origin: unknown) => {
      state.accepted += 1;
      const o = origin as { source?: string; connection?: Connection } | null;
      state.pending.push({
        update,
        from: o?.source === "redis" ? "redis" : (o?.connection ?? null),
        seq: state.accepted,
        at: performance.now(),
      });
      this.dirty.add(state);
      this.schedule();
    });
  }

  /// Tells a new connection what is on disk, so a client whose changes were
  /// already stored (through another instance, or before a reconnect) shows
  /// them as saved without waiting for the next write; and again after the
  /// next write when some are still pending (they may be its own).
  /// A connection that may write readies the store for its first write.
  async connected({ connection, documentName }: connectedPayload): Promise<void> {
    if (!connection.readOnly) this.config.store.expectWrites?.();
    const state = this.docs.get(documentName);
    if (!state) return;
    connection.sendStateless(savedMessage(state.durable, "all"));
    if (state.stored < state.accepted) state.owedFull.add(connection);
  }

  private schedule(): void {
    if (this.scheduled || this.writing || this.retryTimer) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.commit();
    });
  }

  /// Writes every pending update of every dirty document as one batch.
  private commit(): Promise<void> {
    if (this.writing) return this.writing;
    // Spliced and read in the same turn: the documents hold exactly what is
    // stored plus these items, so their clocks now are what the batch makes durable.
    const batch = [...this.dirty].map((state) => {
      const items = state.pending.splice(0);
      return { state, items, durable: durableOf(state.document, items) };
    });
    this.dirty.clear();
    const rows: JournalRow[] = batch
      .filter((b) => b.items.length > 0)
      .map(({ state, items }) => ({
        name: state.name,
        update: items.length === 1 ? items[0]!.update : Y.mergeUpdates(items.map((i) => i.update)),
      }));
    if (rows.length === 0) return Promise.resolve();
    const started = performance.now();
    const write = this.config.store.appendUpdates(rows).then(
      () => {
        this.failingSince = null;
        this.config.observer?.journalWritten?.(
          rows.length,
          batch.reduce((n, b) => n + b.items.length, 0),
          performance.now() - started,
        );
        const now = performance.now();
        for (const { state, items, durable } of batch) {
          const last = items[items.length - 1];
          if (!last) continue;
          for (const i of items) this.config.observer?.saved?.(now - i.at);
          state.stored = last.seq;
          owe(state, durable);
          this.announce(state);
          this.settle(state);
        }
      },
      (err: Error) => {
        for (const { state, items } of batch) {
          // Back in front, in order, for the retry.
          state.pending.unshift(...items);
          this.dirty.add(state);
        }
        this.failed(
          batch.map((b) => b.state),
          err,
        );
      },
    );
    this.writing = write.finally(() => {
      this.writing = null;
      this.config.observer?.backlog?.(this.backlog());
      if (this.dirty.size > 0) this.schedule();
    });
    return this.writing;
  }

  private backlog(): number {
    let n = 0;
    for (const s of this.docs.values()) n += s.pending.length;
    return n;
  }

  private failed(states: DocState[], error: Error): void {
    this.failingSince ??= Date.now();
    for (const state of states) {
      this.config.onStorageError?.(state.name, error);
      this.config.observer?.storageError?.(state.name, error);
      for (const w of state.waiters.splice(0))
        w.reject(new NotSavedError(`could not write ${state.name}: ${error.message}`));
      for (const c of state.document.getConnections()) {
        c.sendStateless(
          encodeStateless({
            type: "error",
            code: "storage",
            message:
              "Your latest changes could not be saved yet. Glossa keeps trying; please keep this page open.",
          }),
        );
      }
    }
    log.error({ err: error.message }, "could not save; retrying");
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.schedule();
    }, RETRY_MS);
  }

  private settle(state: DocState): void {
    state.waiters = state.waiters.filter((w) => {
      if (w.seq > state.stored) return true;
      w.resolve();
      return false;
    });
  }

  /// Sends the durable state vector: at once when none went out in the last
  /// few milliseconds, else folded into one at the end of that window.
  private announce(state: DocState, now = false): void {
    if (state.savedTimer) return;
    const wait = now ? 0 : state.lastSavedAt + SAVED_SPACING_MS - Date.now();
    const send = () => {
      state.savedTimer = null;
      state.lastSavedAt = Date.now();
      this.sendSaved(state);
    };
    if (wait <= 0) send();
    else state.savedTimer = setTimeout(send, wait);
  }

  /// The `saved` announcements: to each connection that wrote, the clocks of
  /// its own client ids (a few bytes, not the whole state vector); to every
  /// connection, those of the server's own writes; the whole vector to
  /// connections that joined while updates were pending. Connections that
  /// only read get nothing per keystroke.
  private sendSaved(state: DocState): void {
    const { durable, owed, owedToAll, owedFull } = state;
    const clocks = (ids: Iterable<number>) => {
      const out = new Map<number, number>();
      for (const id of ids) out.set(id, durable.get(id) ?? 0);
      return out;
    };
    const live = state.document.getConnections();
    if (owedToAll.size > 0) {
      const payload = savedMessage(clocks(owedToAll), "own");
      for (const c of live) if (!owedFull.has(c)) c.sendStateless(payload);
    }
    if (owedFull.size > 0) {
      const payload = savedMessage(durable, "all");
      for (const c of live) if (owedFull.has(c)) c.sendStateless(payload);
    }
    for (const [c, ids] of owed)
      if (!owedFull.has(c) && live.includes(c)) c.sendStateless(savedMessage(clocks(ids), "own"));
    owed.clear();
    owedToAll.clear();
    owedFull.clear();
  }

  /// Resolves when every update the document has accepted so far is on
  /// disk; rejects with NotSavedError when the store fails or does not
  /// answer in time. Used to acknowledge server-side writes (annotations).
  whenDurable(documentName: string): Promise<void> {
    const state = this.docs.get(documentName);
    if (!state || state.stored >= state.accepted) return Promise.resolve();
    if (this.failing) return Promise.reject(new NotSavedError(`the store is not accepting writes`));
    const seq = state.accepted;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        state.waiters = state.waiters.filter((w) => w !== waiter);
        reject(new NotSavedError(`${documentName} was not written in time`));
      }, this.config.durableTimeoutMs ?? 5_000);
      const waiter = {
        seq,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      state.waiters.push(waiter);
    });
  }

  /// A client's `flush`: are its deletions (which move no clock, so no
  /// `saved` covers them) in the document and on disk? (docs/protocol.md §5)
  async onStateless({ connection, documentName, payload, document }: onStatelessPayload) {
    const message = parseStatelessMessage(payload);
    if (message?.type !== "flush") return;
    const applied = deletionsApplied(document, Buffer.from(message.deletions, "base64"));
    const ok =
      applied &&
      (await this.whenDurable(documentName).then(
        () => true,
        () => false,
      ));
    connection.sendStateless(
      encodeStateless({ type: "flushed", requestId: message.requestId, ok }),
    );
  }

  /// Waits until every accepted update of a document is on disk, or a write
  /// fails (then updates stay pending; the caller checks).
  async drained(documentName: string): Promise<void> {
    const state = this.docs.get(documentName);
    if (!state) return;
    while (state.pending.length > 0 || this.writing) {
      if (this.writing) {
        await this.writing;
        continue;
      }
      if (this.failing) return;
      await this.commit();
    }
    // Drained includes telling the clients.
    if (state.savedTimer) {
      clearTimeout(state.savedTimer);
      state.savedTimer = null;
      this.announce(state, true);
    }
  }

  async onStoreDocument({ documentName }: onStoreDocumentPayload): Promise<void> {
    await this.drained(documentName);
    if ((this.docs.get(documentName)?.pending.length ?? 0) > 0) {
      // Throwing keeps the document in memory: unloading now would lose edits.
      throw new Error(`${documentName} has changes not yet on disk`);
    }
    // A store debounced before the server stopped (a leave's reconcile held
    // the document) fires after it, when the store may be closed: its
    // updates are on disk, only the compaction is left, and it can wait.
    if (this.stopped) return;
    const started = performance.now();
    await this.config.store.compact(documentName, this.config.merge);
    this.config.observer?.compacted?.(documentName, performance.now() - started);
  }

  /// The server has stopped: nothing more is compacted.
  private stopped = false;
  async onDestroy(): Promise<void> {
    this.stopped = true;
  }

  /// Forgets the unloaded copy only: its hook can run after a new copy of the
  /// same name has loaded (an earlier extension's unload hook awaits the
  /// store), and that copy's state must stay (else no `saved` on connect,
  /// `whenDurable` resolving at once). Hocuspocus destroys a copy before this hook.
  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    const state = this.docs.get(documentName);
    if (state?.document.isDestroyed && state.pending.length === 0) {
      if (state.savedTimer) clearTimeout(state.savedTimer);
      this.docs.delete(documentName);
    }
  }
}

/// What a batch of a document makes durable: the clock of every client id it
/// writes, read from the document (which holds exactly what is stored plus
/// the batch), and which connection wrote which client ids. The client ids
/// are read from each update's bytes (`appliedScan`, shared with the
/// authorship listener): nothing is decoded or merged for it.
function durableOf(
  document: Y.Doc,
  items: Pending[],
): { clocks: Map<number, number>; by: Map<Pending["from"], number[]> } {
  const groups = new Map<Pending["from"], Set<number>>();
  for (const i of items) {
    const ids = groups.get(i.from) ?? new Set<number>();
    groups.set(i.from, ids);
    for (const id of appliedScan(i.update).clients.keys()) ids.add(id);
  }
  const clocks = new Map<number, number>();
  const by = new Map<Pending["from"], number[]>();
  for (const [from, ids] of groups) {
    for (const id of ids) clocks.set(id, Y.getState(document.store, id));
    by.set(from, [...ids]);
  }
  return { clocks, by };
}

/// Records a written batch in the document's durable clocks and in what the
/// next `saved` owes to whom.
function owe(state: DocState, written: ReturnType<typeof durableOf>): void {
  for (const [id, clock] of written.clocks)
    if (clock > (state.durable.get(id) ?? 0)) state.durable.set(id, clock);
  for (const [from, ids] of written.by) {
    if (from === "redis") continue;
    const set = from === null ? state.owedToAll : (state.owed.get(from) ?? new Set<number>());
    for (const id of ids) set.add(id);
    if (from !== null) state.owed.set(from, set);
  }
}
