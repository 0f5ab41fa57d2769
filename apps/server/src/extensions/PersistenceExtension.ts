import { encodeStateless } from "@glossa/protocol";
import type {
  afterLoadDocumentPayload,
  connectedPayload,
  Document,
  Extension,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";
import type { GlossaContext } from "../context.ts";
import { log } from "../log.ts";
import type { JournalRow, MergeParts, Store } from "../storage/index.ts";
import { MergeWorker } from "../storage/mergeWorker.ts";

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
  /// How compaction merges stored parts; default: in a worker thread.
  merge?: MergeParts;
}

/// Refusal of `whenDurable`: the change is in memory (and will be written
/// when the store answers again) but is not on disk now.
export class NotSavedError extends Error {
  readonly code = "not-saved";
}

interface Pending {
  update: Uint8Array;
  /// The document's state vector right after the update was applied.
  stateVector: Uint8Array;
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
  /// State vector of what is on disk, to be announced.
  durable: Uint8Array | null;
  savedTimer: NodeJS.Timeout | null;
  lastSavedAt: number;
}

const LOAD_ORIGIN = { source: "local", skipStoreHooks: true } as const;
const savedMessage = (stateVector: Uint8Array) =>
  encodeStateless({ type: "saved", stateVector: Buffer.from(stateVector).toString("base64") });

/// Minimum spacing of `saved` announcements per document: the first goes out
/// at once, later ones within this window are folded into one.
const SAVED_SPACING_MS = 20;
const RETRY_MS = 1000;

/// "Saved" means on disk (docs/design.md §4). Every update a document receives —
/// from its own clients, from the server's own services, or relayed by
/// another instance through Redis — is appended to the store's journal, and
/// a stateless `saved` message with the durable state vector then tells
/// clients what is safe. An instance never announces state it has not seen
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
  private readonly merger = new MergeWorker();

  constructor(private readonly config: PersistenceConfiguration) {}

  /// True while the store refuses writes (the extension keeps retrying).
  get failing(): boolean {
    return this.failingSince !== null;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const parts = await this.config.store.loadParts(documentName);
    Y.transact(
      document,
      () => {
        for (const part of parts) Y.applyUpdate(document, part, LOAD_ORIGIN);
      },
      LOAD_ORIGIN,
    );
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
      durable: Y.encodeStateVector(document),
      savedTimer: null,
      lastSavedAt: 0,
    };
    this.docs.set(documentName, state);
    document.on("update", (update: Uint8Array) => {
      state.accepted += 1;
      state.pending.push({
        update,
        stateVector: Y.encodeStateVector(document),
        seq: state.accepted,
        at: performance.now(),
      });
      this.dirty.add(state);
      this.schedule();
    });
  }

  /// Tells a new connection what is on disk, so a client whose changes were
  /// already stored (through another instance, or before a reconnect) shows
  /// them as saved without waiting for the next write.
  async connected({ connection, documentName }: connectedPayload): Promise<void> {
    const state = this.docs.get(documentName);
    if (state?.durable) connection.sendStateless(savedMessage(state.durable));
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
    const batch = [...this.dirty].map((state) => ({ state, items: state.pending.splice(0) }));
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
        for (const { state, items } of batch) {
          const last = items[items.length - 1];
          if (!last) continue;
          for (const i of items) this.config.observer?.saved?.(now - i.at);
          state.stored = last.seq;
          state.durable = last.stateVector;
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

  /// The `saved` announcement itself.
  private sendSaved(state: DocState): void {
    if (!state.durable) return;
    const payload = savedMessage(state.durable);
    for (const c of state.document.getConnections()) c.sendStateless(payload);
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
    const started = performance.now();
    await this.config.store.compact(documentName, this.config.merge ?? this.merger.merge);
    this.config.observer?.compacted?.(documentName, performance.now() - started);
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    const state = this.docs.get(documentName);
    if (state && state.pending.length === 0) {
      if (state.savedTimer) clearTimeout(state.savedTimer);
      this.docs.delete(documentName);
    }
  }

  async onDestroy(): Promise<void> {
    await this.merger.close();
  }
}
