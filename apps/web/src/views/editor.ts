import { CollabSession, type Peer, type SaveState } from "@glossa/collab";
import { annotationsPlugin, citationsPlugin, editorKeymap, textLockPlugin } from "@glossa/editor";
import { CloseEvents, capabilities, colorFor, type Role } from "@glossa/protocol";
import { schema } from "@glossa/schema";
import { keymap } from "prosemirror-keymap";
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { AnnotationsPanel } from "../annotations/AnnotationsPanel.ts";
import { auth, request } from "../api.ts";
import { CitationHover } from "../citations/CitationHover.ts";
import { h } from "../dom.ts";
import { paragraphNumbersPlugin, SourcesArea } from "../sources/index.ts";
import { HistoryView } from "../versions/HistoryView.ts";
import { dropIntoEmptyPlugin, uploadFile } from "./documentImport.ts";
import { renameInPlace } from "./rename.ts";
import { mountSharing } from "./share.ts";
import { topBar } from "./topbar.ts";

interface DocMeta {
  id: string;
  title: string;
  role: Role;
}

const STATUS_TEXT: Record<SaveState["status"], string> = {
  connecting: "Connecting…",
  saved: "All changes saved",
  saving: "Saving…",
  offline: "Offline — changes kept on this computer",
  error: "Not connected",
};

const ROLE_TEXT: Record<Role, string> = {
  owner: "Owner",
  editor: "Editor",
  annotator: "Annotator — you can annotate but not change the text",
  viewer: "Viewer — read only",
};

/// The editor: the document bound to its collaborators, who is present,
/// and whether changes are saved.
export function showEditor(
  root: HTMLElement,
  id: string,
  navigate: (path: string) => void,
): () => void {
  const me = auth.me!;
  const title = h("h1", { class: "gl-doc-title" }, "");
  const status = h(
    "span",
    { class: "gl-status", "data-status": "connecting", role: "status" },
    STATUS_TEXT.connecting,
  );
  const presence = h("ul", { class: "gl-presence", "aria-label": "People in this document" });
  const roleBadge = h("span", { class: "gl-role" });
  const banner = h("div", { class: "gl-banner-slot" });
  const mount = h("div", { class: "gl-editor", "data-testid": "editor" });
  const paper = h("article", { class: "gl-paper" }, mount);
  const toasts = h("div", { class: "gl-toasts", role: "alert", "aria-live": "assertive" });
  const workspace = h("main", { class: "gl-workspace" }, paper);
  const historyButton = h(
    "button",
    { type: "button", class: "gl-versions-open", "aria-pressed": "false" },
    "History",
  );
  const notify = (message: string, error = false) => {
    const t = h("p", { class: error ? "gl-toast gl-toast-error" : "gl-toast" }, message);
    toasts.append(t);
    setTimeout(() => t.remove(), 6000);
  };
  // First in the tab order: straight to the text, past the bar's controls.
  const skip = h("a", { class: "gl-skip", href: "#document-text" }, "Skip to the document text");
  skip.addEventListener("click", (e) => {
    e.preventDefault();
    view.focus();
  });
  root.append(
    h(
      "div",
      { class: "gl-shell" },
      skip,
      topBar(
        navigate,
        title,
        h("span", { class: "gl-spacer" }),
        historyButton,
        presence,
        roleBadge,
        status,
      ),
      banner,
      workspace,
      toasts,
    ),
  );

  const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
  const collab = new CollabSession({
    url: wsUrl,
    documentId: id,
    token: () => auth.token(),
    user: { id: me.id, name: me.name, color: colorFor(me.id) },
    persistLocally: true,
  });

  let role: Role | null = null;
  let panel: AnnotationsPanel | null = null;
  let hover: CitationHover | null = null;
  let sources: SourcesArea | null = null;
  const view: EditorView = new EditorView(mount, {
    state: EditorState.create({
      schema,
      plugins: [
        ...collab.plugins(),
        keymap({
          "Mod-Alt-m": () => panel?.startDraft("comment") ?? false,
          "Mod-Alt-ArrowDown": () => panel?.step(1) ?? false,
          "Mod-Alt-ArrowUp": () => panel?.step(-1) ?? false,
          "Mod-Alt-r": () => panel?.toggleResolvedActive() ?? false,
          "Mod-Alt-y": () => panel?.replyActive() ?? false,
        }),
        ...editorKeymap({ undo: collab.undo, redo: collab.redo }),
        textLockPlugin(() => collab.readOnly || !capabilities(role).editText),
        annotationsPlugin({ onActivate: (id) => panel?.activate(id, false) }),
        citationsPlugin(),
        paragraphNumbersPlugin(),
        dropIntoEmptyPlugin({
          canImport: () => !collab.readOnly && capabilities(role).editText,
          onFiles: ([file]) => void bringIn(file!),
          hint: "Start typing, or drop a Word, Markdown, HTML or text file here.",
        }),
      ],
    }),
    editable: () => true,
    attributes: { "aria-label": "Document text", spellcheck: "true", id: "document-text" },
    // `this`, not `view`: plugins may dispatch while the view is being built.
    dispatchTransaction(this: EditorView, tr) {
      this.updateState(this.state.apply(tr));
      panel?.editorUpdated();
      hover?.update();
      sources?.editorUpdated(tr.docChanged);
    },
  });
  panel = new AnnotationsPanel(collab, view, { id: me.id, name: me.name }, notify);
  paper.append(panel.selectionToolbar);
  hover = new CitationHover(view, paper);
  paper.append(hover.element);
  sources = new SourcesArea({
    documentId: id,
    collab,
    view,
    panel,
    hover,
    paper,
    notify,
    role: () => role,
  });

  // A file dropped on the empty document fills it, through the server, so
  // its comments become annotations and everyone sees the text arrive.
  const bringIn = async (file: File) => {
    notify(`Bringing in “${file.name}”…`);
    try {
      const done = await uploadFile(file, () => {}, id);
      if (done.title) {
        title.textContent = done.title;
        document.title = `${done.title} — Glossa`;
      }
      notify(`“${file.name}” was brought into this document.`);
    } catch (err) {
      notify(`“${file.name}” was not brought in: ${(err as Error).message}`, true);
    }
  };

  // History: versions, comparisons, restore and exports, in place of the workspace.
  const showHistory = (open: boolean) => {
    workspace.hidden = open;
    history.element.hidden = !open;
    historyButton.setAttribute("aria-pressed", String(open));
    if (open) void history.refresh();
  };
  const history = new HistoryView({ documentId: id, notify, close: () => showHistory(false) });
  workspace.after(history.element);
  historyButton.addEventListener("click", () => showHistory(history.element.hidden));

  // The role decides the whole workspace (badge, banner, margin, History,
  // sharing, renaming, the text lock); it is read on opening and again when
  // the owner changes it while the document is open.
  let unmountSharing = () => {};
  const loadRole = () =>
    request<DocMeta>("GET", `/api/documents/${id}`).then(
      (meta) => {
        role = meta.role;
        history.role = meta.role;
        panel!.role = meta.role;
        panel!.editorUpdated();
        sources?.roleChanged();
        title.textContent = meta.title;
        document.title = `${meta.title} — Glossa`;
        renamableTitle(title, id, capabilities(meta.role).rename);
        roleBadge.textContent = ROLE_TEXT[meta.role].split(" — ")[0]!;
        roleBadge.title = ROLE_TEXT[meta.role];
        unmountSharing();
        unmountSharing = mountSharing(roleBadge.parentElement!, id, meta.role);
        banner.replaceChildren(
          ...(capabilities(meta.role).editText
            ? []
            : [h("p", { class: "gl-banner" }, ROLE_TEXT[meta.role])]),
        );
        // The text lock reads the role; a transaction makes it apply now.
        view.dispatch(view.state.tr.setMeta("glossa-role", meta.role));
      },
      (err: Error) =>
        banner.replaceChildren(
          h("p", { class: "gl-banner gl-banner-error", role: "alert" }, err.message),
        ),
    );
  void loadRole();
  const offAccess = collab.onAccessChanged(() => {
    notify("Your role on this document has changed.");
    void loadRole();
  });

  const offStatus = collab.onSaveState((s) => {
    status.dataset.status = s.status;
    status.textContent =
      s.status === "error" ? (s.message ?? STATUS_TEXT.error) : STATUS_TEXT[s.status];
    status.title = s.message ?? (s.pending ? `${s.pending} change(s) waiting to be saved` : "");
    if (s.status === "error" && s.message === CloseEvents.DocumentDeleted.reason) {
      banner.replaceChildren(
        h("p", { class: "gl-banner gl-banner-error", role: "alert" }, s.message),
      );
    }
  });
  const offPeers = collab.onPeers((peers: Peer[]) => {
    const seen = new Set<string>();
    presence.replaceChildren(
      ...peers
        .filter((p) => !seen.has(p.id) && seen.add(p.id))
        .map((p) => {
          const dot = h("span", { class: "gl-avatar" }, initials(p.name));
          dot.style.backgroundColor = p.color;
          return h(
            "li",
            {
              title: `${p.name}${p.self ? " (you)" : ""}${p.role ? ` · ${p.role}` : ""}`,
              "data-peer": p.name,
            },
            dot,
          );
        }),
    );
  });

  const beforeUnload = (e: BeforeUnloadEvent) => {
    if (collab.saveState.status === "saving") e.preventDefault();
  };
  window.addEventListener("beforeunload", beforeUnload);

  return () => {
    window.removeEventListener("beforeunload", beforeUnload);
    offStatus();
    offPeers();
    offAccess();
    unmountSharing();
    panel?.destroy();
    hover?.destroy();
    sources?.destroy();
    view.destroy();
    collab.destroy();
  };
}

/// Lets owners and editors rename the document from its title in the top
/// bar; called again when the role changes (`allowed` false takes it away).
function renamableTitle(title: HTMLElement, id: string, allowed: boolean): void {
  title.classList.toggle("gl-doc-title-editable", allowed);
  if (!allowed) {
    title.removeAttribute("tabindex");
    title.removeAttribute("role");
    title.removeAttribute("title");
  } else {
    title.tabIndex = 0;
    title.setAttribute("role", "button");
    title.title = "Rename this document";
  }
  if (title.dataset.renameBound) return;
  title.dataset.renameBound = "1";
  const start = () => {
    if (!title.classList.contains("gl-doc-title-editable")) return;
    renameInPlace(title.parentElement!, title, id, title.textContent ?? "", (renamed) => {
      title.textContent = renamed;
      document.title = `${renamed} — Glossa`;
    });
  };
  title.addEventListener("click", start);
  title.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      start();
    }
  });
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}
