import { type Annotation, findAnnotationRanges } from "@glossa/annotations";
import { tryCanonicalForKey } from "@glossa/citations";
import { allCitations, sourceLabel } from "@glossa/editor";
import { renderText, unwrapKey } from "@glossa/sources";
import type { EditorView } from "prosemirror-view";
import { request } from "../api.ts";
import { h } from "../dom.ts";
import { AuthorityForm, type AuthorityFormStart } from "./AuthorityForm.ts";
import {
  authorityKeyOf,
  forgetSource,
  kindLabel,
  openSource,
  type SourceView,
} from "./directory.ts";
import { RELATION_LABEL } from "./LinksSection.ts";
import { paragraphAt } from "./paragraphs.ts";
import { provenanceBlock } from "./provenance.ts";
import { SourcePicker } from "./SourcePicker.ts";

export interface SourcePaneContext {
  view: EditorView;
  annotations: () => Annotation[];
  /// Makes an annotation active and moves the text to it.
  activate: (id: string) => void;
  /// Selects and shows a range of the text.
  jump: (from: number, to: number) => void;
  /// Whether this person may add, edit and delete team authorities (owner
  /// or editor; the server checks again).
  canCurate: () => boolean;
  notify: (message: string, error?: boolean) => void;
}

/// A place in the document that relies on the open authority.
interface Place {
  from: number;
  to: number;
  paragraph: number | null;
  label: string;
  quote: string;
  annotationId?: string;
}

const JURISDICTION: Record<string, string> = {
  us: "United States",
  intl: "International",
  "inter-american": "Inter-American system",
  mx: "Mexico",
  team: "Team authority",
};

// "Checked by hand": no test in the repository backs these marks; only a
// text's provenance (provenance.ts) can say "checked word for word".
const VERIFICATION: Record<string, string> = {
  verified: "checked by hand",
  recollection: "to be checked by counsel",
  concordance: "from a concordance table",
  team: "entered by the team",
};

const keyCanonical = (key: string): string => tryCanonicalForKey(key) ?? key;

/// The citation as a heading, the case name in italics.
function citeHeading(canonical: string, caseName: string | undefined): HTMLElement {
  const el = h("h2", { class: "gl-src-cite" });
  const at = caseName ? canonical.indexOf(caseName) : -1;
  if (caseName && at >= 0)
    el.append(canonical.slice(0, at), h("i", {}, caseName), canonical.slice(at + caseName.length));
  else el.append(canonical);
  return el;
}

const clip = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n)}…` : s);

/// The source pane beside the text: an authority's citation at the
/// pinpoint, its official links and equivalents, its text with the pinpoint
/// highlighted and scrolled into view, and every place in the document that
/// relies on it (click to go there).
export class SourcePane {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly places: HTMLElement;
  private readonly picker: SourcePicker;
  private readonly addButton: HTMLButtonElement;
  private current: { key: string; pinpoint: string | null; view: SourceView | null } | null = null;
  private seq = 0;

  constructor(private readonly ctx: SourcePaneContext) {
    this.picker = new SourcePicker({
      label: "Find an authority",
      placeholder: "Find an authority: 8 USC 1225, art. 33, non-refoulement…",
      limit: 10,
      onChoose: (o) => {
        this.picker.clear();
        void this.open(o.key, o.pinpoint || null);
      },
    });
    this.body = h("div", { class: "gl-src-body", "aria-live": "polite" });
    this.places = h("div", { class: "gl-src-places" });
    this.addButton = h(
      "button",
      {
        type: "button",
        class: "gl-auth-add",
        onclick: () => this.showForm({ mode: "add", citation: this.picker.input.value.trim() }),
      },
      "Add an authority",
    );
    this.element = h(
      "div",
      { class: "gl-srcpane" },
      this.picker.element,
      this.addButton,
      this.body,
      this.places,
    );
    this.refreshRole();
    this.showEmpty();
  }

  /// Shows or hides what only owners and editors may do (after a role change).
  refreshRole(): void {
    this.addButton.hidden = !this.ctx.canCurate();
  }

  /// Shows the form to add a team authority or edit one, in place of the text.
  showForm(start: AuthorityFormStart): void {
    ++this.seq;
    const back = this.current;
    const form = new AuthorityForm(start, {
      onDone: (a) => {
        this.ctx.notify(start.mode === "edit" ? `Saved ${a.title}.` : `Added ${a.title}.`);
        void this.open(a.key, null);
      },
      onCancel: () => {
        if (back) void this.open(back.key, back.pinpoint);
        else this.showEmpty();
      },
    });
    this.body.replaceChildren(form.element);
    this.places.replaceChildren();
  }

  /// Deletes the open team authority after a second, explicit click.
  private deleteControls(v: SourceView): HTMLElement {
    const a = v.authority;
    const confirm = h("div", { class: "gl-auth-confirm", hidden: true, role: "group" });
    const box = h(
      "div",
      { class: "gl-auth-tools" },
      h(
        "button",
        {
          type: "button",
          class: "gl-auth-edit",
          onclick: () => this.showForm({ mode: "edit", authority: a }),
        },
        "Edit",
      ),
      h(
        "button",
        {
          type: "button",
          class: "gl-auth-delete",
          "aria-expanded": "false",
          onclick: (e: Event) => {
            confirm.hidden = false;
            (e.currentTarget as HTMLElement).setAttribute("aria-expanded", "true");
            (confirm.querySelector("button") as HTMLButtonElement | null)?.focus();
          },
        },
        "Delete…",
      ),
      confirm,
    );
    confirm.append(
      h(
        "p",
        {},
        "Delete this team authority? Annotations that link to it keep showing its citation and title.",
      ),
      h(
        "button",
        {
          type: "button",
          class: "gl-auth-delete-confirm",
          onclick: async () => {
            try {
              await request("DELETE", `/api/sources/${encodeURIComponent(a.key)}`);
              forgetSource(a.key);
              this.ctx.notify(`Deleted ${a.title} from the team’s authorities.`);
              void this.open(a.key, null);
            } catch (err) {
              this.ctx.notify((err as Error).message, true);
            }
          },
        },
        "Delete",
      ),
      h(
        "button",
        {
          type: "button",
          onclick: () => {
            confirm.hidden = true;
          },
        },
        "Keep it",
      ),
    );
    return box;
  }

  private showEmpty(): void {
    this.body.replaceChildren(
      h(
        "p",
        { class: "gl-hint" },
        "Open a linked authority from an annotation, or a citation from its card in the text, to read it here at its pinpoint. Or search the catalog above.",
      ),
    );
    this.places.replaceChildren();
  }

  /// Opens `key` at `pinpoint` and shows it.
  async open(key: string, pinpoint: string | null): Promise<void> {
    const seq = ++this.seq;
    this.current = { key, pinpoint, view: null };
    this.body.replaceChildren(h("p", { class: "gl-muted" }, "Opening…"));
    this.places.replaceChildren();
    let view: SourceView | null;
    try {
      view = await openSource(key, pinpoint);
    } catch (err) {
      if (seq !== this.seq) return;
      this.body.replaceChildren(
        h("p", { class: "gl-banner gl-banner-error", role: "alert" }, (err as Error).message),
      );
      return;
    }
    if (seq !== this.seq) return;
    this.current.view = view;
    if (!view) this.renderUnknown(key, pinpoint);
    else this.render(view);
    this.refreshPlaces();
  }

  private renderUnknown(key: string, pinpoint: string | null): void {
    const k = unwrapKey(key);
    this.body.replaceChildren(
      h("h2", { class: "gl-src-cite" }, `${keyCanonical(k)}${pinpoint ? ` ${pinpoint}` : ""}`),
      h(
        "p",
        { class: "gl-src-note" },
        "Glossa’s catalog does not know this authority, so it has no text or official links for it. It still appears in the table of authorities, and the review lists it as unknown. Owners and editors can add it as a team authority.",
      ),
    );
    if (this.ctx.canCurate())
      this.body.append(
        h(
          "button",
          {
            type: "button",
            class: "gl-auth-add-unknown",
            onclick: () => this.showForm({ mode: "add", citation: keyCanonical(k) }),
          },
          "Add it as a team authority",
        ),
      );
  }

  private render(v: SourceView): void {
    const a = v.authority;
    const r = v.resolution;
    const dated =
      a.kind === "case"
        ? "decided"
        : a.kind === "treaty" || a.kind === "soft-law"
          ? "adopted"
          : "dated";
    const meta = [
      kindLabel(a.kind),
      a.court ?? "",
      JURISDICTION[a.jurisdiction] ?? a.jurisdiction,
      a.date ? `${dated} ${a.date}` : "",
      a.asOf ? `text as of ${a.asOf}` : "",
    ].filter(Boolean);
    const urls = r.urls.filter((u) => /^https?:\/\//.test(u.url));
    const equivalents = [
      ...(r.ina ? [r.ina] : []),
      ...(a.equivalents ?? [])
        .filter((k) => !(r.ina && k.startsWith("ina/")))
        .map((k) => keyCanonical(r.pinpoint.length ? `${k}/${r.pinpoint.join("/")}` : k)),
    ];
    const parts: (HTMLElement | null)[] = [
      citeHeading(r.canonical, a.caseName),
      a.title !== r.canonical && a.title !== a.caseName
        ? h("p", { class: "gl-src-title" }, a.title)
        : null,
      h("p", { class: "gl-src-meta" }, meta.join(" · ")),
      equivalents.length
        ? h(
            "p",
            { class: "gl-src-equivalents" },
            h("span", { class: "gl-muted" }, "Same provision as "),
            equivalents.join("; "),
          )
        : null,
      urls.length
        ? h(
            "ul",
            { class: "gl-src-links", "aria-label": "Official texts" },
            ...urls.map((u) =>
              h(
                "li",
                {},
                h(
                  "a",
                  { href: u.url, target: "_blank", rel: "noopener noreferrer" },
                  u.label && u.label !== "Link" ? u.label : sourceLabel(u.url),
                ),
                u.official ? h("span", { class: "gl-src-official" }, "official") : null,
              ),
            ),
          )
        : null,
    ];
    this.body.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
    if (v.deleted)
      this.body.append(
        h(
          "p",
          { class: "gl-src-note gl-src-deleted" },
          `Deleted from the team’s authorities by ${v.deleted.by.name} on ${new Date(v.deleted.at).toLocaleDateString()}. Links to it still show what it was.`,
        ),
      );
    else if (a.origin === "team" && this.ctx.canCurate()) this.body.append(this.deleteControls(v));

    if (v.text === null) {
      this.body.append(
        ...(a.summary
          ? [h("p", { class: "gl-src-summary" }, h("strong", {}, "In short: "), a.summary)]
          : []),
        h(
          "p",
          { class: "gl-src-note" },
          urls.length
            ? "Glossa’s catalog does not hold the text of this authority. Read it at the source above."
            : "Glossa’s catalog holds neither the text of this authority nor a link to it.",
        ),
      );
    } else {
      this.body.append(this.textBlock(v));
    }
    const notes = a.sources ?? [];
    if (notes.length) {
      this.body.append(
        h(
          "details",
          { class: "gl-src-provenance" },
          h("summary", {}, "Where these facts come from"),
          h(
            "ul",
            {},
            ...notes.map((n) =>
              h(
                "li",
                {},
                h("strong", {}, `${n.about}: `),
                n.source,
                h(
                  "span",
                  { class: `gl-src-mark gl-src-mark-${n.mark}` },
                  ` (${VERIFICATION[n.mark] ?? n.mark})`,
                ),
                n.note ? h("span", { class: "gl-muted" }, ` — ${n.note}`) : null,
              ),
            ),
          ),
        ),
      );
    }
  }

  private textBlock(v: SourceView): HTMLElement {
    const text = v.text!;
    const loc = v.location;
    const a = v.authority;
    // Indent each line by the depth of the subdivision it belongs to.
    const rendered = a.text ? renderText(a.text) : null;
    const spans = rendered && rendered.text === text ? rendered.spans : [];
    const depthAt = (offset: number): number => {
      let d = 0;
      for (const s of spans) if (s.start <= offset && offset < s.end) d = Math.max(d, s.depth + 1);
      return d;
    };
    const box = h("div", { class: "gl-src-text", tabindex: "0", "aria-label": "Text" });
    let mark: HTMLElement | null = null;
    let offset = 0;
    for (const line of text.split("\n")) {
      const start = offset;
      offset += line.length + 1;
      if (!line) continue;
      const el = h("div", { class: "gl-src-line" }, line);
      el.style.paddingLeft = `${Math.min(4, depthAt(start)) * 0.9}rem`;
      const inPin = loc && start >= loc.start && start < loc.end;
      if (inPin) {
        if (!mark) {
          mark = h("mark", {
            class: "gl-src-pin",
            "aria-label": `Pinpoint ${v.resolution.canonical}`,
          });
          box.append(mark);
        }
        mark.append(el);
      } else box.append(el);
    }
    const notes: HTMLElement[] = [];
    const scope = a.text?.scope;
    if (scope === "excerpt")
      notes.push(
        h(
          "p",
          { class: "gl-src-note" },
          "Excerpt: the catalog holds only the parts of this text it is sure of; headings without wording are shown as such. Read the whole at the official source.",
        ),
      );
    if (loc && !loc.exact)
      notes.push(
        h(
          "p",
          { class: "gl-src-note" },
          `The catalog does not hold the pinpoint itself; the nearest part it has is highlighted (${loc.found.length ? `(${loc.found.join(")(")})` : "the whole text"}).`,
        ),
      );
    if (v.resolution.pinpoint.length && !loc)
      notes.push(
        h(
          "p",
          { class: "gl-src-note" },
          "The pinpoint is not in the part of the text the catalog holds.",
        ),
      );
    const provenance = provenanceBlock(a);
    if (provenance) notes.push(provenance);
    const wrap = h("section", { class: "gl-src-textwrap" }, h("h3", {}, "Text"), box, ...notes);
    if (mark) {
      const m = mark;
      requestAnimationFrame(() => {
        const top = m.getBoundingClientRect().top - box.getBoundingClientRect().top;
        box.scrollTop += top - 12;
      });
    }
    return wrap;
  }

  /// Re-lists the places in the document that rely on the open authority.
  refreshPlaces(): void {
    const cur = this.current;
    if (!cur) return;
    const target = cur.view ? cur.view.authority.key : authorityKeyOf(cur.key, cur.pinpoint);
    const state = this.ctx.view.state;
    const places: Place[] = [];
    for (const a of this.ctx.annotations()) {
      if (a.deleted) continue;
      const links = a.links.filter((l) => authorityKeyOf(l.key, l.pinpoint) === target);
      if (!links.length) continue;
      const [range] = findAnnotationRanges(state.doc, a.id);
      const rel = links
        .map(
          (l) => `${RELATION_LABEL[l.relation] ?? l.relation}${l.pinpoint ? ` ${l.pinpoint}` : ""}`,
        )
        .join(", ");
      places.push({
        from: range?.from ?? Number.POSITIVE_INFINITY,
        to: range?.to ?? Number.POSITIVE_INFINITY,
        paragraph: range ? paragraphAt(state, range.from) : null,
        label: `${a.kind === "claim" ? "Claim" : a.kind[0]!.toUpperCase() + a.kind.slice(1)} · ${rel}${range ? "" : " · detached"}`,
        quote: a.selector.quote.exact,
        annotationId: a.id,
      });
    }
    let citations: ReturnType<typeof allCitations> = [];
    try {
      citations = allCitations(state);
    } catch {
      citations = [];
    }
    for (const c of citations) {
      const key = c.citation.antecedent ?? c.citation.key;
      if (authorityKeyOf(key) !== target) continue;
      places.push({
        from: c.from,
        to: c.to,
        paragraph: paragraphAt(state, c.from),
        label: "Cited",
        quote: state.doc.textBetween(c.from, c.to, " "),
      });
    }
    places.sort((x, y) => x.from - y.from);
    if (!places.length) {
      this.places.replaceChildren(
        h("h3", {}, "In this document"),
        h("p", { class: "gl-muted" }, "Nothing in the document relies on this authority yet."),
      );
      return;
    }
    this.places.replaceChildren(
      h("h3", {}, `In this document (${places.length})`),
      h(
        "ul",
        { class: "gl-src-placelist" },
        ...places.map((p) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: "gl-src-place",
                onclick: () => {
                  if (p.annotationId) this.ctx.activate(p.annotationId);
                  else this.ctx.jump(p.from, p.to);
                },
              },
              h("span", { class: "gl-src-place-para" }, p.paragraph ? `¶ ${p.paragraph}` : "—"),
              " ",
              h("span", { class: "gl-src-place-label" }, p.label),
              " ",
              h("span", { class: "gl-src-place-quote" }, `“${clip(p.quote)}”`),
            ),
          ),
        ),
      ),
    );
  }

  /// The key and pinpoint shown, if any.
  get shown(): { key: string; pinpoint: string | null } | null {
    return this.current ? { key: this.current.key, pinpoint: this.current.pinpoint } : null;
  }

  destroy(): void {
    this.picker.destroy();
  }
}
