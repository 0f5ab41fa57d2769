import type { DeliveryRecord, WebhookRecord } from "../Store.ts";
import { toDelivery, toWebhook } from "../Store.ts";
import { deliveryRow, webhookRow } from "../webhookRows.ts";
import { DocumentTables } from "./documents.ts";

/// Webhooks and their queue of deliveries.
export abstract class WebhookTables extends DocumentTables {
  async createWebhook(w: WebhookRecord): Promise<void> {
    await this.sql.run(
      "INSERT INTO webhooks (id, owner_id, document_id, url, events, secret, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      webhookRow(w),
    );
  }
  async allWebhooks(): Promise<WebhookRecord[]> {
    return (await this.sql.all("SELECT * FROM webhooks ORDER BY id")).map(toWebhook);
  }
  async replaceWebhookSecret(id: string, from: string, to: string): Promise<boolean> {
    const sql = "UPDATE webhooks SET secret = ? WHERE id = ? AND secret = ?";
    return (await this.sql.run(sql, [to, id, from])) > 0;
  }
  async getWebhook(id: string): Promise<WebhookRecord | null> {
    const r = (await this.sql.all("SELECT * FROM webhooks WHERE id = ?", [id]))[0];
    return r ? toWebhook(r) : null;
  }
  async listWebhooks(ownerId: string): Promise<WebhookRecord[]> {
    return (
      await this.sql.all("SELECT * FROM webhooks WHERE owner_id = ? ORDER BY created_at, id", [
        ownerId,
      ])
    ).map(toWebhook);
  }
  async webhooksFor(documentId: string): Promise<WebhookRecord[]> {
    return (
      await this.sql.all("SELECT * FROM webhooks WHERE document_id = ? OR document_id IS NULL", [
        documentId,
      ])
    ).map(toWebhook);
  }
  /// The owner's webhook and, with it, its deliveries, in one transaction.
  async deleteWebhook(ownerId: string, id: string): Promise<boolean> {
    const [, n] = await this.sql.batch([
      {
        sql: `DELETE FROM webhook_deliveries WHERE webhook_id = ?
              AND EXISTS (SELECT 1 FROM webhooks WHERE id = ? AND owner_id = ?)`,
        params: [id, id, ownerId],
      },
      { sql: "DELETE FROM webhooks WHERE id = ? AND owner_id = ?", params: [id, ownerId] },
    ]);
    return (n ?? 0) > 0;
  }
  async enqueueDeliveries(rows: DeliveryRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await this.sql.batch(
      rows.map((d) => ({
        sql: `INSERT INTO webhook_deliveries (id, webhook_id, event, payload, status, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: deliveryRow(d),
      })),
    );
  }
  async dueDeliveries(now: number, limit: number): Promise<DeliveryRecord[]> {
    return (
      await this.sql.all(
        "SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?",
        [now, limit],
      )
    ).map(toDelivery);
  }
  async claimDelivery(id: string, dueAt: number, leaseUntil: number): Promise<boolean> {
    return (
      (await this.sql.run(
        "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at = ?",
        [leaseUntil, id, dueAt],
      )) > 0
    );
  }
  async finishDelivery(
    id: string,
    o: Pick<
      DeliveryRecord,
      "status" | "attempts" | "nextAttemptAt" | "lastStatus" | "lastError" | "deliveredAt"
    >,
  ): Promise<void> {
    await this.sql.run(
      "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status = ?, last_error = ?, delivered_at = ? WHERE id = ?",
      [o.status, o.attempts, o.nextAttemptAt, o.lastStatus, o.lastError, o.deliveredAt, id],
    );
  }
  async listDeliveries(webhookId: string, limit: number): Promise<DeliveryRecord[]> {
    return (
      await this.sql.all(
        "SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
        [webhookId, limit],
      )
    ).map(toDelivery);
  }
}
