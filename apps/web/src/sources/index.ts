import {
  type Annotation,
  findAnnotationRanges,
  listAnnotations,
  selectorFor,
} from "@glossa/annotations";
import { type CollabSession, YMapAnnotationStore } from "@glossa/collab";
import { type CitationSpan, paragraphsOf } from "@glossa/editor";
import type { Role } from "@glossa/protocol";
import { quoteBetween } from "@glossa/schema";
import { TextSelection } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import type { AnnotationsPanel } from "../annotations/AnnotationsPanel.ts";
import type { CitationHover } from "../citations/CitationHover.ts";
import { h } from "../dom.ts";
import { errorText, t } from "../i18n/index.ts";
import { AuthoritiesPanel } from "./AuthoritiesPanel.ts";
import { describeLink, splitCitationKey } from "./directory.ts";
import { AnnotationLinks } from "./LinksSection.ts";
import { ReviewPanel } from "./ReviewPanel.ts";
import { SourcePane } from "./SourcePane.ts";

type Tab = "annotations" | "sources" | "authorities" | "review";

const TABS: Tab[] = ["annotations", "sources", "authorities", "review"];

export interface SourcesOptions {
  documentId: string;
  collab: CollabSession;
  view: EditorView;
  panel: AnnotationsPanel;
  hover: CitationHover;
  /// The paper the text sits on: the right-hand area is placed after it.
  paper: HTMLElement;
  notify: (message: string, error?: boolean) => void;
  /// The person's role on this document now (it can change while open).
  role?: () => Role | null;
}

/// The right-hand area of the editor: tabs for the annotation margin, the
/// source pane, the table of authorities and the review; links in every
/// annotation card; "Link as source" and "Open source beside the text" on
/// citation cards.
export class SourcesArea {
  readonly element: HTMLElement;
  private readonly tabs = new Map<Tab, { button: HTMLButtonElement; pane: HTMLElement }>();
  private tab: Tab = "annotations";
  private readonly links: AnnotationLinks;
  private readonly pane: SourcePane;
  private readonly toa: AuthoritiesPanel;
  private readonly review: ReviewPanel;
  private readonly store: YMapAnnotationStore;
  private annotations: Annotation[] = [];
  private stale = { authorities: true, review: true, places: true };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly cleanup: (() => void)[] = [];
  /// What had the focus when a source was opened (the thread citing it):
  /// where closing the source gives it back.
  private opener: HTMLElement | null = null;

  constructor(private readonly o: SourcesOptions) {
    this.store = new YMapAnnotationStore(o.collab.annotationsDoc);
    this.annotations = listAnnotations(this.store);
    const open = (key: string, pinpoint: string | null) => this.openSource(key, pinpoint);
    this.links = new AnnotationLinks({
      collab: o.collab,
      notify: o.notify,
      open,
      relayout: () => o.panel.editorUpdated(),
    });
    this.pane = new SourcePane({
      view: o.view,
      annotations: () => this.annotations,
      activate: (id) => this.activate(id, false),
      jump: (from, to) => this.jump(from, to),
      canCurate: () => {
        const role = o.role?.() ?? null;
        return role === "owner" || role === "editor";
      },
      notify: o.notify,
    });
    this.toa = new AuthoritiesPanel({
      documentId: o.documentId,
      open,
      goToParagraph: (n) => this.goToParagraph(n),
      notify: o.notify,
    });
    this.review = new ReviewPanel({
      documentId: o.documentId,
      activate: (id) => this.activate(id, true),
      jump: (from, to) => this.jump(from, to),
      open,
    });

    const tablist = h("div", {
      class: "gl-side-tabs",
      role: "tablist",
      "aria-label": t("sources.tabs.label"),
    });
    const panes: Record<Tab, HTMLElement> = {
      annotations: o.panel.element,
      sources: this.pane.element,
      authorities: this.toa.element,
      review: this.review.element,
    };
    this.element = h("div", { class: "gl-side", "data-tab": this.tab }, tablist);
    for (const id of TABS) {
      const tab = { id, label: t(`sources.tabs.${id}`), title: t(`sources.tabs.${id}Title`) };
      const button = h(
        "button",
        {
          type: "button",
          role: "tab",
          id: `gl-tab-${tab.id}`,
          class: "gl-side-tab",
          "aria-controls": `gl-pane-${tab.id}`,
          title: tab.title,
          "data-tab": tab.id,
          onclick: () => this.show(tab.id),
        },
        tab.label,
      );
      const pane = h(
        "div",
        {
          class: `gl-side-pane gl-side-pane-${tab.id}`,
          role: "tabpanel",
          id: `gl-pane-${tab.id}`,
          "aria-labelledby": `gl-tab-${tab.id}`,
        },
        panes[tab.id],
      );
      tablist.append(button);
      this.element.append(pane);
      this.tabs.set(tab.id, { button, pane });
    }
    this.arrowKeys(tablist);
    this.select(this.tab);
    this.closable();

    // Links in every card.
    o.panel.cardExtras = (a, active, can) => this.links.section(a, active, can);
    // Citation cards: open the source, or link it in one go.
    o.hover.onOpen = open;
    o.hover.actions = (span) => this.citationActions(span);

    const onAnnotations = () => {
      this.annotations = listAnnotations(this.store);
      this.changed();
    };
    o.collab.annotationsDoc.on("update", onAnnotations);
    this.cleanup.push(() => o.collab.annotationsDoc.off("update", onAnnotations));
    o.paper.after(this.element);
  }

  /// Arrow keys, Home and End move between the tabs (one tab stop).
  private arrowKeys(tablist: HTMLElement): void {
    tablist.addEventListener("keydown", (e) => {
      const i = TABS.indexOf(this.tab);
      let next = -1;
      if (e.key === "ArrowRight") next = (i + 1) % TABS.length;
      else if (e.key === "ArrowLeft") next = (i - 1 + TABS.length) % TABS.length;
      else if (e.key === "Home") next = 0;
      else if (e.key === "End") next = TABS.length - 1;
      if (next < 0) return;
      e.preventDefault();
      this.show(TABS[next]!);
      this.tabs.get(TABS[next]!)!.button.focus();
    });
  }

  /// Called after every editor update: the text changed, so the table, the
  /// review and the places of the open source are due again.
  editorUpdated(docChanged: boolean): void {
    if (docChanged) this.changed();
  }

  private changed(): void {
    this.stale = { authorities: true, review: true, places: true };
    if (this.timer) clearTimeout(this.timer);
    // The server answers for the text it has: give the change time to arrive.
    this.timer = setTimeout(() => this.refreshVisible(), 700);
  }

  private refreshVisible(): void {
    if (this.tab === "authorities" && this.stale.authorities) {
      this.stale.authorities = false;
      void this.toa.refresh();
    }
    if (this.tab === "review" && this.stale.review) {
      this.stale.review = false;
      void this.review.refresh();
    }
    if (this.tab === "sources" && this.stale.places) {
      this.stale.places = false;
      this.pane.refreshPlaces();
    }
  }

  /// Re-reads the person's role: owners and editors curate team authorities.
  roleChanged(): void {
    this.pane.refreshRole();
  }

  /// Switches the right-hand area to `tab`. The source pane opens beside
  /// the annotations, not over them: the thread that cites a source stays
  /// in view while its text is read (issue 14, Layout).
  show(tab: Tab): void {
    if (tab === this.tab) return;
    this.select(tab);
    if (tab === "annotations" || tab === "sources") this.o.panel.editorUpdated();
    if (tab !== "annotations") this.refreshVisible();
  }

  private select(tab: Tab): void {
    this.tab = tab;
    this.element.dataset.tab = tab;
    const split = tab === "sources";
    if (split) this.element.dataset.split = "";
    else delete this.element.dataset.split;
    // Two panels shown at once: both their tabs are selected.
    this.tabs
      .get("annotations")!
      .button.parentElement!.setAttribute("aria-multiselectable", String(split));
    for (const [id, { button, pane }] of this.tabs) {
      const on = id === tab || (split && id === "annotations");
      button.setAttribute("aria-selected", String(on));
      button.tabIndex = id === tab ? 0 : -1;
      pane.hidden = !on;
    }
  }

  /// Opens an authority in the source pane and moves the focus onto its
  /// heading, so a screen reader reads what was opened.
  openSource(key: string, pinpoint: string | null): void {
    this.o.hover.hide();
    const from = document.activeElement;
    if (from instanceof HTMLElement && !this.pane.element.contains(from)) this.opener = from;
    this.show("sources");
    this.stale.places = false;
    void this.pane.open(key, pinpoint).then(() => {
      const heading = this.pane.element.querySelector<HTMLElement>(".gl-src-cite");
      if (this.tab !== "sources" || !heading) return;
      heading.tabIndex = -1;
      heading.focus();
    });
  }

  /// The source pane's Close button, and Escape inside it: back to the
  /// annotations alone, the focus back on the thread the source was opened
  /// from (its card, when the control itself was redrawn meanwhile).
  private closable(): void {
    const close = () => {
      this.show("annotations");
      const back = this.opener;
      this.opener = null;
      const card = back?.closest<HTMLElement>("[data-card]")?.dataset.card;
      const target = back?.isConnected
        ? back
        : card
          ? this.o.panel.element.querySelector<HTMLElement>(`[data-card="${CSS.escape(card)}"]`)
          : null;
      target?.focus();
    };
    const button = h(
      "button",
      { type: "button", class: "gl-src-close", onclick: close },
      t("sources.close"),
    );
    this.pane.element.prepend(button);
    this.pane.element.addEventListener("keydown", (e) => {
      const typing =
        e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (e.key === "Escape" && !typing && !e.defaultPrevented) {
        e.preventDefault();
        close();
      }
    });
  }

  private activate(id: string, showCard: boolean): void {
    if (showCard) this.show("annotations");
    this.o.panel.activate(id);
    this.o.view.focus();
  }

  private jump(from: number, to: number): void {
    const { view } = this.o;
    const size = view.state.doc.content.size;
    const a = Math.max(0, Math.min(from, size));
    const b = Math.max(a, Math.min(to, size));
    try {
      view.dispatch(
        view.state.tr.setSelection(TextSelection.create(view.state.doc, a, b)).scrollIntoView(),
      );
    } catch {
      return; // the place is gone (the text changed since the list was made)
    }
    view.focus();
  }

  private goToParagraph(n: number): void {
    const p = paragraphsOf(this.o.view.state).find((x) => x.paragraph === n);
    if (p) this.jump(p.from, p.from);
  }

  // ---- citation cards -------------------------------------------------

  private citationActions(span: CitationSpan): HTMLElement[] {
    if (!this.o.panel.canAnnotate) return [];
    return [
      h(
        "button",
        {
          type: "button",
          class: "gl-citation-link",
          title: t("sources.linkAsSourceTitle"),
          onclick: () => void this.linkCitation(span),
        },
        t("sources.linkAsSource"),
      ),
    ];
  }

  /// "Link as source": a claim on the citation's words with a `supports`
  /// link to the cited authority at its pinpoint — create, then link. When
  /// an annotation already covers exactly these words, the link is added to it.
  async linkCitation(span: CitationSpan): Promise<void> {
    const { collab, view, notify, panel } = this.o;
    this.o.hover.hide();
    const c = span.citation;
    const { key, pinpoint } = splitCitationKey(c.antecedent ?? c.key, c.pinpoint);
    const doc = view.state.doc;
    const existing = this.annotations.find((a) => {
      if (a.deleted || a.detached) return false;
      const ranges = findAnnotationRanges(doc, a.id);
      return ranges.length === 1 && ranges[0]!.from === span.from && ranges[0]!.to === span.to;
    });
    const label = describeLink(key, pinpoint).canonical;
    if (existing?.links.some((l) => l.key === key && (l.pinpoint ?? null) === (pinpoint ?? null))) {
      panel.activate(existing.id, false);
      this.show("annotations");
      notify(t("sources.alreadyLinked", { cite: label }));
      return;
    }
    try {
      let id = existing?.id;
      if (!id) {
        const sel = selectorFor(doc, span.from, span.to);
        ({ id } = await collab.annotate({
          op: "create",
          kind: "claim",
          from: span.from,
          to: span.to,
          quote: quoteBetween(doc, span.from, span.to),
          prefix: sel.quote.prefix,
          suffix: sel.quote.suffix,
        }));
      }
      await collab.annotate({ op: "link", id, key, pinpoint, relation: "supports" });
      this.show("annotations");
      panel.activate(id, false);
      notify(t("sources.linked", { cite: label }));
    } catch (err) {
      notify(errorText(err), true);
    }
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const c of this.cleanup) c();
    this.links.destroy();
    this.pane.destroy();
  }
}
