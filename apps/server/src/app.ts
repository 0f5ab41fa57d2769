import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { CloseEvents } from "@glossa/protocol";
import { type Extension, Server } from "@hocuspocus/server";
import { AnnotationService } from "./annotations/AnnotationService.ts";
import { ensureAdmin } from "./auth/accounts.ts";
import { AccountBudgets } from "./auth/budgets.ts";
import { createLoginLimits } from "./auth/rateLimit.ts";
import { createSignInCode, TokenService } from "./auth/tokens.ts";
import type { Config } from "./config.ts";
import type { GlossaContext } from "./context.ts";
import { Documents } from "./documents.ts";
import { AccessExtension } from "./extensions/AccessExtension.ts";
import { AnnotationsExtension } from "./extensions/AnnotationsExtension.ts";
import { AuthExtension } from "./extensions/AuthExtension.ts";
import { AwarenessExtension } from "./extensions/AwarenessExtension.ts";
import { BudgetExtension } from "./extensions/BudgetExtension.ts";
import { FreshSyncExtension } from "./extensions/FreshSyncExtension.ts";
import { HttpExtension } from "./extensions/HttpExtension.ts";
import { KeepaliveExtension } from "./extensions/KeepaliveExtension.ts";
import { LastEditExtension } from "./extensions/LastEditExtension.ts";
import { LimitsExtension } from "./extensions/LimitsExtension.ts";
import { MallocTrimExtension } from "./extensions/MallocTrimExtension.ts";
import {
  type PersistenceConfiguration,
  PersistenceExtension,
} from "./extensions/PersistenceExtension.ts";
import {
  LARGEST_UPDATE_WORK,
  SchemaGuardExtension,
  TEXT_LIMITS,
} from "./extensions/SchemaGuardExtension.ts";
import { TurnExtension } from "./extensions/TurnExtension.ts";
import { UnloadAgainExtension } from "./extensions/UnloadAgainExtension.ts";
import { DocumentLibrary } from "./library.ts";
import { setLogLevel } from "./log.ts";
import { Metrics } from "./metrics.ts";
import { connectRedis, type RedisLink } from "./redis.ts";
import { seedIfEmpty } from "./seed.ts";
import type { Services } from "./services.ts";
import { SourceCatalog } from "./sources/SourceCatalog.ts";
import { explainListenError, explainStoreError, StartupError } from "./startup.ts";
import { openStore, type Store } from "./storage/index.ts";
import { AuthorshipExtension } from "./versions/AuthorshipExtension.ts";
import { VersionService } from "./versions/VersionService.ts";
import { openVersionStore } from "./versions/VersionStore.ts";
import {
  annotationEvent,
  DEFAULT_WEBHOOK_SETTINGS,
  WebhookService,
} from "./webhooks/WebhookService.ts";

export const VERSION: string = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;

/// A running Glossa server: its services (services.ts) and address.
export interface Glossa extends Services {
  server: Server;
  /// http://host:port
  url: string;
  /// A one-time sign-in link for the owner, opening the first document.
  signInLink: string | null;
  close(): Promise<void>;
}

/// Starts Glossa: one process, one port, serving the web app, `/api` and the
/// collaboration websocket (docs/design.md §2). Fails with a `StartupError` (one
/// sentence) when the store, Redis or the port cannot be used.
export async function startGlossa(
  config: Config,
  /// Replacements for measurements (benchmarks compare merge strategies).
  options: { persistence?: Partial<PersistenceConfiguration> } = {},
): Promise<Glossa> {
  setLogLevel(config.logLevel);
  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
  }).catch((err) => {
    const why = explainStoreError(err, config);
    throw why ? new StartupError(why, { cause: err }) : err;
  });
  try {
    return await startOn(store, config, options);
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
}

async function startOn(
  store: Store,
  config: Config,
  options: { persistence?: Partial<PersistenceConfiguration> },
): Promise<Glossa> {
  // Redis first: a wrong password must stop the start, not loop in the background.
  const redis: RedisLink | null = config.redisUrl
    ? await connectRedis(config.redisUrl, config.redisPrefix)
    : null;
  const tokens = await TokenService.open(store, config.tokenTtlSeconds);
  let server: Server | null = null;
  const documents = new Documents(store, () => server?.hocuspocus ?? null);
  // The composition root: each service is built once here and handed to what uses it.
  const versionStore = openVersionStore(store);
  const sources = new SourceCatalog(store);
  const library = new DocumentLibrary(store, versionStore, () => server?.hocuspocus ?? null);
  const seeded = config.seed ? await seedIfEmpty(store, documents) : null;
  await ensureAdmin(store);
  const metrics = new Metrics({ hocuspocus: () => server?.hocuspocus ?? null });
  const persistence = new PersistenceExtension({
    store,
    observer: metrics.persistenceObserver(),
    ...options.persistence,
  });
  // Annotation writes are acknowledged once persistence has them on disk.
  const annotations = new AnnotationService(
    () => server!.hocuspocus,
    sharedWith(store),
    persistence,
  );
  // Which user's connection brought each Yjs client id (authors in comparisons).
  const authorship = new AuthorshipExtension(versionStore, { gapWaitMs: config.syncReplyWaitMs });
  const versions = new VersionService(store, versionStore, annotations, authorship);
  const budgets = accountBudgets(config);
  const webhooks = await openWebhooks(store, config, annotations);
  const services: Services = {
    store,
    tokens,
    documents,
    library,
    annotations,
    sources,
    versions,
    authorship,
    persistence,
    metrics,
    redis,
    budgets,
    webhooks,
  };
  server = hocuspocusServer(config, services);
  await listen(server, config);
  library.start();
  webhooks.start();
  const url = config.publicUrl ?? localUrl(server);
  const signInLink = await ownerSignInLink(store, url, seeded);
  return running(server, services, url, signInLink);
}

/// The people a document is shared with, for mentions in annotations.
function sharedWith(store: Store) {
  return async (docId: string) => {
    const people = [];
    for (const share of await store.listShares(docId)) {
      const user = await store.getUser(share.userId);
      if (user) people.push({ id: user.id, name: user.name });
    }
    return people;
  };
}

/// Per-account budgets (docs/security.md): websocket messages and bytes per
/// second over all of an account's connections, documents owned and created.
function accountBudgets(config: Config): AccountBudgets {
  return new AccountBudgets({
    messagesPerSecond: config.accountMessagesPerSecond,
    bytesPerSecond: config.accountBytesPerSecond,
    burstBytes: Math.max(2 * config.maxMessageBytes, 2 * config.accountBytesPerSecond),
    workPerSecond: config.accountWorkPerSecond,
    burstWork: LARGEST_UPDATE_WORK,
    blocksPerSecond: config.accountBlocksPerSecond,
    burstBlocks: TEXT_LIMITS.updateBlocks,
    maxDocuments: config.accountMaxDocuments,
    documentsPerHour: config.accountDocumentsPerHour,
    importsPerMinute: config.accountImportsPerMinute,
  });
}

/// Webhooks, hearing annotation operations from the API and the websocket alike.
async function openWebhooks(
  store: Store,
  config: Config,
  annotations: AnnotationService,
): Promise<WebhookService> {
  const webhooks = await WebhookService.open(store, {
    ...DEFAULT_WEBHOOK_SETTINGS,
    allowHosts: config.webhookAllowHosts,
    retryBaseMs: config.webhookRetryBaseMs,
  });
  annotations.onExecuted.add(({ docId, actor, command, id }) => {
    const e = annotationEvent(command);
    if (e) void webhooks.emit(docId, e.event, actor.user, { annotationId: id, ...e.data });
  });
  return webhooks;
}

/// The running Glossa: its server, services and address; `close` stops
/// the library's timer, the server, the webhooks, then the store.
function running(
  server: Server,
  services: Services,
  url: string,
  signInLink: string | null,
): Glossa {
  const { store, library, webhooks } = services;
  return {
    ...services,
    server,
    url,
    signInLink,
    async close() {
      library.stop();
      await stop(server);
      await webhooks.stop();
      await store.close();
    },
  };
}

/// Listens on the configured port; a busy port or a refused address becomes a
/// `StartupError` once the server is torn down again.
async function listen(server: Server, config: Config): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    // Hocuspocus' listen() never rejects: a busy port is an 'error' event.
    server.httpServer.once("error", reject);
    server.listen(config.port).then(() => {
      server.httpServer.off("error", reject);
      resolve();
    }, reject);
  }).catch(async (err) => {
    await server.destroy().catch(() => {});
    const why = explainListenError(err, config.host, config.port);
    throw why ? new StartupError(why, { cause: err }) : err;
  });
}

/// A one-time sign-in link for the owner (the seeded one, else the first
/// account) while that owner has no password yet, opening their first document.
async function ownerSignInLink(
  store: Store,
  url: string,
  seeded: { ownerId: string; documentId: string } | null,
): Promise<string | null> {
  const owner = seeded?.ownerId ?? (await store.listUsers())[0]?.id ?? null;
  if (!owner || (!seeded && (await store.getUser(owner))?.passwordHash)) return null;
  const firstDoc = seeded?.documentId ?? (await store.listDocumentsFor(owner))[0]?.id;
  const code = await createSignInCode(store, owner);
  return `${url}/${firstDoc ? `d/${firstDoc}` : ""}#signin=${code}`;
}

/// The Hocuspocus server with Glossa's extensions, in order.
function hocuspocusServer(config: Config, services: Services): Server {
  const { store, tokens, documents, library, annotations, sources, versions } = services;
  const { authorship, persistence, metrics, redis, budgets, webhooks } = services;
  // Order matters: limits and authentication first, persistence last.
  const extensions: Extension<GlossaContext>[] = [
    new LimitsExtension({
      maxMessageBytes: config.maxMessageBytes,
      messagesPerSecond: config.messagesPerSecond,
      allowedOrigins: config.publicUrl
        ? [new URL(config.publicUrl).origin, ...config.allowedOrigins]
        : config.allowedOrigins,
    }),
    new BudgetExtension(budgets),
    new TurnExtension(),
    new AuthExtension({ store, tokens, maxConnectionsPerUser: config.maxConnectionsPerUser }),
    // Re-checks live connections when shares or sessions change (any process).
    new AccessExtension({ store }),
    // One `keepalive` per websocket every 2 s: clients notice a silent network.
    new KeepaliveExtension(),
    new AwarenessExtension(),
    new SchemaGuardExtension(budgets),
    // Annotation operations (stateless messages) and anchor reconciliation.
    new AnnotationsExtension({ service: annotations, store, sources }),
    new HttpExtension({
      store,
      tokens,
      documents,
      library,
      annotations,
      sources,
      versions,
      loginLimits: createLoginLimits(store),
      webDist: config.webDist,
      info: { version: VERSION, startedAt: Date.now() },
      maxImportBytes: config.maxImportBytes,
      budgets: budgets.config,
      publicUrl: config.publicUrl,
      ops: { store, redis, metrics, metricsToken: config.metricsToken, lastFailure: new Map() },
      corsOrigins: config.corsOrigins,
      webhooks,
    }),
    authorship,
    // When each document's text last changed, by whom, and its text for search.
    new LastEditExtension({ store }),
    persistence,
    metrics.extension(),
    // A fresh client's sync answered from a kept encoding of the state (issue 16).
    new FreshSyncExtension(),
  ];
  if (redis) extensions.push(redis.extension);
  // After every other unload hook: unloads Hocuspocus dropped during an overlap.
  extensions.push(new UnloadAgainExtension());
  // Free malloc pages back to the system once a document has unloaded.
  extensions.push(new MallocTrimExtension());

  return new Server({
    name: "glossa",
    port: config.port,
    address: config.host,
    quiet: true,
    stopOnSignals: false,
    timeout: 30_000,
    debounce: 2_000,
    maxDebounce: 10_000,
    maxUnauthenticatedQueueSize: 256 * 1024,
    maxUnauthenticatedQueueMessages: 100,
    websocketOptions: { maxPayload: config.maxMessageBytes },
    extensions,
  });
}

/// http://host:port of the listening server (loopback for "all addresses").
function localUrl(server: Server): string {
  const address = server.httpServer.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`;
}

/// Stops Hocuspocus and closes every socket: Hocuspocus closes documents, not
/// sockets, and clients must see the server go to reconnect (to it or another
/// instance).
async function stop(server: Server): Promise<void> {
  await server.destroy();
  (
    server as unknown as { crossws?: { closeAll?: (code?: number, data?: string) => void } }
  ).crossws?.closeAll?.(CloseEvents.ServerRestarting.code, CloseEvents.ServerRestarting.reason);
  await drainHttp(server.httpServer);
}

/// Waits (up to 2 s) for the HTTP connections of a closed server to end,
/// closing each keep-alive socket as soon as its last response is out: a
/// socket left open would take a client's next request after a restart on
/// the same port and drop it ("other side closed").
async function drainHttp(http: Server["httpServer"]): Promise<void> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    http.closeIdleConnections();
    const open = await new Promise<number>((r) => http.getConnections((e, n) => r(e ? 0 : n)));
    if (open === 0) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  http.closeAllConnections();
}
