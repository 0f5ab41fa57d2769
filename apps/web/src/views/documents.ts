import { auth, request } from "../api.ts";
import { h } from "../dom.ts";
import { enableDropImport, importControls } from "./documentImport.ts";

interface DocItem {
  id: string;
  title: string;
  createdAt: string;
  role: string;
}

/// The list of documents the person may open.
export function showDocuments(root: HTMLElement, navigate: (path: string) => void): () => void {
  const imports = importControls(navigate, () => load());
  const list = h(
    "ul",
    { class: "gl-doclist" },
    h("li", { class: "gl-muted" }, "Loading documents…"),
  );
  const main = h(
    "main",
    { class: "gl-page" },
    h("h1", {}, "Documents"),
    imports.bar,
    imports.status,
    list,
  );
  enableDropImport(main, imports.importFiles);
  root.append(
    h(
      "div",
      { class: "gl-shell" },
      h(
        "header",
        { class: "gl-topbar" },
        h("span", { class: "gl-brand" }, "Glossa"),
        h("span", { class: "gl-spacer" }),
        h("span", { class: "gl-muted" }, auth.me?.name ?? ""),
      ),
      main,
    ),
  );
  load();
  return () => {};

  function load() {
    request<{ documents: DocItem[] }>("GET", "/api/documents").then(
      ({ documents }) => {
        list.replaceChildren(
          ...(documents.length
            ? documents.map((d) =>
                h(
                  "li",
                  {},
                  h(
                    "a",
                    {
                      href: `/d/${d.id}`,
                      onclick: (e: Event) => {
                        e.preventDefault();
                        navigate(`/d/${d.id}`);
                      },
                    },
                    d.title,
                  ),
                  h("span", { class: "gl-role" }, d.role),
                ),
              )
            : [h("li", { class: "gl-muted" }, "No documents have been shared with you yet.")]),
        );
      },
      (err: Error) =>
        list.replaceChildren(
          h("li", { class: "gl-banner gl-banner-error", role: "alert" }, err.message),
        ),
    );
  }
}
