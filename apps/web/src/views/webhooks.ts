import type {
  DeliveryListBody,
  DocumentListBody,
  WebhookCreatedBody,
  WebhookListBody,
} from "@glossa/api";
import { request } from "../api.ts";
import { h } from "../dom.ts";

const when = (iso: string) => new Date(iso).toLocaleString();

/// The Account page's "Webhooks" section: the person's webhooks with their
/// recent deliveries (status, attempts, last answer), delete, and a form
/// that registers one and shows its signing secret once.
export function webhooksSection(): HTMLElement {
  const list = h("ul", { class: "gl-list", "data-testid": "webhooks" });
  const note = h("p", { class: "gl-form-note", role: "status" });
  const shown = h("div", { "data-testid": "new-webhook" });
  const events = h("fieldset", {}, h("legend", {}, "Events"));
  const boxes: HTMLInputElement[] = [];
  const deliveries = (id: string) => {
    const out = h("ul", { class: "gl-muted", "data-testid": "deliveries" });
    request<DeliveryListBody>("GET", `/api/webhooks/${encodeURIComponent(id)}/deliveries`).then(
      ({ deliveries: ds }) =>
        out.replaceChildren(
          ...ds
            .slice(0, 10)
            .map((d) =>
              h(
                "li",
                {},
                `${when(d.createdAt)} · ${d.event} · ${d.status} · ${d.attempts} attempt(s)` +
                  `${d.lastStatus ? ` · answered ${d.lastStatus}` : ""}${d.lastError ? ` · ${d.lastError}` : ""}`,
              ),
            ),
        ),
    );
    return out;
  };
  const load = () =>
    request<WebhookListBody>("GET", "/api/webhooks").then(({ webhooks, events: names }) => {
      if (boxes.length === 0) {
        for (const name of names) {
          const box = h("input", { type: "checkbox", value: name });
          boxes.push(box);
          events.append(h("label", {}, box, ` ${name}`));
        }
      }
      list.replaceChildren(
        ...webhooks.map((w) =>
          h(
            "li",
            {},
            h(
              "span",
              {},
              w.url,
              h(
                "span",
                { class: "gl-muted" },
                ` · ${w.documentId ? "one document" : "all your documents"} · ${w.events.join(", ")}`,
              ),
            ),
            h(
              "button",
              {
                type: "button",
                onclick: async () => {
                  await request("DELETE", `/api/webhooks/${encodeURIComponent(w.id)}`);
                  void load();
                },
              },
              "Delete",
            ),
            deliveries(w.id),
          ),
        ),
      );
    });
  const url = h("input", { type: "url", required: true, placeholder: "https://…" });
  const scope = h("select", {}, h("option", { value: "" }, "All documents you own"));
  request<DocumentListBody>("GET", "/api/documents?scope=mine").then(({ documents }) => {
    for (const d of documents) scope.append(h("option", { value: d.id }, d.title));
  });
  void load();
  return h(
    "section",
    { class: "gl-section", "data-testid": "webhooks-section" },
    h("h2", {}, "Webhooks"),
    h(
      "p",
      { class: "gl-hint" },
      "Glossa can tell another system when annotations, versions or sharing change in documents " +
        "you own, with a signed request to an address you choose.",
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
          try {
            const made = await request<WebhookCreatedBody>("POST", "/api/webhooks", {
              url: url.value,
              events: boxes.filter((b) => b.checked).map((b) => b.value),
              documentId: scope.value || null,
            });
            const out = h("input", { type: "text", readonly: true, value: made.secret });
            shown.append(h("p", { class: "gl-hint" }, "The signing secret, shown only once:"), out);
            url.value = "";
            void load();
          } catch (err) {
            note.textContent = (err as Error).message;
          }
        },
      },
      h("label", {}, "Address", url),
      h("label", {}, "Documents", scope),
      events,
      note,
      h("button", { type: "submit" }, "Add webhook"),
    ),
    shown,
  );
}
