import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { serverSecret } from "../auth/tokens.ts";
import { log } from "../log.ts";
import type { DeliveryRecord, Store, WebhookRecord } from "../storage/index.ts";
import { SecretBox } from "./secretBox.ts";
import { sign } from "./signature.ts";
import { guardedLookup, isPrivateAddress } from "./ssrf.ts";

/// The events a webhook may subscribe to.
export const WEBHOOK_EVENTS = [
  "annotation.created",
  "annotation.replied",
  "annotation.resolved",
  "annotation.reopened",
  "annotation.status_changed",
  "annotation.deleted",
  "version.saved",
  "share.changed",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookSettings {
  /// Hosts deliveries may reach even on private or loopback addresses.
  allowHosts: string[];
  /// Wait before the first retry; doubles each time (WEBHOOK_RETRY_BASE_MS).
  retryBaseMs: number;
  /// Attempts before a delivery is marked failed.
  maxAttempts: number;
  /// How often the queue is polled for due deliveries.
  pollMs: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowHosts: [],
  retryBaseMs: 10_000,
  maxAttempts: 10,
  pollMs: 1_000,
};

/// A delivery attempt may take this long (connect, send, answer).
const TIMEOUT_MS = 10_000;
/// Longest wait between two attempts.
const MAX_DELAY_MS = 6 * 3600_000;
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("base64url")}`;

/// The wait before attempt `attempts + 1`: base · 2^(attempts−1), ±20 %
/// jitter (so many failing deliveries do not retry in step), capped.
export function backoff(attempts: number, baseMs: number): number {
  const raw = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

/// Webhooks: turns Glossa's events into signed POSTs to the URLs owners
/// registered. Events are written to a queue in the store first (table
/// `webhook_deliveries`), then sent by a poller on every instance; an
/// instance claims a delivery before sending (so two instances do not send
/// it twice), and a failed attempt is retried with exponential backoff.
/// A restart loses nothing: what was queued is sent after it.
export class WebhookService {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();

  private constructor(
    private readonly store: Store,
    readonly settings: WebhookSettings,
    private readonly box: SecretBox,
  ) {}

  /// The service, with its key for webhook secrets derived from the server's
  /// secret; seals the secrets earlier versions stored in clear first.
  static async open(
    store: Store,
    settings: WebhookSettings = DEFAULT_WEBHOOK_SETTINGS,
  ): Promise<WebhookService> {
    const box = SecretBox.derive(await serverSecret(store), "webhook secrets v1");
    const service = new WebhookService(store, settings, box);
    await service.sealStoredSecrets();
    return service;
  }

  /// A webhook's secret as it is stored: sealed, bound to the webhook's id.
  seal(webhookId: string, secret: string): string {
    return this.box.seal(secret, webhookId);
  }

  /// Seals every secret stored in clear (data of versions before secrets
  /// were sealed). Each row is replaced only if it still holds what was read,
  /// so instances starting together do not seal one twice.
  async sealStoredSecrets(): Promise<number> {
    let sealed = 0;
    for (const hook of await this.store.allWebhooks()) {
      if (SecretBox.isSealed(hook.secret)) continue;
      const to = this.box.seal(hook.secret, hook.id);
      if (await this.store.replaceWebhookSecret(hook.id, hook.secret, to)) sealed++;
    }
    if (sealed) log.info({ sealed }, "webhook secrets stored in clear are now sealed");
    return sealed;
  }

  /// The clear secret of `hook`, to sign with; throws a sentence when it
  /// cannot be opened (the server's secret changed, or the row was altered).
  private secretOf(hook: WebhookRecord): string {
    try {
      return this.box.open(hook.secret, hook.id);
    } catch {
      throw new Error(
        "The webhook's secret cannot be decrypted with this server's key (the server's secret changed, or the stored value was altered); delete the webhook and register it again.",
      );
    }
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.settings.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inFlight]);
  }

  /// Queues `event` on document `documentId` for every webhook that wants
  /// it and whose owner still owns the document. Never throws (an event
  /// that cannot be queued is logged; the change it reports stands).
  async emit(
    documentId: string,
    event: WebhookEvent,
    actor: { id: string; name: string } | null,
    data: Record<string, unknown>,
  ): Promise<void> {
    try {
      const hooks = (await this.store.webhooksFor(documentId)).filter((h) =>
        h.events.includes(event),
      );
      if (hooks.length === 0) return;
      const doc = await this.store.getDocument(documentId);
      const now = new Date();
      const eventId = id("evt");
      const rows: DeliveryRecord[] = [];
      for (const hook of hooks) {
        // Owners only, as of now: a hook stops when its owner loses the document.
        if ((await this.store.getRole(documentId, hook.ownerId)) !== "owner") continue;
        const payload = JSON.stringify({
          id: eventId,
          type: event,
          createdAt: now.toISOString(),
          webhook: hook.id,
          document: { id: documentId, title: doc?.title ?? null },
          actor,
          data,
        });
        rows.push({
          id: id("dlv"),
          webhookId: hook.id,
          event,
          payload,
          status: "pending",
          attempts: 0,
          nextAttemptAt: now.getTime(),
          lastStatus: null,
          lastError: null,
          createdAt: now.toISOString(),
          deliveredAt: null,
        });
      }
      if (rows.length === 0) return;
      await this.store.enqueueDeliveries(rows);
      void this.poll();
    } catch (err) {
      log.error({ err, event, documentId }, "could not queue a webhook event");
    }
  }

  /// Sends what is due (a few at a time).
  async poll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const now = Date.now();
      for (const d of await this.store.dueDeliveries(now, 20)) {
        // The lease: another poller (or instance) skips it until the attempt ends.
        if (!(await this.store.claimDelivery(d.id, d.nextAttemptAt, now + TIMEOUT_MS * 3)))
          continue;
        const p = this.attempt(d).finally(() => this.inFlight.delete(p));
        this.inFlight.add(p);
      }
    } catch (err) {
      log.error({ err }, "webhook queue poll failed");
    } finally {
      this.running = false;
    }
  }

  private async attempt(d: DeliveryRecord): Promise<void> {
    const hook = await this.store.getWebhook(d.webhookId);
    const attempts = d.attempts + 1;
    if (!hook) {
      await this.store.finishDelivery(d.id, {
        status: "failed",
        attempts: d.attempts,
        nextAttemptAt: d.nextAttemptAt,
        lastStatus: null,
        lastError: "The webhook was deleted.",
        deliveredAt: null,
      });
      return;
    }
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await this.post(hook, d);
      if (status < 200 || status >= 300) error = `The receiver answered ${status}.`;
    } catch (err) {
      error = (err as Error).message.slice(0, 500);
    }
    const done = error === null;
    const giveUp = !done && attempts >= this.settings.maxAttempts;
    await this.store.finishDelivery(d.id, {
      status: done ? "delivered" : giveUp ? "failed" : "pending",
      attempts,
      nextAttemptAt:
        done || giveUp ? Date.now() : Date.now() + backoff(attempts, this.settings.retryBaseMs),
      lastStatus: status,
      lastError: error,
      deliveredAt: done ? new Date().toISOString() : null,
    });
    if (!done)
      log.warn(
        { webhook: hook.id, delivery: d.id, attempts, status, giveUp },
        "webhook delivery failed",
      );
  }

  /// One POST, signed, redirects not followed; resolves with the status.
  private post(hook: WebhookRecord, d: DeliveryRecord): Promise<number> {
    const signature = sign(this.secretOf(hook), d.payload);
    const url = new URL(hook.url);
    const client = url.protocol === "https:" ? https : http;
    // An address literal is connected to without a lookup: check it here.
    const literal = url.hostname.replace(/^\[|\]$/g, "");
    if (
      isIP(literal) &&
      isPrivateAddress(literal) &&
      !this.settings.allowHosts.includes(literal.toLowerCase())
    )
      return Promise.reject(
        new Error(`${literal} is a private or loopback address; webhooks may not reach it.`),
      );
    return new Promise((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: "POST",
          timeout: TIMEOUT_MS,
          // A fresh connection each time: the address is checked on every delivery.
          agent: false,
          lookup: guardedLookup(this.settings.allowHosts) as never,
          headers: {
            "Content-Type": "application/json",
            "Content-Length": Buffer.byteLength(d.payload),
            "User-Agent": "Glossa-Webhooks/1",
            "Glossa-Event": d.event,
            "Glossa-Delivery": d.id,
            "Glossa-Webhook": hook.id,
            "Glossa-Signature": signature,
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`No answer within ${TIMEOUT_MS / 1000} s.`)));
      req.on("error", reject);
      req.end(d.payload);
    });
  }
}

/// The event an annotation operation reports, with what it says; null for
/// operations no webhook hears (tags, links, message edits…).
export function annotationEvent(command: {
  op: string;
  [k: string]: unknown;
}): { event: WebhookEvent; data: Record<string, unknown> } | null {
  switch (command.op) {
    case "create":
      return { event: "annotation.created", data: { kind: command.kind ?? null } };
    case "reply":
      return { event: "annotation.replied", data: { body: command.body ?? null } };
    case "resolve":
      return { event: "annotation.resolved", data: {} };
    case "reopen":
      return { event: "annotation.reopened", data: {} };
    case "status":
      return { event: "annotation.status_changed", data: { status: command.status ?? null } };
    case "delete":
      return { event: "annotation.deleted", data: {} };
    default:
      return null;
  }
}
