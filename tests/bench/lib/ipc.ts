/// Request/response over a forked child's IPC channel, for the benchmark's
/// server and client worker processes. Every child started here is tracked
/// and killed (by its own pid) when the benchmark process exits.
import { type ChildProcess, execFileSync, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { timed } from "./phases.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const live = new Set<ChildProcess>();

function killAll(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  live.clear();
}
process.once("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/// CPU seconds used so far by the children still running (Linux
/// /proc/<pid>/stat, utime + stime; elsewhere 0): with `cpuSeconds`
/// (phases.ts), which counts only children already reaped, a scenario's
/// CPU includes the client processes it borrowed from the pool (harness.ts).
export function liveChildrenCpuSeconds(): number {
  let ticks = 0;
  for (const child of live) {
    try {
      const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // Gone (reaped: counted by cpuSeconds) or no /proc.
    }
  }
  return ticks / 100;
}

export interface Worker {
  readonly pid: number;
  readonly child: ChildProcess;
  call<T = unknown>(op: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /// Asks the child to exit (op "exit"), then kills it if it lingers.
  stop(): Promise<void>;
}

/// Node options of a worker. Profiling a run: GLOSSA_WORKER_CPU_PROF=<folder>
/// writes each worker's CPU profile there when it exits (Chrome DevTools).
function execArgv(tsx: boolean, gc?: boolean, flags: readonly string[] = []): string[] {
  const prof = process.env.GLOSSA_WORKER_CPU_PROF;
  return [
    ...flags,
    ...(tsx ? ["--import", "tsx"] : []),
    ...(gc ? ["--expose-gc"] : []),
    ...(prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : []),
  ];
}

interface SpawnOptions {
  env?: Record<string, string>;
  cpu?: number;
  gc?: boolean;
  /// Further node options (a server's V8 flags: apps/server/src/runtime.ts).
  nodeFlags?: readonly string[];
  name?: string;
  /// Output lines to drop (known, expected log noise); the rest is passed on.
  quiet?: RegExp;
}

type Waiting = Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;

/// Passes the child's output lines on (prefixed with its name), except `quiet` ones.
function pipeOutput(child: ChildProcess, opts: SpawnOptions): void {
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on("line", (line) => {
      if (!opts.quiet?.test(line))
        process.stderr.write(`      [${opts.name ?? "worker"}] ${line}\n`);
    });
  }
}

/// Pins the child (all its threads) to core `cpu` with taskset, if there is one.
function pin(child: ChildProcess, cpu: number | undefined): void {
  if (cpu === undefined || !child.pid) return;
  try {
    execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(child.pid)], {
      stdio: "ignore",
    });
  } catch {
    // No taskset: run unpinned.
  }
}

/// Routes the child's answers to `waiting`; resolves on its ready message,
/// rejects if it exits first (and fails every waiting call when it exits).
function whenReady(child: ChildProcess, waiting: Waiting, label: string): Promise<void> {
  const exited = new Promise<never>((_, reject) => {
    child.once("exit", (code, signal) => {
      const err = new Error(`${label} exited (${code ?? signal})`);
      for (const w of waiting.values()) w.reject(err);
      waiting.clear();
      reject(err);
    });
  });
  exited.catch(() => {});
  const ready = new Promise<void>((resolve) => {
    child.on("message", (m: { id: number; value?: unknown; error?: string }) => {
      if (m.id === 0) return resolve();
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (!w) return;
      if (m.error !== undefined) w.reject(new Error(`${label}: ${m.error}`));
      else w.resolve(m.value);
    });
  });
  return Promise.race([ready, exited]);
}

/// The `call` of a worker: one request, its answer or a timeout.
function caller(child: ChildProcess, waiting: Waiting, label: string): Worker["call"] {
  let next = 1;
  return <T>(op: string, a?: unknown, timeoutMs = 120_000) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${label}: ${op} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ id, op, args: a });
    });
}

/// Asks the child to exit (op "exit"), then kills it if it lingers.
async function stopChild(child: ChildProcess, call: Worker["call"]): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once("exit", () => r()));
  call("exit", undefined, 15_000).catch(() => {});
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await gone;
  clearTimeout(timer);
}

/// Forks `file` (plain JavaScript, such as a bundle from bundle.ts, or
/// TypeScript through tsx) and waits for its ready message (counted as
/// `spawn` in the run's breakdown, phases.ts).
/// `cpu` pins the child (all its threads) to that core with taskset.
export function spawnWorker(
  file: string,
  args: string[],
  opts: SpawnOptions = {},
): Promise<Worker> {
  return timed("spawn", async () => {
    const child = fork(file, args, {
      execArgv: execArgv(file.endsWith(".ts"), opts.gc, opts.nodeFlags),
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    pipeOutput(child, opts);
    live.add(child);
    child.once("exit", () => live.delete(child));
    pin(child, opts.cpu);
    const waiting: Waiting = new Map();
    await whenReady(child, waiting, opts.name ?? file);
    const call = caller(child, waiting, opts.name ?? "worker");
    return {
      pid: child.pid!,
      child,
      call,
      stop: () => timed("stop", () => stopChild(child, call)),
    };
  });
}

/// Child side: answers `{id, op, args}` with the handler's result.
export function serveWorker(
  handlers: Record<string, (args: never) => unknown>,
  onExit: () => Promise<void> | void,
): void {
  process.on("message", async (m: { id: number; op: string; args: unknown }) => {
    if (m.op === "exit") {
      try {
        await onExit();
      } finally {
        process.send!({ id: m.id, value: true }, () => process.exit(0));
      }
      return;
    }
    const handler = handlers[m.op];
    try {
      if (!handler) throw new Error(`unknown op ${m.op}`);
      const value = await handler(m.args as never);
      process.send!({ id: m.id, value });
    } catch (err) {
      process.send!({ id: m.id, error: (err as Error).stack ?? String(err) });
    }
  });
  process.on("disconnect", () => process.exit(0));
  process.send!({ id: 0, value: "ready" });
}

/// A monotonic clock shared by all processes of the machine (CLOCK_MONOTONIC), in ms.
export const clock = (): number => Number(process.hrtime.bigint()) / 1e6;
