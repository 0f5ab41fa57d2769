/// The server's use of the scan of Yjs update bytes (`@glossa/collab/updates`
/// `scanUpdate`, shared with the web app's outbox, which cuts what it sends
/// by the same reading): one scan per received update, kept for the later
/// hooks of the same message, and one per applied update.
import { scanUpdate, type UpdateScan } from "@glossa/collab/updates";

export {
  Cursor,
  frameUpdate,
  type RefVisitor,
  ScanError,
  type ScanLimits,
  scanStats,
  scanUpdate,
  skipStruct,
  type UpdateScan,
} from "@glossa/collab/updates";

/// The scan of the message a connection is handling, kept by the first
/// reader of its update (the guard's limits check, before anything is
/// decoded) for the later ones (the client-id binding and the guard's
/// check, in `beforeSync`): they are handed the same bytes — subarrays of
/// one websocket frame — so one scan serves the three.
const received = new WeakMap<object, { bytes: Uint8Array; scan: UpdateScan }>();

export function keepScan(connection: object, bytes: Uint8Array, scan: UpdateScan): void {
  received.set(connection, { bytes, scan });
}

/// The scan kept for exactly these bytes of `connection`'s message, if any.
export function keptScan(connection: object, bytes: Uint8Array): UpdateScan | undefined {
  const k = received.get(connection);
  if (
    !k ||
    k.bytes.buffer !== bytes.buffer ||
    k.bytes.byteOffset !== bytes.byteOffset ||
    k.bytes.byteLength !== bytes.byteLength
  )
    return undefined;
  return k.scan;
}

export function forgetScan(connection: object): void {
  received.delete(connection);
}

/// Scans of applied updates, by the update object a document hands every
/// `update` listener: authorship and persistence read the same update, one
/// scan (with its deleted ranges) serves both.
const applied = new WeakMap<Uint8Array, UpdateScan>();

/// The scan of an update a document applied (deleted ranges included),
/// scanned once whichever listener asks first.
export function appliedScan(update: Uint8Array): UpdateScan {
  let scan = applied.get(update);
  if (!scan) {
    scan = scanUpdate(update, undefined, true);
    applied.set(update, scan);
  }
  return scan;
}
