import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";
import { explainRedisError, redisAddress, redisOptions } from "./redis.ts";

describe("REDIS_URL", () => {
  it("passes user, URL-encoded password, database and TLS on to ioredis", () => {
    expect(redisOptions("rediss://app:p%40ss%3Aw%2Frd@redis.example.org:6380/4")).toMatchObject({
      host: "redis.example.org",
      port: 6380,
      username: "app",
      password: "p@ss:w/rd",
      db: 4,
      tls: { servername: "redis.example.org" },
    });
    const plain = redisOptions("redis://127.0.0.1");
    expect(plain).toMatchObject({ host: "127.0.0.1", port: 6379, db: 0 });
    expect(plain.password).toBeUndefined();
    expect(plain.tls).toBeUndefined();
    expect(redisOptions("redis://:secret@[::1]:7000/").host).toBe("::1");
  });

  it("names the server in messages, never the password", () => {
    const url = "redis://:hunter2-secret@10.0.0.5:6390/1";
    expect(redisAddress(url)).toBe("10.0.0.5:6390");
    const msg = explainRedisError(url, new Error("WRONGPASS invalid username-password pair"));
    expect(msg).toBe("Redis at 10.0.0.5:6390 refused the user name or password in REDIS_URL.");
    expect(
      explainRedisError(url, { code: "ECONNREFUSED", message: "connect ECONNREFUSED" }),
    ).toMatch(/refuses connections — is it running\?/);
  });

  it("is checked at start: a database that is not a number, a bad prefix", () => {
    const env = { DATA_DIR: "/tmp/x" };
    expect(() => loadConfig({ ...env, REDIS_URL: "redis://h:6379/zero" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, REDIS_URL: "http://h:6379" })).toThrow(
      /redis:\/\/ or rediss:\/\//,
    );
    expect(() => loadConfig({ ...env, REDIS_PREFIX: "has space" })).toThrow(/REDIS_PREFIX/);
    expect(loadConfig({ ...env, REDIS_URL: "redis://h/2" }).redisPrefix).toBe("glossa");
    expect(loadConfig({ ...env, REDIS_PREFIX: "site-b" }).redisPrefix).toBe("site-b");
  });
});
