import { type Annotation, findAnnotationRanges, selectorFor } from "@glossa/annotations";
import { type CitationSpan, paragraphsOf } from "@glossa/editor";
import { quoteBetween } from "@glossa/schema";
import { TextSelection } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import type { AnnotationsPanel } from "../annotations/AnnotationsPanel.ts";
import { h } from "../dom.ts";
import { errorText, t } from "../i18n/index.ts";
import type { SidePanels } from "../panels/SidePanels.ts";
import type { EditorSession } from "../state/session.ts";
import { AuthoritiesPanel } from "./AuthoritiesPanel.ts";
import { describeLink, splitCitationKey } from "./directory.ts";
import { AnnotationLinks } from "./LinksSection.ts";
import { ReviewPanel } from "./ReviewPanel.ts";
import { SourcePane } from "./SourcePane.ts";

export interface SourcesOptions {
  session: EditorSession;
  view: EditorView;
  panel: AnnotationsPanel;
  /// Takes the citation card away (a source was opened or linked).
  hideHover: () => void;
  /// The right-hand area: the source pane, the table and the review are
  /// added to it, after the margin.
  side: SidePanels;
  notify: (message: string, error?: boolean) => void;
}

/// The sources of the editor: the source pane, the table of authorities and
/// the review as side panels; links in every annotation card; "Link as
/// source" and "Open source beside the text" on citation cards.
export class SourcesArea {
  private readonly links: AnnotationLinks;
  private readonly pane: SourcePane;
  private readonly cleanup: (() => void)[] = [];
  /// What had the focus when a source was opened (the thread citing it):
  /// where closing the source gives it back.
  private opener: HTMLElement | null = null;

  constructor(private readonly o: SourcesOptions) {
    const { session } = o;
    const open = (key: string, pinpoint: string | null) => this.openSource(key, pinpoint);
    this.links = new AnnotationLinks({
      collab: session.collab,
      notify: o.notify,
      open,
      relayout: () => o.panel.editorUpdated(),
    });
    this.pane = new SourcePane({
      view: o.view,
      annotations: () => session.annotations.getSnapshot(),
      activate: (id) => this.activate(id, false),
      jump: (from, to) => this.jump(from, to),
      canCurate: () => session.can.curateSources,
      notify: o.notify,
    });
    const toa = new AuthoritiesPanel({
      documentId: session.documentId,
      open,
      goToParagraph: (n) => this.goToParagraph(n),
      notify: o.notify,
    });
    const review = new ReviewPanel({
      documentId: session.documentId,
      activate: (id) => this.activate(id, true),
      jump: (from, to) => this.jump(from, to),
      open,
    });

    for (const p of [this.pane, toa, review]) o.side.add(p);
    this.closable();

    this.cleanup.push(
      session.annotations.subscribe(() => o.side.changed()),
      // Owners and editors curate team authorities.
      session.role.subscribe(() => this.pane.refreshRole()),
    );
  }

  /// The links section of an annotation's card (the margin asks for it).
  cardLinks(a: Annotation, active: boolean, can: boolean): HTMLElement | null {
    return this.links.section(a, active, can);
  }

  /// Opens an authority in the source pane and moves the focus onto its
  /// heading, so a screen reader reads what was opened.
  openSource(key: string, pinpoint: string | null): void {
    this.o.hideHover();
    const from = document.activeElement;
    if (from instanceof HTMLElement && !this.pane.element.contains(from)) this.opener = from;
    this.show("sources");
    this.o.side.fresh("sources");
    void this.pane.open(key, pinpoint).then(() => {
      const heading = this.pane.element.querySelector<HTMLElement>(".gl-src-cite");
      if (this.o.side.shown !== "sources" || !heading) return;
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

  private show(id: string): void {
    this.o.side.show(id);
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

  /// The buttons sources add to a citation's card: "Link as source".
  citationActions(span: CitationSpan): HTMLElement[] {
    if (!this.o.session.auth.canCreate()) return [];
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
    const { session, view, notify, panel } = this.o;
    const collab = session.collab;
    this.o.hideHover();
    const c = span.citation;
    const { key, pinpoint } = splitCitationKey(c.antecedent ?? c.key, c.pinpoint);
    const doc = view.state.doc;
    const existing = session.annotations.getSnapshot().find((a) => {
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

  /// Frees the card links; the panels are freed with the side area.
  destroy(): void {
    for (const c of this.cleanup) c();
    this.links.destroy();
  }
}
