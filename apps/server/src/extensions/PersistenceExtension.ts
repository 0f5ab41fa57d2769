import type {
  afterLoadDocumentPayload,
  Document,
  Extension,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";
import type { Store } from "../storage/index.ts";
import { SqliteStore } from "../storage/SqliteStore.ts";
import { mergeParts } from "../ydoc.ts";

export interface PersistenceConfiguration {
  store: Store;
  /// Called when updates can not be written; the extension keeps retrying.
  onStorageError?: (documentName: string, error: Error) => void;
}

interface DocState {
  /// Updates accepted in memory but not yet on disk, oldest first, each with
  /// the document's state vector right after it was applied.
  pending: { update: Uint8Array; stateVector: Uint8Array }[];
  /// The chain of asynchronous writes (PostgreSQL).
  writing: Promise<void>;
  retryTimer: NodeJS.Timeout | null;
  savedTimer: NodeJS.Timeout | null;
  /// State vector of what is on disk, announced by the next `saved`.
  durable: Uint8Array | null;
  failing: boolean;
}

const LOAD_ORIGIN = { source: "local", skipStoreHooks: true } as const;

/// "Saved" means on disk (DESIGN §4). Every accepted update is appended to the
/// store's journal, and a stateless `saved` message with the durable state
/// vector then tells clients what is safe; clients show "saved" from it, not
/// from Hocuspocus' in-memory acknowledgement. With SQLite the updates that
/// arrive in one turn of the event loop are committed together (group
/// commit, one fsync per turn instead of one per keystroke); with PostgreSQL
/// writes are chained per document. Hocuspocus' debounced store hook only
/// compacts the journal into a snapshot.
export class PersistenceExtension implements Extension {
  extensionName = "glossa-persistence";
  priority = 100;
  private readonly docs = new Map<string, DocState>();
  /// SQLite documents with updates waiting for this turn's group commit.
  private readonly sqliteDirty = new Map<string, { document: Document; state: DocState }>();
  private sqliteScheduled = false;

  constructor(private readonly config: PersistenceConfiguration) {}

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
      pending: [],
      writing: Promise.resolve(),
      retryTimer: null,
      savedTimer: null,
      durable: null,
      failing: false,
    };
    this.docs.set(documentName, state);
    document.on("update", (update: Uint8Array, origin: unknown) => {
      // Updates relayed from another instance were journaled by that instance.
      if ((origin as { source?: string } | null)?.source === "redis") return;
      state.pending.push({ update, stateVector: Y.encodeStateVector(document) });
      this.flush(documentName, document, state);
    });
  }

  private flush(name: string, document: Document, state: DocState): void {
    const { store } = this.config;
    if (store instanceof SqliteStore) {
      if (state.failing) return; // the retry timer writes everything pending
      this.sqliteDirty.set(name, { document, state });
      if (!this.sqliteScheduled) {
        this.sqliteScheduled = true;
        setImmediate(() => this.commitSqlite(store));
      }
      return;
    }
    // Asynchronous stores: one write at a time, in order, so the announced
    // state vector never covers an update that is not yet on disk.
    state.writing = state.writing.then(async () => {
      if (state.pending.length === 0) return;
      // Take the batch out: updates arriving during the write queue up for
      // the next one (sharing the array would count them as written).
      const batch = state.pending;
      state.pending = [];
      const update =
        batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((p) => p.update));
      try {
        await store.appendUpdate(name, update);
        state.failing = false;
        this.broadcastSaved(document, batch[batch.length - 1]!.stateVector);
      } catch (err) {
        state.pending = [...batch, ...state.pending];
        this.failed(name, document, state, err as Error);
      }
    });
  }

  /// Writes every pending update of every dirty document in one transaction.
  private commitSqlite(store: SqliteStore): void {
    this.sqliteScheduled = false;
    const batch = [...this.sqliteDirty];
    this.sqliteDirty.clear();
    if (batch.length === 0) return;
    try {
      store.db.transaction(() => {
        for (const [name, { state }] of batch) {
          for (const p of state.pending) store.appendUpdateSync(name, p.update);
        }
      })();
    } catch (err) {
      for (const [name, { document, state }] of batch)
        this.failed(name, document, state, err as Error);
      return;
    }
    for (const [, { document, state }] of batch) {
      const last = state.pending[state.pending.length - 1];
      state.pending = [];
      if (last) {
        state.durable = last.stateVector;
        this.scheduleSaved(document, state);
      }
    }
  }

  private failed(name: string, document: Document, state: DocState, error: Error): void {
    state.failing = true;
    this.config.onStorageError?.(name, error);
    console.error(`[glossa] could not save ${name}: ${error.message}; retrying`);
    for (const c of document.getConnections()) {
      c.sendStateless(
        JSON.stringify({
          type: "error",
          code: "storage",
          message:
            "Your latest changes could not be saved yet. Glossa keeps trying; please keep this page open.",
        }),
      );
    }
    if (state.retryTimer) return;
    state.retryTimer = setTimeout(() => {
      state.retryTimer = null;
      state.failing = false;
      this.flush(name, document, state);
    }, 1000);
  }

  private scheduleSaved(document: Document, state: DocState): void {
    if (state.savedTimer) return;
    // Batch announcements: typing produces many updates per second.
    state.savedTimer = setTimeout(() => {
      state.savedTimer = null;
      if (state.durable) this.broadcastSaved(document, state.durable);
    }, 20);
  }

  private broadcastSaved(document: Document, stateVector: Uint8Array): void {
    const payload = JSON.stringify({
      type: "saved",
      stateVector: Buffer.from(stateVector).toString("base64"),
    });
    for (const c of document.getConnections()) c.sendStateless(payload);
  }

  /// Waits until every accepted update of a document is on disk.
  async drained(documentName: string): Promise<void> {
    const state = this.docs.get(documentName);
    if (!state) return;
    const { store } = this.config;
    if (store instanceof SqliteStore && this.sqliteDirty.has(documentName))
      this.commitSqlite(store);
    await state.writing;
  }

  async onStoreDocument({ documentName }: onStoreDocumentPayload): Promise<void> {
    await this.drained(documentName);
    if ((this.docs.get(documentName)?.pending.length ?? 0) > 0) {
      // Throwing keeps the document in memory: unloading now would lose edits.
      throw new Error(`${documentName} has changes not yet on disk`);
    }
    await this.config.store.compact(documentName, mergeParts);
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    const state = this.docs.get(documentName);
    if (state && state.pending.length === 0) {
      if (state.savedTimer) clearTimeout(state.savedTimer);
      this.docs.delete(documentName);
    }
  }
}
