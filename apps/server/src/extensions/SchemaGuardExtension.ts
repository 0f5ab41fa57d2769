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
import type { AccountBudgets } from "../auth/budgets.ts";
import { contextOf, type GlossaContext } from "../context.ts";
import { checkDocumentSliced, DocumentQuarantined } from "../structure.ts";
import {
  clocksAdded,
  readTextUpdate,
  refuse,
  SLICE,
  TextGuard,
  UpdateRejected,
  validateTextUpdate,
} from "../textGuard.ts";
import { forgetScan, frameUpdate, keepScan, keptScan } from "../updateScan.ts";

export {
  guardStats,
  LARGEST_UPDATE_WORK,
  SLICE,
  TEXT_LIMITS,
  TextGuard,
  UpdateRejected,
  validateTextUpdate,
} from "../textGuard.ts";

const SYNC_STEP_1 = 0;

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
  /// Per document, the end of the large update being applied in slices and
  /// of the updates waiting behind it.
  private readonly busy = new WeakMap<Document, Promise<void>>();
  /// Names of documents found broken at load, with the problem.
  readonly quarantined = new Map<string, string>();

  /// `budgets`: the account's work (structs and deleted ranges, read from
  /// the update's bytes) and new blocks are charged before anything is decoded.
  constructor(private readonly budgets?: AccountBudgets) {}

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    if (parseDocumentName(documentName)?.part !== "text") return;
    try {
      await checkDocumentSliced(document);
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
      const scan = keptScan(connection, payload);
      const large = !!scan && scan.structs + scan.deleteRanges > SLICE.structs;
      const busy = this.busy.get(document);
      if (!large && !busy) this.check(document, payload, connection);
      else
        await this.serially(document, busy, () =>
          this.checkLarge(document, payload, connection, large),
        );
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
      // Clocks beyond the frame's bytes (already charged on arrival).
      const clocks = Math.max(0, clocksAdded(scan, document) - frame.byteLength);
      const over =
        account && this.budgets?.chargeWork(account, work, Date.now(), scan.types, clocks);
      if (over)
        throw Object.assign(
          new UpdateRejected(CloseEvents.AccountBudget.code, CloseEvents.AccountBudget.reason),
          {
            detail: `account over its ${over.what} budget (${work} structs and deleted ranges, ${scan.types} blocks, ${clocks} clocks without bytes)`,
          },
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

  private guardOf(document: Document): TextGuard {
    let scratch = this.scratch.get(document);
    if (!scratch) {
      scratch = new TextGuard(document);
      this.scratch.set(document, scratch);
    }
    return scratch;
  }

  private check(document: Document, payload: Uint8Array, connection: Connection): void {
    this.guardOf(document).check(payload, connection);
  }

  /// A large update checked and applied in slices (`TextGuard.checkSliced`),
  /// or a small one that waited for one. The message is then emptied in
  /// place: Hocuspocus reads the update from the same bytes right after this
  /// hook and applies nothing (a V1 update of zeros holds no struct and no
  /// deletion), but still acknowledges it as saved.
  private async checkLarge(
    document: Document,
    payload: Uint8Array,
    connection: Connection,
    large: boolean,
  ): Promise<void> {
    if (!large) return this.check(document, payload, connection);
    await this.guardOf(document).checkSliced(payload, connection, {
      source: "connection",
      connection,
    });
    payload.fill(0);
  }

  /// Runs `work` after the large update in progress on `document` (if any),
  /// keeping the document's updates in order while one is applied in slices.
  private async serially(
    document: Document,
    busy: Promise<void> | undefined,
    work: () => Promise<void>,
  ): Promise<void> {
    const run = (busy ?? Promise.resolve()).then(work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.busy.set(document, tail);
    try {
      await run;
    } finally {
      if (this.busy.get(document) === tail) this.busy.delete(document);
    }
  }

  async afterHandleMessage({ document, connection }: afterHandleMessagePayload): Promise<void> {
    forgetScan(connection);
    this.scratch.get(document)?.settle(connection);
  }
}
