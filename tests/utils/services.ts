/// The PostgreSQL and Redis the tests use, as the bootstrap found or started
/// them (tests/setup/services.ts, vitest's global setup): never a fixed
/// address, so that two test runs can share a machine.
import { randomBytes } from "node:crypto";
import pg from "pg";

function address(name: "GLOSSA_TEST_PG" | "GLOSSA_TEST_REDIS", what: string): string {
  const url = process.env[name];
  if (url) return url;
  throw new Error(
    process.env[`${name}_UNAVAILABLE`] ??
      `This test needs ${what}, whose address the test bootstrap (tests/setup/services.ts) ` +
        `publishes in ${name}: run it with vitest's integration suite (pnpm vitest run <file>), ` +
        `or set ${name}.`,
  );
}

/// Address of a PostgreSQL database whose user may create databases.
export function pgAdminUrl(): string {
  return address("GLOSSA_TEST_PG", "PostgreSQL");
}

/// Address of the Redis shared by the instances under test.
export function redisUrl(): string {
  return address("GLOSSA_TEST_REDIS", "Redis");
}

/// Runs one statement as the administrator.
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/// A fresh PostgreSQL database (named `prefix_` and random hex), and how to
/// drop it (closing whatever is still connected).
export async function createDatabase(
  prefix = "glossa_test",
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`bad database prefix: ${prefix}`);
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(pgAdminUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
