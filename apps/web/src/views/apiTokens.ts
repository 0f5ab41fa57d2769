import type { ApiTokenBody, ApiTokenCreatedBody, DocumentListBody } from "@glossa/api";
import { request } from "../api.ts";
import { h } from "../dom.ts";

/// Bodies typed from the server's own schemas (packages/api), not re-declared.
type TokenItem = ApiTokenBody;

const when = (iso: string) => new Date(iso).toLocaleString();

/// The Account page's "API tokens" section: the person's tokens (revoke
/// each), and a form that makes one — named, limited to chosen documents
/// and a highest role, with an optional expiry — and shows it once.
export function apiTokensSection(): HTMLElement {
  const list = h("ul", { class: "gl-list", "data-testid": "api-tokens" });
  const note = h("p", { class: "gl-form-note", role: "status" });
  const shown = h("div", { "data-testid": "new-token" });
  const load = () =>
    request<{ tokens: TokenItem[] }>("GET", "/api/tokens").then(({ tokens }) =>
      list.replaceChildren(
        ...tokens
          .filter((t) => !t.revokedAt)
          .map((t) =>
            h(
              "li",
              {},
              h(
                "span",
                {},
                t.name,
                h(
                  "span",
                  { class: "gl-muted" },
                  ` · at most ${t.ceiling} · ${t.documents ? `${t.documents.length} document(s)` : "all your documents"}` +
                    ` · ${t.lastUsedAt ? `last used ${when(t.lastUsedAt)}` : "never used"}` +
                    `${t.expiresAt ? ` · expires ${when(t.expiresAt)}` : ""}`,
                ),
              ),
              h(
                "button",
                {
                  type: "button",
                  onclick: async () => {
                    await request("DELETE", `/api/tokens/${encodeURIComponent(t.id)}`);
                    void load();
                  },
                },
                "Revoke",
              ),
            ),
          ),
      ),
    );
  const name = h("input", { type: "text", maxlength: "100", required: true });
  const role = h(
    "select",
    {},
    ...["viewer", "annotator", "editor", "owner"].map((r) =>
      h("option", { value: r, selected: r === "annotator" }, r),
    ),
  );
  const days = h(
    "select",
    {},
    h("option", { value: "" }, "never (until revoked)"),
    ...["30", "90", "365"].map((d) => h("option", { value: d }, `in ${d} days`)),
  );
  const docs = h("fieldset", { class: "gl-token-docs" }, h("legend", {}, "Documents"));
  const all = h("input", { type: "checkbox", checked: true });
  docs.append(h("label", {}, all, " All my documents, and new ones it creates"));
  const picks: HTMLInputElement[] = [];
  request<DocumentListBody>("GET", "/api/documents?scope=all").then(({ documents }) => {
    for (const d of documents) {
      const box = h("input", { type: "checkbox", value: d.id });
      picks.push(box);
      docs.append(h("label", {}, box, ` ${d.title}`));
    }
  });
  void load();
  return h(
    "section",
    { class: "gl-section", "data-testid": "api-tokens-section" },
    h("h2", {}, "API tokens"),
    h(
      "p",
      { class: "gl-hint" },
      "Scripts and other tools use a token instead of your password. A token acts for you, " +
        "limited to the documents and the highest role you choose; revoking it stops it at once.",
    ),
    list,
    h(
      "form",
      {
        class: "gl-form",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          note.textContent = "";
          shown.replaceChildren();
          const chosen = picks.filter((p) => p.checked).map((p) => p.value);
          try {
            const made = await request<ApiTokenCreatedBody>("POST", "/api/tokens", {
              name: name.value,
              role: role.value,
              documents: all.checked ? null : chosen,
              expiresAt: days.value
                ? new Date(Date.now() + Number(days.value) * 86_400_000).toISOString()
                : null,
            });
            const out = h("input", { type: "text", readonly: true, value: made.token });
            shown.append(
              h("p", { class: "gl-hint" }, "Copy the token now: it is shown only once."),
              out,
            );
            out.select();
            name.value = "";
            void load();
          } catch (err) {
            note.textContent = (err as Error).message;
          }
        },
      },
      h("label", {}, "Name (what it is for)", name),
      h("label", {}, "Highest role", role),
      docs,
      h("label", {}, "Expires", days),
      note,
      h("button", { type: "submit" }, "Create token"),
    ),
    shown,
  );
}
