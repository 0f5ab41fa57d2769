import type { RouteAnswer } from "@glossa/api";
import { api } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, fmt, t } from "../i18n/index.ts";

const when = (iso: string) => fmt.dateTime(iso);

/// The Account page's "Webhooks" section: the person's webhooks with their
/// recent deliveries (status, attempts, last answer), delete, and a form
/// that registers one and shows its signing secret once.
export function webhooksSection(): HTMLElement {
  const list = h("ul", { class: "gl-list", "data-testid": "webhooks" });
  const note = h("p", { class: "gl-form-note", role: "status" });
  const shown = h("div", { "data-testid": "new-webhook" });
  const events = h("fieldset", {}, h("legend", {}, t("integrations.webhooks.events")));
  const boxes: HTMLInputElement[] = [];
  const load = (): Promise<void> =>
    api("GET /api/webhooks").then(({ webhooks, events: names }) => {
      if (boxes.length === 0) {
        for (const name of names) {
          const box = h("input", { type: "checkbox", value: name });
          boxes.push(box);
          events.append(h("label", {}, box, ` ${name}`));
        }
      }
      list.replaceChildren(...webhooks.map((w) => webhookRow(w, load)));
    });
  const url = h("input", { type: "url", required: true, placeholder: "https://…" });
  const scope = h("select", {}, h("option", { value: "" }, t("integrations.webhooks.allOwned")));
  api("GET /api/documents", { query: { scope: "mine" } }).then(({ documents }) => {
    for (const d of documents) scope.append(h("option", { value: d.id }, d.title));
  });
  void load();
  return h(
    "section",
    { class: "gl-section", "data-testid": "webhooks-section" },
    h("h2", {}, t("integrations.webhooks.title")),
    h("p", { class: "gl-hint" }, t("integrations.webhooks.hint")),
    list,
    h(
      "form",
      {
        class: "gl-form",
        onsubmit: async (e: Event) => {
          e.preventDefault();
          note.textContent = "";
          shown.replaceChildren();
          try {
            const made = await api("POST /api/webhooks", {
              body: {
                url: url.value,
                events: boxes.filter((b) => b.checked).map((b) => b.value),
                documentId: scope.value || null,
              },
            });
            const out = h("input", { type: "text", readonly: true, value: made.secret });
            shown.append(h("p", { class: "gl-hint" }, t("integrations.webhooks.secret")), out);
            url.value = "";
            void load();
          } catch (err) {
            note.textContent = errorText(err);
          }
        },
      },
      h("label", {}, t("integrations.webhooks.address"), url),
      h("label", {}, t("integrations.webhooks.documents"), scope),
      events,
      note,
      h("button", { type: "submit" }, t("integrations.webhooks.add")),
    ),
    shown,
  );
}

/// One webhook: its address, scope and events, Delete, and its last deliveries.
function webhookRow(
  w: RouteAnswer<"GET /api/webhooks">["webhooks"][number],
  load: () => Promise<void>,
): HTMLElement {
  return h(
    "li",
    {},
    h(
      "span",
      {},
      w.url,
      h(
        "span",
        { class: "gl-muted" },
        ` · ${w.documentId ? t("integrations.webhooks.oneDocument") : t("integrations.webhooks.allDocuments")} · ${w.events.join(", ")}`,
      ),
    ),
    h(
      "button",
      {
        type: "button",
        onclick: async () => {
          await api("DELETE /api/webhooks/:id", { id: w.id });
          void load();
        },
      },
      t("integrations.webhooks.delete"),
    ),
    deliveries(w.id),
  );
}

/// A webhook's last ten deliveries: when, which event, how it went.
function deliveries(id: string): HTMLElement {
  const out = h("ul", { class: "gl-muted", "data-testid": "deliveries" });
  api("GET /api/webhooks/:id/deliveries", { id }).then(({ deliveries: ds }) =>
    out.replaceChildren(
      ...ds.slice(0, 10).map((d) =>
        h(
          "li",
          {},
          t("integrations.webhooks.delivery", {
            when: when(d.createdAt),
            event: d.event,
            status: d.status,
            attempts: t("integrations.webhooks.attempts", { count: d.attempts }),
          }) +
            `${d.lastStatus ? ` · ${t("integrations.webhooks.answered", { status: d.lastStatus })}` : ""}${d.lastError ? ` · ${d.lastError}` : ""}`,
        ),
      ),
    ),
  );
  return out;
}
