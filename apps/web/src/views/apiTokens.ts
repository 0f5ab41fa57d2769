import type { RouteAnswer } from "@glossa/api";
import type { Role } from "@glossa/protocol";
import { api } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, fmt, t } from "../i18n/index.ts";

/// Bodies typed from the server's own schemas (packages/api), not re-declared.
type TokenItem = RouteAnswer<"GET /api/tokens">["tokens"][number];

const when = (iso: string) => fmt.dateTime(iso);

/// A token's limits and use, in the person's language.
function tokenFacts(tok: TokenItem): string {
  return [
    t("integrations.tokens.ceiling", {
      role: t(`roles.${tok.ceiling}`).toLowerCase(),
    }),
    tok.documents
      ? t("integrations.tokens.documents", { count: tok.documents.length })
      : t("integrations.tokens.allDocuments"),
    tok.lastUsedAt
      ? t("integrations.tokens.lastUsed", { when: when(tok.lastUsedAt) })
      : t("integrations.tokens.neverUsed"),
    ...(tok.expiresAt ? [t("integrations.tokens.expires", { when: when(tok.expiresAt) })] : []),
  ].join(" · ");
}

/// The Account page's "API tokens" section: the person's tokens (revoke
/// each), and a form that makes one — named, limited to chosen documents
/// and a highest role, with an optional expiry — and shows it once.
export function apiTokensSection(): HTMLElement {
  const list = h("ul", { class: "gl-list", "data-testid": "api-tokens" });
  const load = (): Promise<void> =>
    api("GET /api/tokens").then(({ tokens }) =>
      list.replaceChildren(
        ...tokens.filter((tok) => !tok.revokedAt).map((tok) => tokenRow(tok, load)),
      ),
    );
  const shown = h("div", { "data-testid": "new-token" });
  void load();
  return h(
    "section",
    { class: "gl-section", "data-testid": "api-tokens-section" },
    h("h2", {}, t("integrations.tokens.title")),
    h("p", { class: "gl-hint" }, t("integrations.tokens.hint")),
    list,
    tokenForm(shown, load),
    shown,
  );
}

/// One live token: its name and facts, and Revoke.
function tokenRow(tok: TokenItem, load: () => Promise<void>): HTMLElement {
  return h(
    "li",
    {},
    h("span", {}, tok.name, h("span", { class: "gl-muted" }, ` · ${tokenFacts(tok)}`)),
    h(
      "button",
      {
        type: "button",
        onclick: async () => {
          await api("DELETE /api/tokens/:id", { id: tok.id });
          void load();
        },
      },
      t("integrations.tokens.revoke"),
    ),
  );
}

/// Creating a token: name, role, documents (all, or those ticked), expiry;
/// the new token is shown once, in `shown`, selected for copying.
function tokenForm(shown: HTMLElement, load: () => Promise<void>): HTMLFormElement {
  const note = h("p", { class: "gl-form-note", role: "status" });
  const name = h("input", { type: "text", maxlength: "100", required: true });
  const role = h(
    "select",
    {},
    ...(["viewer", "annotator", "editor", "owner"] as const).map((r) =>
      h("option", { value: r, selected: r === "annotator" }, t(`roles.${r}`)),
    ),
  );
  const days = h(
    "select",
    {},
    h("option", { value: "" }, t("integrations.tokens.never")),
    ...["30", "90", "365"].map((d) =>
      h("option", { value: d }, t("integrations.tokens.inDays", { count: Number(d) })),
    ),
  );
  const docs = h(
    "fieldset",
    { class: "gl-token-docs" },
    h("legend", {}, t("integrations.tokens.documentsLegend")),
  );
  const all = h("input", { type: "checkbox", checked: true });
  docs.append(h("label", {}, all, ` ${t("integrations.tokens.all")}`));
  const picks: HTMLInputElement[] = [];
  api("GET /api/documents", { query: { scope: "all" } }).then(({ documents }) => {
    for (const d of documents) {
      const box = h("input", { type: "checkbox", value: d.id });
      picks.push(box);
      docs.append(h("label", {}, box, ` ${d.title}`));
    }
  });
  return h(
    "form",
    {
      class: "gl-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        note.textContent = "";
        shown.replaceChildren();
        const chosen = picks.filter((p) => p.checked).map((p) => p.value);
        try {
          const made = await api("POST /api/tokens", {
            body: {
              name: name.value,
              role: role.value as Role,
              documents: all.checked ? null : chosen,
              expiresAt: days.value
                ? new Date(Date.now() + Number(days.value) * 86_400_000).toISOString()
                : null,
            },
          });
          const out = h("input", { type: "text", readonly: true, value: made.token });
          shown.append(h("p", { class: "gl-hint" }, t("integrations.tokens.copyNow")), out);
          out.select();
          name.value = "";
          void load();
        } catch (err) {
          note.textContent = errorText(err);
        }
      },
    },
    h("label", {}, t("integrations.tokens.name"), name),
    h("label", {}, t("integrations.tokens.role"), role),
    docs,
    h("label", {}, t("integrations.tokens.expiry"), days),
    note,
    h("button", { type: "submit" }, t("integrations.tokens.create")),
  );
}
