import type { DeliveryRecord, WebhookRecord } from "./Store.ts";

/// The values of a `webhooks` row, in the order of its columns: id,
/// owner_id, document_id, url, events, secret (sealed), description, created_at.
export const webhookRow = (w: WebhookRecord): unknown[] => [
  w.id,
  w.ownerId,
  w.documentId,
  w.url,
  JSON.stringify(w.events),
  w.secret,
  w.description,
  w.createdAt,
];

/// The values of a `webhook_deliveries` row, in the order of its columns.
export const deliveryRow = (d: DeliveryRecord): unknown[] => [
  d.id,
  d.webhookId,
  d.event,
  d.payload,
  d.status,
  d.attempts,
  d.nextAttemptAt,
  d.lastStatus,
  d.lastError,
  d.createdAt,
  d.deliveredAt,
];
