/// Where the margin's cards go (issue 14, Layout): each card beside its
/// words, pushed down only as far as the cards above it need, and a dense
/// paragraph collapsed into a count that opens on demand, so no card ends
/// up far below the words it is about.
import type { Node } from "prosemirror-model";
import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";

/// Most threads shown beside one paragraph before the rest collapse into
/// "N more on this paragraph" (the active thread is always shown too).
export const DENSE_LIMIT = 3;

interface Item<A extends { id: string }> {
  a: A;
  from: number;
  top: number | null;
}

/// A collapsed (or opened) paragraph: its key (the id of its first thread),
/// how many threads it holds and how many are not shown.
export interface Dense {
  key: string;
  total: number;
  hidden: number;
  open: boolean;
  /// The first thread not shown (focused when the paragraph is opened).
  firstHidden: string | null;
}

/// The items to show, in order, and the paragraphs' counts by the id of the
/// last card shown for each dense paragraph (the count goes on that card).
export function collapseDense<A extends { id: string }>(
  items: Item<A>[],
  doc: Node,
  active: string | null,
  opened: ReadonlySet<string>,
): { shown: Item<A>[]; dense: Map<string, Dense> } {
  const groups: Item<A>[][] = [];
  let block = -1;
  for (const item of items) {
    const b = doc.resolve(Math.min(item.from, doc.content.size)).index(0);
    if (b !== block || !groups.length) groups.push([]);
    block = b;
    groups.at(-1)!.push(item);
  }
  const shown: Item<A>[] = [];
  const dense = new Map<string, Dense>();
  for (const group of groups) {
    const key = group[0]!.a.id;
    if (group.length <= DENSE_LIMIT) {
      shown.push(...group);
      continue;
    }
    const open = opened.has(key);
    const keep = open ? group : group.filter((x, i) => i < DENSE_LIMIT - 1 || x.a.id === active);
    const hidden = group.filter((x) => !keep.includes(x));
    shown.push(...keep);
    dense.set(keep.at(-1)!.a.id, {
      key,
      total: group.length,
      hidden: hidden.length,
      open,
      firstHidden: hidden[0]?.a.id ?? null,
    });
  }
  return { shown, dense };
}

/// The control at the foot of a dense paragraph's last card: "N more on
/// this paragraph" (opens) or "Show fewer" (closes).
export function denseToggle(d: Dense, toggle: () => void): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      class: "gl-link-btn gl-dense-toggle",
      "data-focus": "dense",
      "aria-expanded": String(d.open),
      onclick: toggle,
    },
    d.open ? t("margin.dense.fewer") : t("margin.dense.more", { count: d.hidden }),
  );
}

/// Aligns each card with its text, pushing cards down when they would
/// overlap — the active card first, so it sits exactly beside its words.
export function align(cards: HTMLElement, nodes: HTMLElement[], active: string | null): void {
  let bottom = 0;
  const placed = nodes.map((n) => ({ n, want: Number(n.dataset.top ?? 0) }));
  const activeIndex = placed.findIndex((p) => p.n.dataset.card === active);
  for (const p of placed) {
    const top = Math.max(p.want, bottom);
    p.n.style.top = `${top}px`;
    bottom = top + p.n.offsetHeight + 8;
  }
  if (activeIndex > 0) {
    // Pull the cards above the active one up if they pushed it down.
    const a = placed[activeIndex]!;
    let limit = a.want;
    a.n.style.top = `${a.want}px`;
    for (let i = activeIndex - 1; i >= 0; i--) {
      const p = placed[i]!;
      const top = Math.min(Number.parseFloat(p.n.style.top), limit - p.n.offsetHeight - 8);
      p.n.style.top = `${top}px`;
      limit = top;
    }
    let below = a.want + a.n.offsetHeight + 8;
    for (const p of placed.slice(activeIndex + 1)) {
      const top = Math.max(p.want, below);
      p.n.style.top = `${top}px`;
      below = top + p.n.offsetHeight + 8;
    }
    bottom = Math.max(bottom, below);
  }
  cards.style.minHeight = `${bottom}px`;
}
