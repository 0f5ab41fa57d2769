import { CloseEvents } from "@glossa/protocol";
import type { beforeHandleMessagePayload, Extension } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import type { AccountBudgets } from "../auth/budgets.ts";
import type { GlossaContext } from "../context.ts";
import { log } from "../log.ts";

/// Charges every websocket message to the account behind it (messages and
/// bytes per second over all its connections and documents), before anything
/// of it is decoded or applied; an account over budget has the connection
/// closed with AccountBudget (4431) and the message dropped whole. A sync
/// request (SyncStep1) is also charged what the server will send back: the
/// document's content the client lacks, which Hocuspocus encodes on the
/// event loop (a fresh client of a 20,000,000-character document: 0.8–2.4 s
/// under load). Runs right after the per-connection limits, before the
/// document's own checks.
export class BudgetExtension implements Extension<GlossaContext> {
  extensionName = "glossa-budget";
  priority = 890;

  constructor(private readonly budgets: AccountBudgets) {}

  async beforeHandleMessage({
    context,
    update,
    document,
  }: beforeHandleMessagePayload<GlossaContext>): Promise<void> {
    const user = context?.user;
    if (!user) return;
    let over = this.budgets.charge(user.id, update.byteLength);
    const answer = over ? 0 : answerSize(update, document);
    if (!over && answer > 0) over = this.budgets.chargeAnswer(user.id, answer);
    if (!over) return;
    log.warn(
      { userId: user.id, budget: over.what, bytes: update.byteLength, answer },
      "account over its budget; closing the connection",
    );
    throw Object.assign(new Error(CloseEvents.AccountBudget.reason), CloseEvents.AccountBudget);
  }
}

/// When `frame` is a sync request (SyncStep1), about the bytes of the answer:
/// the clocks (characters and elements) and structs of `doc` that its state
/// vector lacks, read with one binary search per writer (nothing encoded);
/// else 0.
export function answerSize(frame: Uint8Array, doc: Y.Doc): number {
  let sv: Map<number, number>;
  try {
    const d = decoding.createDecoder(frame);
    decoding.readVarUint8Array(d); // document name
    const type = decoding.readVarUint(d);
    if (type !== 0 && type !== 4) return 0; // not a sync (or sync reply) message
    if (decoding.readVarUint(d) !== 0) return 0; // not SyncStep1
    sv = Y.decodeStateVector(decoding.readVarUint8Array(d));
  } catch {
    return 0; // Hocuspocus refuses what it cannot read
  }
  let size = 0;
  for (const [client, structs] of doc.store.clients) {
    const from = sv.get(client) ?? 0;
    const state = Y.getState(doc.store, client);
    if (from >= state) continue;
    size += state - from + structs.length - Y.findIndexSS(structs, from);
  }
  return size;
}
