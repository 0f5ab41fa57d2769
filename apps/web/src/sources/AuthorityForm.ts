import type { RouteBody } from "@glossa/api";
import type { Authority } from "@glossa/sources";
import { api } from "../api.ts";
import { FORMS_CHANGED } from "../citations/teamForms.ts";
import { h } from "../dom.ts";
import { errorText, t } from "../i18n/index.ts";
import { forgetSource, kindLabel } from "./directory.ts";

let forms = 0;

/// The kinds a team adds, most common first.
const KINDS = [
  "case",
  "filing",
  "exhibit",
  "report",
  "statute",
  "regulation",
  "treaty",
  "soft-law",
  "foreign-statute",
  "other",
] as const;

/// What the form starts from: a new authority (perhaps with the citation
/// the person searched for) or a team authority to edit.
export type AuthorityFormStart =
  | { mode: "add"; citation?: string }
  | { mode: "edit"; authority: Authority };

/// The plain text of an authority's text tree, paragraphs separated by blank lines.
function plain(a: Authority): string {
  const t = a.text;
  if (!t) return "";
  const paras: string[] = [];
  if (t.intro) paras.push(t.intro);
  const walk = (nodes: NonNullable<Authority["text"]>["nodes"]) => {
    for (const n of nodes) {
      if (n.text) paras.push(n.text);
      if (n.children) walk(n.children);
    }
  };
  walk(t.nodes);
  return paras.join("\n\n");
}

/// The citation a team authority was added with, as the form shows it: a
/// case's canonical form without its name and parenthetical.
function citationOf(a: Authority): string {
  if (a.canonical === a.title) return "";
  if (a.kind === "case" && a.caseName && a.canonical.startsWith(`${a.caseName}, `))
    return a.canonical.slice(a.caseName.length + 2).replace(/\s*\([^)]*\)\s*$/, "");
  return a.canonical;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/// One labelled control of the form, with its hint.
function labelled(id: string, name: string, label: string, control: Control, hint?: string) {
  control.id = `${id}-${name}`;
  control.name = name;
  return h(
    "div",
    { class: "gl-auth-field" },
    h("label", { for: control.id }, label),
    control,
    hint ? h("span", { class: "gl-muted gl-auth-hint", id: `${control.id}-hint` }, hint) : null,
  );
}

/// The form's controls, filled from the authority being edited (or the
/// citation searched for).
interface Controls {
  kind: HTMLSelectElement;
  citation: HTMLInputElement;
  title: HTMLInputElement;
  court: HTMLInputElement;
  date: HTMLInputElement;
  url: HTMLInputElement;
  shortForms: HTMLTextAreaElement;
  text: HTMLTextAreaElement;
}

function controls(id: string, start: AuthorityFormStart): Controls {
  const a = start.mode === "edit" ? start.authority : null;
  const kind = h("select", {});
  for (const k of KINDS) {
    const o = h("option", { value: k }, kindLabel(k));
    if ((a?.kind ?? "case") === k) o.selected = true;
    kind.append(o);
  }
  if (a && !KINDS.includes(a.kind as (typeof KINDS)[number]))
    kind.append(h("option", { value: a.kind, selected: true }, kindLabel(a.kind)));
  const citation = h("input", {
    type: "text",
    autocomplete: "off",
    maxlength: "300",
    "aria-describedby": `${id}-citation-hint`,
  });
  citation.value = a ? citationOf(a) : (start.mode === "add" ? start.citation : "") || "";
  const title = h("input", {
    type: "text",
    required: true,
    maxlength: "500",
    autocomplete: "off",
  });
  title.value = a?.caseName ?? a?.title ?? "";
  const court = h("input", { type: "text", maxlength: "200", autocomplete: "off" });
  court.value = a?.court ?? "";
  const date = h("input", {
    type: "text",
    maxlength: "10",
    placeholder: t("curation.datePlaceholder"),
    autocomplete: "off",
  });
  date.value = a?.date ?? "";
  const url = h("input", { type: "url", maxlength: "2000", autocomplete: "off" });
  url.value = a?.urls[0]?.url ?? "";
  const shortForms = h("textarea", {
    rows: "2",
    maxlength: "500",
    "aria-describedby": `${id}-forms-hint`,
  });
  shortForms.value = (a?.citationForms ?? []).join("\n");
  const text = h("textarea", { rows: "5", maxlength: "100000" });
  text.value = a ? plain(a) : "";
  return { kind, citation, title, court, date, url, shortForms, text };
}

/// What the form sends: an edit's fields (null clears one); a new
/// authority's are the same without nulls.
type AuthorityBody = RouteBody<"PATCH /api/sources/:key">;

/// The request's body from the controls: an emptied field of an edited
/// authority is sent as null (cleared), of a new one left out.
function bodyOf(c: Controls, a: Authority | null): AuthorityBody {
  const body: AuthorityBody = {
    kind: c.kind.value,
    title: c.title.value.trim(),
  };
  const put = (k: "url" | "text" | "date" | "court", v: string) => {
    const s = v.trim();
    if (s) body[k] = s;
    else if (a) body[k] = null;
  };
  put("url", c.url.value);
  put("text", c.text.value);
  put("date", c.date.value);
  if (c.kind.value === "case") put("court", c.court.value);
  const short = c.shortForms.value
    .split("\n")
    .map((f) => f.trim())
    .filter(Boolean);
  if (short.length) body.citationForms = short;
  else if (a?.citationForms?.length) body.citationForms = null;
  if (c.citation.value.trim()) body.citation = c.citation.value.trim();
  else if (a && citationOf(a)) body.canonical = c.title.value.trim();
  return body;
}

/// A form to add a team authority (citation, title, kind, URL, text) or to
/// edit one; the server checks the role and validates, and its message is
/// shown as text. `onDone` receives the saved authority.
export class AuthorityForm {
  readonly element: HTMLFormElement;
  private readonly error: HTMLElement;
  private readonly save: HTMLButtonElement;

  constructor(
    start: AuthorityFormStart,
    private readonly opts: {
      onDone: (authority: Authority) => void;
      onCancel: () => void;
    },
  ) {
    const id = `gl-auth-form-${++forms}`;
    const a = start.mode === "edit" ? start.authority : null;
    const field = (name: string, label: string, control: Control, hint?: string) =>
      labelled(id, name, label, control, hint);
    const c = controls(id, start);
    this.error = h("p", { class: "gl-banner gl-banner-error", role: "alert", hidden: true });
    this.save = h(
      "button",
      { type: "submit", class: "gl-auth-save" },
      a ? t("sources.form.save") : t("sources.form.add"),
    );
    this.element = h(
      "form",
      {
        class: "gl-auth-form gl-links-form",
        "aria-label": a
          ? t("sources.form.editLabel", { title: a.title })
          : t("sources.form.heading"),
        novalidate: true,
      },
      h(
        "h3",
        { class: "gl-auth-heading" },
        a ? t("sources.form.editHeading") : t("sources.form.heading"),
      ),
      field("kind", t("sources.form.kind"), c.kind),
      field("citation", t("sources.form.citation"), c.citation, t("sources.form.citationHint")),
      field("title", t("sources.form.title"), c.title),
      field("court", t("sources.form.court"), c.court),
      field("date", t("sources.form.date"), c.date),
      field("url", t("sources.form.url"), c.url),
      field("forms", t("citations.forms.label"), c.shortForms, t("citations.forms.hint")),
      field("text", t("sources.text"), c.text),
      this.error,
      h(
        "div",
        { class: "gl-auth-actions" },
        this.save,
        h(
          "button",
          { type: "button", class: "gl-auth-cancel", onclick: () => opts.onCancel() },
          t("common.cancel"),
        ),
      ),
    );
    const sync = () => {
      c.court.parentElement!.hidden = c.kind.value !== "case";
    };
    c.kind.addEventListener("change", sync);
    sync();
    this.element.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.submit(a, bodyOf(c, a));
    });
    queueMicrotask(() => (a ? c.title : c.citation).focus());
  }

  private async submit(a: Authority | null, body: AuthorityBody): Promise<void> {
    this.error.hidden = true;
    this.save.disabled = true;
    try {
      const res = a
        ? await api("PATCH /api/sources/:key", { key: a.key, body })
        : await api("POST /api/sources", { body: body as RouteBody<"POST /api/sources"> });
      forgetSource(res.authority.key);
      document.dispatchEvent(new Event(FORMS_CHANGED));
      // The server answers the catalog's Authority it stored.
      this.opts.onDone(res.authority as Authority);
    } catch (err) {
      this.error.textContent = errorText(err);
      this.error.hidden = false;
    } finally {
      this.save.disabled = false;
    }
  }
}
