import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";

/// The detached annotations, reachable from the top of the margin (issue
/// 14, Layout): a button in the margin's sticky bar, "N detached", that
/// opens their list just under the bar, wherever the text is scrolled —
/// not a list below the last card, far past the end of the letter.
export class DetachedTray {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private open = false;

  constructor(private readonly list: HTMLElement) {
    list.id = "gl-detached-list";
    list.hidden = true;
    this.button = h(
      "button",
      {
        type: "button",
        class: "gl-detached-open",
        "aria-expanded": "false",
        "aria-controls": list.id,
        onclick: () => this.toggle(!this.open),
      },
      "",
    );
    list.addEventListener("keydown", (e) => {
      if (e.key !== "Escape" || (e.target as HTMLElement).closest("textarea")) return;
      e.preventDefault();
      this.toggle(false);
      this.button.focus();
    });
    this.element = h("div", { class: "gl-detached-tray", hidden: true }, this.button, list);
  }

  /// After each render of the margin: how many annotations are detached.
  update(count: number): void {
    this.element.hidden = count === 0;
    if (count === 0) this.open = false;
    this.button.textContent = t("margin.detached.button", { count });
    this.button.setAttribute("aria-expanded", String(this.open));
    this.list.hidden = !this.open;
  }

  private toggle(open: boolean): void {
    this.open = open;
    this.button.setAttribute("aria-expanded", String(open));
    this.list.hidden = !open;
    if (open) this.list.querySelector<HTMLElement>("[data-card]")?.focus();
  }
}
