import type { beforeHandleMessagePayload, Extension } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import type { GlossaContext } from "../context.ts";
import { freshSyncStats, keepState, keptState } from "../freshState.ts";

/// Hocuspocus' message types and y-protocols' sync steps used here.
const SYNC = 0;
const QUERY_AWARENESS = 3;
const STEP_1 = 0;
const STEP_2 = 1;

/// Answers a fresh client's SyncStep1 (an empty state vector: it has
/// nothing) from the document's encoded state, kept while the document does
/// not change (issue 16). Hocuspocus encodes the whole state again for every
/// such client inside its sync handler (y-protocols' `readSyncStep1`): at
/// 10,000 annotations, 0.2–0.5 s of one synchronous step per client for
/// the annotations document, which changes only when annotations do. The
/// answer is what Hocuspocus sends, in the same order — the server's own
/// SyncStep1, then SyncStep2 with the state — and the message is then turned
/// in place into a query of awareness, which Hocuspocus answers to nobody
/// (it replies to a query only on a server-side reply channel, never on a
/// client's connection). Last of the message hooks: the limits, the access
/// checks and the guard have passed it. A client that has state (a
/// reconnect) is left to Hocuspocus: its answer is a difference.
export class FreshSyncExtension implements Extension<GlossaContext> {
  extensionName = "glossa-fresh-sync";
  priority = 50;

  async beforeHandleMessage({
    update,
    document,
    connection,
  }: beforeHandleMessagePayload<GlossaContext>): Promise<void> {
    const at = freshStep1(update);
    if (at < 0 || !connection) return;
    const address = connection.messageAddress;
    connection.send(syncMessage(address, STEP_1, Y.encodeStateVector(document)));
    connection.send(syncMessage(address, STEP_2, fullState(document)));
    update[at] = QUERY_AWARENESS;
  }
}

/// Where the message type of `frame` is when it is a SyncStep1 with an
/// empty state vector, else -1.
function freshStep1(frame: Uint8Array): number {
  try {
    const d = decoding.createDecoder(frame);
    decoding.readVarString(d);
    const at = d.pos;
    if (decoding.readVarUint(d) !== SYNC || decoding.readVarUint(d) !== STEP_1) return -1;
    const sv = decoding.readVarUint8Array(d);
    return sv.length === 1 && sv[0] === 0 ? at : -1;
  } catch {
    return -1;
  }
}

/// `Y.encodeStateAsUpdate(doc)`, from the kept state when there is one
/// (else kept for the next fresh client when large).
function fullState(doc: Y.Doc): Uint8Array {
  const have = keptState(doc);
  if (have) {
    freshSyncStats.reused++;
    return have;
  }
  const state = Y.encodeStateAsUpdate(doc);
  freshSyncStats.encoded++;
  keepState(doc, state);
  return state;
}

/// A sync message of y-protocols (`step` and its payload) for `address`,
/// with the payload copied once (lib0's encoder copies a large array twice:
/// 40–60 samples of a profile for the 5.5 MiB of 10,000 annotations).
function syncMessage(address: string, step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, address);
  encoding.writeVarUint(e, SYNC);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint(e, payload.byteLength);
  const head = encoding.toUint8Array(e);
  const message = new Uint8Array(head.byteLength + payload.byteLength);
  message.set(head);
  message.set(payload, head.byteLength);
  return message;
}
