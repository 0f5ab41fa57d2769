import {
  type Annotation,
  type AnnotationAuth,
  anchorStatus,
  CLAIM_STATUSES,
  type Message,
} from "@glossa/annotations";
import type { AnnotationOp } from "@glossa/protocol";
import type { Node } from "prosemirror-model";
import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";
import { auditAction, detachText, kindLabel, statusLabel, when } from "./labels.ts";

/// A message being edited, or a delete waiting for confirmation (of the
/// whole annotation when `messageId` is absent).
export type Editing = { id: string; messageId: string };
export type Confirming = { id: string; messageId?: string };

/// What a card needs from the margin that shows it: the person's rules,
/// the text, the margin's state, and the actions that change that state.
export interface CardHost {
  readonly auth: AnnotationAuth;
  readonly doc: Node;
  /// The overview: every card shows its quote.
  readonly listMode: boolean;
  readonly editing: Editing | null;
  readonly confirming: Confirming | null;
  /// Extra content (the sources add the card's links).
  readonly extras: ((a: Annotation, active: boolean, can: boolean) => HTMLElement | null) | null;
  /// Sends an operation to the server; a refusal is shown to the person.
  send(command: AnnotationOp): void;
  activate(id: string): void;
  /// Starts (or, with null, ends) editing a message in place.
  edit(what: Editing | null): void;
  /// Asks before a delete (null: the question is answered).
  confirm(what: Confirming | null): void;
  /// Places a detached annotation on the selected words.
  reattach(a: Annotation): void;
  /// Back to the text.
  back(): void;
}

/// One annotation's card in the margin: kind, claim status, resolve and
/// delete; its anchor's state and quote; the thread with its own messages
/// editable; links; on the active card the reply box and the history.
/// Every button is offered only if `AnnotationAuth` allows it.
export function annotationCard(host: CardHost, a: Annotation, active: boolean): HTMLElement {
  const anchor = a.detached ? null : anchorStatus(host.doc, a);
  const changed = anchor?.status === "moved-suspicious";
  const card = h(
    "article",
    {
      class: `gl-card gl-kind-${a.kind}${active ? " gl-card-active" : ""}${a.resolved ? " gl-card-resolved" : ""}`,
      "data-card": a.id,
      tabindex: "0",
      "aria-label": t("annotations.cardLabel", { kind: kindLabel(a.kind), name: a.author.name }),
    },
    cardHeader(host, a),
    anchorNote(a, anchor),
    a.detached || active || host.listMode || changed
      ? h(
          "blockquote",
          { class: "gl-quote" },
          a.selector.quote.exact.length > 180
            ? `${a.selector.quote.exact.slice(0, 180)}…`
            : a.selector.quote.exact,
        )
      : null,
    a.messages.length
      ? h("ol", { class: "gl-thread" }, ...a.messages.map((m) => messageItem(host, a, m, active)))
      : h("p", { class: "gl-muted gl-msg-author" }, `${a.author.name} · ${when(a.createdAt)}`),
    a.resolved
      ? h(
          "p",
          { class: "gl-resolved-by" },
          `${t("annotations.resolvedBy", { name: a.resolved.by.name })} · ${when(a.resolved.at)}`,
        )
      : null,
    host.extras?.(a, active, host.auth.canLink(a)) ?? null,
    host.confirming?.id === a.id && !host.confirming.messageId ? deleteQuestion(host, a) : null,
  );
  card.addEventListener("click", (e) => {
    if ((e.target as HTMLElement).closest("button, textarea, select, .gl-confirm")) return;
    host.activate(a.id);
  });
  if (a.detached && host.auth.canAnchor(a)) {
    card.append(
      h(
        "div",
        { class: "gl-actions" },
        h("button", { type: "button", onclick: () => host.reattach(a) }, t("annotations.reattach")),
      ),
    );
  }
  if (active && !a.detached && host.auth.canReply(a)) card.append(...replyBox(host, a));
  if (active) card.append(auditTrail(a));
  return card;
}

/// Kind, claim status (a select when it may be changed), resolve or
/// reopen, and delete.
function cardHeader(host: CardHost, a: Annotation): HTMLElement {
  const { auth } = host;
  const button = (label: string, onclick: () => void, focus?: string) =>
    h("button", { type: "button", class: "gl-link-btn", "data-focus": focus, onclick }, label);
  return h(
    "header",
    {},
    h("span", { class: "gl-chip" }, kindLabel(a.kind)),
    a.status
      ? auth.canSetStatus(a)
        ? statusSelect(a, (status) => host.send({ op: "status", id: a.id, status }))
        : h("span", { class: `gl-status-chip gl-st-${a.status}` }, statusLabel(a.status))
      : null,
    h("span", { class: "gl-spacer" }),
    !a.detached && (a.resolved ? auth.canReopen(a) : auth.canResolve(a))
      ? button(a.resolved ? t("annotations.reopen") : t("annotations.resolve"), () =>
          host.send({ op: a.resolved ? "reopen" : "resolve", id: a.id }),
        )
      : null,
    auth.canDelete(a)
      ? button(t("annotations.deleteAnnotation"), () => host.confirm({ id: a.id }), "delete")
      : null,
  );
}

/// One message of the thread; its author may edit or delete it on the
/// active card (cards not in use stay compact, near their text).
function messageItem(host: CardHost, a: Annotation, m: Message, active: boolean): HTMLElement {
  const own = host.auth.canEditMessage(a, m) && active;
  const editing = host.editing?.messageId === m.id;
  return h(
    "li",
    {},
    h(
      "div",
      { class: "gl-msg-head" },
      h("strong", {}, m.author.name),
      h(
        "span",
        { class: "gl-muted" },
        ` · ${when(m.createdAt)}${m.editedAt ? ` · ${t("annotations.edited")}` : ""}`,
      ),
    ),
    editing && own ? editBox(host, a.id, m.id, m.body) : h("p", { class: "gl-msg-body" }, m.body),
    own && !editing
      ? h(
          "div",
          { class: "gl-msg-actions" },
          h(
            "button",
            {
              type: "button",
              class: "gl-link-btn",
              "data-focus": `edit-${m.id}`,
              onclick: () => host.edit({ id: a.id, messageId: m.id }),
            },
            t("common.edit"),
          ),
          h(
            "button",
            {
              type: "button",
              class: "gl-link-btn",
              "data-focus": `delete-${m.id}`,
              onclick: () => host.confirm({ id: a.id, messageId: m.id }),
            },
            t("common.delete"),
          ),
        )
      : null,
    host.confirming?.messageId === m.id
      ? confirmBox(
          host,
          t("annotations.deleteMessageConfirm"),
          t("annotations.deleteMessage"),
          () => host.send({ op: "delete-message", id: a.id, messageId: m.id }),
        )
      : null,
  );
}

/// "Delete this comment (and its replies)?" inside the card.
function deleteQuestion(host: CardHost, a: Annotation): HTMLElement {
  const kind = kindLabel(a.kind).toLowerCase();
  return confirmBox(
    host,
    a.messages.length > 1
      ? t("annotations.deleteWithReplies", { kind, count: a.messages.length - 1 })
      : t("annotations.deleteConfirm", { kind }),
    t("common.delete"),
    () => host.send({ op: "delete", id: a.id }),
  );
}

/// The reply box of the active card: Ctrl+Enter or Reply sends, Esc goes
/// back to the text.
function replyBox(host: CardHost, a: Annotation): HTMLElement[] {
  const ta = h("textarea", {
    rows: "2",
    "data-for": a.id,
    placeholder: t("annotations.replyPlaceholder"),
    "aria-label": t("annotations.reply"),
  });
  const reply = () => {
    if (!ta.value.trim()) return;
    const body = ta.value;
    ta.value = "";
    host.send({ op: "reply", id: a.id, body });
  };
  ta.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) reply();
    if (e.key === "Escape") host.back();
  });
  return [
    ta,
    h(
      "div",
      { class: "gl-actions" },
      h("button", { type: "button", class: "gl-primary", onclick: reply }, t("annotations.reply")),
    ),
  ];
}

/// Who did what to the annotation, folded.
function auditTrail(a: Annotation): HTMLElement {
  return h(
    "details",
    { class: "gl-history" },
    h("summary", {}, t("annotations.history")),
    h(
      "ol",
      {},
      ...a.audit.map((e) =>
        h(
          "li",
          {},
          `${when(e.at)} — ${e.who?.name ?? "Glossa"} ${auditAction(e.action)}${e.detail ? `: ${e.detail}` : ""}`,
        ),
      ),
    ),
  );
}

/// A sentence about where the annotation stands, when it is not simply
/// on its words: never silent about a detached or changed anchor.
function anchorNote(
  a: Annotation,
  report: ReturnType<typeof anchorStatus> | null,
): HTMLElement | null {
  if (a.detached) {
    return h("p", { class: "gl-anchor-note", role: "note" }, detachText(a.detached.reason));
  }
  if (report?.status !== "moved-suspicious") return null;
  return h(
    "p",
    { class: "gl-anchor-note gl-anchor-changed", role: "note" },
    report.remnant
      ? t("annotations.partDeleted")
      : t("annotations.wordsChanged", {
          now: report.text.length > 80 ? `${report.text.slice(0, 80)}…` : report.text,
        }),
  );
}

function statusSelect(a: Annotation, onChange: (status: string) => void): HTMLElement {
  const select = h("select", {
    class: `gl-status-chip gl-st-${a.status}`,
    "aria-label": t("annotations.claimStatus"),
  });
  for (const s of CLAIM_STATUSES) select.append(h("option", { value: s }, statusLabel(s)));
  select.value = a.status ?? "unsupported";
  select.addEventListener("change", () => onChange(select.value));
  return select;
}

/// A question in plain words with a red button that does it and "Keep".
function confirmBox(host: CardHost, question: string, action: string, act: () => unknown) {
  const done = () => host.confirm(null);
  return h(
    "div",
    { class: "gl-confirm", role: "alertdialog", "aria-label": question },
    h("p", {}, question),
    h(
      "div",
      { class: "gl-actions" },
      h(
        "button",
        {
          type: "button",
          class: "gl-danger",
          "data-focus": "confirm",
          onclick: () => {
            done();
            void act();
          },
        },
        action,
      ),
      h("button", { type: "button", "data-focus": "keep", onclick: done }, t("annotations.keep")),
    ),
  );
}

/// A message being edited in its card: Ctrl+Enter or Save keeps the
/// change, Esc or Cancel leaves it as it was.
function editBox(host: CardHost, id: string, messageId: string, body: string): HTMLElement {
  const ta = h("textarea", {
    rows: "3",
    "data-for": `edit:${messageId}`,
    "aria-label": t("annotations.editMessage"),
  });
  ta.value = body;
  const stop = () => host.edit(null);
  const save = () => {
    const next = ta.value;
    stop();
    if (next === body || !next.trim()) return;
    host.send({ op: "edit-message", id, messageId, body: next });
  };
  ta.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) save();
    if (e.key === "Escape") {
      e.stopPropagation();
      stop();
    }
  });
  return h(
    "div",
    { class: "gl-edit" },
    ta,
    h(
      "div",
      { class: "gl-actions" },
      h("button", { type: "button", class: "gl-primary", onclick: save }, t("common.save")),
      h("button", { type: "button", onclick: stop }, t("common.cancel")),
    ),
  );
}
