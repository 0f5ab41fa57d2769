import { CloseEvents } from "@glossa/protocol";
import type { beforeHandleMessagePayload, Extension } from "@hocuspocus/server";
import type { AccountBudgets } from "../auth/budgets.ts";
import type { GlossaContext } from "../context.ts";
import { log } from "../log.ts";

/// Charges every websocket message to the account behind it (messages and
/// bytes per second over all its connections and documents), before anything
/// of it is decoded or applied; an account over budget has the connection
/// closed with AccountBudget (4431) and the message dropped whole. Runs right
/// after the per-connection limits, before the document's own checks.
export class BudgetExtension implements Extension {
  extensionName = "glossa-budget";
  priority = 890;

  constructor(private readonly budgets: AccountBudgets) {}

  async beforeHandleMessage({ context, update }: beforeHandleMessagePayload): Promise<void> {
    const user = (context as GlossaContext | undefined)?.user;
    if (!user) return;
    const over = this.budgets.charge(user.id, update.byteLength);
    if (!over) return;
    log.warn(
      { userId: user.id, budget: over.what, bytes: update.byteLength },
      "account over its budget; closing the connection",
    );
    throw Object.assign(new Error(CloseEvents.AccountBudget.reason), CloseEvents.AccountBudget);
  }
}
