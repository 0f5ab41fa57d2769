import { WebhookTables } from "./webhooks.ts";

/// Every table of the `Store` both SQL back ends write with the same SQL,
/// one concern per file, each class extending the one before it:
/// `settings.ts` (the connection, settings, the access version, failed
/// attempts) → `accounts.ts` (users, sessions, API tokens) → `sharing.ts`
/// (shares, invitations) → `documents.ts` (documents, trash, search text)
/// → `webhooks.ts`. `SqliteStore` and `PostgresStore` extend this with
/// what differs: opening the database, the journal and compaction, and the
/// few writes SQLite makes another way.
export abstract class SqlTables extends WebhookTables {}
