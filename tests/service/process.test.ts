import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NODE_FLAGS } from "@glossa/server/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, portIsFree, type RedisServer, startRedisServer } from "../utils/redisServer.ts";
import { eventually } from "../utils/server.ts";
import { pgAdminUrl } from "../utils/services.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = path.join(ROOT, "apps/server/dist/main.js");

/// A process and everything it wrote.
interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(command: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const r: Run = {
    child,
    stdout: "",
    stderr: "",
    exit: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal }))),
  };
  child.stdout!.on("data", (d: Buffer) => {
    r.stdout += d.toString();
  });
  child.stderr!.on("data", (d: Buffer) => {
    r.stderr += d.toString();
  });
  return r;
}

/// Runs the built server until it exits by itself (a start that fails).
async function failedStart(env: Record<string, string>) {
  const r = run(process.execPath, [MAIN], env);
  const timer = setTimeout(() => r.child.kill("SIGKILL"), 60_000);
  const { code } = await r.exit;
  clearTimeout(timer);
  return { code, stdout: r.stdout, stderr: r.stderr };
}

/// The real processes: `pnpm start` on the built output, and the one-line
/// errors of a start that cannot succeed.
describe("Glossa as a process", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "glossa-proc-"));
  let redis: RedisServer | null = null;

  beforeAll(() => {
    // What `pnpm start` does first: build when the output is missing or stale.
    execFileSync(process.execPath, ["scripts/ensure-built.mjs"], { cwd: ROOT, stdio: "ignore" });
  });
  afterAll(async () => {
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("`pnpm start` runs node on the built server, and SIGTERM to pnpm stops it gracefully", async () => {
    const port = await freePort();
    const r = run("pnpm", ["start"], { PORT: String(port), DATA_DIR: dataDir, LOG_FORMAT: "json" });
    try {
      await eventually(() => expect(r.stdout).toContain(`Glossa is running at`), 60_000, 100);
      // pnpm's only child is node on the bundle (no shell, no tsx in between).
      const children = readFileSync(`/proc/${r.child.pid}/task/${r.child.pid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .map(Number);
      expect(children).toHaveLength(1);
      const server = children[0]!;
      const cmdline = readFileSync(`/proc/${server}/cmdline`, "utf8").split("\0");
      expect(cmdline[0]).toMatch(/node$/);
      // Node's own flags (apps/server/src/runtime.ts), then the bundle.
      expect(cmdline.slice(1, NODE_FLAGS.length + 2)).toEqual([
        ...NODE_FLAGS,
        "apps/server/dist/main.js",
      ]);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);

      r.child.kill("SIGTERM");
      const { code } = await r.exit;
      expect(code).toBe(0);
      const lines = r.stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { level: string; msg: string; signal?: string });
      expect(lines.find((l) => l.msg === "saving and stopping")?.signal).toBe("SIGTERM");
      expect(lines.at(-1)?.msg).toBe("stopped");
      expect(lines.every((l) => typeof l.level === "string")).toBe(true);
      expect(existsProcess(server)).toBe(false);
      expect(await portIsFree(port)).toBe(true);
    } finally {
      r.child.kill("SIGKILL");
    }
  });

  it("a busy port: one clear line and exit code 1, no stack trace", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await failedStart({ PORT: String(port), DATA_DIR: dataDir });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `Glossa cannot start: Port ${port} is already in use — is Glossa already running? Set PORT to choose another.\n`,
      );
      expect(r.stdout).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("an unreachable PostgreSQL: one clear line, exit code 1, no password shown", async () => {
    const port = await freePort();
    const r = await failedStart({
      DATABASE_URL: `postgres://glossa:sekrit-password@127.0.0.1:${port}/glossa`,
      DATA_DIR: dataDir,
      PORT: "0",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `Glossa cannot start: the PostgreSQL database at 127.0.0.1:${port}/glossa refuses connections — is PostgreSQL running? Check DATABASE_URL.\n`,
    );
    expect(r.stdout + r.stderr).not.toContain("sekrit-password");
  });

  it("a PostgreSQL database that does not exist: one clear line, exit code 1", async () => {
    const name = `glossa_missing_${randomBytes(4).toString("hex")}`;
    const url = new URL(pgAdminUrl());
    url.pathname = `/${name}`;
    const r = await failedStart({ DATABASE_URL: url.href, DATA_DIR: dataDir, PORT: "0" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^Glossa cannot start: the PostgreSQL database at .*/${name} does not exist\\. .*\\n$`,
      ),
    );
  });

  it("a wrong Redis password: one clear line and exit code 1 (not a NOAUTH loop)", async () => {
    redis = await startRedisServer({ password: "right-password-0123" });
    for (const url of [redis.url(0, "wrong-password-0123"), redis.url(0, "")]) {
      const r = await failedStart({ REDIS_URL: url, DATA_DIR: dataDir, PORT: "0" });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `Glossa cannot start: Redis at 127.0.0.1:${redis.port} refused the user name or password in REDIS_URL.\n`,
      );
      expect(r.stdout + r.stderr).not.toContain("wrong-password-0123");
    }
  });

  it("an unknown LOG_LEVEL is a configuration error (exit code 2)", async () => {
    const r = await failedStart({ LOG_LEVEL: "loud", DATA_DIR: dataDir, PORT: "0" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Glossa cannot start: LOG_LEVEL must be one of fatal, error, warn/);
  });
});

function existsProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
