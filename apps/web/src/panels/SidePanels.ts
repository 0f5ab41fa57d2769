import { h } from "../dom.ts";

/// One tab of the editor's right-hand area. A new tab is one object (or
/// class) of this shape, added with `SidePanels.add`.
export interface SidePanel {
  /// Names the tab and its pane: `#gl-tab-{id}`, `#gl-pane-{id}`.
  readonly id: string;
  readonly label: string;
  /// The tab's tooltip.
  readonly title: string;
  readonly element: HTMLElement;
  /// Shown beside the first panel (the margin) instead of replacing it.
  readonly beside?: boolean;
  /// Brings the panel up to date. Called when it is shown, or is showing,
  /// and the text or the annotations changed since its last refresh.
  refresh?(): unknown;
  /// Called each time the panel becomes visible (to lay it out again).
  onShow?(): void;
  destroy?(): void;
}

/// How long after a change the visible panels are refreshed: the server
/// answers for the text it has, so the change is given time to arrive.
const SETTLE_MS = 700;

/// The right-hand area: a tab list (arrow keys, Home, End) over the panels,
/// one shown at a time, or two when the one chosen sits `beside` the first.
/// It owns staleness: `changed()` marks every panel due, and only the
/// visible ones refresh, once the change has settled; the others when shown.
export class SidePanels {
  readonly element: HTMLElement;
  private readonly tablist: HTMLElement;
  private readonly panels: { panel: SidePanel; button: HTMLElement; pane: HTMLElement }[] = [];
  private readonly stale = new Set<string>();
  private current = "";
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(label: string) {
    this.tablist = h("div", { class: "gl-side-tabs", role: "tablist", "aria-label": label });
    this.element = h("div", { class: "gl-side" }, this.tablist);
    this.tablist.addEventListener("keydown", (e) => this.onKey(e));
  }

  /// Adds a panel's tab after the others; the first added is shown first.
  add(panel: SidePanel): void {
    const { id } = panel;
    const button = h(
      "button",
      {
        type: "button",
        role: "tab",
        id: `gl-tab-${id}`,
        class: "gl-side-tab",
        "aria-controls": `gl-pane-${id}`,
        title: panel.title,
        "data-tab": id,
        onclick: () => this.show(id),
      },
      panel.label,
    );
    const pane = h(
      "div",
      {
        class: `gl-side-pane gl-side-pane-${id}`,
        role: "tabpanel",
        id: `gl-pane-${id}`,
        "aria-labelledby": `gl-tab-${id}`,
      },
      panel.element,
    );
    this.tablist.append(button);
    this.element.append(pane);
    this.panels.push({ panel, button, pane });
    if (panel.refresh) this.stale.add(id);
    this.select(this.current || id);
  }

  /// The id of the chosen tab.
  get shown(): string {
    return this.current;
  }

  /// Switches to the panel `id`; the visible panels are told and refreshed
  /// if due.
  show(id: string): void {
    if (id === this.current) return;
    this.select(id);
    for (const p of this.visible()) p.onShow?.();
    this.refreshVisible();
  }

  /// The panel `id` is up to date (it was just filled another way).
  fresh(id: string): void {
    this.stale.delete(id);
  }

  /// The text or the annotations changed: every panel is due again.
  changed(): void {
    for (const { panel } of this.panels) if (panel.refresh) this.stale.add(panel.id);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refreshVisible(), SETTLE_MS);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const { panel } of this.panels) panel.destroy?.();
  }

  private visible(): SidePanel[] {
    return this.panels.filter((p) => !p.pane.hidden).map((p) => p.panel);
  }

  private refreshVisible(): void {
    for (const p of this.visible()) {
      if (!this.stale.has(p.id)) continue;
      this.stale.delete(p.id);
      void p.refresh?.();
    }
  }

  private select(id: string): void {
    const chosen = this.panels.find((p) => p.panel.id === id);
    if (!chosen) return;
    this.current = id;
    this.element.dataset.tab = id;
    const split = !!chosen.panel.beside;
    if (split) this.element.dataset.split = "";
    else delete this.element.dataset.split;
    // Two panels shown at once: both their tabs are selected.
    this.tablist.setAttribute("aria-multiselectable", String(split));
    this.panels.forEach(({ panel, button, pane }, i) => {
      const on = panel.id === id || (split && i === 0);
      button.setAttribute("aria-selected", String(on));
      button.tabIndex = panel.id === id ? 0 : -1;
      pane.hidden = !on;
    });
  }

  private onKey(e: KeyboardEvent): void {
    const n = this.panels.length;
    const i = this.panels.findIndex((p) => p.panel.id === this.current);
    let next = -1;
    if (e.key === "ArrowRight") next = (i + 1) % n;
    else if (e.key === "ArrowLeft") next = (i - 1 + n) % n;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = n - 1;
    if (next < 0) return;
    e.preventDefault();
    const { panel, button } = this.panels[next]!;
    this.show(panel.id);
    button.focus();
  }
}
