import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";

/// Keyboard focus in the annotation margin: the list of cards is a feed with
/// one tab stop (the current card; its own controls are tab stops only
/// while it is current), ArrowDown/ArrowUp (and PageDown/PageUp, the feed's
/// keys) move between cards, Home/End to the first/last, Enter activates.
/// Also keeps focus in place across re-renders, never letting it fall to
/// <body> (WCAG 2.4.3, 2.4.7; ARIA APG "Feed").
const CONTROLS = "button, select, textarea, input, a[href], summary";

/// Where focus was before a re-render, to put it back after.
export interface FocusMark {
  card: string | undefined;
  control: string | undefined;
  index: number;
}

export class MarginFocus {
  private current: string | null = null;
  private lastActive: string | null = null;
  private readonly label: string;

  constructor(
    private readonly root: HTMLElement,
    private readonly list: HTMLElement,
    label: string,
    private readonly activate: (id: string) => void,
    private readonly fallback: () => void,
  ) {
    this.label = label;
    list.addEventListener("keydown", (e) => this.onKey(e));
    // A card reached by clicking (or by a shortcut) becomes the tab stop.
    list.addEventListener("focusin", (e) => {
      const card = (e.target as HTMLElement).closest<HTMLElement>("[data-card]");
      if (card && card.parentElement === list && card.dataset.card !== this.current)
        this.move(card, false);
    });
  }

  private cards(): HTMLElement[] {
    return [...this.list.children].filter(
      (c): c is HTMLElement =>
        c instanceof HTMLElement && !!c.dataset.card && c.dataset.card !== "draft",
    );
  }

  /// After each render: one tab stop (the current card, else the active
  /// one, else the first), positions for screen readers.
  apply(active: string | null): void {
    const cards = this.cards();
    // A feed with no articles is invalid ARIA: an empty margin is no feed.
    if (this.list.querySelector(":scope > article")) {
      this.list.setAttribute("role", "feed");
      this.list.setAttribute("aria-label", this.label);
    } else {
      this.list.removeAttribute("role");
      this.list.removeAttribute("aria-label");
    }
    const ids = cards.map((c) => c.dataset.card!);
    if (active !== this.lastActive && active && ids.includes(active)) this.current = active;
    this.lastActive = active;
    if (!this.current || !ids.includes(this.current))
      this.current = active && ids.includes(active) ? active : (ids[0] ?? null);
    cards.forEach((card, i) => {
      card.setAttribute("aria-posinset", String(i + 1));
      card.setAttribute("aria-setsize", String(cards.length));
      setStop(card, card.dataset.card === this.current);
    });
  }

  private move(to: HTMLElement, focus = true): void {
    for (const c of this.cards()) setStop(c, c === to);
    this.current = to.dataset.card ?? null;
    if (focus) to.focus();
  }

  private onKey(e: KeyboardEvent): void {
    const card = e.target as HTMLElement;
    // Only on a card itself: arrows in a reply box or a select stay theirs;
    // Ctrl+Alt+arrows are the panel's "next thread".
    if (!card.dataset?.card || card.parentElement !== this.list) return;
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const cards = this.cards();
    const i = cards.indexOf(card);
    const to: Record<string, number> = {
      ArrowDown: i + 1,
      PageDown: i + 1,
      ArrowUp: i - 1,
      PageUp: i - 1,
      Home: 0,
      End: cards.length - 1,
    };
    if (e.key === "Enter") {
      e.preventDefault();
      this.activate(card.dataset.card!);
    } else if (e.key in to) {
      e.preventDefault();
      const next = cards[Math.max(0, Math.min(cards.length - 1, to[e.key]!))];
      if (next) this.move(next);
    }
  }

  /// Where focus is, if on a card or inside one (before the cards are replaced).
  remember(): FocusMark | null {
    const focused = document.activeElement as HTMLElement | null;
    const card = focused?.closest<HTMLElement>("[data-card]");
    if (!focused || !card || !this.root.contains(focused)) return null;
    return {
      card: card.dataset.card,
      control: focused.dataset.for ?? focused.dataset.focus,
      index: this.cards().indexOf(card),
    };
  }

  /// Puts focus back where it was before a re-render replaced the cards: the
  /// same control, else the same card, else the card now in its place (it
  /// was resolved away or deleted), else the text — never nowhere.
  restore(mark: FocusMark | null, wasFocused: Element | null): void {
    if (!mark || wasFocused?.isConnected) return;
    const host = mark.card
      ? this.root.querySelector<HTMLElement>(`[data-card="${CSS.escape(mark.card)}"]`)
      : null;
    const control =
      host && mark.control
        ? host.querySelector<HTMLElement>(
            `[data-for="${CSS.escape(mark.control)}"], [data-focus="${CSS.escape(mark.control)}"]`,
          )
        : null;
    const cards = this.cards();
    const neighbour = mark.index >= 0 ? cards[Math.min(mark.index, cards.length - 1)] : undefined;
    const target = control ?? host ?? neighbour;
    if (!target) this.fallback();
    else if (target.dataset.card && target.parentElement === this.list) this.move(target);
    else target.focus();
  }
}

/// A card as the tab stop (or not), with its own controls following it.
/// A kept card shown outside the feed (the detached list): its own tab stop,
/// controls included, and no place in the margin's layout.
export function outsideFeed(card: HTMLElement): HTMLElement {
  setStop(card, true);
  card.style.top = "";
  delete card.dataset.top;
  return card;
}

function setStop(card: HTMLElement, on: boolean): void {
  card.tabIndex = on ? 0 : -1;
  for (const el of card.querySelectorAll<HTMLElement>(CONTROLS)) {
    if (on) el.removeAttribute("tabindex");
    else el.tabIndex = -1;
  }
}

/// The margin's keyboard shortcuts, folded under its filters.
export function shortcutsHelp(): HTMLElement {
  return h(
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
  );
}
