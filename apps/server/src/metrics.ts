import type { Extension, Hocuspocus, onChangePayload } from "@hocuspocus/server";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { PersistenceObserver } from "./extensions/PersistenceExtension.ts";

/// Where the gauges read their value when `/metrics` is scraped.
export interface MetricsSources {
  hocuspocus(): Hocuspocus | null;
}

/// Latency buckets from 1 ms to 10 s (saved acknowledgements, compaction).
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/// The Prometheus metrics of one Glossa server (own registry, so several
/// servers in one process — tests — do not collide). Names start `glossa_`;
/// process metrics (memory, event-loop lag, …) come from prom-client.
export class Metrics {
  readonly registry = new Registry();
  /// Updates applied since the last scrape, by origin.
  private readonly counted = { client: 0, redis: 0, server: 0 };
  private readonly backlog: Gauge;
  private readonly journalWrite: Histogram;
  private readonly savedLatency: Histogram;
  private readonly compaction: Histogram;
  private readonly storeErrors: Counter<"operation">;
  private readonly httpRequests: Counter<"method" | "route" | "status">;
  private readonly httpDuration: Histogram<"route">;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "glossa_" });
    new Gauge({
      name: "glossa_connections",
      help: "Open websockets (one per browser tab, carrying its text and annotations).",
      registers,
      collect() {
        this.set(sources.hocuspocus()?.getConnectionsCount() ?? 0);
      },
    });
    new Gauge({
      name: "glossa_documents_loaded",
      help: "Documents held in memory by this instance.",
      registers,
      collect() {
        this.set(sources.hocuspocus()?.getDocumentsCount() ?? 0);
      },
    });
    this.backlog = new Gauge({
      name: "glossa_journal_backlog",
      help: "Updates accepted in memory and not yet written to the journal (after the last write).",
      registers,
    });
    this.journalWrite = new Histogram({
      name: "glossa_journal_write_seconds",
      help: "Time to write one group commit of updates to the journal.",
      buckets: SECONDS,
      registers,
    });
    const counted = this.counted;
    new Counter({
      name: "glossa_updates_total",
      help: "Document updates applied, by origin (client, redis: another instance, server).",
      labelNames: ["origin"],
      registers,
      // Counted in plain numbers per update, added to the counter at scrape time.
      collect() {
        for (const origin of ["client", "redis", "server"] as const) {
          if (counted[origin] > 0) this.inc({ origin }, counted[origin]);
          counted[origin] = 0;
        }
      },
    });
    this.savedLatency = new Histogram({
      name: "glossa_saved_latency_seconds",
      help: "Time from an update's arrival to the saved announcement covering it.",
      buckets: SECONDS,
      registers,
    });
    this.compaction = new Histogram({
      name: "glossa_compaction_seconds",
      help: "Time to compact one document's journal into a snapshot.",
      buckets: SECONDS,
      registers,
    });
    this.storeErrors = new Counter({
      name: "glossa_store_errors_total",
      help: "Failed store operations, by operation.",
      labelNames: ["operation"],
      registers,
    });
    this.httpRequests = new Counter({
      name: "glossa_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status.",
      labelNames: ["method", "route", "status"],
      registers,
    });
    this.httpDuration = new Histogram({
      name: "glossa_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route pattern.",
      labelNames: ["route"],
      buckets: SECONDS,
      registers,
    });
  }

  /// A failed store operation (`journal`, `readiness`, …).
  storeError(operation: string): void {
    this.storeErrors.inc({ operation });
  }

  /// What persistence reports: journal writes, backlog, saved latency,
  /// compaction time and write failures.
  persistenceObserver(): PersistenceObserver {
    return {
      journalWritten: (_documents, _updates, ms) => this.journalWrite.observe(ms / 1000),
      backlog: (updates) => this.backlog.set(updates),
      saved: (ms) => this.savedLatency.observe(ms / 1000),
      compacted: (_documentName, ms) => this.compaction.observe(ms / 1000),
      storageError: () => this.storeErrors.inc({ operation: "journal" }),
    };
  }

  /// Counts an answered request; `route` is a pattern (`/api/documents/:id`),
  /// never the raw path, so the number of series stays small.
  request(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpDuration.observe({ route }, seconds);
  }

  /// Counts every applied document update by where it came from.
  extension(): Extension {
    const counted = this.counted;
    return {
      extensionName: "glossa-metrics",
      async onChange({ transactionOrigin }: onChangePayload) {
        const source = (transactionOrigin as { source?: string } | null)?.source;
        counted[source === "connection" ? "client" : source === "redis" ? "redis" : "server"] += 1;
      },
    };
  }
}
