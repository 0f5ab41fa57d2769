import { parseDocumentName } from "@glossa/protocol";
import type { afterLoadDocumentPayload, Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import type { GlossaContext } from "../context.ts";
import { log } from "../log.ts";
import type { Store } from "../storage/index.ts";
import {
  type ClientRecord,
  type DeletionRecord,
  type VersionStore,
  versionStoreFor,
} from "./VersionStore.ts";

const extensions = new WeakMap<Store, AuthorshipExtension>();

/// The authorship extension of the server using `store`, if any.
export function authorshipFor(store: Store): AuthorshipExtension | null {
  return extensions.get(store) ?? null;
}

/// Records which user's connection first brought each Yjs client id into a
/// document's text (`yjs_clients`), so that a comparison of versions can name
/// the author of inserted text from the client ids of its Yjs items.
///
/// Only insertions and formatting carry a client id: Yjs records deletions
/// without one, so it also records the delete set of every update a person
/// sends, with that person (`yjs_deletions`), for redlines (docs/decisions/0004).
/// Server-side changes (annotation marks) are recorded with no user; a
/// restore records its own client id for the person restoring.
export class AuthorshipExtension implements Extension {
  extensionName = "glossa-authorship";
  // Before persistence (100), which journals the same update.
  priority = 110;
  private readonly versions: VersionStore;
  /// Client ids already recorded, per document name.
  private readonly known = new Map<string, Set<number>>();

  constructor(store: Store) {
    this.versions = versionStoreFor(store);
    extensions.set(store, this);
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(documentName);
    if (parsed?.part !== "text") return;
    const known = new Set<number>();
    this.known.set(documentName, known);
    try {
      for (const c of await this.versions.listClients(parsed.id)) known.add(c.clientId);
    } catch (err) {
      log.error({ err, doc: documentName }, "could not read authorship");
    }
    document.on("update", (update: Uint8Array, origin: unknown) => {
      const o = origin as { source?: string; connection?: { context?: GlossaContext } } | null;
      // Other instances record what their own clients send.
      if (o?.source === "redis") return;
      let userId: string | null = null;
      if (o?.source === "connection") userId = o.connection?.context?.user?.id ?? null;
      else if (o?.source !== "local") return;
      const fresh: ClientRecord[] = [];
      const at = new Date().toISOString();
      if (userId) this.recordDeletions(documentName, parsed.id, update, userId, at);
      for (const client of Y.parseUpdateMeta(update).to.keys()) {
        if (known.has(client)) continue;
        known.add(client);
        fresh.push({ clientId: client, userId, firstSeen: at });
      }
      if (fresh.length === 0) return;
      try {
        if (this.versions.recordClientsSync) this.versions.recordClientsSync(parsed.id, fresh);
        else
          this.versions.recordClients(parsed.id, fresh).catch((err) => {
            for (const c of fresh) known.delete(c.clientId);
            log.error({ err, doc: documentName }, "could not record authorship");
          });
      } catch (err) {
        for (const c of fresh) known.delete(c.clientId);
        log.error({ err, doc: documentName }, "could not record authorship");
      }
    });
  }

  /// Records who deleted what: the delete set of an update a person sent
  /// (the ids of the items it deleted), so that a redline can name the
  /// deleter. Formatting items deleted with marks are recorded too; they
  /// never show, having no text.
  private recordDeletions(
    documentName: string,
    documentId: string,
    update: Uint8Array,
    userId: string,
    at: string,
  ): void {
    const rows: DeletionRecord[] = [];
    try {
      for (const [clientId, items] of Y.decodeUpdate(update).ds.clients)
        for (const d of items)
          rows.push({ clientId, clock: d.clock, len: d.len, userId, deletedAt: at });
    } catch (err) {
      console.error(`[glossa] could not read the deletions of an update to ${documentName}:`, err);
      return;
    }
    if (!rows.length) return;
    try {
      if (this.versions.recordDeletionsSync) this.versions.recordDeletionsSync(documentId, rows);
      else
        this.versions.recordDeletions(documentId, rows).catch((err) => {
          console.error(`[glossa] could not record deletions in ${documentName}:`, err);
        });
    } catch (err) {
      console.error(`[glossa] could not record deletions in ${documentName}:`, err);
    }
  }

  /// Marks a client id as recorded (a restore records its own before applying).
  remember(documentName: string, clientId: number): void {
    this.known.get(documentName)?.add(clientId);
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    this.known.delete(documentName);
  }
}
