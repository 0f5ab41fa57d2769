import { Worker } from "node:worker_threads";
import { trimMallocSoon } from "../mallocTrim.ts";

/// Merges a document's stored parts (snapshot, then journal) into one
/// garbage-collected update in a worker thread, one merge at a time (for a
/// SQLite store, the whole compaction: `compactSqlite`). The
/// worker is started on first use and does not keep the process alive. It
/// stops after `idleMs` without work: a worker thread is a V8 heap of its
/// own, which grows to the size of the largest document it merged and is not
/// given back while the thread lives (the hostile run measured it as most of
/// the memory not returned after every document had unloaded).
export class MergeWorker {
  private worker: Worker | null = null;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly idleMs = 1_000) {}

  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (u: Uint8Array | undefined) => void; reject: (e: Error) => void }
  >();

  merge = (parts: Uint8Array[]): Promise<Uint8Array> => {
    // Copies, so the caller's buffers (possibly pooled) can be transferred.
    const copies = parts.map((p) => new Uint8Array(p));
    return this.send(
      { parts: copies },
      copies.map((c) => c.buffer as ArrayBuffer),
    ) as Promise<Uint8Array>;
  };

  /// Compacts a document of the SQLite database `file` wholly on the worker
  /// thread, with its own connection: read, merge and write (sqliteCompact.mjs).
  async compactSqlite(file: string, name: string): Promise<void> {
    await this.send({ file, name }, []);
  }

  private send(message: object, transfer: ArrayBuffer[]): Promise<Uint8Array | undefined> {
    const worker = this.start();
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const id = this.nextId++;
    return new Promise<Uint8Array | undefined>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...message }, transfer);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./merge.worker.mjs", import.meta.url));
    worker.unref();
    worker.on("message", (m: { id: number; merged?: Uint8Array; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) {
        worker.unref();
        this.idle = setTimeout(() => this.stopIdle(worker), this.idleMs);
        this.idle.unref();
      }
      if (m.error !== undefined) w.reject(new Error(`merge failed: ${m.error}`));
      else w.resolve(m.merged && new Uint8Array(m.merged));
    });
    const fail = (err: Error) => {
      // A worker stopped for idleness leaves its successor's work alone.
      if (this.worker !== worker) return;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
      this.worker = null;
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`merge worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private stopIdle(worker: Worker): void {
    this.idle = null;
    if (this.worker !== worker || this.waiting.size > 0) return;
    this.worker = null;
    // Its isolate's heap is unmapped; what its thread's malloc arena freed
    // stays resident until trimmed.
    void worker.terminate().then(() => trimMallocSoon({ alone: true }));
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
