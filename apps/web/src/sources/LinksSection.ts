import { type Annotation, LINK_RELATIONS } from "@glossa/annotations";
import type { CollabSession } from "@glossa/collab";
import { h } from "../dom.ts";
import { errorText, t } from "../i18n/index.ts";
import { describeLink, relationLabel, type SourceOption, suggestionsFor } from "./directory.ts";
import { SourcePicker } from "./SourcePicker.ts";

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export interface LinksContext {
  collab: CollabSession;
  notify: (message: string, error?: boolean) => void;
  /// Opens an authority in the source pane beside the text.
  open: (key: string, pinpoint: string | null) => void;
  /// Asks the margin to lay its cards out again (a card changed height).
  relayout: () => void;
}

/// The link form's own controls.
interface LinkFields {
  pinpoint: HTMLInputElement;
  relation: HTMLSelectElement;
  chosenLine: HTMLElement;
  linkBtn: HTMLButtonElement;
}

/// Sources suggested for a claim's words (or any annotation without links
/// yet), offered before the person types.
function suggestionsOf(
  a: Annotation,
): (() => { title: string; options: SourceOption[] } | null) | undefined {
  if (a.kind !== "claim" && a.links.length !== 0) return undefined;
  const quote = a.selector.quote.exact;
  return () => {
    const options = suggestionsFor(quote);
    return options.length
      ? {
          title: t("sources.suggestedFor", {
            quote: quote.length > 40 ? `${quote.slice(0, 40)}…` : quote,
          }),
          options,
        }
      : null;
  };
}

/// The sources of every annotation card: one section per annotation, kept
/// across the margin's re-renders so that a search being typed survives them.
export class AnnotationLinks {
  private readonly sections = new Map<string, LinksSection>();

  constructor(private readonly ctx: LinksContext) {}

  /// The links section of `a`'s card (null when there is nothing to show).
  section(a: Annotation, active: boolean, can: boolean): HTMLElement | null {
    let s = this.sections.get(a.id);
    if (!s) {
      s = new LinksSection(a.id, this.ctx);
      this.sections.set(a.id, s);
    }
    const el = s.update(a, active, can);
    // The margin keeps cards in place, but moves one to keep document order
    // (or into the detached list), which takes the focus: give it back.
    const focused = document.activeElement as HTMLElement | null;
    if (el && focused && focused !== document.body && el.contains(focused)) {
      queueMicrotask(() => {
        if (focused.isConnected && document.activeElement !== focused)
          focused.focus({ preventScroll: true });
      });
    }
    return el;
  }

  destroy(): void {
    for (const s of this.sections.values()) s.destroy();
    this.sections.clear();
  }
}

class LinksSection {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly addButton: HTMLButtonElement;
  private form: HTMLElement | null = null;
  private picker: SourcePicker | null = null;
  private chosen: SourceOption | null = null;
  private open = false;
  private dismissed = false;
  private signature = "";
  private a: Annotation | null = null;
  private can = false;
  private active = false;

  constructor(
    private readonly id: string,
    private readonly ctx: LinksContext,
  ) {
    this.list = h("ul", { class: "gl-links-list", "aria-label": t("sources.sources") });
    this.addButton = h(
      "button",
      {
        type: "button",
        class: "gl-link-btn gl-links-add",
        "aria-expanded": "false",
        onclick: () => this.toggle(!this.open, true),
      },
      t("sources.addSource"),
    );
    this.element = h("div", { class: "gl-links" }, this.list, this.addButton);
    // Clicks inside the section are not clicks on the card (which would move the text).
    this.element.addEventListener("click", (e) => {
      if ((e.target as HTMLElement).closest("button, input, select, a, li[role=option]"))
        e.stopPropagation();
    });
  }

  update(a: Annotation, active: boolean, can: boolean): HTMLElement | null {
    this.a = a;
    const sig = JSON.stringify([a.links, active, can, !!a.detached, a.kind]);
    if (sig !== this.signature) {
      this.signature = sig;
      this.can = can && !a.detached && !a.deleted;
      this.active = active;
      this.renderList();
      // An unsourced claim opens its "Add source" form (with suggestions) when it is active.
      if (active && this.can && a.kind === "claim" && !a.links.length && !this.dismissed)
        this.toggle(true, false);
      if (!active && this.open) this.toggle(false, false);
    }
    this.addButton.hidden = !(this.can && active) || this.open;
    if (!a.links.length && !(this.can && active)) return null;
    return this.element;
  }

  private renderList(): void {
    const a = this.a!;
    const described = a.links.map((l) => ({
      l,
      d: describeLink(l.key, l.pinpoint, () => {
        this.signature = "";
        this.ctx.relayout();
      }),
    }));
    // Strongest relation first, then alphabetical by citation.
    described.sort(
      (x, y) =>
        LINK_RELATIONS.indexOf(x.l.relation) - LINK_RELATIONS.indexOf(y.l.relation) ||
        collator.compare(x.d.canonical, y.d.canonical),
    );
    const items = described.map(({ l, d }) => {
      return h(
        "li",
        { class: "gl-link-item", "data-key": l.key, "data-relation": l.relation },
        h(
          "span",
          {
            class: `gl-rel gl-rel-${l.relation}`,
            title: t("sources.relationTitle", {
              relation: relationLabel(l.relation).toLowerCase(),
            }),
          },
          relationLabel(l.relation),
        ),
        h(
          "button",
          {
            type: "button",
            class: "gl-link-cite",
            title: t("sources.openBeside", { title: d.title }),
            onclick: () => this.ctx.open(l.key, l.pinpoint),
          },
          d.canonical,
        ),
        d.ina ? h("span", { class: "gl-link-ina" }, d.ina) : null,
        d.known ? null : h("span", { class: "gl-link-unknown" }, t("sources.notInCatalogShort")),
        this.can
          ? h(
              "button",
              {
                type: "button",
                class: "gl-link-btn gl-link-remove",
                "aria-label": t("sources.removeLinkTo", { cite: d.canonical }),
                title: t("sources.removeLink"),
                onclick: () => this.unlink(l.id, d.canonical),
              },
              t("share.remove"),
            )
          : null,
      );
    });
    this.list.replaceChildren(...items);
    this.list.hidden = !items.length;
  }

  private toggle(open: boolean, byHand: boolean): void {
    if (open === this.open) return;
    this.open = open;
    if (byHand && !open) this.dismissed = true;
    this.addButton.setAttribute("aria-expanded", String(open));
    this.addButton.hidden = open || !(this.can && this.active);
    if (open) {
      this.form = this.buildForm();
      this.element.append(this.form);
      this.picker!.search();
      if (byHand) this.picker!.input.focus();
    } else {
      this.picker?.destroy();
      this.picker = null;
      this.form?.remove();
      this.form = null;
      this.chosen = null;
      if (byHand) this.addButton.focus();
    }
    this.ctx.relayout();
  }

  private buildForm(): HTMLElement {
    const a = this.a!;
    const pinpoint = h("input", {
      type: "text",
      class: "gl-links-pin",
      placeholder: t("sources.pinpointPlaceholder"),
      "aria-label": t("sources.pinpoint"),
    });
    const relation = h("select", {
      class: "gl-links-rel",
      "aria-label": t("sources.relationLabel"),
    });
    for (const r of LINK_RELATIONS) relation.append(h("option", { value: r }, relationLabel(r)));
    relation.value = a.kind === "claim" ? "supports" : "cites";
    const chosenLine = h("p", { class: "gl-links-chosen", "aria-live": "polite" });
    const linkBtn = h(
      "button",
      { type: "button", class: "gl-primary", disabled: true, onclick: () => void submit() },
      t("sources.link"),
    );
    const f: LinkFields = { pinpoint, relation, chosenLine, linkBtn };
    const submit = () => this.linkChosen(f);
    pinpoint.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        void submit();
      }
    });
    this.picker = new SourcePicker({
      label: t("sources.findSource"),
      suggestions: suggestionsOf(a),
      onChoose: (o) => this.choose(a, o, f),
    });
    const form = h(
      "div",
      { class: "gl-links-form", role: "group", "aria-label": t("sources.addASource") },
      this.picker.element,
      chosenLine,
      h(
        "div",
        { class: "gl-links-fields" },
        h("label", {}, h("span", {}, t("sources.pinpoint")), pinpoint),
        h("label", {}, h("span", {}, t("sources.relationLabel")), relation),
      ),
      h(
        "div",
        { class: "gl-actions" },
        linkBtn,
        h(
          "button",
          { type: "button", onclick: () => this.toggle(false, true) },
          t("common.cancel"),
        ),
      ),
    );
    form.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !e.defaultPrevented) {
        e.preventDefault();
        this.toggle(false, true);
      }
    });
    return form;
  }

  /// Links the chosen source with the pinpoint and relation given.
  private async linkChosen(f: LinkFields): Promise<void> {
    const c = this.chosen;
    if (!c) {
      this.picker?.input.focus();
      return;
    }
    f.linkBtn.disabled = true;
    try {
      await this.ctx.collab.annotate({
        op: "link",
        id: this.id,
        key: c.key,
        pinpoint: f.pinpoint.value.trim() || null,
        relation: f.relation.value,
      });
      this.ctx.notify(t("sources.linked", { cite: c.canonical }));
      this.dismissed = true;
      this.toggle(false, true);
    } catch (err) {
      this.ctx.notify(errorText(err), true);
      f.linkBtn.disabled = false;
    }
  }

  /// A source was chosen in the picker: shown, its pinpoint and relation
  /// proposed, the Link button named after it; the pinpoint focused.
  private choose(a: Annotation, o: SourceOption, f: LinkFields): void {
    this.chosen = o;
    f.chosenLine.replaceChildren(
      h("span", { class: "gl-muted" }, `${t("sources.source")} `),
      h("strong", {}, o.canonical),
      o.title !== o.canonical ? h("span", { class: "gl-muted" }, ` — ${o.title}`) : "",
    );
    f.pinpoint.value = o.pinpoint;
    f.relation.value = a.kind === "claim" ? o.relation : "cites";
    f.linkBtn.disabled = false;
    f.linkBtn.textContent =
      o.canonical.length > 40
        ? t("sources.linkSource")
        : t("sources.linkCite", { cite: o.canonical });
    f.pinpoint.focus();
    this.ctx.relayout();
  }

  private unlink(linkId: string, canonical: string): void {
    this.ctx.collab.annotate({ op: "unlink", id: this.id, linkId }).then(
      () => this.ctx.notify(t("sources.unlinked", { cite: canonical })),
      (err: Error) => this.ctx.notify(errorText(err), true),
    );
  }

  destroy(): void {
    this.picker?.destroy();
  }
}
