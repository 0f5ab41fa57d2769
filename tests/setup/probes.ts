/// Checks that a PostgreSQL or Redis really answers (a query, a PING: an open
/// port alone proves nothing), and finds free ports. Shared by the test
/// bootstrap (services.ts) and the process that runs the servers it starts
/// (host.ts).
import { accessSync, constants } from "node:fs";
import net from "node:net";
import { Redis } from "ioredis";
import pg from "pg";

/// Where the tests look first when nothing is configured.
export const DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres";
export const DEFAULT_REDIS = "redis://127.0.0.1:6379";

/// Connects and runs `SELECT 1`: null when PostgreSQL answered, else why not.
export async function pgAnswers(url: string, timeoutMs = 3_000): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ one: number }>("SELECT 1 AS one");
    return rows[0]?.one === 1 ? null : "SELECT 1 did not return 1";
  } catch (e) {
    return e instanceof Error ? e.message || e.name : String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

/// Sends PING: null when Redis answered PONG, else why not.
export async function redisAnswers(url: string, timeoutMs = 3_000): Promise<string | null> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    const reply = await client.ping();
    return reply === "PONG" ? null : `PING answered ${reply}`;
  } catch (e) {
    return e instanceof Error ? e.message || e.name : String(e);
  } finally {
    client.disconnect();
  }
}

/// A TCP port on 127.0.0.1 that nothing listens on now (the system picks it).
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/// The address without its password, for messages.
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(not a valid address)";
  }
}

/// The Chromium the browser tests drive (tests/utils/browser.ts).
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/// null when Chromium is there, else what to install.
export function chromiumMissing(): string | null {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return null;
  } catch {
    return (
      `Chromium was not found at ${CHROMIUM}, and the browser tests drive a real Chromium. ` +
      "Install Debian's chromium (`sudo apt-get install chromium`; `.ci/run` installs it when " +
      "missing), or set CHROMIUM_PATH to a Chromium or Chrome program."
    );
  }
}
