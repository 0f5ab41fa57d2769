/// The server's public API (`@glossa/server`): starting Glossa, its configuration,
/// its stores and the services tests and benchmarks drive directly. `main.ts` and
/// `cli.ts` are the entry points; everything else is internal.

export { AnnotationService, RECONCILE_MIN_AGE_MS } from "./annotations/AnnotationService.ts";
export { verifyAnchors } from "./annotations/anchorCheck.ts";
export { anchorItemsMap } from "./annotations/anchorIdentity.ts";
export { BATCH_SLICE, type BatchPhase, batchSteps } from "./annotations/batchWrite.ts";
export { addAnnotationFormat, removeAnnotationFormat } from "./annotations/yMarks.ts";
export { textSegments } from "./annotations/yPositions.ts";
export { type Glossa, startGlossa, VERSION } from "./app.ts";
export { createApiToken, verifyApiToken } from "./auth/apiTokens.ts";
export { hashPassword, verifyPassword } from "./auth/passwords.ts";
export { AttemptLimiter } from "./auth/rateLimit.ts";
export { createSignInCode, TokenService } from "./auth/tokens.ts";
export { runSources } from "./commands/sources.ts";
export { type Config, ConfigError, loadConfig } from "./config.ts";
export { newId } from "./documents.ts";
export { ProtocolViolation } from "./extensions/AccessExtension.ts";
export { AlreadyOpen, TooManyConnections } from "./extensions/AuthExtension.ts";
export {
  guardStats,
  SLICE,
  TEXT_LIMITS,
  TextGuard,
  UpdateRejected,
} from "./extensions/SchemaGuardExtension.ts";
export { freshSyncStats, keptState } from "./freshState.ts";
export { api } from "./http/api.ts";
export { loadMarkdown, toHtml, toMarkdown } from "./http/documentExports.ts";
export { ERROR_CODES, Handlers } from "./http/http.ts";
export { allowFor, checkRoutes, endpointsLoaded, httpApp } from "./http/httpApp.ts";
export { applyUnheard, LOAD_STEP, type LoadWork, loadSteps, loadStepsOf } from "./loadSteps.ts";
export { mallocTrims } from "./mallocTrim.ts";
export { plainStats } from "./plainText.ts";
export { SEARCH_TEXT_PART, SEARCH_TEXT_STEP, searchTextStats } from "./searchText.ts";
export { MAX_TEAM_AUTHORITIES, SourceCatalog, teamInput } from "./sources/SourceCatalog.ts";
export { openStore, PostgresStore, SqliteStore, type Store } from "./storage/index.ts";
export { foldStats } from "./storage/Store.ts";
export { checkDocument } from "./structure.ts";
export { scanStats, scanUpdate } from "./updateScan.ts";
export { textReads } from "./versions/attribution.ts";
export { exportModel } from "./versions/exportModel.ts";
export { openVersionStore } from "./versions/VersionStore.ts";
export { guardedLookup, isPrivateAddress, refuseUrl } from "./webhooks/ssrf.ts";
export { backoff } from "./webhooks/WebhookService.ts";
export {
  loadConversions,
  mergeParts,
  pmDocToUpdate,
  TEXT_FIELD,
  ydocFromParts,
  ydocToPm,
} from "./ydoc.ts";
