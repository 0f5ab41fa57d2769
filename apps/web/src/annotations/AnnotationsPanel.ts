import {
  ANNOTATION_KINDS,
  type Annotation,
  anchorStatus,
  CLAIM_STATUSES,
  findAnnotationRanges,
  selectorFor,
} from "@glossa/annotations";
import type { CollabSession } from "@glossa/collab";
import { type AnnotationView, activeAnnotation, setAnnotationViews } from "@glossa/editor";
import { quoteBetween } from "@glossa/schema";
import { TextSelection } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { h } from "../dom.ts";
import { errorText, has, language, t } from "../i18n/index.ts";
import type { SidePanel } from "../panels/SidePanels.ts";
import type { EditorSession } from "../state/session.ts";
import { DetachedTray } from "./detachedTray.ts";
import { MarginFocus } from "./marginFocus.ts";
import { align, collapseDense, type Dense, denseToggle } from "./marginLayout.ts";
import { ThreadAnnouncer } from "./threadAnnouncer.ts";

interface Filters {
  kind: string;
  status: string;
  author: string;
  showResolved: boolean;
}

const statusLabel = (s: string) =>
  has(`annotations.status.${s}`) ? t(`annotations.status.${s as "sourced"}`) : s;

/// Why a detached annotation lost its place, in words for the person.
const detachText = (reason: string) =>
  has(`annotations.detach.${reason}`)
    ? t(`annotations.detach.${reason as "deleted"}`)
    : t("annotations.detachedOther");

const kindLabel = (id: string) =>
  has(`annotations.kinds.${id}`)
    ? t(`annotations.kinds.${id as "comment"}`)
    : (ANNOTATION_KINDS.find((k) => k.id === id)?.label ?? id);

function when(iso: string): string {
  const d = new Date(iso);
  const diff = (Date.now() - d.getTime()) / 1000;
  if (diff < 60) return t("rename.justNow");
  if (diff < 3600) return t("annotations.minutesAgo", { count: Math.floor(diff / 60) });
  if (diff < 86400 && d.getDate() === new Date().getDate())
    return d.toLocaleTimeString(language(), { hour: "2-digit", minute: "2-digit" });
  return d.toLocaleDateString(language(), { day: "numeric", month: "short", year: "numeric" });
}

/// The margin of threads beside the text: one card per annotation, aligned
/// with its words, with replies, resolve/reopen, claim status and filters;
/// detached annotations listed with their original quote. Everything it
/// changes goes to the server as an annotation operation.
export class AnnotationsPanel implements SidePanel {
  readonly id = "annotations";
  readonly label = t("sources.tabs.annotations");
  readonly title = t("sources.tabs.annotationsTitle");
  readonly element: HTMLElement;
  private readonly cards: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly detachedList: HTMLElement;
  private readonly tray: DetachedTray;
  private readonly toolbar: HTMLElement;
  private readonly focus: MarginFocus;
  private readonly announcer: ThreadAnnouncer;
  private annotations: readonly Annotation[] = [];
  private filters: Filters = { kind: "", status: "", author: "", showResolved: false };
  private draft: { kind: string; from: number; to: number } | null = null;
  /// The message being edited in place.
  private editing: { id: string; messageId: string } | null = null;
  /// A delete waiting for the person's confirmation (a whole annotation
  /// when `messageId` is absent).
  private confirming: { id: string; messageId?: string } | null = null;
  private frame = 0;
  /// Overview: every visible annotation in document order, not aligned.
  private listMode = false;
  /// Dense paragraphs opened by the person (by the id of their first thread).
  private readonly opened = new Set<string>();
  private readonly cleanup: (() => void)[] = [];
  private readonly collab: CollabSession;
  private readonly me: { id: string; name: string };
  /// Extra content for a card (the sources pane adds the card's links).
  cardExtras: ((a: Annotation, active: boolean, can: boolean) => HTMLElement | null) | null = null;

  constructor(
    private readonly session: EditorSession,
    private readonly view: EditorView,
    private readonly notify: (message: string, error?: boolean) => void,
  ) {
    const collab = session.collab;
    this.collab = collab;
    this.me = session.me;
    this.summary = h("p", { class: "gl-ann-summary", "aria-live": "polite" });
    this.cards = h("div", { class: "gl-cards" });
    this.detachedList = h("div", { class: "gl-detached" });
    this.tray = new DetachedTray(this.detachedList);
    this.toolbar = this.buildToolbar();
    this.announcer = new ThreadAnnouncer(this.me.id, () => collab.annotations.isSynced, kindLabel);
    this.element = h(
      "aside",
      { class: "gl-margin", "aria-label": t("annotations.title") },
      // The counts and the detached list stay in view with the filters.
      this.buildFilters(this.summary, this.tray.element),
      h(
        "details",
        { class: "gl-shortcuts" },
        h("summary", {}, t("annotations.shortcuts.title")),
        h(
          "dl",
          {},
          ...[
            ["Ctrl+Alt+M", t("annotations.shortcuts.comment")],
            ["Ctrl+Alt+↓ / ↑", t("annotations.shortcuts.step")],
            ["Ctrl+Alt+Y", t("annotations.shortcuts.reply")],
            ["Ctrl+Alt+R", t("annotations.shortcuts.resolve")],
            ["Ctrl+Enter", t("annotations.shortcuts.send")],
            ["Esc", t("annotations.shortcuts.back")],
          ].flatMap(([k, v]) => [h("dt", {}, k!), h("dd", {}, v!)]),
        ),
      ),
      this.cards,
      this.announcer.element,
    );
    const back = () => this.view.focus();
    this.focus = new MarginFocus(
      this.element,
      this.cards,
      t("margin.list"),
      (id) => this.activate(id),
      back,
    );
    // The same keys move between threads from the margin as from the text.
    this.element.addEventListener("keydown", (e) => {
      if (!(e.ctrlKey || e.metaKey) || !e.altKey) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        this.step(e.key === "ArrowDown" ? 1 : -1);
      }
    });
    this.cleanup.push(
      session.annotations.subscribe(() => this.relist()),
      session.role.subscribe(() => this.editorUpdated()),
    );
    // Cards are placed from the text's layout, so they are placed again
    // whenever that layout can change without a transaction: the window or
    // the margin resizing, fonts arriving, and the text becoming visible
    // again after History (hidden text has no layout to align with).
    const resized = new ResizeObserver(() => this.schedule());
    resized.observe(view.dom);
    resized.observe(this.cards);
    this.cleanup.push(() => resized.disconnect());
    this.relist();
  }

  /// The floating bar offered over a selection (appended by the editor view).
  get selectionToolbar(): HTMLElement {
    return this.toolbar;
  }

  /// Whether this person may start annotations (asked of `AnnotationAuth`).
  get canAnnotate(): boolean {
    return this.session.auth.canCreate();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    for (const c of this.cleanup) c();
  }

  /// Shown again (a side tab): the cards are placed again.
  onShow(): void {
    this.editorUpdated();
  }

  /// Called by the editor view after every state update.
  editorUpdated(): void {
    this.positionToolbar();
    this.schedule();
  }

  private schedule(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.render());
  }

  private relist(): void {
    this.annotations = this.session.annotations.getSnapshot();
    this.announcer.update(this.annotations);
    const views = new Map<string, AnnotationView>();
    for (const a of this.annotations) {
      views.set(a.id, { id: a.id, kind: a.kind, resolved: !!a.resolved, hidden: !this.visible(a) });
    }
    this.view.dispatch(setAnnotationViews(this.view.state.tr, { views }));
    this.schedule();
  }

  private visible(a: Annotation): boolean {
    const f = this.filters;
    if (f.kind && a.kind !== f.kind) return false;
    if (f.status && a.status !== f.status) return false;
    if (f.author && a.author.id !== f.author) return false;
    if (a.resolved && !f.showResolved && activeAnnotation(this.view.state) !== a.id) return false;
    return true;
  }

  // ---- creating -------------------------------------------------------

  private buildToolbar(): HTMLElement {
    const bar = h("div", {
      class: "gl-selbar",
      role: "toolbar",
      "aria-label": t("annotations.toolbar"),
      hidden: true,
    });
    for (const k of ANNOTATION_KINDS) {
      const b = h(
        "button",
        {
          type: "button",
          class: `gl-selbar-btn gl-kind-${k.id}`,
          title: k.id === "comment" ? `${kindLabel(k.id)} (Ctrl+Alt+M)` : kindLabel(k.id),
          onmousedown: (e: Event) => e.preventDefault(),
          onclick: () => this.startDraft(k.id),
        },
        k.label,
      );
      bar.append(b);
    }
    return bar;
  }

  private positionToolbar(): void {
    const { from, to, empty } = this.view.state.selection;
    if (empty || !this.canAnnotate || !this.view.hasFocus()) {
      this.toolbar.hidden = true;
      return;
    }
    const start = this.view.coordsAtPos(from);
    const end = this.view.coordsAtPos(to);
    // The bar lives in the paper (positioned); a hidden bar has no offsetParent.
    const host = this.toolbar.parentElement?.getBoundingClientRect();
    if (!host) return;
    this.toolbar.hidden = false;
    this.toolbar.style.top = `${Math.min(start.top, end.top) - host.top - 44}px`;
    this.toolbar.style.left = `${Math.max(0, start.left - host.left)}px`;
  }

  /// Starts an annotation of `kind` on the current selection: highlights are
  /// made at once, other kinds open a draft for their first message.
  startDraft(kind: string): boolean {
    const { from, to, empty } = this.view.state.selection;
    if (empty || !this.canAnnotate) return false;
    if (kind === "highlight") {
      void this.create(kind, from, to, undefined);
      return true;
    }
    this.draft = { kind, from, to };
    this.toolbar.hidden = true;
    this.render();
    this.cards.querySelector<HTMLTextAreaElement>(".gl-draft textarea")?.focus();
    return true;
  }

  private async create(
    kind: string,
    from: number,
    to: number,
    body: string | undefined,
  ): Promise<void> {
    const doc = this.view.state.doc;
    const sel = selectorFor(doc, from, to);
    try {
      const { id } = await this.collab.annotate({
        op: "create",
        kind,
        from,
        to,
        quote: quoteBetween(doc, from, to),
        prefix: sel.quote.prefix,
        suffix: sel.quote.suffix,
        body,
      });
      this.draft = null;
      this.activate(id, false);
    } catch (err) {
      this.notify(errorText(err), true);
    }
  }

  // ---- navigating -----------------------------------------------------

  /// Makes `id` the active annotation; with `scroll`, moves the text to it.
  activate(id: string | null, scroll = true): void {
    this.view.dispatch(setAnnotationViews(this.view.state.tr, { active: id }));
    if (id && scroll) {
      const [range] = findAnnotationRanges(this.view.state.doc, id);
      if (range) {
        const tr = this.view.state.tr.setSelection(
          TextSelection.create(this.view.state.doc, range.from),
        );
        this.view.dispatch(tr.scrollIntoView());
      }
    }
    this.relist();
  }

  /// Resolves (or reopens) the active annotation.
  toggleResolvedActive(): boolean {
    const id = activeAnnotation(this.view.state);
    const a = this.annotations.find((x) => x.id === id);
    const auth = this.session.auth;
    if (!a || a.detached || !(a.resolved ? auth.canReopen(a) : auth.canResolve(a))) return false;
    this.collab
      .annotate({ op: a.resolved ? "reopen" : "resolve", id: a.id })
      .catch((err: Error) => this.notify(errorText(err), true));
    return true;
  }

  /// Puts the cursor in the active annotation's reply box.
  replyActive(): boolean {
    const id = activeAnnotation(this.view.state);
    const box = id
      ? this.cards.querySelector<HTMLTextAreaElement>(`[data-card="${id}"] textarea`)
      : null;
    box?.focus();
    return !!box;
  }

  /// Moves to the next (or previous) visible annotation in document order.
  step(direction: 1 | -1): boolean {
    const order = this.ordered().filter((x) => x.top !== null);
    if (!order.length) return false;
    const current = activeAnnotation(this.view.state);
    const i = order.findIndex((x) => x.a.id === current);
    const next = order[(i + direction + order.length) % order.length]!;
    this.activate(next.a.id);
    this.cards.querySelector<HTMLElement>(`[data-card="${next.a.id}"]`)?.focus();
    return true;
  }

  private ordered(): { a: Annotation; from: number; top: number | null }[] {
    const doc = this.view.state.doc;
    return this.annotations
      .filter((a) => this.visible(a))
      .map((a) => {
        const [r] = findAnnotationRanges(doc, a.id);
        return {
          a,
          from: r?.from ?? Number.POSITIVE_INFINITY,
          top: r ? this.view.coordsAtPos(r.from).top : null,
        };
      })
      .sort((x, y) => x.from - y.from);
  }

  // ---- rendering ------------------------------------------------------

  private buildFilters(summary: HTMLElement, tray: HTMLElement): HTMLElement {
    const kind = h(
      "select",
      { "aria-label": t("annotations.filters.kind") },
      h("option", { value: "" }, t("annotations.filters.allKinds")),
    );
    for (const k of ANNOTATION_KINDS) kind.append(h("option", { value: k.id }, kindLabel(k.id)));
    const status = h(
      "select",
      { "aria-label": t("annotations.claimStatus") },
      h("option", { value: "" }, t("annotations.filters.anyStatus")),
    );
    for (const s of CLAIM_STATUSES) status.append(h("option", { value: s }, statusLabel(s)));
    const author = h(
      "select",
      { "aria-label": t("annotations.filters.author"), class: "gl-filter-author" },
      h("option", { value: "" }, t("annotations.filters.anyone")),
    );
    const resolved = h("input", { type: "checkbox" });
    const apply = () => {
      this.filters = {
        kind: kind.value,
        status: status.value,
        author: author.value,
        showResolved: resolved.checked,
      };
      this.relist();
    };
    for (const el of [kind, status, author, resolved]) el.addEventListener("change", apply);
    const list = h("input", { type: "checkbox", "aria-label": t("annotations.filters.asList") });
    list.addEventListener("change", () => {
      this.listMode = list.checked;
      this.cards.classList.toggle("gl-cards-list", this.listMode);
      this.render();
    });
    return h(
      "div",
      { class: "gl-filters" },
      kind,
      status,
      author,
      h("label", { class: "gl-check" }, resolved, t("annotations.filters.showResolved")),
      h(
        "label",
        { class: "gl-check", title: t("annotations.filters.overviewTitle") },
        list,
        t("annotations.filters.overview"),
      ),
      summary,
      tray,
    );
  }

  private render(): void {
    const paper = this.view.dom.closest(".gl-paper")?.getBoundingClientRect();
    const host = this.cards.getBoundingClientRect();
    // Hidden (History open): nothing to align with; the resize observer
    // renders again once the text is shown.
    if (!paper || paper.width === 0) return;
    this.updateAuthorFilter();
    const live = this.annotations.filter((a) => !a.detached);
    const open = live.filter((a) => !a.resolved).length;
    const detached = this.annotations.filter((a) => a.detached);
    this.summary.textContent = [
      t("annotations.summary.open", { count: open }),
      t("annotations.summary.resolved", { count: live.length - open }),
      ...(detached.length ? [t("annotations.summary.detached", { count: detached.length })] : []),
    ].join(" · ");

    const active = activeAnnotation(this.view.state);
    const all = this.ordered().filter((x) => x.top !== null);
    // A dense paragraph shows a few threads and a count (not in the overview).
    const opened = this.listMode ? new Set(all.map((x) => x.a.id)) : this.opened;
    const { shown, dense } = collapseDense(all, this.view.state.doc, active, opened);
    const nodes: HTMLElement[] = [];
    if (this.draft) {
      const top = this.view.coordsAtPos(this.draft.from).top - host.top;
      nodes.push(this.draftCard(top));
    }
    for (const { a, top } of shown) {
      const card = this.card(a, a.id === active);
      card.dataset.top = String(top! - host.top);
      const d = this.listMode ? undefined : dense.get(a.id);
      if (d) card.append(denseToggle(d, () => this.toggleDense(d)));
      nodes.push(card);
    }
    // Keep focus and unsent text across re-renders.
    const focused = document.activeElement;
    const mark = this.focus.remember();
    const typing = new Map<string, string>();
    for (const ta of this.cards.querySelectorAll<HTMLTextAreaElement>("textarea[data-for]"))
      typing.set(ta.dataset.for!, ta.value);
    this.cards.replaceChildren(...nodes);
    for (const ta of this.cards.querySelectorAll<HTMLTextAreaElement>("textarea[data-for]"))
      ta.value = typing.get(ta.dataset.for!) ?? ta.value;

    // On a phone the margin sits below the text: cards follow each other.
    if (this.listMode || this.stacked()) {
      for (const n of nodes) n.style.top = "";
      this.cards.style.minHeight = "";
    } else align(this.cards, nodes, active);

    this.detachedList.replaceChildren(
      ...(detached.length
        ? [
            h("h2", {}, t("annotations.detachedTitle", { count: detached.length })),
            h("p", { class: "gl-hint" }, t("annotations.detachedHint")),
            ...detached.map((a) => this.card(a, a.id === active)),
          ]
        : []),
    );
    this.tray.update(detached.length);
    this.focus.apply(active);
    this.focus.restore(mark, focused);
  }

  /// Opens (or closes) a dense paragraph's threads; opening focuses the
  /// first thread that was not shown.
  private toggleDense(d: Dense): void {
    if (d.open) this.opened.delete(d.key);
    else this.opened.add(d.key);
    this.render();
    const to = d.open ? null : d.firstHidden;
    if (to) this.cards.querySelector<HTMLElement>(`[data-card="${CSS.escape(to)}"]`)?.focus();
  }

  /// Whether the margin is below the text (a narrow screen), not beside it.
  private stacked(): boolean {
    const paper = this.view.dom.closest(".gl-paper")?.getBoundingClientRect();
    return !!paper && this.cards.getBoundingClientRect().top >= paper.bottom;
  }

  private updateAuthorFilter(): void {
    const select = this.element.querySelector<HTMLSelectElement>(".gl-filter-author");
    if (!select) return;
    const authors = new Map(this.annotations.map((a) => [a.author.id, a.author.name]));
    if (select.options.length === authors.size + 1) return;
    const value = select.value;
    select.replaceChildren(
      h("option", { value: "" }, t("annotations.filters.anyone")),
      ...[...authors].map(([id, name]) => h("option", { value: id }, name)),
    );
    select.value = value;
  }

  private draftCard(top: number): HTMLElement {
    const draft = this.draft!;
    const ta = h("textarea", {
      rows: "3",
      "data-for": "draft",
      placeholder: t("annotations.draftPlaceholder", { kind: kindLabel(draft.kind) }),
      "aria-label": t("annotations.draftLabel", { kind: kindLabel(draft.kind).toLowerCase() }),
    });
    const save = () => {
      if (!ta.value.trim() && draft.kind !== "claim") {
        ta.focus();
        return;
      }
      void this.create(draft.kind, draft.from, draft.to, ta.value.trim() || undefined);
    };
    const cancel = () => {
      this.draft = null;
      this.render();
      this.view.focus();
    };
    ta.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) save();
      if (e.key === "Escape") cancel();
    });
    const card = h(
      "article",
      { class: `gl-card gl-draft gl-kind-${draft.kind}`, "data-card": "draft" },
      h(
        "header",
        {},
        h("span", { class: "gl-chip" }, kindLabel(draft.kind)),
        h("span", { class: "gl-muted" }, this.me.name),
      ),
      ta,
      h(
        "div",
        { class: "gl-actions" },
        h("button", { type: "button", class: "gl-primary", onclick: save }, t("common.save")),
        h("button", { type: "button", onclick: cancel }, t("common.cancel")),
      ),
    );
    card.dataset.top = String(top);
    return card;
  }

  private card(a: Annotation, active: boolean): HTMLElement {
    const auth = this.session.auth;
    const send = (command: Parameters<CollabSession["annotate"]>[0]) =>
      this.collab.annotate(command).catch((err: Error) => this.notify(errorText(err), true));
    const header = h(
      "header",
      {},
      h("span", { class: "gl-chip" }, kindLabel(a.kind)),
      a.status
        ? auth.canSetStatus(a)
          ? this.statusSelect(a, (status) => send({ op: "status", id: a.id, status }))
          : h("span", { class: `gl-status-chip gl-st-${a.status}` }, statusLabel(a.status))
        : null,
      h("span", { class: "gl-spacer" }),
      !a.detached && (a.resolved ? auth.canReopen(a) : auth.canResolve(a))
        ? h(
            "button",
            {
              type: "button",
              class: "gl-link-btn",
              onclick: () => send({ op: a.resolved ? "reopen" : "resolve", id: a.id }),
            },
            a.resolved ? t("annotations.reopen") : t("annotations.resolve"),
          )
        : null,
      auth.canDelete(a)
        ? h(
            "button",
            {
              type: "button",
              class: "gl-link-btn",
              "data-focus": "delete",
              onclick: () => this.confirm({ id: a.id }),
            },
            t("annotations.deleteAnnotation"),
          )
        : null,
    );
    const messages = h(
      "ol",
      { class: "gl-thread" },
      ...a.messages.map((m) => {
        // Cards not in use stay compact so a crowded margin stays near its text.
        const own = auth.canEditMessage(a, m) && active;
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
          this.editing?.messageId === m.id && own
            ? this.editBox(a.id, m.id, m.body)
            : h("p", { class: "gl-msg-body" }, m.body),
          own && this.editing?.messageId !== m.id
            ? h(
                "div",
                { class: "gl-msg-actions" },
                h(
                  "button",
                  {
                    type: "button",
                    class: "gl-link-btn",
                    "data-focus": `edit-${m.id}`,
                    onclick: () => {
                      this.editing = { id: a.id, messageId: m.id };
                      this.confirming = null;
                      this.render();
                      this.cards
                        .querySelector<HTMLTextAreaElement>(`[data-for="edit:${m.id}"]`)
                        ?.focus();
                    },
                  },
                  t("common.edit"),
                ),
                h(
                  "button",
                  {
                    type: "button",
                    class: "gl-link-btn",
                    "data-focus": `delete-${m.id}`,
                    onclick: () => this.confirm({ id: a.id, messageId: m.id }),
                  },
                  t("common.delete"),
                ),
              )
            : null,
          this.confirming?.messageId === m.id
            ? this.confirmBox(
                t("annotations.deleteMessageConfirm"),
                t("annotations.deleteMessage"),
                () => send({ op: "delete-message", id: a.id, messageId: m.id }),
              )
            : null,
        );
      }),
    );
    const card = h(
      "article",
      {
        class: `gl-card gl-kind-${a.kind}${active ? " gl-card-active" : ""}${a.resolved ? " gl-card-resolved" : ""}`,
        "data-card": a.id,
        tabindex: "0",
        "aria-label": t("annotations.cardLabel", { kind: kindLabel(a.kind), name: a.author.name }),
      },
      header,
      this.anchorNote(a),
      a.detached || active || this.listMode || this.textChanged(a)
        ? h(
            "blockquote",
            { class: "gl-quote" },
            a.selector.quote.exact.length > 180
              ? `${a.selector.quote.exact.slice(0, 180)}…`
              : a.selector.quote.exact,
          )
        : null,
      a.messages.length
        ? messages
        : h("p", { class: "gl-muted gl-msg-author" }, `${a.author.name} · ${when(a.createdAt)}`),
      a.resolved
        ? h(
            "p",
            { class: "gl-resolved-by" },
            `${t("annotations.resolvedBy", { name: a.resolved.by.name })} · ${when(a.resolved.at)}`,
          )
        : null,
      this.cardExtras?.(a, active, auth.canLink(a)) ?? null,
      this.confirming?.id === a.id && !this.confirming.messageId
        ? this.confirmBox(
            a.messages.length > 1
              ? t("annotations.deleteWithReplies", {
                  kind: kindLabel(a.kind).toLowerCase(),
                  count: a.messages.length - 1,
                })
              : t("annotations.deleteConfirm", { kind: kindLabel(a.kind).toLowerCase() }),
            t("common.delete"),
            () => send({ op: "delete", id: a.id }),
          )
        : null,
    );
    card.addEventListener("click", (e) => {
      if ((e.target as HTMLElement).closest("button, textarea, select, .gl-confirm")) return;
      this.activate(a.id);
    });
    if (a.detached && auth.canAnchor(a)) {
      card.append(
        h(
          "div",
          { class: "gl-actions" },
          h(
            "button",
            { type: "button", onclick: () => this.reattach(a) },
            t("annotations.reattach"),
          ),
        ),
      );
    }
    if (active && !a.detached && auth.canReply(a)) {
      const ta = h("textarea", {
        rows: "2",
        "data-for": a.id,
        placeholder: t("annotations.replyPlaceholder"),
        "aria-label": t("annotations.reply"),
      });
      const reply = async () => {
        if (!ta.value.trim()) return;
        const body = ta.value;
        ta.value = "";
        await send({ op: "reply", id: a.id, body });
      };
      ta.addEventListener("keydown", (e) => {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void reply();
        if (e.key === "Escape") this.view.focus();
      });
      card.append(
        ta,
        h(
          "div",
          { class: "gl-actions" },
          h(
            "button",
            { type: "button", class: "gl-primary", onclick: () => void reply() },
            t("annotations.reply"),
          ),
        ),
      );
    }
    if (active) {
      const history = h(
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
      card.append(history);
    }
    return card;
  }

  /// Whether the words under the mark are no longer the words annotated
  /// (beyond deletions inside them): the card then shows the original quote.
  private textChanged(a: Annotation): boolean {
    if (a.detached) return false;
    const report = anchorStatus(this.view.state.doc, a);
    return report.status === "moved-suspicious";
  }

  /// A sentence about where the annotation stands, when it is not simply
  /// on its words: never silent about a detached or changed anchor.
  private anchorNote(a: Annotation): HTMLElement | null {
    if (a.detached) {
      return h("p", { class: "gl-anchor-note", role: "note" }, detachText(a.detached.reason));
    }
    const report = anchorStatus(this.view.state.doc, a);
    if (report.status !== "moved-suspicious") return null;
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

  private statusSelect(a: Annotation, onChange: (status: string) => void): HTMLElement {
    const select = h("select", {
      class: `gl-status-chip gl-st-${a.status}`,
      "aria-label": t("annotations.claimStatus"),
    });
    for (const s of CLAIM_STATUSES) select.append(h("option", { value: s }, statusLabel(s)));
    select.value = a.status ?? "unsupported";
    select.addEventListener("change", () => onChange(select.value));
    return select;
  }

  /// Asks before a delete, inside the card, focus on "Keep".
  private confirm(what: { id: string; messageId?: string }): void {
    this.confirming = what;
    this.editing = null;
    this.render();
    this.cards
      .querySelector<HTMLElement>(
        `[data-card="${CSS.escape(what.id)}"] .gl-confirm [data-focus="keep"]`,
      )
      ?.focus();
  }

  /// A question in plain words with a red button that does it and "Keep".
  private confirmBox(question: string, action: string, act: () => unknown): HTMLElement {
    const done = () => {
      this.confirming = null;
      this.render();
    };
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
  private editBox(id: string, messageId: string, body: string): HTMLElement {
    const ta = h("textarea", {
      rows: "3",
      "data-for": `edit:${messageId}`,
      "aria-label": t("annotations.editMessage"),
    });
    ta.value = body;
    const stop = () => {
      this.editing = null;
      this.render();
    };
    const save = () => {
      const next = ta.value;
      stop();
      if (next === body || !next.trim()) return;
      this.collab
        .annotate({ op: "edit-message", id, messageId, body: next })
        .catch((err: Error) => this.notify(errorText(err), true));
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

  private reattach(a: Annotation): void {
    const { from, to, empty } = this.view.state.selection;
    if (empty) {
      this.notify(t("annotations.reattachHint"));
      return;
    }
    this.collab
      .annotate({
        op: "reattach",
        id: a.id,
        from,
        to,
        quote: quoteBetween(this.view.state.doc, from, to),
      })
      .catch((err: Error) => this.notify(errorText(err), true));
  }
}

function auditAction(action: string): string {
  return has(`annotations.audit.${action}`)
    ? t(`annotations.audit.${action as "created"}`)
    : action;
}
