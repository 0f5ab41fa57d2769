import { CloseEvents, parseDocumentName } from "@glossa/protocol";
import type {
  afterHandleMessagePayload,
  beforeHandleMessagePayload,
  beforeSyncPayload,
  Connection,
  Document,
  Extension,
  onLoadDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";
import type { AccountBudgets } from "../auth/budgets.ts";
import { contextOf, type GlossaContext } from "../context.ts";
import { SplitWork } from "../splitWork.ts";
import {
  checkDocument,
  checkTransaction,
  DocumentQuarantined,
  StructureError,
} from "../structure.ts";
import {
  forgetScan,
  frameUpdate,
  keepScan,
  keptScan,
  ScanError,
  scanUpdate,
  type UpdateScan,
} from "../updateScan.ts";
import { TEXT_FIELD } from "../ydoc.ts";

const SYNC_STEP_1 = 0;

/// Why an update was refused; thrown from hooks, it closes the connection
/// with this code and reason.
export class UpdateRejected extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/// The refusal of an update, with what was wrong for the log.
const rejection = (detail: string) =>
  Object.assign(
    new UpdateRejected(CloseEvents.InvalidChange.code, CloseEvents.InvalidChange.reason),
    { detail },
  );
const refuse = (detail: string): never => {
  throw rejection(detail);
};

/// Size limits of text documents, checked before an update is applied
/// anywhere (issue 10, item 1). A clock is one character or one block ever
/// inserted, deleted ones included; a struct is one run of them as Yjs stores it.
export const TEXT_LIMITS = {
  /// Clocks one update may add: a paste of about 250 pages. Each update
  /// holds the event loop for as long as its text takes to receive, read and
  /// apply twice (2,000,000 characters: 0.3–1 s under load, the largest
  /// stall of the hostile run; docs/security.md); a longer text is imported
  /// as a file, or pasted in parts.
  updateClocks: 500_000,
  /// Structs in one update (200,000 empty paragraphs are 400,000).
  updateStructs: 100_000,
  /// Deleted ranges in one update's delete set.
  updateDeleteRanges: 100_000,
  /// What the splits of held text one update causes may cost, in structs
  /// moved (`SplitWork`): about 0.2 s per application on the loaded 2-core
  /// machine; 2,000 edits scattered over 100 pages offline, sent on
  /// reconnection, come to 30,000,000 (docs/security.md).
  updateSplitWork: 50_000_000,
  /// Clocks a document may hold in all.
  documentClocks: 20_000_000,
  /// Structs a document may hold in all.
  documentStructs: 2_000_000,
};

/// The work (`validateTextUpdate`) of the largest update the limits allow:
/// an account's work budget holds at least one.
export const LARGEST_UPDATE_WORK =
  TEXT_LIMITS.updateStructs + TEXT_LIMITS.updateDeleteRanges + TEXT_LIMITS.updateSplitWork / 1000;

const tooLarge = (detail: string) =>
  Object.assign(
    new UpdateRejected(CloseEvents.MessageTooLarge.code, CloseEvents.MessageTooLarge.reason),
    { detail },
  );

/// Cheap checks before an update is applied anywhere, on its bytes alone
/// (`scanUpdate`: nothing decoded, copied or built): it must be a Yjs update,
/// write only under the `prosemirror` fragment (a top-level type of another
/// name is data no client reads), and keep within TEXT_LIMITS given what
/// `doc` holds, splits of held text included. Returns the work applying it
/// costs (structs + deleted ranges + a thousandth of the split work).
export function validateTextUpdate(update: Uint8Array, doc?: Y.Doc): number {
  const { scan, splitWork } = readTextUpdate(update, doc);
  return checkAgainst(scan, doc) + Math.ceil(splitWork / 1000);
}

/// The checks of an update's bytes alone (and of the splits it causes in
/// `doc`): its scan, and the split work estimated.
function readTextUpdate(update: Uint8Array, doc?: Y.Doc): { scan: UpdateScan; splitWork: number } {
  let scan: UpdateScan;
  const splits = doc && new SplitWork(doc, TEXT_LIMITS.updateSplitWork);
  try {
    scan = scanUpdate(
      update,
      { structs: TEXT_LIMITS.updateStructs, deleteRanges: TEXT_LIMITS.updateDeleteRanges },
      false,
      splits?.visitor,
    );
  } catch (err) {
    if (err instanceof ScanError && err.kind === "limit")
      throw tooLarge(`${err.message} in one change`);
    throw rejection("the change could not be read");
  }
  // An empty deletion is no edit a client makes; Yjs takes it, but the
  // stored state can then no longer be encoded in its V2 format.
  if (scan.emptyDeletion) throw rejection("the change deletes an empty or impossible range");
  // An empty struct is no edit a client makes either; Yjs takes it, and a
  // later deletion there throws (updateScan.ts).
  if (scan.emptyStruct) throw rejection("the change holds an empty piece of text");
  // Yjs writes a client's deleted ranges sorted and merged; overlapping ones
  // would make Yjs walk the same structs once per range.
  if (scan.unsortedDeletion) throw rejection("the change's deleted ranges overlap");
  if (splits && splits.total > TEXT_LIMITS.updateSplitWork)
    throw tooLarge(`the change splits held text too often (${splits.total} structs moved or more)`);
  return { scan, splitWork: splits?.total ?? 0 };
}

/// Work of the guard counted (tests count it per keystroke: work, not time).
export const guardStats = {
  /// Walks over every client id a document holds (`storeSize`).
  storeWalks: 0,
};

/// The checks of a scanned update against what `doc` holds now (sizes,
/// roots); returns its work without the splits (structs + deleted ranges).
function checkAgainst(scan: UpdateScan, doc?: Y.Doc): number {
  let added = 0;
  // The document's clocks read from its store directly (no state vector
  // encoded and decoded per update).
  const state = (client: number) => (doc ? Y.getState(doc.store, client) : 0);
  for (const [client, { to }] of scan.clients) added += Math.max(0, to - state(client));
  if (added > TEXT_LIMITS.updateClocks) throw tooLarge(`${added} characters in one change`);
  const { held, structs: heldStructs } = doc ? storeSize(doc) : { held: 0, structs: 0 };
  if (held + added > TEXT_LIMITS.documentClocks) {
    throw Object.assign(
      new UpdateRejected(CloseEvents.DocumentFull.code, CloseEvents.DocumentFull.reason),
      { detail: `the document would hold ${held + added} characters` },
    );
  }
  if (doc) {
    const structs = scan.structs + heldStructs;
    if (structs > TEXT_LIMITS.documentStructs) {
      throw Object.assign(
        new UpdateRejected(CloseEvents.DocumentFull.code, CloseEvents.DocumentFull.reason),
        { detail: `the document would hold ${structs} structs` },
      );
    }
  }
  for (const root of scan.roots)
    if (root !== TEXT_FIELD) refuse("the change touched data outside the document text");
  return scan.structs + scan.deleteRanges;
}

/// Clocks (characters and blocks ever inserted) and structs a document holds.
function storeSize(doc: Y.Doc): { held: number; structs: number } {
  guardStats.storeWalks += 1;
  let held = 0;
  let structs = 0;
  for (const [client, list] of doc.store.clients) {
    held += Y.getState(doc.store, client);
    structs += list.length;
  }
  return { held, structs };
}

/// A scratch copy of one live document: every client update is applied here
/// first and what it changed is checked against the schema; only then does
/// Hocuspocus apply it to the live document. The copy follows the live
/// document (every update the live document applies, from any source, is
/// applied to it too — a no-op for updates it already holds), so keeping it
/// costs one extra application per update instead of a clone per keystroke.
/// After a refusal the copy holds the refused update: it is dropped and
/// rebuilt from the live document on the next check.
export class TextGuard {
  private doc: Y.Doc | null = null;
  /// Connections whose checked update the copy holds but the live document
  /// has not applied yet.
  private readonly inFlight = new Set<object>();
  /// Updates the live document has applied so far (any source).
  private updates = 0;
  /// Per connection, `updates` when its message's update was checked
  /// against the live document's sizes (`beforeHandleMessage`).
  private readonly sized = new WeakMap<object, number>();

  constructor(private readonly live: Y.Doc) {
    live.on("update", (update: Uint8Array, origin: unknown) => {
      this.updates += 1;
      const connection = (origin as { connection?: object } | null)?.connection;
      // The update the copy applied when it checked it: nothing to follow
      // (one decoding and transaction per update saved).
      if (connection && this.inFlight.delete(connection)) return;
      if (!this.doc) return;
      try {
        Y.applyUpdate(this.doc, update);
      } catch {
        this.drop();
      }
    });
  }

  /// Applies `update` (from `connection`, the origin the live document will
  /// apply it with) to the copy and checks the result; throws an
  /// UpdateRejected when it does not fit the schema.
  check(update: Uint8Array, connection: object): void {
    // The bytes were read before the message was handled (`beforeHandleMessage`
    // keeps the scan): only what depends on the document now is checked again.
    // When the live document applied nothing since, that check holds as it
    // was made (one walk over the document's client ids per update, not two);
    // else it is made again against what the document holds now.
    const kept = keptScan(connection, update);
    if (!kept) validateTextUpdate(update, this.live);
    else if (this.sized.get(connection) !== this.updates) checkAgainst(kept, this.live);
    this.sized.delete(connection);
    if (!this.doc) {
      this.doc = new Y.Doc({ gc: this.live.gc });
      // Typed before anything is applied: a root first read after an update
      // becomes a new object, and the transaction's changed types would name
      // the untyped one (the first top-level insert after a rebuild was refused).
      this.doc.getXmlFragment(TEXT_FIELD);
      Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.live));
    }
    const doc = this.doc;
    let tr: Y.Transaction | null = null;
    const pending = [doc.store.pendingDs, doc.store.pendingStructs];
    try {
      Y.transact(doc, (t) => {
        tr = t;
        Y.applyUpdate(doc, update);
      });
    } catch {
      this.drop();
      refuse("the change could not be applied");
    }
    // A client edits what it has, and it has only what this server sent it or
    // what it wrote: a change that deletes or builds on text the document does
    // not hold is forged (found by the guard fuzz: such deletions left the
    // stored state unencodable in Yjs' V2 format).
    if (doc.store.pendingDs !== pending[0] || doc.store.pendingStructs !== pending[1]) {
      this.drop();
      refuse("the change refers to text this document does not have");
    }
    try {
      checkTransaction(doc, tr!);
    } catch (err) {
      this.drop();
      if (err instanceof StructureError) refuse(err.message);
      refuse(`the change could not be checked (${(err as Error).message})`);
    }
    if (changedBy(tr!)) this.inFlight.add(connection);
  }

  /// After a message: an update checked here that the live document did not
  /// apply (a later hook refused it) leaves the copy ahead; rebuild it.
  settle(connection: object): void {
    this.sized.delete(connection);
    if (this.inFlight.delete(connection)) this.drop();
  }

  /// The update `connection` sent was checked against the live document's
  /// sizes as it is now (its work returned).
  sizeChecked(scan: UpdateScan, connection: object): number {
    const work = checkAgainst(scan, this.live);
    this.sized.set(connection, this.updates);
    return work;
  }

  drop(): void {
    this.doc?.destroy();
    this.doc = null;
    this.inFlight.clear();
  }
}

/// Whether a transaction changed its document — what makes Yjs emit
/// `update` — read from the transaction, so that the copy needs no `update`
/// listener (with one, Yjs encodes every transaction's update).
function changedBy(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState)
    if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

/// Refuses text updates that do not fit the schema (docs/design.md §9), by shape as
/// well as by name: each update is applied to a scratch copy and the blocks
/// it touched are converted to ProseMirror nodes and checked (Yjs types,
/// node and mark names, attributes, content expressions) before Hocuspocus
/// applies it. A refused update is not applied at all and closes the
/// connection (InvalidChange); nothing is ever repaired by deleting text.
/// Stored documents are checked when loaded: a broken one is quarantined —
/// not served, with a message to clients and a log line — until an
/// administrator repairs it. Clients may not write annotation documents.
export class SchemaGuardExtension implements Extension<GlossaContext> {
  extensionName = "glossa-schema-guard";
  /// Last of the checks of an update (the copy must only hold updates
  /// Hocuspocus then applies), and after persistence (100) has loaded a
  /// document, so that the stored text is what is checked.
  priority = 90;
  private readonly scratch = new WeakMap<Document, TextGuard>();
  /// Names of documents found broken at load, with the problem.
  readonly quarantined = new Map<string, string>();

  /// `budgets`: the account's work (structs and deleted ranges, read from
  /// the update's bytes) is charged before anything is decoded.
  constructor(private readonly budgets?: AccountBudgets) {}

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    if (parseDocumentName(documentName)?.part !== "text") return;
    try {
      checkDocument(document);
      this.quarantined.delete(documentName);
    } catch (err) {
      const problem = (err as Error).message;
      this.quarantined.set(documentName, problem);
      console.error(
        `[glossa] ${documentName} is quarantined: its stored text is broken (${problem})`,
      );
      throw new DocumentQuarantined(problem);
    }
  }

  async beforeSync({
    type,
    payload,
    documentName,
    document,
    connection,
  }: beforeSyncPayload): Promise<void> {
    if (type === SYNC_STEP_1) return;
    const part = parseDocumentName(documentName)?.part;
    if (part === "annotations") {
      // Read-only connections are refused by Hocuspocus; this is the backstop.
      if (!connection.readOnly) refuse("clients may not write the annotations document");
      return;
    }
    if (part !== "text" || connection.readOnly) return;
    try {
      this.check(document, payload, connection);
    } catch (err) {
      const ctx = contextOf(connection);
      console.warn(
        `[glossa] refused an update from user ${ctx?.user?.id ?? "?"} on ${documentName}: ${(err as { detail?: string }).detail ?? (err as Error).message}`,
      );
      throw err;
    }
  }

  /// Before anything of a message is decoded (by Hocuspocus, the
  /// authorship check or the guard): an update to a text document is checked
  /// against TEXT_LIMITS on its bytes (`validateTextUpdate`) and its work
  /// charged to the account. A refusal here costs a walk over the bytes,
  /// nothing more. Read-only connections are held to the per-update limits
  /// too (Hocuspocus decodes what they send to answer SyncStatus).
  async beforeHandleMessage({
    documentName,
    document,
    connection,
    update: frame,
  }: beforeHandleMessagePayload): Promise<void> {
    if (parseDocumentName(documentName)?.part !== "text") return;
    const update = frameUpdate(frame);
    if (!update) return;
    try {
      if (connection.readOnly) {
        validateTextUpdate(update);
        return;
      }
      const { scan, splitWork } = readTextUpdate(update, document);
      const work =
        this.guardOf(document).sizeChecked(scan, connection) + Math.ceil(splitWork / 1000);
      keepScan(connection, update, scan);
      const account = contextOf(connection)?.user?.id;
      const over = account && this.budgets?.chargeWork(account, work);
      if (over)
        throw Object.assign(
          new UpdateRejected(CloseEvents.AccountBudget.code, CloseEvents.AccountBudget.reason),
          { detail: `account over its work budget (${work} structs and deleted ranges)` },
        );
    } catch (err) {
      // Read-only clients' other problems are Hocuspocus' to answer.
      if (connection.readOnly && (err as UpdateRejected).code !== CloseEvents.MessageTooLarge.code)
        return;
      console.warn(
        `[glossa] refused an update from user ${contextOf(connection)?.user?.id ?? "?"} on ${documentName}: ${(err as { detail?: string }).detail ?? (err as Error).message}`,
      );
      throw err;
    }
  }

  private check(document: Document, payload: Uint8Array, connection: Connection): void {
    this.guardOf(document).check(payload, connection);
  }

  private guardOf(document: Document): TextGuard {
    let scratch = this.scratch.get(document);
    if (!scratch) {
      scratch = new TextGuard(document);
      this.scratch.set(document, scratch);
    }
    return scratch;
  }

  async afterHandleMessage({ document, connection }: afterHandleMessagePayload): Promise<void> {
    forgetScan(connection);
    this.scratch.get(document)?.settle(connection);
  }
}
