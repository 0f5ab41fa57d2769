import { PostgresStore } from "./PostgresStore.ts";
import { SqliteStore } from "./SqliteStore.ts";
import type { Store } from "./Store.ts";

/// Opens PostgreSQL when `databaseUrl` is set, otherwise SQLite in `dataDir`.
export async function openStore(opts: {
  dataDir: string;
  databaseUrl?: string | null;
}): Promise<Store> {
  return opts.databaseUrl ? PostgresStore.open(opts.databaseUrl) : new SqliteStore(opts.dataDir);
}

export type {
  AccessibleDocument,
  ApiTokenRecord,
  DeliveryRecord,
  DocumentRecord,
  InviteRecord,
  JournalRow,
  MergeParts,
  SessionRecord,
  ShareRecord,
  Store,
  UserRecord,
  WebhookRecord,
} from "./Store.ts";
export { isExpired } from "./Store.ts";
export { PostgresStore, SqliteStore };
