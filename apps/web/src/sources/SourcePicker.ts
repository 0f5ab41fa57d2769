import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";
import { mergeResults, type SourceOption, searchLocal, searchRemote } from "./directory.ts";

let pickers = 0;

/// A search-as-you-type field over the catalog of authorities (a combobox:
/// ↑/↓ move through the results, Enter chooses, Esc clears). The built-in
/// catalog answers at once; the server's answer adds the team's authorities.
/// With an empty query it offers `suggestions` (a claim's likely sources).
export class SourcePicker {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly heading: HTMLElement;
  private options: SourceOption[] = [];
  private index = -1;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly id = `gl-src-picker-${++pickers}`;

  constructor(
    private readonly opts: {
      label: string;
      placeholder?: string;
      suggestions?: () => { title: string; options: SourceOption[] } | null;
      onChoose: (option: SourceOption) => void;
      limit?: number;
    },
  ) {
    this.input = h("input", {
      type: "search",
      class: "gl-src-search",
      role: "combobox",
      "aria-label": opts.label,
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": `${this.id}-list`,
      autocomplete: "off",
      spellcheck: "false",
      placeholder: opts.placeholder ?? t("sources.pickerPlaceholder"),
    });
    this.heading = h("p", { class: "gl-src-results-head", id: `${this.id}-head` });
    this.list = h("ul", {
      class: "gl-src-results",
      role: "listbox",
      id: `${this.id}-list`,
      "aria-labelledby": `${this.id}-head`,
    });
    this.element = h("div", { class: "gl-src-picker" }, this.input, this.heading, this.list);
    this.input.addEventListener("input", () => this.search());
    this.input.addEventListener("focus", () => {
      if (!this.options.length) this.search();
    });
    this.input.addEventListener("keydown", (e) => this.onKey(e));
  }

  /// Runs the search for the current text (or shows the suggestions).
  search(): void {
    const q = this.input.value.trim();
    const seq = ++this.seq;
    if (this.timer) clearTimeout(this.timer);
    if (!q) {
      const s = this.opts.suggestions?.() ?? null;
      this.show(s?.options ?? [], s?.options.length ? s.title : "");
      return;
    }
    const limit = this.opts.limit ?? 8;
    const local = searchLocal(q, limit);
    this.show(local, local.length ? t("sources.authorities") : t("sources.searching"));
    this.timer = setTimeout(() => {
      searchRemote(q, limit).then(
        (server) => {
          if (seq !== this.seq) return;
          const merged = mergeResults(local, server);
          this.show(
            merged,
            merged.length ? t("sources.authorities") : t("sources.nothingFor", { q }),
          );
        },
        () => {
          if (seq === this.seq && !local.length)
            this.show([], t("sources.nothingBuiltinFor", { q }));
        },
      );
    }, 200);
  }

  private show(options: SourceOption[], heading: string): void {
    const keep = this.options[this.index];
    this.options = options;
    this.index = keep
      ? options.findIndex((o) => o.key === keep.key && o.pinpoint === keep.pinpoint)
      : -1;
    this.heading.textContent = heading;
    this.heading.hidden = !heading;
    this.list.replaceChildren(
      ...options.map((o, i) =>
        h(
          "li",
          {
            role: "option",
            id: `${this.id}-${i}`,
            class: "gl-src-option",
            "aria-selected": i === this.index ? "true" : "false",
            "data-key": o.key,
            onmousedown: (e: Event) => e.preventDefault(),
            onclick: () => this.choose(i),
          },
          h("span", { class: "gl-src-option-cite" }, o.canonical),
          o.title && o.title !== o.canonical
            ? h("span", { class: "gl-src-option-title" }, o.title)
            : null,
          h("span", { class: "gl-src-option-why" }, o.why),
        ),
      ),
    );
    this.input.setAttribute("aria-expanded", options.length ? "true" : "false");
    this.mark();
  }

  private mark(): void {
    for (const [i, li] of [...this.list.children].entries())
      li.setAttribute("aria-selected", i === this.index ? "true" : "false");
    if (this.index >= 0) {
      this.input.setAttribute("aria-activedescendant", `${this.id}-${this.index}`);
      (this.list.children[this.index] as HTMLElement | undefined)?.scrollIntoView({
        block: "nearest",
      });
    } else this.input.removeAttribute("aria-activedescendant");
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!this.options.length) {
        this.search();
        return;
      }
      const n = this.options.length;
      this.index = e.key === "ArrowDown" ? (this.index + 1) % n : (this.index - 1 + n) % n;
      this.mark();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (this.index < 0 && this.options.length) this.index = 0;
      if (this.index >= 0) this.choose(this.index);
    } else if (e.key === "Escape" && this.input.value) {
      e.preventDefault();
      e.stopPropagation();
      this.input.value = "";
      this.search();
    }
  }

  private choose(i: number): void {
    const o = this.options[i];
    if (o) this.opts.onChoose(o);
  }

  /// Empties the field and the results.
  clear(): void {
    this.input.value = "";
    ++this.seq;
    this.show([], "");
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    ++this.seq;
  }
}
