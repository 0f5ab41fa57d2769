import type { AnnotationService } from "./annotations/AnnotationService.ts";
import type { AccountBudgets } from "./auth/budgets.ts";
import type { TokenService } from "./auth/tokens.ts";
import type { Documents } from "./documents.ts";
import type { PersistenceExtension } from "./extensions/PersistenceExtension.ts";
import type { DocumentLibrary } from "./library.ts";
import type { Metrics } from "./metrics.ts";
import type { RedisLink } from "./redis.ts";
import type { SourceCatalog } from "./sources/SourceCatalog.ts";
import type { Store } from "./storage/index.ts";
import type { AuthorshipExtension } from "./versions/AuthorshipExtension.ts";
import type { VersionService } from "./versions/VersionService.ts";
import type { WebhookService } from "./webhooks/WebhookService.ts";

/// The services of one server, typed once: `startGlossa` (app.ts) builds each
/// once and hands them down; the running `Glossa` and the HTTP handlers'
/// `ApiContext` (http/api.ts) take their fields from here.
export interface Services {
  store: Store;
  tokens: TokenService;
  documents: Documents;
  /// Rename, trash, duplicate, search; purges the expired trash every hour.
  library: DocumentLibrary;
  annotations: AnnotationService;
  /// The catalog of authorities, built-in and the team's.
  sources: SourceCatalog;
  /// Named versions, comparisons and restores (versions/).
  versions: VersionService;
  /// Which user's connection brought each Yjs client id.
  authorship: AuthorshipExtension;
  persistence: PersistenceExtension;
  /// Prometheus metrics served at `/metrics`.
  metrics: Metrics;
  redis: RedisLink | null;
  budgets: AccountBudgets;
  /// Webhooks: registry, queue, and where API events are emitted.
  webhooks: WebhookService;
}

/// The services every HTTP request handler reads.
export type RequestServices = Pick<
  Services,
  "store" | "tokens" | "documents" | "library" | "annotations" | "sources" | "versions" | "webhooks"
>;
