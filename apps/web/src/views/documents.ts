import { capabilities, type Role } from "@glossa/protocol";
import { auth, request } from "../api.ts";
import { h } from "../dom.ts";
import { enableDropImport, importControls } from "./documentImport.ts";
import { relativeTime, renameInPlace } from "./rename.ts";

interface Person {
  id: string;
  name: string;
}

interface DocItem {
  id: string;
  title: string;
  createdAt: string;
  createdBy: Person | null;
  role: Role;
  mine: boolean;
  lastEditedAt: string | null;
  lastEditedBy: Person | null;
  sharedBy: Person | null;
  match?: "title" | "text";
  snippet?: { text: string; start: number; end: number };
}

interface TrashItem {
  id: string;
  title: string;
  deletedAt: string;
  deletedBy: Person | null;
  purgeAt: string;
}

/// Which documents the list shows.
type Tab = "all" | "mine" | "shared" | "trash";

const TABS: [Tab, string][] = [
  ["all", "All documents"],
  ["mine", "Mine"],
  ["shared", "Shared with me"],
  ["trash", "Trash"],
];

const EMPTY: Record<Tab, string> = {
  all: "No documents have been shared with you yet.",
  mine: "You do not own any documents yet.",
  shared: "Nobody has shared a document with you yet.",
  trash: "The trash is empty.",
};

/// The list of documents the person may open: "Mine", "Shared with me" and
/// the trash as tabs, a search over titles and text, and per document
/// rename, copy and move to the trash (with undo), each offered only to the
/// roles the server allows.
export function showDocuments(root: HTMLElement, navigate: (path: string) => void): () => void {
  const list = h(
    "ul",
    { class: "gl-doclist", "aria-live": "polite" },
    h("li", { class: "gl-muted" }, "Loading documents…"),
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
    h("h1", {}, "Documents"),
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
    placeholder: "Search titles and text",
    "aria-label": "Search documents by title or text",
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
  const tabs = TABS.map(([tab, label]) => {
    const b = h(
      "button",
      {
        type: "button",
        role: "tab",
        class: "gl-doc-tab",
        "data-tab": tab,
        "aria-selected": String(tab === state.tab),
      },
      label,
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
    h("div", { class: "gl-doc-tabs", role: "tablist", "aria-label": "Which documents" }, ...tabs),
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
  const params = new URLSearchParams({ scope: tab });
  if (query) params.set("q", query);
  try {
    const { documents } = await request<{ documents: DocItem[] }>(
      "GET",
      `/api/documents?${params}`,
    );
    list.replaceChildren(
      ...(documents.length
        ? documents.map((d) => documentRow(d, navigate, notice, refresh))
        : [h("li", { class: "gl-muted" }, query ? `No document matches “${query}”.` : EMPTY[tab])]),
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
  const edited = d.lastEditedAt
    ? `Edited ${relativeTime(d.lastEditedAt)}${d.lastEditedBy ? ` by ${personName(d.lastEditedBy)}` : ""}`
    : `Created ${relativeTime(d.createdAt)}${d.createdBy ? ` by ${personName(d.createdBy)}` : ""}`;
  const meta = h(
    "p",
    { class: "gl-doc-meta" },
    edited,
    d.sharedBy ? ` · Shared with you by ${d.sharedBy.name}` : "",
  );
  const titleBox = h("div", { class: "gl-doc-title-box" }, link);
  const main = h("div", { class: "gl-doc-main" }, titleBox, meta);
  if (d.snippet) main.append(snippet(d.snippet));
  const actions = h("div", { class: "gl-doc-actions" }, h("span", { class: "gl-role" }, d.role));
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
        "Rename",
      ),
    );
  }
  actions.append(
    h(
      "button",
      {
        type: "button",
        class: "gl-doc-duplicate",
        title: "Make your own copy, with its annotations",
        onclick: async () => {
          try {
            const copy = await request<{ title: string }>(
              "POST",
              `/api/documents/${d.id}/duplicate`,
              {},
            );
            say(notice, `“${copy.title}” was created. It is yours; nobody else can see it yet.`);
            refresh();
          } catch (err) {
            say(notice, (err as Error).message, true);
          }
        },
      },
      "Make a copy",
    ),
  );
  if (caps.delete) {
    actions.append(
      h(
        "button",
        {
          type: "button",
          class: "gl-doc-delete",
          onclick: () => confirmTrash(row, d, notice, refresh),
        },
        "Move to trash",
      ),
    );
  }
  return row;
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
      "aria-label": `Move “${d.title}” to the trash`,
    },
    h(
      "p",
      {},
      `Move “${d.title}” to the trash? Everyone it is shared with loses access at once. You can restore it from the trash for 30 days; after that it is deleted for good.`,
    ),
  );
  const yes = h(
    "button",
    { type: "button", class: "gl-danger gl-doc-confirm-yes" },
    "Move to trash",
  );
  const no = h("button", { type: "button", class: "gl-doc-confirm-no" }, "Keep it");
  yes.addEventListener("click", async () => {
    yes.disabled = true;
    try {
      await request("DELETE", `/api/documents/${d.id}`);
      const undo = h("button", { type: "button", class: "gl-link-button gl-doc-undo" }, "Undo");
      undo.addEventListener("click", async () => {
        try {
          await request("POST", `/api/trash/${d.id}/restore`);
          say(notice, `“${d.title}” was restored.`);
          refresh();
        } catch (err) {
          say(notice, (err as Error).message, true);
        }
      });
      say(notice, `“${d.title}” was moved to the trash. `, false, undo);
      refresh();
    } catch (err) {
      box.remove();
      say(notice, (err as Error).message, true);
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
    const { documents } = await request<{ documents: TrashItem[] }>("GET", "/api/trash");
    list.replaceChildren(
      ...(documents.length
        ? documents.map((d) => trashRow(d, notice, refresh))
        : [h("li", { class: "gl-muted" }, EMPTY.trash)]),
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
      h(
        "p",
        { class: "gl-doc-meta" },
        `Moved to the trash ${relativeTime(d.deletedAt)}${d.deletedBy ? ` by ${personName(d.deletedBy)}` : ""} · deleted for good on ${longDate(d.purgeAt)}`,
      ),
    ),
  );
  const restore = h("button", { type: "button", class: "gl-primary gl-doc-restore" }, "Restore");
  restore.addEventListener("click", async () => {
    try {
      await request("POST", `/api/trash/${d.id}/restore`);
      say(notice, `“${d.title}” was restored. Everyone it was shared with can open it again.`);
      refresh();
    } catch (err) {
      say(notice, (err as Error).message, true);
    }
  });
  const forever = h("button", { type: "button", class: "gl-doc-purge" }, "Delete for good");
  forever.addEventListener("click", () => {
    if (row.querySelector(".gl-doc-confirm")) return;
    const yes = h("button", { type: "button", class: "gl-danger" }, "Delete for good");
    const no = h("button", { type: "button" }, "Keep it");
    const box = h(
      "div",
      { class: "gl-doc-confirm", role: "alertdialog" },
      h(
        "p",
        {},
        `Delete “${d.title}” for good? Its text, annotations and versions are erased and cannot be recovered.`,
      ),
      h("div", { class: "gl-actions" }, yes, no),
    );
    no.addEventListener("click", () => box.remove());
    yes.addEventListener("click", async () => {
      try {
        await request("DELETE", `/api/trash/${d.id}`);
        say(notice, `“${d.title}” was deleted for good.`);
        refresh();
      } catch (err) {
        say(notice, (err as Error).message, true);
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

function personName(p: Person): string {
  return p.id === auth.me?.id ? "you" : p.name;
}

function longDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: "long" });
}

function say(notice: HTMLElement, message: string, error = false, ...extra: Node[]): void {
  notice.replaceChildren(
    h("p", { class: error ? "gl-banner gl-banner-error" : "gl-banner" }, message, ...extra),
  );
}

function showError(list: HTMLElement, err: Error): void {
  list.replaceChildren(h("li", { class: "gl-banner gl-banner-error", role: "alert" }, err.message));
}
