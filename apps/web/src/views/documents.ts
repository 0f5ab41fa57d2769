import type { RouteAnswer } from "@glossa/api";
import { capabilities } from "@glossa/protocol";
import { api, auth } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, language, t } from "../i18n/index.ts";
import { enableDropImport, importControls } from "./documentImport.ts";
import { relativeTime, renameInPlace } from "./rename.ts";

type DocItem = RouteAnswer<"GET /api/documents">["documents"][number];
type TrashItem = RouteAnswer<"GET /api/trash">["documents"][number];
type Person = NonNullable<DocItem["createdBy"]>;

/// Which documents the list shows.
type Tab = "all" | "mine" | "shared" | "trash";

const TABS: Tab[] = ["all", "mine", "shared", "trash"];

/// The list of documents the person may open: "Mine", "Shared with me" and
/// the trash as tabs, a search over titles and text, and per document
/// rename, copy and move to the trash (with undo), each offered only to the
/// roles the server allows.
export function showDocuments(root: HTMLElement, navigate: (path: string) => void): () => void {
  const list = h(
    "ul",
    { class: "gl-doclist", "aria-live": "polite" },
    h("li", { class: "gl-muted" }, t("documents.loading")),
  );
  const notice = h("div", { class: "gl-doc-notice", role: "status" });
  const state = { tab: "all" as Tab, query: "" };
  const refresh = () => {
    void (state.tab === "trash"
      ? loadTrash(list, notice, refresh)
      : loadDocuments(list, state.tab, state.query, navigate, notice, refresh));
  };
  // New document, Import… and files dropped anywhere on the page.
  const imports = importControls(navigate, refresh);
  const main = h(
    "main",
    { class: "gl-page" },
    h("h1", {}, t("documents.title")),
    imports.bar,
    imports.status,
    documentTools(state, refresh),
    notice,
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
  refresh();
  return () => {};
}

/// The tabs and the search box above the list.
function documentTools(state: { tab: Tab; query: string }, refresh: () => void): HTMLElement {
  const search = h("input", {
    type: "search",
    class: "gl-doc-search",
    name: "q",
    placeholder: t("documents.searchPlaceholder"),
    "aria-label": t("documents.searchLabel"),
    maxlength: "200",
  });
  let timer: ReturnType<typeof setTimeout> | null = null;
  search.addEventListener("input", () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      state.query = search.value.trim();
      refresh();
    }, 250);
  });
  const tabs = TABS.map((tab) => {
    const b = h(
      "button",
      {
        type: "button",
        role: "tab",
        class: "gl-doc-tab",
        "data-tab": tab,
        "aria-selected": String(tab === state.tab),
      },
      t(`documents.tabs.${tab}`),
    );
    b.addEventListener("click", () => {
      state.tab = tab;
      for (const t of tabs) t.setAttribute("aria-selected", String(t === b));
      search.disabled = tab === "trash";
      refresh();
    });
    return b;
  });
  return h(
    "div",
    { class: "gl-doc-tools" },
    h(
      "div",
      { class: "gl-doc-tabs", role: "tablist", "aria-label": t("documents.which") },
      ...tabs,
    ),
    search,
  );
}

async function loadDocuments(
  list: HTMLElement,
  tab: Exclude<Tab, "trash">,
  query: string,
  navigate: (path: string) => void,
  notice: HTMLElement,
  refresh: () => void,
): Promise<void> {
  try {
    const { documents } = await api("GET /api/documents", {
      query: { scope: tab, q: query || undefined },
    });
    list.replaceChildren(
      ...(documents.length
        ? documents.map((d) => documentRow(d, navigate, notice, refresh))
        : [
            h(
              "li",
              { class: "gl-muted" },
              query ? t("documents.noMatch", { query }) : t(`documents.empty.${tab}`),
            ),
          ]),
    );
  } catch (err) {
    showError(list, err as Error);
  }
}

/// One document: its title (a link), who edited it last and when, and the
/// actions the person's role allows.
function documentRow(
  d: DocItem,
  navigate: (path: string) => void,
  notice: HTMLElement,
  refresh: () => void,
): HTMLElement {
  const caps = capabilities(d.role);
  const link = h(
    "a",
    {
      href: `/d/${d.id}`,
      class: "gl-doc-link",
      onclick: (e: Event) => {
        e.preventDefault();
        navigate(`/d/${d.id}`);
      },
    },
    d.title,
  );
  const meta = h(
    "p",
    { class: "gl-doc-meta" },
    editedLine(d),
    d.sharedBy ? ` · ${t("documents.sharedBy", { name: d.sharedBy.name })}` : "",
  );
  const titleBox = h("div", { class: "gl-doc-title-box" }, link);
  const main = h("div", { class: "gl-doc-main" }, titleBox, meta);
  if (d.snippet) main.append(snippet(d.snippet));
  const actions = h(
    "div",
    { class: "gl-doc-actions" },
    h("span", { class: "gl-role" }, t(`roles.${d.role}`)),
  );
  const row = h("li", { "data-doc-id": d.id, "data-title": d.title }, main, actions);
  if (caps.rename) {
    actions.append(
      h(
        "button",
        {
          type: "button",
          class: "gl-doc-rename",
          onclick: () =>
            renameInPlace(titleBox, link, d.id, d.title, (title) => {
              d.title = title;
              link.textContent = title;
              row.dataset.title = title;
            }),
        },
        t("documents.rename"),
      ),
    );
  }
  actions.append(copyButton(d, notice, refresh));
  if (caps.delete) {
    actions.append(
      h(
        "button",
        {
          type: "button",
          class: "gl-doc-delete",
          onclick: () => confirmTrash(row, d, notice, refresh),
        },
        t("documents.moveToTrash"),
      ),
    );
  }
  return row;
}

/// "Edited 5 minutes ago by Ana", or when and by whom it was created.
function editedLine(d: DocItem): string {
  return d.lastEditedAt
    ? d.lastEditedBy
      ? t("documents.editedBy", {
          when: relativeTime(d.lastEditedAt),
          who: personName(d.lastEditedBy),
        })
      : t("documents.edited", { when: relativeTime(d.lastEditedAt) })
    : d.createdBy
      ? t("documents.createdBy", { when: relativeTime(d.createdAt), who: personName(d.createdBy) })
      : t("documents.created", { when: relativeTime(d.createdAt) });
}

/// "Make a copy": asks the server for a copy, then lists the documents again.
function copyButton(d: DocItem, notice: HTMLElement, refresh: () => void): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      class: "gl-doc-duplicate",
      title: t("documents.copyTitle"),
      onclick: async () => {
        try {
          const copy = await api("POST /api/documents/:id/duplicate", { id: d.id, body: {} });
          say(notice, t("documents.copied", { title: copy.title }));
          refresh();
        } catch (err) {
          say(notice, errorText(err), true);
        }
      },
    },
    t("documents.copy"),
  );
}

/// Asks before moving a document to the trash, saying what it means for
/// the people it is shared with; afterwards offers to undo.
function confirmTrash(row: HTMLElement, d: DocItem, notice: HTMLElement, refresh: () => void) {
  if (row.querySelector(".gl-doc-confirm")) return;
  const box = h(
    "div",
    {
      class: "gl-doc-confirm",
      role: "alertdialog",
      "aria-label": t("documents.trashLabel", { title: d.title }),
    },
    h("p", {}, t("documents.trashConfirm", { title: d.title })),
  );
  const yes = h(
    "button",
    { type: "button", class: "gl-danger gl-doc-confirm-yes" },
    t("documents.moveToTrash"),
  );
  const no = h("button", { type: "button", class: "gl-doc-confirm-no" }, t("documents.keep"));
  yes.addEventListener("click", async () => {
    yes.disabled = true;
    try {
      await api("DELETE /api/documents/:id", { id: d.id });
      const undo = h(
        "button",
        { type: "button", class: "gl-link-button gl-doc-undo" },
        t("documents.undo"),
      );
      undo.addEventListener("click", async () => {
        try {
          await api("POST /api/trash/:id/restore", { id: d.id });
          say(notice, t("documents.restored", { title: d.title }));
          refresh();
        } catch (err) {
          say(notice, errorText(err), true);
        }
      });
      say(notice, `${t("documents.trashed", { title: d.title })} `, false, undo);
      refresh();
    } catch (err) {
      box.remove();
      say(notice, errorText(err), true);
    }
  });
  no.addEventListener("click", () => box.remove());
  box.append(h("div", { class: "gl-actions" }, yes, no));
  row.append(box);
  no.focus();
}

/// The trash: documents the person owns that were deleted, with restore
/// and delete for good.
async function loadTrash(list: HTMLElement, notice: HTMLElement, refresh: () => void) {
  try {
    const { documents } = await api("GET /api/trash");
    list.replaceChildren(
      ...(documents.length
        ? documents.map((d) => trashRow(d, notice, refresh))
        : [h("li", { class: "gl-muted" }, t("documents.empty.trash"))]),
    );
  } catch (err) {
    showError(list, err as Error);
  }
}

function trashRow(d: TrashItem, notice: HTMLElement, refresh: () => void): HTMLElement {
  const row = h(
    "li",
    { "data-doc-id": d.id, "data-title": d.title },
    h(
      "div",
      { class: "gl-doc-main" },
      h("span", { class: "gl-doc-trashed-title" }, d.title),
      h("p", { class: "gl-doc-meta" }, trashedLine(d)),
    ),
  );
  const restore = h(
    "button",
    { type: "button", class: "gl-primary gl-doc-restore" },
    t("documents.restore"),
  );
  restore.addEventListener("click", async () => {
    try {
      await api("POST /api/trash/:id/restore", { id: d.id });
      say(notice, t("documents.restoredShared", { title: d.title }));
      refresh();
    } catch (err) {
      say(notice, errorText(err), true);
    }
  });
  const forever = h("button", { type: "button", class: "gl-doc-purge" }, t("documents.purge"));
  forever.addEventListener("click", () => {
    if (row.querySelector(".gl-doc-confirm")) return;
    const yes = h("button", { type: "button", class: "gl-danger" }, t("documents.purge"));
    const no = h("button", { type: "button" }, t("documents.keep"));
    const box = h(
      "div",
      { class: "gl-doc-confirm", role: "alertdialog" },
      h("p", {}, t("documents.purgeConfirm", { title: d.title })),
      h("div", { class: "gl-actions" }, yes, no),
    );
    no.addEventListener("click", () => box.remove());
    yes.addEventListener("click", async () => {
      try {
        await api("DELETE /api/trash/:id", { id: d.id });
        say(notice, t("documents.purged", { title: d.title }));
        refresh();
      } catch (err) {
        say(notice, errorText(err), true);
      }
    });
    row.append(box);
    no.focus();
  });
  row.append(h("div", { class: "gl-doc-actions" }, restore, forever));
  return row;
}

/// The words around a text match, the match highlighted (as text, not HTML).
function snippet(s: NonNullable<DocItem["snippet"]>): HTMLElement {
  return h(
    "p",
    { class: "gl-doc-snippet" },
    s.text.slice(0, s.start),
    h("mark", {}, s.text.slice(s.start, s.end)),
    s.text.slice(s.end),
  );
}

/// When and by whom a document was moved to the trash, and when it goes for good.
function trashedLine(d: TrashItem): string {
  const when = d.deletedAt ? relativeTime(d.deletedAt) : "";
  const trashed = d.deletedBy
    ? t("documents.trashedWhenBy", { when, who: personName(d.deletedBy) })
    : t("documents.trashedWhen", { when });
  return d.purgeAt
    ? `${trashed} · ${t("documents.purgeOn", { date: longDate(d.purgeAt) })}`
    : trashed;
}

function personName(p: Person): string {
  return p.id === auth.me?.id ? t("common.you") : p.name;
}

function longDate(iso: string): string {
  return new Date(iso).toLocaleDateString(language(), { dateStyle: "long" });
}

function say(notice: HTMLElement, message: string, error = false, ...extra: Node[]): void {
  notice.replaceChildren(
    h("p", { class: error ? "gl-banner gl-banner-error" : "gl-banner" }, message, ...extra),
  );
}

function showError(list: HTMLElement, err: Error): void {
  list.replaceChildren(
    h("li", { class: "gl-banner gl-banner-error", role: "alert" }, errorText(err)),
  );
}
