import path from "node:path";
import { ACCOUNT_BUDGETS, DEFAULT_MAX_MESSAGE_BYTES as MAX_BYTES } from "@glossa/protocol";
import { defaultLogLevel, LOG_LEVELS, type LogLevel } from "./log.ts";

/// Validated server configuration, read from the environment (docs/design.md §2).
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  /// Namespace of Glossa's keys and channels in Redis (REDIS_PREFIX).
  redisPrefix: string;
  /// Origin used in printed links and accepted on the websocket.
  publicUrl: string | null;
  /// Extra origins allowed to open the websocket (comma-separated in ALLOWED_ORIGINS).
  allowedOrigins: string[];
  /// Origins whose scripts may call the HTTP API (CORS_ORIGINS); empty: CORS off.
  corsOrigins: string[];
  /// Hosts webhooks may reach on private or loopback addresses (WEBHOOK_ALLOW_HOSTS).
  webhookAllowHosts: string[];
  /// Wait before a webhook delivery's first retry, doubled each time (WEBHOOK_RETRY_BASE_MS).
  webhookRetryBaseMs: number;
  /// How long a writer's edits sent ahead of its sync reply are held before
  /// its connection is refused as forged (SYNC_REPLY_WAIT_MS; versions/deferredGaps.ts).
  syncReplyWaitMs: number;
  /// Largest websocket message accepted, in bytes.
  maxMessageBytes: number;
  /// Messages per second allowed per connection (burst: twice that).
  messagesPerSecond: number;
  /// Document connections one person may hold per instance (MAX_CONNECTIONS_PER_USER).
  maxConnectionsPerUser: number;
  /// Messages per second one account may send over all its connections and
  /// documents on one instance (ACCOUNT_MESSAGES_PER_SECOND; burst: twice that).
  accountMessagesPerSecond: number;
  /// Bytes per second one account may send over all its connections
  /// (ACCOUNT_BYTES_PER_SECOND); a burst of two full messages always passes.
  accountBytesPerSecond: number;
  /// Structs plus deleted ranges per second one account's text updates may
  /// bring (ACCOUNT_WORK_PER_SECOND); one largest update always passes.
  accountWorkPerSecond: number;
  /// New blocks and text nodes per second one account's text updates may
  /// bring (ACCOUNT_BLOCKS_PER_SECOND); one largest update always passes.
  accountBlocksPerSecond: number;
  /// Documents one account may own (ACCOUNT_MAX_DOCUMENTS), trash included.
  accountMaxDocuments: number;
  /// Documents one account may create per hour, across instances
  /// (ACCOUNT_DOCUMENTS_PER_HOUR).
  accountDocumentsPerHour: number;
  /// Files one account may import per minute, across instances
  /// (ACCOUNT_IMPORTS_PER_MINUTE): each is converted on the event loop.
  accountImportsPerMinute: number;
  /// Largest file imported as a document (MAX_IMPORT_BYTES), in bytes.
  maxImportBytes: number;
  /// Lifetime of a sign-in token, in seconds.
  tokenTtlSeconds: number;
  /// Folder of the built web app, served at `/`.
  webDist: string;
  /// Import the sample letter when the store has no document.
  seed: boolean;
  quiet: boolean;
  /// Least severe level logged (LOG_LEVEL; GLOSSA_QUIET=1 makes it `error`).
  logLevel: LogLevel;
  /// Bearer token `/metrics` requires (METRICS_TOKEN); null: this machine only.
  metricsToken: string | null;
}

/// How long a connection with deferred updates (versions/deferredGaps.ts) may
/// take to send its SyncStep2 (the answer to the server's SyncStep1, sent
/// when it connected): a client receives and applies the whole document
/// first, seconds for a large one on a loaded machine. Then it is refused
/// (ForgedChange). The default of SYNC_REPLY_WAIT_MS.
export const GAP_WAIT_MS = 30_000;

export class ConfigError extends Error {}

/// The account budgets' defaults, published in `@glossa/protocol` (the web
/// app paces what it sends under them).
const B = {
  messages: ACCOUNT_BUDGETS.messagesPerSecond,
  bytes: ACCOUNT_BUDGETS.bytesPerSecond,
  work: ACCOUNT_BUDGETS.workPerSecond,
  blocks: ACCOUNT_BUDGETS.blocksPerSecond,
};

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(
      `${name} must be a whole number between ${min} and ${max} (got ${JSON.stringify(raw)}).`,
    );
  }
  return n;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (!raw) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL.`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(
      `${name} must start with ${protocols.map((p) => `${p}//`).join(" or ")}.`,
    );
  }
  return raw;
}

/// A comma-separated list of origins (`https://host[:port]`).
function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const list = (env[name] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const o of list) {
    if (!/^https?:\/\/[^/]+$/.test(o))
      throw new ConfigError(
        `${name} entry ${JSON.stringify(o)} is not an origin like https://example.org.`,
      );
  }
  return list;
}

/// Reads and checks the configuration; throws ConfigError with a message
/// meant for the person starting the server.
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const dataDir = path.resolve(cwd, env.DATA_DIR || "data");
  const publicUrl = url(env, "PUBLIC_URL", ["http:", "https:"]);
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const o of allowedOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(o))
      throw new ConfigError(
        `ALLOWED_ORIGINS entry ${JSON.stringify(o)} is not an origin like https://example.org.`,
      );
  }
  const corsOrigins = origins(env, "CORS_ORIGINS");
  const redisUrl = url(env, "REDIS_URL", ["redis:", "rediss:"]);
  if (redisUrl) {
    const u = new URL(redisUrl);
    if (!/^\/?(\d{1,5})?$/.test(u.pathname))
      throw new ConfigError(
        "REDIS_URL may end only with a database number, like redis://host:6379/0.",
      );
    if (!u.hostname) throw new ConfigError("REDIS_URL has no host, like redis://host:6379.");
  }
  const redisPrefix = env.REDIS_PREFIX ?? "glossa";
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(redisPrefix))
    throw new ConfigError(
      "REDIS_PREFIX may use only letters, digits and _ . : - (at most 64 characters).",
    );
  if (env.LOG_LEVEL && !LOG_LEVELS.includes(env.LOG_LEVEL as LogLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}.`);
  if (env.LOG_FORMAT && env.LOG_FORMAT !== "json" && env.LOG_FORMAT !== "pretty")
    throw new ConfigError('LOG_FORMAT must be "json" or "pretty".');
  const metricsToken = env.METRICS_TOKEN || null;
  if (metricsToken && metricsToken.length < 16)
    throw new ConfigError("METRICS_TOKEN must be at least 16 characters long.");
  return {
    port: int(env, "PORT", 4321, 0, 65535),
    host: env.HOST || "127.0.0.1",
    dataDir,
    databaseUrl: url(env, "DATABASE_URL", ["postgres:", "postgresql:"]),
    redisUrl,
    redisPrefix,
    publicUrl: publicUrl?.replace(/\/$/, "") ?? null,
    allowedOrigins,
    corsOrigins,
    webhookAllowHosts: hostList(env.WEBHOOK_ALLOW_HOSTS),
    webhookRetryBaseMs: int(env, "WEBHOOK_RETRY_BASE_MS", 10_000, 100, 3_600_000),
    syncReplyWaitMs: int(env, "SYNC_REPLY_WAIT_MS", GAP_WAIT_MS, 100, 600_000),
    maxMessageBytes: int(env, "MAX_MESSAGE_BYTES", MAX_BYTES, 64 * 1024, 64 * 1024 * 1024),
    messagesPerSecond: int(env, "MESSAGES_PER_SECOND", 100, 1, 10_000),
    maxConnectionsPerUser: int(env, "MAX_CONNECTIONS_PER_USER", 40, 2, 10_000),
    accountMessagesPerSecond: int(env, "ACCOUNT_MESSAGES_PER_SECOND", B.messages, 1, 100_000),
    accountBytesPerSecond: int(env, "ACCOUNT_BYTES_PER_SECOND", B.bytes, 16 * 1024, 1 << 30),
    accountWorkPerSecond: int(env, "ACCOUNT_WORK_PER_SECOND", B.work, 100, 10_000_000),
    accountBlocksPerSecond: int(env, "ACCOUNT_BLOCKS_PER_SECOND", B.blocks, 10, 10_000_000),
    accountMaxDocuments: int(env, "ACCOUNT_MAX_DOCUMENTS", 10_000, 1, 10_000_000),
    accountDocumentsPerHour: int(env, "ACCOUNT_DOCUMENTS_PER_HOUR", 300, 1, 1_000_000),
    accountImportsPerMinute: int(env, "ACCOUNT_IMPORTS_PER_MINUTE", 30, 1, 100_000),
    maxImportBytes: int(env, "MAX_IMPORT_BYTES", 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    tokenTtlSeconds: int(env, "TOKEN_TTL_SECONDS", 15 * 60, 30, 24 * 3600),
    webDist: path.resolve(env.WEB_DIST || new URL("../../web/dist", import.meta.url).pathname),
    seed: env.GLOSSA_SEED !== "0",
    quiet: env.GLOSSA_QUIET === "1",
    logLevel: defaultLogLevel(env),
    metricsToken,
  };
}

/// A comma-separated list of host names, lower-cased, IPv6 brackets removed.
function hostList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) =>
      s
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, ""),
    )
    .filter(Boolean);
}
