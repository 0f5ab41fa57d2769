import { type Annotation, findAnnotationRanges, selectorFor } from "@glossa/annotations";
import type { CollabSession } from "@glossa/collab";
import { type AnnotationView, activeAnnotation, setAnnotationViews } from "@glossa/editor";
import { quoteBetween } from "@glossa/schema";
import { TextSelection } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { h } from "../dom.ts";
import { errorText, t } from "../i18n/index.ts";
import type { SidePanel } from "../panels/SidePanels.ts";
import type { EditorSession } from "../state/session.ts";
import {
  AnnotationCard,
  type CardHost,
  type CardTail,
  type Confirming,
  type Editing,
} from "./AnnotationCard.ts";
import { DetachedTray } from "./detachedTray.ts";
import { draftCard } from "./draftCard.ts";
import { place } from "./keyed.ts";
import { kindLabel } from "./labels.ts";
import { type Filters, filterBar, updateAuthors } from "./marginFilters.ts";
import { MarginFocus, outsideFeed, shortcutsHelp } from "./marginFocus.ts";
import { align, collapseDense, type Dense, denseToggle } from "./marginLayout.ts";
import { ThreadAnnouncer } from "./threadAnnouncer.ts";

/// The annotation being written; `sent` holds the ids that existed when it
/// was sent, so the new annotation's card can take its place on arrival.
type Draft = { kind: string; from: number; to: number; sent?: Set<string> };

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
  private readonly focus: MarginFocus;
  private readonly announcer: ThreadAnnouncer;
  private annotations: readonly Annotation[] = [];
  private filters: Filters = { kind: "", status: "", author: "", showResolved: false };
  private draft: Draft | null = null;
  /// The draft's card, kept while the same draft is open (its words with it).
  private draftElement: { draft: Draft; card: HTMLElement } | null = null;
  /// One card per annotation id, kept across renders and updated in place.
  private readonly cardsById = new Map<string, AnnotationCard>();
  /// The message being edited in place.
  private editing: Editing | null = null;
  /// A delete waiting for the person's confirmation (a whole annotation
  /// when `messageId` is absent).
  private confirming: Confirming | null = null;
  private frame = 0;
  /// Overview: every visible annotation in document order, not aligned.
  private listMode = false;
  /// Dense paragraphs opened by the person (by the id of their first thread).
  private readonly opened = new Set<string>();
  private readonly cleanup: (() => void)[] = [];
  private readonly collab: CollabSession;
  private readonly me: { id: string; name: string };

  constructor(
    private readonly session: EditorSession,
    private readonly view: EditorView,
    private readonly notify: (message: string, error?: boolean) => void,
    /// Hides the selection toolbar when a draft opens.
    private readonly hideToolbar: () => void = () => {},
    /// Extra content for a card (the sources add the card's links).
    private readonly cardExtras: CardHost["extras"] = null,
  ) {
    const collab = session.collab;
    this.collab = collab;
    this.me = session.me;
    this.summary = h("p", { class: "gl-ann-summary", "aria-live": "polite" });
    this.cards = h("div", { class: "gl-cards" });
    this.detachedList = h("div", { class: "gl-detached" });
    this.tray = new DetachedTray(this.detachedList);
    this.announcer = new ThreadAnnouncer(this.me.id, () => collab.annotations.isSynced, kindLabel);
    this.element = h(
      "aside",
      { class: "gl-margin", "aria-label": t("annotations.title") },
      // The counts and the detached list stay in view with the filters.
      filterBar(this.summary, this.tray.element, {
        filters: (f) => {
          this.filters = f;
          this.relist();
        },
        list: (on) => {
          this.listMode = on;
          this.cards.classList.toggle("gl-cards-list", on);
          this.render();
        },
      }),
      shortcutsHelp(),
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
    this.hideToolbar();
    this.render();
    this.cards.querySelector<HTMLTextAreaElement>(".gl-draft textarea")?.focus();
    return true;
  }

  private async create(
    kind: string,
    from: number,
    to: number,
    body: string | undefined,
  ): Promise<boolean> {
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
      return true;
    } catch (err) {
      this.notify(errorText(err), true);
      return false;
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

  private render(): void {
    const paper = this.view.dom.closest(".gl-paper")?.getBoundingClientRect();
    const host = this.cards.getBoundingClientRect();
    // Hidden (History open): nothing to align with; the resize observer
    // renders again once the text is shown.
    if (!paper || paper.width === 0) return;
    updateAuthors(this.element, this.annotations);
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
    const ctx = this.cardHost();
    const nodes: HTMLElement[] = [];
    // Cards kept in place keep their focus and unsent words; a control
    // rebuilt (its part changed) gives the focus back to its like.
    const focused = document.activeElement;
    const mark = this.focus.remember();
    // The created annotation arrived before the server's answer: its card
    // replaces the draft (never both for a moment).
    const sent = this.draft?.sent;
    if (sent && this.annotations.some((a) => !sent.has(a.id) && a.author.id === this.me.id))
      this.draft = null;
    if (this.draft) {
      const top = this.view.coordsAtPos(this.draft.from).top - host.top;
      nodes.push(this.draftCard(top));
    }
    for (const { a, top } of shown) {
      const d = this.listMode ? undefined : dense.get(a.id);
      const tail = d
        ? { sig: JSON.stringify(d), build: () => denseToggle(d, () => this.toggleDense(d)) }
        : null;
      const card = this.cardFor(ctx, a, a.id === active, tail);
      card.dataset.top = String(top! - host.top);
      nodes.push(card);
    }
    place(this.cards, nodes);

    // On a phone the margin sits below the text: cards follow each other.
    if (this.listMode || this.stacked()) {
      for (const n of nodes) n.style.top = "";
      this.cards.style.minHeight = "";
    } else align(this.cards, nodes, active);

    place(
      this.detachedList,
      detached.length
        ? [
            h("h2", {}, t("annotations.detachedTitle", { count: detached.length })),
            h("p", { class: "gl-hint" }, t("annotations.detachedHint")),
            ...detached.map((a) => outsideFeed(this.cardFor(ctx, a, a.id === active, null))),
          ]
        : [],
    );
    this.forgetCards();
    this.tray.update(detached.length);
    this.focus.apply(active);
    this.focus.restore(mark, focused);
  }

  /// The kept card of `a`, brought up to date.
  private cardFor(host: CardHost, a: Annotation, active: boolean, tail: CardTail | null) {
    let card = this.cardsById.get(a.id);
    if (!card) {
      card = new AnnotationCard(a.id);
      this.cardsById.set(a.id, card);
    }
    card.update(host, a, active, tail);
    return card.element;
  }

  /// Drops the cards of annotations that are gone.
  private forgetCards(): void {
    const live = new Set(this.annotations.map((a) => a.id));
    for (const id of this.cardsById.keys()) if (!live.has(id)) this.cardsById.delete(id);
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

  /// The open draft's card, made once per draft and kept while it is open.
  private draftCard(top: number): HTMLElement {
    const draft = this.draft!;
    if (this.draftElement?.draft !== draft)
      this.draftElement = { draft, card: this.newDraftCard(draft) };
    const { card } = this.draftElement;
    card.dataset.top = String(top);
    return card;
  }

  private newDraftCard(draft: Draft): HTMLElement {
    return draftCard(draft.kind, this.me.name, {
      save: (text) => {
        draft.sent = new Set(this.annotations.map((a) => a.id));
        void this.create(draft.kind, draft.from, draft.to, text.trim() || undefined).then((ok) => {
          // Refused: the draft and its words come back (unless a new one is open).
          if (ok || (this.draft && this.draft !== draft)) return;
          draft.sent = undefined;
          this.draft = draft;
          this.render();
          const again = this.cards.querySelector<HTMLTextAreaElement>('textarea[data-for="draft"]');
          if (again) again.value = text;
        });
      },
      cancel: () => {
        this.draft = null;
        this.render();
        this.view.focus();
      },
    });
  }

  /// What the cards need of the margin, as it stands now.
  private cardHost(): CardHost {
    return {
      auth: this.session.auth,
      doc: this.view.state.doc,
      listMode: this.listMode,
      editing: this.editing,
      confirming: this.confirming,
      extras: this.cardExtras,
      send: (command) =>
        void this.collab.annotate(command).catch((err: Error) => this.notify(errorText(err), true)),
      activate: (id) => this.activate(id),
      edit: (what) => this.edit(what),
      confirm: (what) => this.confirm(what),
      reattach: (a) => this.reattach(a),
      back: () => this.view.focus(),
    };
  }

  /// Edits a message in place (null: stops), focus in its box.
  private edit(what: Editing | null): void {
    this.editing = what;
    if (what) this.confirming = null;
    this.render();
    if (what)
      this.cards.querySelector<HTMLTextAreaElement>(`[data-for="edit:${what.messageId}"]`)?.focus();
  }

  /// Asks before a delete, inside the card, focus on "Keep" (null: answered).
  private confirm(what: Confirming | null): void {
    this.confirming = what;
    if (what) this.editing = null;
    this.render();
    if (!what) return;
    this.cards
      .querySelector<HTMLElement>(
        `[data-card="${CSS.escape(what.id)}"] .gl-confirm [data-focus="keep"]`,
      )
      ?.focus();
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
