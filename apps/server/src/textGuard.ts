/// The structural guard's checks of one text update (issue 10): limits read
/// from its bytes (`validateTextUpdate`), and the scratch copy of a live
/// document each update is applied to and checked on before the live
/// document applies it (`TextGuard`), large updates in slices.

import { sliceUpdate } from "@glossa/collab/updates";
import { CloseEvents, UPDATE_LIMITS } from "@glossa/protocol";
import * as Y from "yjs";
import { plainTextEdit } from "./plainText.ts";
import { SplitWork } from "./splitWork.ts";
import {
  checkBlock,
  checkTransaction,
  StructureError,
  touchedBlocks,
  type YType,
} from "./structure.ts";
import { keptScan, ScanError, scanUpdate, type UpdateScan } from "./updateScan.ts";
import { TEXT_FIELD } from "./ydoc.ts";

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
export const refuse = (detail: string): never => {
  throw rejection(detail);
};

/// Size limits of text documents, checked before an update is applied
/// anywhere (issue 10, item 1); the per-update ones are published in
/// `@glossa/protocol` `UPDATE_LIMITS`, which the web app cuts its changes to. A clock is one character or one block ever
/// inserted, deleted ones included; a struct is one run of them as Yjs stores it.
export const TEXT_LIMITS = {
  /// Clocks one update may add: a paste of about 250 pages. Each update
  /// holds the event loop for as long as its text takes to receive, read and
  /// apply twice (2,000,000 characters: 0.3–1 s under load, the largest
  /// stall of the hostile run; docs/security.md); a longer text is imported
  /// as a file, or pasted in parts.
  updateClocks: UPDATE_LIMITS.clocks,
  /// Structs in one update (200,000 empty paragraphs are 400,000).
  updateStructs: UPDATE_LIMITS.structs,
  /// New Yjs types in one update: blocks, list items and text nodes (a
  /// paragraph of text is two). Each is an object Yjs builds on every
  /// application and the guard converts: 99,000 empty paragraphs cost
  /// 2.2–2.6 s of the event loop where 99,000 structs of text cost a tenth
  /// of it (docs/security.md, "Session 10"). A paste of 5,000 paragraphs of
  /// text is about 10,000 (the sample letter: 24 blocks, 48); a longer
  /// document is imported as a file, or pasted in parts (`TooManyBlocks`, 4414).
  updateBlocks: UPDATE_LIMITS.blocks,
  /// Deleted ranges in one update's delete set.
  updateDeleteRanges: UPDATE_LIMITS.deleteRanges,
  /// What the splits of held text one update causes may cost, in structs
  /// moved (`SplitWork`): about 0.2 s per application on the loaded 2-core
  /// machine; 2,000 edits scattered over 100 pages offline, sent on
  /// reconnection, come to 30,000,000 (docs/security.md).
  updateSplitWork: UPDATE_LIMITS.splitWork,
  /// Clocks a document may hold in all.
  documentClocks: 20_000_000,
  /// Structs a document may hold in all.
  documentStructs: 2_000_000,
};

/// Updates of more structs and deleted ranges than this are checked and
/// applied in slices, a turn of the event loop between them
/// (`TextGuard.checkSliced`); a keystroke or an ordinary edit never is.
export const SLICE = {
  /// Structs per slice (and blocks checked per turn).
  structs: 2_000,
  /// Deleted ranges per slice.
  ranges: 5_000,
};

/// A turn of the event loop: what arrived meanwhile is handled first.
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
export function readTextUpdate(
  update: Uint8Array,
  doc?: Y.Doc,
): { scan: UpdateScan; splitWork: number } {
  let scan: UpdateScan;
  const splits = doc && new SplitWork(doc, TEXT_LIMITS.updateSplitWork);
  try {
    scan = scanUpdate(
      update,
      {
        structs: TEXT_LIMITS.updateStructs,
        deleteRanges: TEXT_LIMITS.updateDeleteRanges,
        types: TEXT_LIMITS.updateBlocks,
      },
      false,
      splits?.visitor,
    );
  } catch (err) {
    if (err instanceof ScanError && err.kind === "limit")
      throw tooLarge(`${err.message} in one change`);
    if (err instanceof ScanError && err.kind === "types")
      throw Object.assign(
        new UpdateRejected(CloseEvents.TooManyBlocks.code, CloseEvents.TooManyBlocks.reason),
        { detail: `${err.message} in one change` },
      );
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
  /// Updates applied to the copy to check them (a plain text edit: none).
  copyChecks: 0,
  /// Batches of the live document's updates the copy caught up on.
  catchUps: 0,
};

/// Bytes of the live document's updates the copy may lag behind by; past
/// them it is dropped (rebuilt from the live document when next needed).
const BACKLOG_BYTES = 4 << 20;

/// The checks of a scanned update against what `doc` holds now (sizes,
/// roots); returns its work without the splits (structs + deleted ranges).
export function checkAgainst(scan: UpdateScan, doc?: Y.Doc): number {
  const added = clocksAdded(scan, doc);
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

/// Clocks (characters and blocks) `scan`'s update adds to what `doc` holds,
/// read from the document's store directly (no state vector encoded and
/// decoded per update).
export function clocksAdded(scan: UpdateScan, doc?: Y.Doc): number {
  let added = 0;
  const state = (client: number) => (doc ? Y.getState(doc.store, client) : 0);
  for (const [client, { to }] of scan.clients) added += Math.max(0, to - state(client));
  return added;
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
  /// Connections whose sliced update is being applied to the live document
  /// (`checkSliced`): the copy holds every slice already.
  private readonly slicing = new Set<object>();
  /// Updates the live document has applied so far (any source).
  private updates = 0;
  /// Per connection, `updates` when its message's update was checked
  /// against the live document's sizes (`beforeHandleMessage`).
  private readonly sized = new WeakMap<object, number>();
  /// The live document's updates the copy has not applied yet: applied in
  /// one transaction when the copy is next needed (typing that takes the
  /// fast path never needs it).
  private backlog: Uint8Array[] = [];
  private backlogBytes = 0;

  constructor(private readonly live: Y.Doc) {
    live.on("update", (update: Uint8Array, origin: unknown) => {
      this.updates += 1;
      const connection = (origin as { connection?: object } | null)?.connection;
      // The update the copy applied when it checked it: nothing to follow
      // (one decoding and transaction per update saved).
      if (connection && (this.slicing.has(connection) || this.inFlight.delete(connection))) return;
      if (!this.doc) return;
      this.backlog.push(update);
      this.backlogBytes += update.length;
      if (this.backlogBytes > BACKLOG_BYTES) this.drop();
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
    this.sizeCheckedSince(update, connection);
    // Characters typed or deleted in existing text: nothing to check on a copy.
    if (plainTextEdit(update, this.live)) return;
    const doc = this.copy();
    let tr: Y.Transaction | null = null;
    const pending = [doc.store.pendingDs, doc.store.pendingStructs];
    guardStats.copyChecks += 1;
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

  /// The copy, rebuilt from the live document when dropped, caught up on
  /// the live document's updates it has not applied yet.
  private copy(): Y.Doc {
    if (this.doc && this.backlog.length > 0) {
      const doc = this.doc;
      const backlog = this.backlog;
      this.backlog = [];
      this.backlogBytes = 0;
      guardStats.catchUps += 1;
      try {
        Y.transact(doc, () => {
          for (const u of backlog) Y.applyUpdate(doc, u);
        });
      } catch {
        this.drop();
      }
    }
    if (!this.doc) {
      this.doc = new Y.Doc({ gc: this.live.gc });
      // Typed before anything is applied: a root first read after an update
      // becomes a new object, and the transaction's changed types would name
      // the untyped one (the first top-level insert after a rebuild was refused).
      this.doc.getXmlFragment(TEXT_FIELD);
      Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.live));
    }
    return this.doc;
  }

  /// `check` for a large update, then its application: no turn of the event
  /// loop holds more than one slice of it (`SLICE`). Its slices are applied
  /// to the copy one per turn, the blocks they touched checked SLICE.structs
  /// per turn, and only when all of it fits are the slices applied to the
  /// live document with `origin`, one per turn (what Hocuspocus would have
  /// applied in one go; the caller then empties the message). The caller
  /// keeps other updates of this document waiting meanwhile.
  async checkSliced(update: Uint8Array, connection: object, origin: object): Promise<void> {
    this.sizeCheckedSince(update, connection);
    const slices: Uint8Array[] = [];
    await turn();
    const doc = this.copy();
    const changed = new Set<YType>();
    let before: Map<number, number> | undefined;
    const pending = [doc.store.pendingDs, doc.store.pendingStructs];
    for (const slice of sliceUpdate(update, SLICE.structs, SLICE.ranges)) {
      slices.push(slice);
      if (this.doc !== doc) refuse("the document was reloaded while the change was checked");
      let tr: Y.Transaction | null = null;
      try {
        Y.transact(doc, (t) => {
          tr = t;
          Y.applyUpdate(doc, slice);
        });
      } catch {
        this.drop();
        refuse("the change could not be applied");
      }
      before ??= tr!.beforeState;
      for (const type of tr!.changed.keys()) changed.add(type);
      await turn();
    }
    if (this.doc !== doc) refuse("the document was reloaded while the change was checked");
    if (doc.store.pendingDs !== pending[0] || doc.store.pendingStructs !== pending[1]) {
      this.drop();
      refuse("the change refers to text this document does not have");
    }
    await this.checkBlocks(doc, changed, before ?? new Map());
    this.slicing.add(connection);
    try {
      for (const slice of slices) {
        await turn();
        Y.applyUpdate(this.live, slice, origin);
      }
    } finally {
      this.slicing.delete(connection);
    }
  }

  /// The blocks `changed` touched in the copy, checked SLICE.structs per turn.
  private async checkBlocks(
    doc: Y.Doc,
    changed: Set<YType>,
    before: Map<number, number>,
  ): Promise<void> {
    try {
      let n = 0;
      for (const el of touchedBlocks(doc, changed, before)) {
        checkBlock(el);
        if (++n % SLICE.structs === 0) {
          await turn();
          if (this.doc !== doc) refuse("the document was reloaded while the change was checked");
        }
      }
    } catch (err) {
      if (err instanceof UpdateRejected) throw err;
      this.drop();
      if (err instanceof StructureError) refuse(err.message);
      refuse(`the change could not be checked (${(err as Error).message})`);
    }
  }

  /// The size checks of `connection`'s update against the live document,
  /// made again unless nothing was applied since `sizeChecked` made them.
  private sizeCheckedSince(update: Uint8Array, connection: object): void {
    const kept = keptScan(connection, update);
    if (!kept) validateTextUpdate(update, this.live);
    else if (this.sized.get(connection) !== this.updates) checkAgainst(kept, this.live);
    this.sized.delete(connection);
  }

  /// The update `connection` sent was checked against the live document's
  /// sizes as it is now (its work returned).
  sizeChecked(scan: UpdateScan, connection: object): number {
    const work = checkAgainst(scan, this.live);
    this.sized.set(connection, this.updates);
    return work;
  }

  /// After a message: an update checked here that the live document did not
  /// apply (a later hook refused it) leaves the copy ahead; rebuild it.
  settle(connection: object): void {
    this.sized.delete(connection);
    if (this.inFlight.delete(connection)) this.drop();
  }

  drop(): void {
    this.doc?.destroy();
    this.doc = null;
    this.backlog = [];
    this.backlogBytes = 0;
    this.inFlight.clear();
    this.slicing.clear();
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
