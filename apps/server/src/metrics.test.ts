import { describe, expect, it } from "vitest";
import { Metrics } from "./metrics.ts";

/// Glossa's series are plain numbers written out at scrape time: what
/// prom-client wrote before must still come out, histograms cumulative.
describe("Metrics", () => {
  it("writes histograms with cumulative buckets, counters per label set, gauges read at scrape", async () => {
    const metrics = new Metrics({ hocuspocus: () => null });
    const observer = metrics.persistenceObserver();
    for (const ms of [0.5, 3, 3, 40, 20_000]) observer.saved?.(ms);
    metrics.request("GET", '/a"b', 200, 0.002);
    metrics.request("GET", '/a"b', 200, 0.002);
    metrics.storeError("readiness");
    expect(metrics.processMetricsStarted).toBe(false);
    const { body, contentType } = await metrics.render();
    expect(metrics.processMetricsStarted).toBe(true);
    expect(contentType).toMatch(/^text\/plain/);
    const line = (s: string) => body.split("\n").find((l) => l.startsWith(`${s} `));
    expect(line('glossa_saved_latency_seconds_bucket{le="0.001"}')).toMatch(/ 1$/);
    expect(line('glossa_saved_latency_seconds_bucket{le="0.005"}')).toMatch(/ 3$/);
    expect(line('glossa_saved_latency_seconds_bucket{le="0.05"}')).toMatch(/ 4$/);
    expect(line('glossa_saved_latency_seconds_bucket{le="10"}')).toMatch(/ 4$/);
    expect(line('glossa_saved_latency_seconds_bucket{le="+Inf"}')).toMatch(/ 5$/);
    expect(line("glossa_saved_latency_seconds_count")).toMatch(/ 5$/);
    expect(Number(line("glossa_saved_latency_seconds_sum")?.split(" ")[1])).toBeCloseTo(20.0465);
    expect(line('glossa_http_requests_total{method="GET",route="/a\\"b",status="200"}')).toMatch(
      / 2$/,
    );
    expect(line('glossa_store_errors_total{operation="readiness"}')).toMatch(/ 1$/);
    expect(line("glossa_connections")).toMatch(/ 0$/);
    expect(body).toMatch(/^# TYPE glossa_compaction_seconds histogram$/m);
    expect(body).toMatch(/^glossa_process_resident_memory_bytes \d+/m);
  });
});
