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
import { type Part, Parts } from "./keyed.ts";
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

/// A part added at the foot of a card by the margin (a dense paragraph's
/// count), with what it shows.
export interface CardTail {
  sig: string;
  build: () => HTMLElement;
}

/// One annotation's card in the margin: kind, claim status, resolve and
/// delete; its anchor's state and quote; the thread with its own messages
/// editable; links; on the active card the reply box and the history.
/// Every button is offered only if `AnnotationAuth` allows it.
///
/// The margin keeps one card per annotation id and calls `update` on each
/// render: the card's element stays, and each of its parts (and each
/// message) is rebuilt only when what it shows changed (`keyed.ts`), so a
/// reply being typed keeps its words, caret and focus while others work.
export class AnnotationCard {
  readonly element: HTMLElement;
  private readonly parts = new Parts();
  private readonly messages = new Parts();
  private readonly thread = h("ol", { class: "gl-thread" });
  private host: CardHost | null = null;

  constructor(readonly id: string) {
    this.element = h("article", { "data-card": id, tabindex: "0" });
    this.element.addEventListener("click", (e) => {
      if ((e.target as HTMLElement).closest("button, textarea, select, .gl-confirm")) return;
      this.host?.activate(id);
    });
  }

  /// Shows `a` as it is now, with the margin's state in `host`.
  update(host: CardHost, a: Annotation, active: boolean, tail: CardTail | null = null): void {
    this.host = host;
    const card = this.element;
    card.className = `gl-card gl-kind-${a.kind}${active ? " gl-card-active" : ""}${a.resolved ? " gl-card-resolved" : ""}`;
    card.setAttribute(
      "aria-label",
      t("annotations.cardLabel", { kind: kindLabel(a.kind), name: a.author.name }),
    );
    this.messages.render(
      this.thread,
      a.messages.map((m) => messagePart(host, a, m, active)),
    );
    this.parts.render(card, cardParts(host, a, active, this.thread, tail));
  }
}

/// The parts of a card, in order, each with what it shows.
function cardParts(
  host: CardHost,
  a: Annotation,
  active: boolean,
  thread: HTMLElement,
  tail: CardTail | null,
): Part[] {
  const { auth } = host;
  const anchor = a.detached ? null : anchorStatus(host.doc, a);
  const changed = anchor?.status === "moved-suspicious";
  const sig = (...v: unknown[]) => JSON.stringify(v);
  const parts: Part[] = [
    {
      key: "header",
      sig:
        sig(a.kind, a.status, !!a.resolved, !!a.detached, auth.canSetStatus(a)) +
        sig(auth.canReopen(a), auth.canResolve(a), auth.canDelete(a)),
      build: () => cardHeader(host, a),
    },
  ];
  const note = anchorNote(a, anchor);
  if (note) parts.push({ key: "note", sig: note.outerHTML, build: () => note });
  if (a.detached || active || host.listMode || changed)
    parts.push({ key: "quote", sig: a.selector.quote.exact, build: () => quote(a) });
  if (a.messages.length) parts.push({ key: "thread", node: thread });
  else {
    const line = `${a.author.name} · ${when(a.createdAt)}`;
    parts.push({
      key: "author",
      sig: line,
      build: () => h("p", { class: "gl-muted gl-msg-author" }, line),
    });
  }
  if (a.resolved) {
    const line = `${t("annotations.resolvedBy", { name: a.resolved.by.name })} · ${when(a.resolved.at)}`;
    parts.push({
      key: "resolved",
      sig: line,
      build: () => h("p", { class: "gl-resolved-by" }, line),
    });
  }
  const extra = host.extras?.(a, active, auth.canLink(a));
  if (extra) parts.push({ key: "extras", node: extra });
  if (host.confirming?.id === a.id && !host.confirming.messageId)
    parts.push({
      key: "delete",
      sig: sig(a.kind, a.messages.length),
      build: () => deleteQuestion(host, a),
    });
  if (a.detached && auth.canAnchor(a))
    parts.push({ key: "reattach", sig: "", build: () => reattachActions(host, a) });
  if (active && !a.detached && auth.canReply(a))
    parts.push({ key: "reply", sig: "", build: () => replyBox(host, a) });
  if (active)
    parts.push({ key: "audit", sig: sig(a.audit.map(auditLine)), build: () => auditTrail(a) });
  if (tail) parts.push({ key: "tail", sig: tail.sig, build: tail.build });
  return parts;
}

function quote(a: Annotation): HTMLElement {
  const exact = a.selector.quote.exact;
  return h(
    "blockquote",
    { class: "gl-quote" },
    exact.length > 180 ? `${exact.slice(0, 180)}…` : exact,
  );
}

function reattachActions(host: CardHost, a: Annotation): HTMLElement {
  return h(
    "div",
    { class: "gl-actions" },
    h("button", { type: "button", onclick: () => host.reattach(a) }, t("annotations.reattach")),
  );
}

/// One message of the thread as a keyed part: rebuilt when the message,
/// its author's rights on it, or its editing or delete question change.
function messagePart(host: CardHost, a: Annotation, m: Message, active: boolean): Part {
  const own = host.auth.canEditMessage(a, m) && active;
  const editing = host.editing?.messageId === m.id;
  const confirming = host.confirming?.messageId === m.id;
  return {
    key: m.id,
    sig: JSON.stringify([
      m.author.name,
      when(m.createdAt),
      m.editedAt,
      m.body,
      own,
      editing,
      confirming,
    ]),
    build: () => messageItem(host, a, m, active),
  };
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
    h("ol", {}, ...a.audit.map((e) => h("li", {}, auditLine(e)))),
  );
}

function auditLine(e: Annotation["audit"][number]): string {
  return `${when(e.at)} — ${e.who?.name ?? "Glossa"} ${auditAction(e.action)}${e.detail ? `: ${e.detail}` : ""}`;
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
