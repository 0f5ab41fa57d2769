import { tryCanonicalForKey } from "@glossa/citations";
import { type CitationSpan, citationsAt, renderCitationCard } from "@glossa/editor";
import type { EditorView } from "prosemirror-view";
import { fmt, has, t } from "../i18n/index.ts";

/// Shows a citation's card — canonical form, equivalents, official links —
/// when the pointer rests on it or the caret is inside it. The card stays
/// open while the pointer is over it, so its links can be followed.
export class CitationHover {
  readonly element: HTMLElement;
  private hideTimer: ReturnType<typeof setTimeout> | null = null;
  private shownKey: string | null = null;
  /// Called with the key of the citation the person wants to open as a source.
  onOpen: ((key: string, pinpoint: string | null) => void) | null = null;
  /// More buttons for a citation's card ("Link as source", set by the sources pane).
  actions: ((span: CitationSpan) => HTMLElement[]) | null = null;

  constructor(
    private readonly view: EditorView,
    private readonly host: HTMLElement,
  ) {
    this.element = document.createElement("div");
    this.element.className = "gl-citation-pop";
    this.element.hidden = true;
    this.element.addEventListener("mouseenter", () => this.cancelHide());
    this.element.addEventListener("mouseleave", () => this.hideSoon());
    view.dom.addEventListener("mouseover", this.onOver);
    view.dom.addEventListener("mouseout", this.onOut);
  }

  private readonly onOver = (e: MouseEvent) => {
    const span = (e.target as HTMLElement).closest?.(".gl-citation");
    if (!span) return;
    const pos = this.view.posAtDOM(span, 0);
    this.show(pos, span.getBoundingClientRect());
  };

  private readonly onOut = (e: MouseEvent) => {
    if ((e.target as HTMLElement).closest?.(".gl-citation")) this.hideSoon();
  };

  /// Called after every editor update: a caret inside a citation shows it.
  update(): void {
    const { selection } = this.view.state;
    if (!selection.empty || !this.view.hasFocus()) return;
    const [span] = citationsAt(this.view.state, selection.from);
    if (!span) {
      if (this.shownKey && !this.element.matches(":hover")) this.hide();
      return;
    }
    const start = this.view.coordsAtPos(span.from);
    this.show(span.from + 1, new DOMRect(start.left, start.top, 0, start.bottom - start.top));
  }

  private show(pos: number, rect: DOMRect): void {
    this.cancelHide();
    const [span] = citationsAt(this.view.state, pos);
    if (!span) return;
    const key = `${span.from}:${span.citation.key}`;
    if (this.shownKey !== key) {
      this.shownKey = key;
      const card = localizeCard(renderCitationCard(span.citation, document), span.citation);
      if (this.onOpen) {
        const open = document.createElement("button");
        open.type = "button";
        open.className = "gl-citation-open";
        open.textContent = t("citations.open");
        const target = span.citation.antecedent ?? span.citation.key;
        open.addEventListener("click", () => this.onOpen?.(target, span.citation.pinpoint ?? null));
        card.append(open);
      }
      if (this.actions) card.append(...this.actions(span));
      this.element.replaceChildren(card);
    }
    const host = this.host.getBoundingClientRect();
    this.element.hidden = false;
    this.element.style.left = `${Math.max(0, rect.left - host.left)}px`;
    this.element.style.top = `${rect.bottom - host.top + 6}px`;
  }

  private hideSoon(): void {
    this.cancelHide();
    this.hideTimer = setTimeout(() => this.hide(), 300);
  }

  private cancelHide(): void {
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.hideTimer = null;
  }

  hide(): void {
    this.element.hidden = true;
    this.shownKey = null;
  }

  destroy(): void {
    this.cancelHide();
    this.view.dom.removeEventListener("mouseover", this.onOver);
    this.view.dom.removeEventListener("mouseout", this.onOut);
    this.element.remove();
  }
}

/// Puts the card's fixed words in the interface language: the kind of
/// authority in the words lawyers use ("8 U.S.C. section", "Case"), the
/// pinpoint and what a short form refers to. Citations themselves are
/// legal text and stay as written.
function localizeCard(card: HTMLElement, c: CitationSpan["citation"]): HTMLElement {
  const meta = card.querySelector(".gl-citation-card-meta");
  if (meta) {
    const parts = [
      has(`citations.kind.${c.kind}`) ? t(`citations.kind.${c.kind as "usc"}`) : c.kind,
    ];
    if (c.pinpoint) parts.push(t("citations.at", { pinpoint: c.pinpoint }));
    if (c.antecedent)
      parts.push(
        t("citations.refersTo", { cite: tryCanonicalForKey(c.antecedent) ?? c.antecedent }),
      );
    meta.textContent = parts.join(" · ");
  }
  const [same, official, then] = [
    card.querySelector(".gl-citation-card-equivalents"),
    card.querySelector(".gl-citation-card-links"),
    card.querySelector(".gl-citation-card-dated"),
  ].map((list) => list?.previousElementSibling ?? null);
  const dated = c.dated;
  if (same) same.textContent = dated ? t("citations.dated.now") : t("citations.sameAs");
  if (official)
    official.textContent = dated ? t("citations.dated.official") : t("citations.official");
  if (then && dated)
    then.textContent = t("citations.dated.before", { date: fmt.date(`${dated.until}T12:00:00`) });
  return card;
}
