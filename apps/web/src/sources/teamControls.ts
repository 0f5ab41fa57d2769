import { api } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, language, t } from "../i18n/index.ts";
import { forgetSource, type SourceView } from "./directory.ts";

export interface TeamControlsContext {
  /// Opens the form to edit the authority.
  edit: () => void;
  /// Called once the authority was deleted.
  deleted: () => void;
  notify: (message: string, error?: boolean) => void;
}

/// Under a team authority in the source pane: who added it and when, and
/// Edit / Delete (a second, explicit click) when the server says this person
/// may change it (`mayChange`: the person who added it, the administrator);
/// otherwise a sentence saying who may. The server checks again.
export function teamControls(v: SourceView, ctx: TeamControlsContext): HTMLElement[] {
  const out: HTMLElement[] = [];
  const by = v.addedBy;
  const known = by && by.id !== "unknown";
  out.push(
    h(
      "p",
      { class: "gl-src-note gl-src-added" },
      known
        ? t("curation.addedBy", { who: by.name, date: day(v.addedAt) })
        : t("curation.addedByUnknown"),
    ),
  );
  if (v.mayChange) out.push(tools(v, ctx));
  else
    out.push(
      h(
        "p",
        { class: "gl-src-note gl-src-onlyadder" },
        known ? t("curation.onlyAdder", { who: by.name }) : t("curation.onlyAdmin"),
      ),
    );
  return out;
}

const day = (iso: string | undefined): string =>
  iso ? new Date(iso).toLocaleDateString(language(), { dateStyle: "long" }) : "";

/// Edit, and Delete after a second, explicit click.
function tools(v: SourceView, ctx: TeamControlsContext): HTMLElement {
  const a = v.authority;
  const confirm = h("div", { class: "gl-auth-confirm", hidden: true, role: "group" });
  const box = h(
    "div",
    { class: "gl-auth-tools" },
    h("button", { type: "button", class: "gl-auth-edit", onclick: ctx.edit }, t("common.edit")),
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
      t("sources.team.delete"),
    ),
    confirm,
  );
  confirm.append(
    h("p", {}, t("sources.team.deleteConfirm")),
    h(
      "button",
      {
        type: "button",
        class: "gl-auth-delete-confirm",
        onclick: async () => {
          try {
            await api("DELETE /api/sources/:key", { key: a.key });
            forgetSource(a.key);
            ctx.notify(t("sources.team.deleted", { title: a.title }));
            ctx.deleted();
          } catch (err) {
            ctx.notify(errorText(err), true);
          }
        },
      },
      t("common.delete"),
    ),
    h(
      "button",
      {
        type: "button",
        onclick: () => {
          confirm.hidden = true;
        },
      },
      t("documents.keep"),
    ),
  );
  return box;
}
