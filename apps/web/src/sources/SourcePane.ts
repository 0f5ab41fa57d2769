import { type Annotation, findAnnotationRanges } from "@glossa/annotations";
import { tryCanonicalForKey } from "@glossa/citations";
import { allCitations, paragraphAt } from "@glossa/editor";
import { lineText } from "@glossa/schema";
import { renderText, unwrapKey } from "@glossa/sources";
import type { EditorView } from "prosemirror-view";
import { h } from "../dom.ts";
import { errorText, fmt, has, language, t } from "../i18n/index.ts";
import type { SidePanel } from "../panels/SidePanels.ts";
import { AuthorityForm, type AuthorityFormStart } from "./AuthorityForm.ts";
import {
  authorityKeyOf,
  kindLabel,
  openSource,
  relationLabel,
  type SourceView,
} from "./directory.ts";
import { factNotes, officialLinks, provenanceBlock } from "./provenance.ts";
import { SourcePicker } from "./SourcePicker.ts";
import { teamControls } from "./teamControls.ts";

export interface SourcePaneContext {
  view: EditorView;
  annotations: () => readonly Annotation[];
  /// Makes an annotation active and moves the text to it.
  activate: (id: string) => void;
  /// Selects and shows a range of the text.
  jump: (from: number, to: number) => void;
  /// Whether this person may add team authorities (owner or editor; the
  /// server checks again). Editing and deleting one follows the server's
  /// `mayChange` (the person who added it, the administrator).
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

const jurisdiction = (j: string) =>
  has(`sources.jurisdiction.${j}`) ? t(`sources.jurisdiction.${j as "us"}`) : j;

/// A catalog date ("2018-12-21", "2018") in the interface language; other
/// forms are shown as written.
function fmtLegalDate(d: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
  return new Date(`${d}T12:00:00Z`).toLocaleDateString(language(), {
    dateStyle: "long",
    timeZone: "UTC",
  });
}

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
export class SourcePane implements SidePanel {
  readonly id = "sources";
  readonly label = t("sources.tabs.sources");
  readonly title = t("sources.tabs.sourcesTitle");
  /// Opened beside the annotations, not over them: the thread that cites a
  /// source stays in view while its text is read (issue 14, Layout).
  readonly beside = true;
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly places: HTMLElement;
  private readonly picker: SourcePicker;
  private readonly addButton: HTMLButtonElement;
  private current: { key: string; pinpoint: string | null; view: SourceView | null } | null = null;
  private seq = 0;

  constructor(private readonly ctx: SourcePaneContext) {
    this.picker = new SourcePicker({
      label: t("sources.find"),
      placeholder: t("sources.findPlaceholder"),
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
      t("sources.form.heading"),
    );
    // A labelled region: a screen reader lists it beside the margin's.
    this.element = h(
      "section",
      { class: "gl-srcpane", "aria-label": t("sources.pane") },
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
        this.ctx.notify(
          t(start.mode === "edit" ? "curation.saved" : "curation.added", { title: a.title }),
        );
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

  /// Who added the open team authority; Edit and Delete when allowed.
  private teamPart(v: SourceView): HTMLElement[] {
    const a = v.authority;
    return teamControls(v, {
      edit: () => this.showForm({ mode: "edit", authority: a }),
      deleted: () => void this.open(a.key, null),
      notify: this.ctx.notify,
    });
  }

  private showEmpty(): void {
    this.body.replaceChildren(h("p", { class: "gl-hint" }, t("sources.emptyHint")));
    this.places.replaceChildren();
  }

  /// Opens `key` at `pinpoint` and shows it.
  async open(key: string, pinpoint: string | null): Promise<void> {
    const seq = ++this.seq;
    this.current = { key, pinpoint, view: null };
    this.body.replaceChildren(h("p", { class: "gl-muted" }, t("sources.opening")));
    this.places.replaceChildren();
    let view: SourceView | null;
    try {
      view = await openSource(key, pinpoint);
    } catch (err) {
      if (seq !== this.seq) return;
      this.body.replaceChildren(
        h("p", { class: "gl-banner gl-banner-error", role: "alert" }, errorText(err)),
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
      h("p", { class: "gl-src-note" }, t("sources.unknownAuthority")),
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
          t("sources.team.add"),
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
    const date = a.date ? fmtLegalDate(a.date) : "";
    const meta = [
      kindLabel(a.kind),
      a.court ?? "",
      jurisdiction(a.jurisdiction),
      date ? t(`sources.${dated}`, { date }) : "",
      a.asOf ? t("sources.asOf", { date: fmtLegalDate(a.asOf) }) : "",
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
            h("span", { class: "gl-muted" }, `${t("sources.sameAs")} `),
            equivalents.join("; "),
          )
        : null,
      urls.length ? officialLinks(urls) : null,
    ];
    this.body.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
    if (v.deleted)
      this.body.append(
        h(
          "p",
          { class: "gl-src-note gl-src-deleted" },
          t("curation.deletedBy", { who: v.deleted.by.name, date: fmt.date(v.deleted.at) }),
        ),
      );
    else if (a.origin === "team") this.body.append(...this.teamPart(v));

    if (v.text === null) {
      this.body.append(
        ...(a.summary
          ? [
              h(
                "p",
                { class: "gl-src-summary" },
                h("strong", {}, `${t("sources.inShort")} `),
                a.summary,
              ),
            ]
          : []),
        h(
          "p",
          { class: "gl-src-note" },
          urls.length ? t("sources.noText") : t("sources.noTextNoLink"),
        ),
      );
    } else {
      this.body.append(this.textBlock(v));
    }
    const notes = a.sources ?? [];
    if (notes.length) this.body.append(factNotes(notes));
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
    const box = h("div", { class: "gl-src-text", tabindex: "0", "aria-label": t("sources.text") });
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
            "aria-label": t("sources.pinpointOf", { cite: v.resolution.canonical }),
          });
          box.append(mark);
        }
        mark.append(el);
      } else box.append(el);
    }
    const notes: HTMLElement[] = [];
    const scope = a.text?.scope;
    if (scope === "excerpt") notes.push(h("p", { class: "gl-src-note" }, t("sources.excerpt")));
    if (loc && !loc.exact)
      notes.push(
        h(
          "p",
          { class: "gl-src-note" },
          t("sources.nearest", {
            part: loc.found.length ? `(${loc.found.join(")(")})` : t("sources.wholeText"),
          }),
        ),
      );
    if (v.resolution.pinpoint.length && !loc)
      notes.push(h("p", { class: "gl-src-note" }, t("sources.pinpointMissing")));
    const provenance = provenanceBlock(a);
    if (provenance) notes.push(provenance);
    const wrap = h(
      "section",
      { class: "gl-src-textwrap" },
      h("h3", {}, t("sources.text")),
      box,
      ...notes,
    );
    if (mark) {
      const m = mark;
      requestAnimationFrame(() => {
        const top = m.getBoundingClientRect().top - box.getBoundingClientRect().top;
        box.scrollTop += top - 12;
      });
    }
    return wrap;
  }

  /// The side panel's refresh: the text or the annotations changed.
  refresh(): void {
    this.refreshPlaces();
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
        .map((l) => `${relationLabel(l.relation)}${l.pinpoint ? ` ${l.pinpoint}` : ""}`)
        .join(", ");
      places.push({
        from: range?.from ?? Number.POSITIVE_INFINITY,
        to: range?.to ?? Number.POSITIVE_INFINITY,
        paragraph: range ? paragraphAt(state, range.from) : null,
        label: `${has(`annotations.kinds.${a.kind}`) ? t(`annotations.kinds.${a.kind as "claim"}`) : a.kind} · ${rel}${range ? "" : ` · ${t("history.detached")}`}`,
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
        label: t("sources.cited"),
        quote: lineText(state.doc, c.from, c.to),
      });
    }
    places.sort((x, y) => x.from - y.from);
    if (!places.length) {
      this.places.replaceChildren(
        h("h3", {}, t("sources.inDocument")),
        h("p", { class: "gl-muted" }, t("sources.nothingRelies")),
      );
      return;
    }
    this.places.replaceChildren(
      h("h3", {}, t("sources.inDocumentN", { count: places.length })),
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
