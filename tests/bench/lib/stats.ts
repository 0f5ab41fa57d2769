/// Percentiles and Markdown formatting for the benchmark tables.
import os from "node:os";
import { timed } from "./phases.ts";

/// Nearest-rank percentile of an unsorted sample (NaN when empty).
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summary(values: number[]): {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
} {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) =>
    sorted.length === 0
      ? Number.NaN
      : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return {
    n: values.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/// Milliseconds with sensible precision ("0.84", "12.3", "1,234").
export function ms(v: number): string {
  if (!Number.isFinite(v)) return "–";
  if (v < 10) return v.toFixed(2);
  if (v < 100) return v.toFixed(1);
  return Math.round(v).toLocaleString("en-US");
}

export function int(v: number): string {
  return Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "–";
}

export function mib(bytes: number): string {
  return Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(1) : "–";
}

export function kib(bytes: number): string {
  return Number.isFinite(bytes) ? (bytes / 1024).toFixed(1) : "–";
}

export function table(head: string[], rows: (string | number)[][], align?: string): string {
  const sep = align ?? head.map((_, i) => (i === 0 ? "---" : "--:")).join("|");
  return [
    `| ${head.join(" | ")} |`,
    `|${sep.split("|").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

/// The 1-minute load average, as a note on how busy the shared machine was.
export function load(): string {
  return os.loadavg()[0]!.toFixed(1);
}

/// A wait that is not measuring (see phases.ts), counted as such.
export const rawSleep = (msec: number) => new Promise((r) => setTimeout(r, msec));
/// A fixed wait, counted as `wait` in the run's breakdown (phases.ts).
export const sleep = (msec: number) => timed("wait", () => rawSleep(msec));
