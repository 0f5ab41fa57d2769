import { tryCanonicalForKey } from "@glossa/citations";
import { type CitationSpan, citationsAt, renderCitationCard } from "@glossa/editor";
import { Plugin, PluginKey } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { fmt, has, t } from "../i18n/index.ts";

export interface CitationHoverOptions {
  /// The person wants to open the citation's authority (its key) as a source.
  open: (key: string, pinpoint: string | null) => void;
  /// More buttons for a citation's card ("Link as source", from the sources).
  actions: (span: CitationSpan) => HTMLElement[];
}

/// The citation the caret sits in (an empty selection only), kept as the
/// plugin's state so the view reads it instead of searching on each update.
export const citationHoverKey = new PluginKey<CitationSpan | null>("glossa-citation-hover");

/// Shows a citation's card — canonical form, equivalents, official links —
/// when the pointer rests on it or the caret is inside it, as a ProseMirror
/// plugin view on the paper the text sits on (after `citationsPlugin`, whose
/// state it reads). The card stays open while the pointer is over it, so its
/// links can be followed. `hide` takes it away (a source was opened).
export function citationHover(o: CitationHoverOptions): { plugin: Plugin; hide(): void } {
  let card: HoverCard | null = null;
  const plugin = new Plugin<CitationSpan | null>({
    key: citationHoverKey,
    state: {
      init: () => null,
      // Recomputed on every transaction: the citations can change without
      // the text (the team's forms arriving); a binary search is cheap.
      apply: (_tr, _caret, _old, state) => {
        const { selection } = state;
        return selection.empty ? (citationsAt(state, selection.from)[0] ?? null) : null;
      },
    },
    view(view) {
      const current = new HoverCard(view, o);
      card = current;
      return {
        update: () => current.update(citationHoverKey.getState(view.state) ?? null),
        destroy: () => {
          current.destroy();
          if (card === current) card = null;
        },
      };
    },
  });
  return { plugin, hide: () => card?.hide() };
}

/// The card element of one editor view and the pointer's comings and goings.
class HoverCard {
  private readonly element: HTMLElement;
  private readonly host: HTMLElement;
  private hideTimer: ReturnType<typeof setTimeout> | null = null;
  private shownKey: string | null = null;

  constructor(
    private readonly view: EditorView,
    private readonly o: CitationHoverOptions,
  ) {
    this.element = document.createElement("div");
    this.element.className = "gl-citation-pop";
    this.element.hidden = true;
    this.element.addEventListener("mouseenter", () => this.cancelHide());
    this.element.addEventListener("mouseleave", () => this.hideSoon());
    this.host = view.dom.closest<HTMLElement>(".gl-paper") ?? view.dom.parentElement!;
    this.host.append(this.element);
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

  /// After every editor update: a caret inside a citation shows it.
  update(caret: CitationSpan | null): void {
    const { selection } = this.view.state;
    if (!selection.empty || !this.view.hasFocus()) return;
    if (!caret) {
      if (this.shownKey && !this.element.matches(":hover")) this.hide();
      return;
    }
    const start = this.view.coordsAtPos(caret.from);
    this.show(caret.from + 1, new DOMRect(start.left, start.top, 0, start.bottom - start.top));
  }

  private show(pos: number, rect: DOMRect): void {
    this.cancelHide();
    const [span] = citationsAt(this.view.state, pos);
    if (!span) return;
    const key = `${span.from}:${span.citation.key}`;
    if (this.shownKey !== key) {
      this.shownKey = key;
      const card = localizeCard(renderCitationCard(span.citation, document), span.citation);
      const open = document.createElement("button");
      open.type = "button";
      open.className = "gl-citation-open";
      open.textContent = t("citations.open");
      const target = span.citation.antecedent ?? span.citation.key;
      open.addEventListener("click", () => this.o.open(target, span.citation.pinpoint ?? null));
      card.append(open, ...this.o.actions(span));
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
