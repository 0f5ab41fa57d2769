import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { trimMallocSoon } from "../mallocTrim.ts";
import type { JournalRow } from "./Store.ts";

/// Longest wait of a `withNextCommit` write for a journal commit, ms.
const SIDE_WRITE_MS = 50;
/// Wait before side writes alone are tried again after a failed commit, ms.
const RETRY_MS = 1000;
/// The journal worker's young generation, MiB (V8's default grows to 32).
const JOURNAL_YOUNG_MB = 4;
/// Time without a commit after which the worker is stopped, ms: a worker is
/// a V8 isolate of its own (~9–10 MiB resident), held by an idle server for
/// nothing; the next write starts it again (docs/benchmarks.md, "Session 14").
export const JOURNAL_IDLE_MS = 30_000;

/// A write made for an update, as data (it crosses to the worker): one
/// statement run once per row of parameters.
export interface SideWrite {
  sql: string;
  rows: unknown[][];
}

interface Waiting {
  resolve: () => void;
  reject: (e: Error) => void;
}

/// A side write, and who waits for it (`write`), if anyone.
interface Side {
  write: SideWrite;
  done?: Waiting;
}

interface InFlight {
  waiting: Waiting[];
  side: Side[];
}

/// The SQLite journal's appends, committed off the event loop: a worker
/// thread (`journal.worker.mjs`) owns a second connection to the same WAL
/// database and commits each batch in one transaction with
/// `synchronous=FULL` (one fsync); `appendMany` resolves only once the worker
/// answers that it is on disk. One commit is in flight at a time; batches
/// that arrive meanwhile go together in the next (group commit). The small
/// records made for the same updates (who deleted what) ride in that
/// transaction. Reads on the main connection see every acknowledged batch:
/// in WAL mode each read starts from the last commit of any connection.
/// The worker is started by the first write and stopped after `idleMs`
/// without one.
export class SqliteJournal {
  private insert: Database.Statement | null = null;
  private worker: Worker | null = null;
  private queue: (Waiting & { rows: JournalRow[] })[] = [];
  private side: Side[] = [];
  private sideTimer: NodeJS.Timeout | null = null;
  private inFlight: InFlight | null = null;
  private nextId = 1;
  private idle: NodeJS.Timeout | null = null;
  /// The last commit failed.
  private failed = false;
  private readonly pageLimit: Database.Statement;
  /// Batches committed by the worker (tests count work, not time).
  commits = 0;
  /// Workers started (tests count the restarts after idleness).
  starts = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly idleMs = JOURNAL_IDLE_MS,
  ) {
    this.pageLimit = db.prepare("PRAGMA max_page_count").pluck();
  }

  /// Synchronous append on the main connection (tests and tools only).
  append(name: string, update: Uint8Array): void {
    this.insert ??= this.db.prepare("INSERT INTO journal (name, update_data) VALUES (?, ?)");
    this.insert.run(name, Buffer.from(update));
  }

  /// The rows and every queued side write, in one transaction of the worker;
  /// resolves when durable, rejects (nothing written) when the commit fails.
  appendMany(rows: JournalRow[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.flush();
    });
  }

  /// Queues a small write made for an update, to be done in the transaction
  /// of the next journal commit — which the same update causes within the
  /// turn; committed on its own after SIDE_WRITE_MS if no commit comes. A
  /// write that throws is rolled back alone (a savepoint) and logged: the
  /// journal is never refused for it.
  withNextCommit(write: SideWrite): void {
    this.side.push({ write });
    this.armSideTimer();
  }

  /// A write done by the worker like `withNextCommit`'s, but awaited and sent
  /// at once (with the next commit if one is in flight): resolves once
  /// committed, rejects when its own statements or the commit failed. For
  /// the store's writes that must not run on the event loop (a document's
  /// search text: megabytes) or wait there for the worker's commit.
  write(write: SideWrite): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.side.push({ write, done: { resolve, reject } });
      this.flush(true);
    });
  }

  private armSideTimer(ms = SIDE_WRITE_MS): void {
    if (this.side.length === 0) return;
    this.sideTimer ??= setTimeout(() => {
      this.sideTimer = null;
      this.flush(true);
    }, ms);
    this.sideTimer.unref?.();
  }

  /// Sends what is queued as one commit, unless one is in flight (then it
  /// goes when that one is answered). Side writes alone wait for a journal
  /// batch, up to SIDE_WRITE_MS.
  private flush(sideAlone = false): void {
    if (this.inFlight) return;
    if (this.queue.length === 0 && !(sideAlone && this.side.length > 0)) return;
    const batches = this.queue.splice(0);
    const side = this.side.splice(0);
    if (this.sideTimer) clearTimeout(this.sideTimer);
    this.sideTimer = null;
    const rows = batches.flatMap((b) => b.rows);
    // One buffer for every update, transferred (not copied) to the worker.
    const ends: number[] = [];
    let total = 0;
    for (const r of rows) {
      total += r.update.byteLength;
      ends.push(total);
    }
    const bytes = new Uint8Array(total);
    for (const [i, r] of rows.entries()) bytes.set(r.update, ends[i]! - r.update.byteLength);
    this.inFlight = { waiting: batches, side };
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.start();
    worker.ref();
    worker.postMessage(
      {
        id: this.nextId++,
        names: rows.map((r) => r.name),
        ends,
        buffer: bytes.buffer,
        side: side.map((x) => x.write),
        maxPages: this.pageLimit.get(),
      },
      [bytes.buffer],
    );
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    this.starts += 1;
    const worker = new Worker(new URL("./journal.worker.mjs", import.meta.url), {
      workerData: { file: this.file },
      // Its objects live for one batch: a small young generation is enough,
      // and V8 would otherwise grow it to 32 MiB under a burst and keep it
      // (docs/benchmarks.md, "Memory").
      resourceLimits: { maxYoungGenerationSizeMb: JOURNAL_YOUNG_MB },
    });
    worker.on(
      "message",
      (m: { sideErrors?: [number, string][]; error?: string; code?: string }) => {
        if (m.error === undefined) this.commits += 1;
        this.answered(
          m.error === undefined ? null : Object.assign(new Error(m.error), { code: m.code }),
          m.sideErrors ?? [],
        );
      },
    );
    const fail = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.answered(err, []);
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`journal worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  /// The worker's answer to the commit in flight; then the next one.
  private answered(error: Error | null, sideErrors: [number, string][]): void {
    const done = this.inFlight;
    this.inFlight = null;
    if (!done) return;
    const failed = new Map(sideErrors);
    for (const message of failed.values())
      console.error(`[glossa] a record written with the journal failed: ${message}`);
    this.failed = error !== null;
    if (error) {
      // Nothing was written: the side writes wait for the next commit.
      this.side.unshift(...done.side);
      for (const w of done.waiting) w.reject(error);
    } else {
      for (const w of done.waiting) w.resolve();
      done.side.forEach(({ done: d }, i) => {
        const message = failed.get(i);
        if (message === undefined) d?.resolve();
        else d?.reject(new Error(message));
      });
    }
    if (this.queue.length === 0) this.worker?.unref();
    if (error) this.armSideTimer(RETRY_MS);
    else this.flush(this.side.length > 0);
    if (!this.inFlight) this.armIdle();
  }

  /// A writer has arrived: the worker is started now, not by the first
  /// write, which would otherwise wait for its start (0.1–0.2 s); stopped
  /// again after `idleMs` if no write comes.
  warm(): void {
    if (this.worker) return;
    this.start().unref();
    if (!this.inFlight) this.armIdle();
  }

  /// Stops the worker after `idleMs` without a commit. Its connection is
  /// closed by the worker itself (a clean close, as `close` does); a write
  /// meanwhile starts a new worker, and the old one's exit is ignored.
  private armIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      this.idle = null;
      const worker = this.worker;
      if (!worker || this.inFlight || this.queue.length > 0 || this.side.length > 0) return;
      this.worker = null;
      // Its isolate's heap is unmapped; what its thread's malloc arena freed
      // stays resident until trimmed.
      worker.once("exit", () => trimMallocSoon({ alone: true }));
      worker.postMessage({ type: "close" });
    }, this.idleMs);
    this.idle.unref();
  }

  /// Commits what is queued (side writes too), then stops the worker.
  async close(): Promise<void> {
    while (this.inFlight || this.queue.length > 0 || this.side.length > 0) {
      const flight = this.inFlight;
      if (!flight) {
        this.flush(true);
        continue;
      }
      await new Promise<void>((resolve) =>
        flight.waiting.push({ resolve, reject: () => resolve() }),
      );
      // A failing store keeps its queue: give up on it rather than loop.
      if (this.failed) break;
    }
    for (const { done } of this.side.splice(0)) done?.reject(new Error("the store is closed"));
    if (this.sideTimer) clearTimeout(this.sideTimer);
    this.sideTimer = null;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    // Referenced until it has exited, or the process could end first.
    worker.ref();
    worker.postMessage({ type: "close" });
    await exited;
  }
}
