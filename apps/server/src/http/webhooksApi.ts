import { randomBytes } from "node:crypto";
import { DOCUMENT_ID } from "@glossa/protocol";
import type { DeliveryRecord, WebhookRecord } from "../storage/index.ts";
import { refuseUrl } from "../webhooks/ssrf.ts";
import { WEBHOOK_EVENTS } from "../webhooks/WebhookService.ts";
import type { ApiContext } from "./api.ts";
import {
  badRequest,
  caller,
  forbidden,
  type Handlers,
  notFound,
  onlyFields,
  readJson,
  sendJson,
} from "./http.ts";

/// Most webhooks one person may register.
const MAX_HOOKS = 50;

/// A webhook as lists show it (never its secret).
const describe = (w: WebhookRecord) => ({
  id: w.id,
  url: w.url,
  documentId: w.documentId,
  events: w.events,
  description: w.description,
  createdAt: w.createdAt,
});

const deliveryJson = (d: DeliveryRecord) => ({
  id: d.id,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.status === "pending" ? new Date(d.nextAttemptAt).toISOString() : null,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  createdAt: d.createdAt,
  deliveredAt: d.deliveredAt,
  payload: JSON.parse(d.payload) as unknown,
});

/// Mounts webhooks (docs/api.md "Webhooks"): register, list, delete, and
/// the delivery log of each. People only (not API tokens), and only for
/// documents they own: a webhook sends what happens in a document elsewhere.
export function webhookRoutes(router: Handlers<ApiContext>): Handlers<ApiContext> {
  const own = async (ctx: ApiContext, id: string, userId: string) => {
    const hook = await ctx.store.getWebhook(id);
    if (!hook || hook.ownerId !== userId) throw notFound("You have no such webhook.");
    return hook;
  };
  return router
    .on("GET", "/api/webhooks", async (ctx) => {
      const claims = await caller(ctx);
      const hooks = await ctx.store.listWebhooks(claims.userId);
      sendJson(ctx.res, 200, { webhooks: hooks.map(describe), events: WEBHOOK_EVENTS });
    })
    .on("POST", "/api/webhooks", async (ctx) => {
      const claims = await caller(ctx);
      const b = await readJson(ctx.req, 16 * 1024);
      if (b === null || typeof b !== "object" || Array.isArray(b))
        throw badRequest("The request body must be a JSON object.");
      const body = b as Record<string, unknown>;
      onlyFields(body, ["url", "events", "documentId", "description"]);
      if (typeof body.url !== "string" || body.url.length > 2000)
        throw badRequest('"url" is required: the https:// address to send events to.');
      const why = refuseUrl(body.url, ctx.webhooks.settings.allowHosts);
      if (why) throw badRequest(`"url" ${why}`);
      const events = body.events;
      if (
        !Array.isArray(events) ||
        events.length === 0 ||
        !events.every((e) => (WEBHOOK_EVENTS as readonly unknown[]).includes(e))
      )
        throw badRequest(`"events" must be a list of some of: ${WEBHOOK_EVENTS.join(", ")}.`);
      let documentId: string | null = null;
      if (body.documentId !== undefined && body.documentId !== null) {
        if (typeof body.documentId !== "string" || !DOCUMENT_ID.test(body.documentId))
          throw badRequest('"documentId" must be a document id, or null for all your documents.');
        const role = await ctx.store.getRole(body.documentId, claims.userId);
        if (!role) throw badRequest(`"documentId": you have no document ${body.documentId}.`);
        if (role !== "owner")
          throw forbidden("Only an owner of a document can add a webhook to it.");
        documentId = body.documentId;
      }
      const description = body.description ?? "";
      if (typeof description !== "string" || description.length > 200)
        throw badRequest('"description" must be text of at most 200 characters.');
      if ((await ctx.store.listWebhooks(claims.userId)).length >= MAX_HOOKS)
        throw badRequest(`You have ${MAX_HOOKS} webhooks; delete some first.`);
      const id = `wh_${randomBytes(12).toString("base64url")}`;
      // Shown once in this answer; stored only sealed (docs/security.md).
      const secret = `whsec_${randomBytes(32).toString("base64url")}`;
      const hook: WebhookRecord = {
        id,
        ownerId: claims.userId,
        documentId,
        url: body.url,
        events: [...new Set(events as string[])],
        secret: ctx.webhooks.seal(id, secret),
        description,
        createdAt: new Date().toISOString(),
      };
      await ctx.store.createWebhook(hook);
      sendJson(ctx.res, 201, { ...describe(hook), secret });
    })
    .on("DELETE", "/api/webhooks/:id", async (ctx, { id }) => {
      const claims = await caller(ctx);
      await own(ctx, id!, claims.userId);
      await ctx.store.deleteWebhook(claims.userId, id!);
      sendJson(ctx.res, 200, { ok: true });
    })
    .on("GET", "/api/webhooks/:id/deliveries", async (ctx, { id }) => {
      const claims = await caller(ctx);
      const hook = await own(ctx, id!, claims.userId);
      const deliveries = await ctx.store.listDeliveries(hook.id, 100);
      sendJson(ctx.res, 200, { deliveries: deliveries.map(deliveryJson) });
    });
}
