import {
  documentName as documentNameOf,
  encodeStateless,
  parseDocumentName,
  parseStatelessMessage,
} from "@glossa/protocol";
import type {
  Extension,
  onChangePayload,
  onDisconnectPayload,
  onStatelessPayload,
} from "@hocuspocus/server";
import {
  type AnnotationService,
  RECONCILE_MIN_AGE_MS,
  toRequestError,
} from "../annotations/AnnotationService.ts";
import { capRole } from "../auth/apiTokens.ts";
import { contextOf, type GlossaContext } from "../context.ts";
import { log } from "../log.ts";
import { checkLinkKey, UnknownSourceError } from "../sources/linkKeys.ts";
import type { SourceCatalog } from "../sources/SourceCatalog.ts";
import type { Store } from "../storage/index.ts";

export interface AnnotationsConfiguration {
  service: AnnotationService;
  store: Store;
  sources: SourceCatalog;
  /// Quiet time after the last text change before anchors are reconciled, ms.
  reconcileDelayMs?: number;
}

/// Annotation operations sent over the websocket (stateless `annotation`
/// messages on the annotations document), checked against the person's
/// current role and carried out by the AnnotationService; and the
/// reconciler that marks annotations detached when their text is deleted
/// (and attached again on undo) once text changes settle.
export class AnnotationsExtension implements Extension<GlossaContext> {
  extensionName = "glossa-annotations";
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /// When each document's pending reconcile is due.
  private readonly due = new Map<string, number>();

  constructor(private readonly config: AnnotationsConfiguration) {}

  async onStateless({ connection, documentName, payload }: onStatelessPayload): Promise<void> {
    const message = parseStatelessMessage(payload);
    if (message?.type !== "annotation") return;
    const ctx = contextOf(connection)!;
    const parsed = parseDocumentName(documentName);
    const reply = (body: { ok: boolean; id?: string; error?: string; code?: string }) =>
      connection.sendStateless(
        encodeStateless({ type: "annotation-result", requestId: message.requestId, ...body }),
      );
    if (!parsed || !ctx?.user)
      return reply({ ok: false, error: "This connection is not signed in." });
    // The role as it is now, not as it was when the connection opened.
    const role = capRole(
      await this.config.store.getRole(parsed.id, ctx.user.id),
      ctx.scope,
      parsed.id,
    );
    if (!role) return reply({ ok: false, error: "You no longer have access to this document." });
    try {
      let command = message.command;
      if (command.op === "link") {
        // The same check as the HTTP API: a known authority or a readable key.
        const { key } = await checkLinkKey(this.config.sources, String(command.key ?? ""));
        command = { ...command, key };
      }
      const { id } = await this.config.service.execute(
        parsed.id,
        { user: { id: ctx.user.id, name: ctx.user.name }, role },
        command,
      );
      reply({ ok: true, id });
    } catch (err) {
      if (err instanceof UnknownSourceError)
        return reply({ ok: false, error: err.message, code: err.code });
      const e = toRequestError(err);
      reply({ ok: false, error: e.message, code: e.code, ...(e.id ? { id: e.id } : {}) });
    }
  }

  async onChange({ documentName, transactionOrigin }: onChangePayload): Promise<void> {
    const parsed = parseDocumentName(documentName);
    if (parsed?.part !== "text") return;
    if ((transactionOrigin as { context?: { annotationActor?: string } })?.context?.annotationActor)
      return;
    this.schedule(parsed.id, this.config.reconcileDelayMs ?? 800);
  }

  /// The last websocket leaving a text document runs its pending reconcile
  /// now, while the document is still loaded: Hocuspocus unloads it right
  /// after this hook, and a timer firing later would load both documents
  /// again through direct connections and keep them in memory until their
  /// debounced store, with nobody connected. Direct connections ("server")
  /// are left alone: the reconcile's own disconnects come through here.
  /// Nor when the annotations document, which the same websocket carried,
  /// has already left or is leaving: the reconcile would load it again (issue
  /// 16: 5.5 MiB at 10,000 annotations, a 0.1–0.2 s stall per load step on
  /// every leave) to unload it once more, and a new load of the text checks
  /// every annotation afresh anyway.
  async onDisconnect({
    documentName,
    clientsCount,
    socketId,
    instance,
  }: onDisconnectPayload): Promise<void> {
    if (clientsCount > 0 || socketId === "server") return;
    const parsed = parseDocumentName(documentName);
    if (parsed?.part !== "text") return;
    const timer = this.timers.get(parsed.id);
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(parsed.id);
    this.due.delete(parsed.id);
    const annotations = documentNameOf(parsed.id, "annotations");
    const loaded = instance.documents.get(annotations);
    if (!loaded || loaded.isDestroyed || instance.unloadingDocuments.has(annotations)) return;
    // Not rescheduled when `young`: the document is not loaded any more, and
    // a new load indexes every annotation afresh.
    await this.config.service
      .reconcile(parsed.id)
      .catch((err) => log.error({ err, doc: parsed.id }, "annotation reconcile failed"));
  }

  /// Reconciles `delayMs` after the last call. Per keystroke this only notes
  /// the time: a pending timer that fires early waits the rest (no timer is
  /// cleared and set again per update).
  private schedule(docId: string, delayMs: number): void {
    const due = Date.now() + delayMs;
    this.due.set(docId, due);
    const armed = this.timers.get(docId);
    if (armed && (this.firesAt.get(armed) ?? 0) <= due) return;
    if (armed) clearTimeout(armed);
    this.arm(docId, delayMs);
  }

  /// When each armed timer fires.
  private readonly firesAt = new WeakMap<NodeJS.Timeout, number>();

  private arm(docId: string, delayMs: number): void {
    const timer = setTimeout(() => {
      const wait = (this.due.get(docId) ?? 0) - Date.now();
      if (wait > 0) return this.arm(docId, wait);
      this.timers.delete(docId);
      this.due.delete(docId);
      this.config.service.reconcile(docId).then(
        ({ young }) => {
          if (young && !this.timers.has(docId)) this.schedule(docId, RECONCILE_MIN_AGE_MS + 200);
        },
        (err) => log.error({ err, doc: docId }, "annotation reconcile failed"),
      );
    }, delayMs);
    timer.unref();
    this.firesAt.set(timer, Date.now() + delayMs);
    this.timers.set(docId, timer);
  }

  async onDestroy(): Promise<void> {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.due.clear();
  }
}
