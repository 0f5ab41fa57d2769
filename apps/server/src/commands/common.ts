import { type Config, loadConfig } from "../config.ts";
import { openStore, type Store } from "../storage/index.ts";
import { UsageError } from "./args.ts";
import type { CommandIO } from "./command.ts";

export { parseArgs, UsageError } from "./args.ts";

/// Opens the store the server uses (DATA_DIR or DATABASE_URL), runs `fn`,
/// and closes it. Safe while the server runs: SQLite is in WAL mode with a
/// busy timeout, PostgreSQL is shared by design; the running server notices
/// share changes within a second (AccessExtension).
export async function withStore<T>(
  _io: CommandIO,
  fn: (store: Store, config: Config) => Promise<T>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  const config = loadConfig(env);
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

/// The address printed links start with: PUBLIC_URL, else host and port.
export function baseUrl(config: Config): string {
  if (config.publicUrl) return config.publicUrl;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  return `http://${host}:${config.port}`;
}

/// Runs a command body, turning UsageError and RangeError into messages and
/// exit codes (2: wrong usage, 1: refused or failed).
export async function runCommand(
  name: string,
  usage: string,
  io: CommandIO,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`glossa ${name}: ${err.message}\nUsage: glossa ${usage}\n`);
      return 2;
    }
    if (err instanceof RangeError) {
      io.stderr.write(`glossa ${name}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

/// "3 documents, 5 accounts, …" from a backup's rows per table.
export function describeBackup(tables: Record<string, number>): string {
  const n = (t: string) => (tables[t] ?? 0).toLocaleString("en-US");
  return [
    `${n("documents")} document(s)`,
    `${n("users")} account(s)`,
    `${n("shares")} share(s)`,
    `${n("versions")} version(s)`,
    `${n("sessions")} session(s)`,
    `${n("journal")} journal entries and ${n("snapshots")} snapshot(s) of text and annotations`,
  ].join(", ");
}

/// A size in bytes as people read it (kB, MB, GB).
export function humanBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ["kB", "MB", "GB", "TB"];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
