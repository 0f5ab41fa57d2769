import { parseDocumentName } from "@glossa/protocol";
import type { afterLoadDocumentPayload, beforeSyncPayload, Extension } from "@hocuspocus/server";
import * as Y from "yjs";
import { contextOf, type GlossaContext } from "../context.ts";
import { log } from "../log.ts";
import { appliedScan, forgetScan, keptScan, scanUpdate, type UpdateScan } from "../updateScan.ts";
import { DeferredGaps, forged } from "./deferredGaps.ts";
import type { ClientRecord, DeletionRecord, VersionStore } from "./VersionStore.ts";

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/// Records which user's connection first brought each Yjs client id into a
/// document's text (`yjs_clients`), so that a comparison of versions can name
/// the author of inserted text from the client ids of its Yjs items.
///
/// Only insertions and formatting carry a client id: Yjs records deletions
/// without one, so it also records the delete set of every update a person
/// sends, with that person (`yjs_deletions`), for redlines (docs/decisions/0004).
/// Server-side changes (annotation marks) are recorded with no user; a
/// restore records its own client id for the person restoring.
///
/// The record is also a binding (issue 10): a client id belongs to the
/// person whose connection first used it. Before an update is applied, each
/// client id that writes in it must be unknown (it is then claimed in the
/// store for the sender, which decides between instances racing for it) or
/// already the sender's, and its first clock must follow what the document
/// holds for that id (no gap). Otherwise the update is refused whole
/// (ForgedChange): nobody can write under someone else's client id, so the
/// victim's later edits at those clocks are never dropped, and authorship in
/// comparisons — read from this record — names who really typed.
export class AuthorshipExtension implements Extension<GlossaContext> {
  extensionName = "glossa-authorship";
  // Before persistence (100), which journals the same update, and before the
  // schema guard (90), which must only see updates that will be applied.
  priority = 110;
  /// Owner (user id, null for the server) of each recorded client id, per
  /// document name, with the loaded copy it belongs to.
  private readonly known = new Map<
    string,
    { document: Y.Doc; owners: Map<number, string | null> }
  >();
  /// Updates deferred until their connection's SyncStep2 (`beforeSync`).
  private readonly gaps: DeferredGaps;

  constructor(
    private readonly versions: VersionStore,
    /// `gapWaitMs`: how long deferred updates wait for their SyncStep2 (default GAP_WAIT_MS).
    options: { gapWaitMs?: number } = {},
  ) {
    this.gaps = new DeferredGaps(options.gapWaitMs);
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(documentName);
    if (parsed?.part !== "text") return;
    const known = new Map<number, string | null>();
    this.known.set(documentName, { document, owners: known });
    try {
      for (const c of await this.versions.listClients(parsed.id)) known.set(c.clientId, c.userId);
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
      let scan: UpdateScan;
      try {
        // Read from the bytes: no second decoding of what was just applied;
        // persistence reads the same scan (`appliedScan`).
        scan = appliedScan(update);
      } catch (err) {
        log.error({ err, doc: documentName }, "could not read an applied update");
        return;
      }
      // The time only when something is recorded (a deletion, a new client
      // id), not for every keystroke.
      let at: string | undefined;
      const now = () => (at ??= new Date().toISOString());
      if (userId && scan.deletions.length > 0)
        this.recordDeletions(documentName, parsed.id, scan, userId, now());
      for (const client of scan.clients.keys()) {
        if (known.has(client)) continue;
        known.set(client, userId);
        fresh.push({ clientId: client, userId, firstSeen: now() });
      }
      if (fresh.length === 0) return;
      this.versions.recordClients(parsed.id, fresh).catch((err) => {
        for (const c of fresh) known.delete(c.clientId);
        log.error({ err, doc: documentName }, "could not record authorship");
      });
    });
  }

  /// Records who deleted what: the delete set of an update a person sent
  /// (the ids of the items it deleted), so that a redline can name the
  /// deleter. Formatting items deleted with marks are recorded too; they
  /// never show, having no text.
  private recordDeletions(
    documentName: string,
    documentId: string,
    scan: UpdateScan,
    userId: string,
    at: string,
  ): void {
    const rows: DeletionRecord[] = scan.deletions.map((d) => ({
      clientId: d.client,
      clock: d.clock,
      len: d.len,
      userId,
      deletedAt: at,
    }));
    if (!rows.length) return;
    try {
      if (this.versions.recordDeletionsWithJournal)
        this.versions.recordDeletionsWithJournal(documentId, rows);
      else
        this.versions.recordDeletions(documentId, rows).catch((err) => {
          console.error(`[glossa] could not record deletions in ${documentName}:`, err);
        });
    } catch (err) {
      console.error(`[glossa] could not record deletions in ${documentName}:`, err);
    }
  }

  /// Marks a client id as recorded (a restore records its own before applying).
  remember(documentName: string, clientId: number, userId: string | null = null): void {
    this.known.get(documentName)?.owners.set(clientId, userId);
  }

  /// Refuses a text update that adds items under a client id owned by
  /// someone else, or that starts past what the document holds for one of
  /// its client ids. Items already held are ignored, whoever wrote them.
  ///
  /// One gap is honest: a client that reconnects sends its SyncStep1, and
  /// each edit made before its SyncStep2 reply (which the server's SyncStep1
  /// asks for) goes out at once as an update — ahead of the edits of its old
  /// connection that the server never applied (lost with that socket), which
  /// only that SyncStep2 brings. Such an update, on a connection that has not
  /// sent its SyncStep2 yet, is deferred: emptied (nothing applied, nothing
  /// acknowledged as saved) and remembered; the SyncStep2 must then bring
  /// those clocks, or it is refused, as is a connection whose SyncStep2 does
  /// not come within `gapWaitMs`. (Refused at once, the writer's edits were
  /// lost: found by `pnpm bench annotationsScale` on a loaded server.)
  async beforeSync({
    type,
    payload,
    documentName,
    document,
    connection,
  }: beforeSyncPayload<GlossaContext>): Promise<void> {
    if (type === 0 || connection.readOnly) return;
    const parsed = parseDocumentName(documentName);
    const known = this.known.get(documentName)?.owners;
    const userId = contextOf(connection)?.user?.id;
    if (parsed?.part !== "text" || !known || !userId) return;
    let clients: UpdateScan["clients"];
    try {
      // The clock ranges per client, read from the bytes (no decoding); the
      // scan the guard's limits check made of the same bytes when there is one.
      clients = (keptScan(connection, payload) ?? scanUpdate(payload)).clients;
    } catch {
      return; // undecodable: the schema guard refuses it with its reason
    }
    const fresh: ClientRecord[] = [];
    const gaps: { client: number; clock: number; to: number; held: number }[] = [];
    for (const [client, { from: clock, to }] of clients) {
      // Items the document already holds change nothing: a page reloaded
      // with its local copy (IndexedDB) sends back everyone's text, the
      // server's own annotation marks included, and must not be refused.
      const held = Y.getState(document.store, client);
      if (to <= held) continue;
      if (known.has(client) && known.get(client) !== userId) {
        forged(
          documentName,
          userId,
          `client id ${client} belongs to ${known.get(client) ?? "the server"}`,
        );
      }
      if (clock > held) gaps.push({ client, clock, to, held });
      else if (!known.has(client))
        fresh.push({ clientId: client, userId, firstSeen: new Date().toISOString() });
    }
    if (gaps.length > 0) {
      if (type === SYNC_UPDATE && this.gaps.defer(connection, gaps, documentName, userId)) {
        payload.fill(0);
        forgetScan(connection);
        return;
      }
      const g = gaps[0]!;
      forged(
        documentName,
        userId,
        `client id ${g.client} starts at clock ${g.clock}, the document holds ${g.held}`,
      );
    }
    if (type === SYNC_STEP_2)
      this.gaps.replied(connection, clients, document, documentName, userId);
    await this.claim(parsed.id, documentName, known, fresh, userId);
  }

  /// Claims fresh client ids for `userId` in the store (which decides when
  /// two instances claim the same id at once); refuses the update if another
  /// person's connection got one first.
  private async claim(
    documentId: string,
    documentName: string,
    known: Map<number, string | null>,
    fresh: ClientRecord[],
    userId: string,
  ): Promise<void> {
    if (fresh.length === 0) return;
    for (const c of fresh) known.set(c.clientId, userId);
    await this.versions.recordClients(documentId, fresh);
    const owners = new Map(
      (await this.versions.listClients(documentId)).map((c) => [c.clientId, c.userId]),
    );
    for (const c of fresh) {
      const owner = owners.get(c.clientId);
      known.set(c.clientId, owner ?? null);
      if (owner !== userId)
        forged(
          documentName,
          userId,
          `client id ${c.clientId} was claimed by ${owner ?? "the server"}`,
        );
    }
  }

  /// Forgets the unloaded copy only: a new copy of the same name may have
  /// loaded before this hook runs, and without its record every client id
  /// on it would go unchecked (`beforeSync`).
  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    if (this.known.get(documentName)?.document.isDestroyed) this.known.delete(documentName);
  }
}
