import type { Extension, Hocuspocus, onChangePayload } from "@hocuspocus/server";
import type { Registry } from "prom-client";
import type { PersistenceObserver } from "./extensions/PersistenceExtension.ts";

/// Where the gauges read their value when `/metrics` is scraped.
export interface MetricsSources {
  hocuspocus(): Hocuspocus | null;
}

/// Latency buckets from 1 ms to 10 s (saved acknowledgements, compaction).
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Labels = Record<string, string>;

/// A label value escaped as the Prometheus text format wants it.
const escapeLabel = (v: string) =>
  v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/// `{a="x",b="y"}`, or "" without labels.
function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

/// One series of Glossa's own, kept in plain numbers per label set and
/// written in the Prometheus text format at scrape time (no prom-client
/// object per update: prom-client loads on the first scrape).
abstract class Series {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "gauge" | "histogram",
  ) {}
  protected abstract samples(): string[];
  text(): string {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} ${this.type}`,
      ...this.samples(),
    ]
      .map((l) => `${l}\n`)
      .join("");
  }
}

/// A counter or gauge: one number per label set (`read`: a gauge read at scrape time).
class Value extends Series {
  private readonly values = new Map<string, number>();
  constructor(
    name: string,
    help: string,
    type: "counter" | "gauge",
    private readonly read?: () => number,
  ) {
    super(name, help, type);
  }
  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  set(value: number): void {
    this.values.set("", value);
  }
  protected samples(): string[] {
    if (this.read) this.set(this.read());
    return [...this.values].map(([labels, v]) => `${this.name}${labels} ${v}`);
  }
}

/// A histogram over SECONDS: per label set, the count in each bucket, the sum and the count.
class Histogram extends Series {
  private readonly data = new Map<
    string,
    { labels: Labels; buckets: number[]; sum: number; count: number }
  >();
  constructor(name: string, help: string) {
    super(name, help, "histogram");
  }
  observe(seconds: number, labels: Labels = {}): void {
    const key = labelText(labels);
    let d = this.data.get(key);
    if (!d) {
      d = { labels, buckets: SECONDS.map(() => 0), sum: 0, count: 0 };
      this.data.set(key, d);
    }
    const i = SECONDS.findIndex((le) => seconds <= le);
    if (i >= 0) d.buckets[i]! += 1;
    d.sum += seconds;
    d.count += 1;
  }
  protected samples(): string[] {
    const out: string[] = [];
    for (const d of this.data.values()) {
      let below = 0;
      SECONDS.forEach((le, i) => {
        below += d.buckets[i]!;
        out.push(`${this.name}_bucket${labelText({ ...d.labels, le: String(le) })} ${below}`);
      });
      out.push(`${this.name}_bucket${labelText({ ...d.labels, le: "+Inf" })} ${d.count}`);
      out.push(`${this.name}_sum${labelText(d.labels)} ${d.sum}`);
      out.push(`${this.name}_count${labelText(d.labels)} ${d.count}`);
    }
    return out;
  }
}

/// The Prometheus metrics of one Glossa server (own series, so several
/// servers in one process — tests — do not collide). Names start `glossa_`.
/// Glossa's series are plain numbers written out by `render`; the process
/// metrics (memory, CPU, event-loop delay, GC) come from prom-client, loaded
/// and started by the first scrape (issue 16: ~0.5 MiB of heap a server
/// nobody scrapes does not need; its GC and event-loop histograms count from
/// that scrape on, its CPU and memory figures are the process's since start).
export class Metrics {
  /// prom-client's registry of the process metrics, made by the first scrape.
  private defaults: Promise<Registry> | null = null;
  /// Updates applied since the last scrape, by origin.
  private readonly counted = { client: 0, redis: 0, server: 0 };
  private readonly series: Series[];
  private readonly updates: Value;
  private readonly backlog: Value;
  private readonly journalWrite: Histogram;
  private readonly savedLatency: Histogram;
  private readonly compaction: Histogram;
  private readonly storeErrors: Value;
  private readonly httpRequests: Value;
  private readonly httpDuration: Histogram;

  constructor(sources: MetricsSources) {
    this.backlog = new Value(
      "glossa_journal_backlog",
      "Updates accepted in memory and not yet written to the journal (after the last write).",
      "gauge",
    );
    this.backlog.set(0);
    this.journalWrite = new Histogram(
      "glossa_journal_write_seconds",
      "Time to write one group commit of updates to the journal.",
    );
    this.updates = new Value(
      "glossa_updates_total",
      "Document updates applied, by origin (client, redis: another instance, server).",
      "counter",
    );
    this.savedLatency = new Histogram(
      "glossa_saved_latency_seconds",
      "Time from an update's arrival to the saved announcement covering it.",
    );
    this.compaction = new Histogram(
      "glossa_compaction_seconds",
      "Time to compact one document's journal into a snapshot.",
    );
    this.storeErrors = new Value(
      "glossa_store_errors_total",
      "Failed store operations, by operation.",
      "counter",
    );
    this.httpRequests = new Value(
      "glossa_http_requests_total",
      "HTTP requests answered, by method, route pattern and status.",
      "counter",
    );
    this.httpDuration = new Histogram(
      "glossa_http_request_duration_seconds",
      "Time to answer an HTTP request, by route pattern.",
    );
    this.series = [
      new Value(
        "glossa_connections",
        "Open websockets (one per browser tab, carrying its text and annotations).",
        "gauge",
        () => sources.hocuspocus()?.getConnectionsCount() ?? 0,
      ),
      new Value(
        "glossa_documents_loaded",
        "Documents held in memory by this instance.",
        "gauge",
        () => sources.hocuspocus()?.getDocumentsCount() ?? 0,
      ),
      this.backlog,
      this.journalWrite,
      this.updates,
      this.savedLatency,
      this.compaction,
      this.storeErrors,
      this.httpRequests,
      this.httpDuration,
    ];
  }

  /// Whether prom-client's process metrics have been started (a scrape came).
  get processMetricsStarted(): boolean {
    return this.defaults !== null;
  }

  /// The page `/metrics` serves: Glossa's series, then the process metrics.
  async render(): Promise<{ contentType: string; body: string }> {
    this.defaults ??= import("prom-client").then(({ Registry, collectDefaultMetrics }) => {
      const registry = new Registry();
      collectDefaultMetrics({ register: registry, prefix: "glossa_" });
      return registry;
    });
    const registry = await this.defaults;
    const counted = this.counted;
    for (const origin of ["client", "redis", "server"] as const) {
      if (counted[origin] > 0) this.updates.inc({ origin }, counted[origin]);
      counted[origin] = 0;
    }
    const own = this.series.map((s) => s.text()).join("\n");
    return { contentType: registry.contentType, body: `${own}\n${await registry.metrics()}` };
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
    this.httpDuration.observe(seconds, { route });
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
