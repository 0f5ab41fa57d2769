import type { Redis as RedisExtension } from "@hocuspocus/extension-redis";
import type { Extension } from "@hocuspocus/server";
import type { Redis, RedisOptions } from "ioredis";
import { log } from "./log.ts";
import { StartupError } from "./startup.ts";

/// ioredis options from a `REDIS_URL`: `redis://` or `rediss://` (TLS), with
/// an optional user and password (URL-encoded) and database index
/// (`redis://:secret@host:6379/2`). `loadConfig` has checked the URL.
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    host,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number(u.pathname.slice(1) || 0),
    tls: u.protocol === "rediss:" ? { servername: host } : undefined,
    connectTimeout: 5_000,
  };
}

/// `host:port` of a Redis URL, for messages (never the password).
export function redisAddress(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 6379}`;
}

/// Explains why Redis refused or could not be reached, in one sentence.
export function explainRedisError(url: string, err: unknown): string {
  const e = err as { code?: string; message?: string };
  const where = `Redis at ${redisAddress(url)}`;
  const text = `${e.code ?? ""} ${e.message ?? ""}`;
  if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(text))
    return `${where} refused the user name or password in REDIS_URL.`;
  if (/ECONNREFUSED/.test(text))
    return `${where} refuses connections — is it running? Check REDIS_URL.`;
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return `the Redis host in REDIS_URL (${where}) is unknown.`;
  if (/ETIMEDOUT|timed? ?out/i.test(text))
    return `${where} does not answer (timed out). Check REDIS_URL.`;
  if (/SSL|TLS|certificate|EPROTO/i.test(text))
    return `the TLS connection to ${where} failed (${e.message}). Check REDIS_URL (rediss://).`;
  if (/DB index is out of range|invalid DB index/i.test(text))
    return `${where} has no database with the index given in REDIS_URL.`;
  return `${where} could not be used: ${e.message ?? String(err)}`;
}

/// The Redis extension (updates and presence between instances) with clients
/// built from the full `REDIS_URL`, and a readiness probe on its connection.
export interface RedisLink {
  extension: Extension;
  /// Resolves when Redis answers PING; rejects with a reason otherwise.
  ping(timeoutMs?: number): Promise<void>;
}

/// Checks that Redis accepts the URL's credentials (a clear startup error
/// instead of an endless NOAUTH loop), then creates the extension. Later
/// outages are logged once per outage and reported by `ping` (readiness);
/// ioredis reconnects by itself.
export async function connectRedis(url: string, prefix: string): Promise<RedisLink> {
  // Loaded only when Redis is configured: a single instance never holds them
  // (about 5 MB of heap at start).
  const [{ Redis }, { Redis: RedisExtension }] = await Promise.all([
    import("ioredis"),
    import("@hocuspocus/extension-redis"),
  ]);
  const options = redisOptions(url);
  const probe = new Redis({
    ...options,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The refusal itself (WRONGPASS, ECONNREFUSED) arrives as an 'error' event;
  // connect() then only says "Connection is closed".
  let refusal: unknown = null;
  probe.on("error", (err) => {
    refusal ??= err;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new StartupError(explainRedisError(url, refusal ?? err));
  } finally {
    probe.disconnect();
  }

  const clients: Redis[] = [];
  const createClient = () => {
    const client = new Redis(options);
    let down = false;
    client.on("error", (err) => {
      if (down) return;
      down = true;
      log.error({ redis: redisAddress(url), err: err.message }, explainRedisError(url, err));
    });
    client.on("ready", () => {
      if (!down) return;
      down = false;
      log.info({ redis: redisAddress(url) }, "Redis is reachable again");
    });
    clients.push(client);
    return client;
  };
  // The extension is typed against its own copy of ioredis; the client is the same API.
  type ExtensionClient = NonNullable<
    ConstructorParameters<typeof RedisExtension>[0]["createClient"]
  >;
  const extension = keepLoadingCopies(
    new RedisExtension({
      createClient: createClient as unknown as ExtensionClient,
      prefix,
    }) as unknown as Extension,
  );
  return {
    extension,
    async ping(timeoutMs = 2_000) {
      const client = clients[0];
      if (client?.status !== "ready")
        throw new Error(`not connected (${client?.status ?? "no client"})`);
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          client.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error("no answer to PING")), timeoutMs);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/// The extension's `afterUnloadDocument` unsubscribes from a document's
/// channel and forgets it unless `instance.documents` holds the name; a new
/// copy of that name loading meanwhile (a client joining as the last one
/// left) is not listed there until its load ends, and lost its subscription:
/// it heard no other instance's edits while it stayed loaded
/// (`tests/foundation/unloadReloadRedis.test.ts`). Such a load is awaited
/// first; the old copy is forgotten only when no copy is loaded.
function keepLoadingCopies(extension: Extension): Extension {
  const forget = extension.afterUnloadDocument?.bind(extension);
  if (!forget) return extension;
  extension.afterUnloadDocument = async (payload) => {
    const { instance, documentName } = payload;
    await instance.loadingDocuments.get(documentName)?.catch(() => {});
    if (instance.documents.has(documentName)) return;
    await forget(payload);
  };
  return extension;
}
