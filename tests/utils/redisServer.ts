/// Processes and ports of a test's own: a free port, and a redis-server the
/// test starts, stops and restarts itself (password-protected on demand).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/// A TCP port nobody listens on right now.
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/// True when nothing listens on 127.0.0.1:`port` (a listen there succeeds).
export async function portIsFree(port: number): Promise<boolean> {
  const server = net.createServer();
  const ok = await new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => resolve(true));
  });
  if (ok) await new Promise((resolve) => server.close(resolve));
  return ok;
}

/// A redis-server of the test's own (`/usr/bin/redis-server`), on a free
/// port, without persistence, optionally with a password.
export interface RedisServer {
  port: number;
  /// `redis://…` with the password (URL-encoded) and database `db`.
  url(db?: number, password?: string): string;
  stop(): Promise<void>;
  /// Starts it again on the same port (empty, same password).
  start(): Promise<void>;
}

export async function startRedisServer(opts: { password?: string } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "glossa-redis-"));
  let child: ChildProcess | null = null;
  const start = async () => {
    mkdirSync(dir, { recursive: true });
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly"];
    args.push("no", "--dir", dir);
    if (opts.password) args.push("--requirepass", opts.password);
    const proc = spawn("/usr/bin/redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    let out = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start:\n${out}`)),
        20_000,
      );
      proc.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        if (/Ready to accept connections/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${out}`));
      });
    });
  };
  await start();
  return {
    port,
    url: (db = 0, password = opts.password) =>
      `redis://${password ? `:${encodeURIComponent(password)}@` : ""}127.0.0.1:${port}/${db}`,
    start,
    async stop() {
      const proc = child;
      child = null;
      if (!proc || proc.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      });
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
