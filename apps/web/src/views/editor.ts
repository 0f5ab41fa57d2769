import { CollabSession, type Peer, type SaveState } from "@glossa/collab";
import {
  annotationsPlugin,
  citationsPlugin,
  editorKeymap,
  paragraphNumbersPlugin,
  textLockPlugin,
} from "@glossa/editor";
import { CloseEvents, capabilities, colorFor, type Role } from "@glossa/protocol";
import { schema } from "@glossa/schema";
import { keymap } from "prosemirror-keymap";
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { AnnotationsPanel } from "../annotations/AnnotationsPanel.ts";
import { auth, request } from "../api.ts";
import { CitationHover } from "../citations/CitationHover.ts";
import { h } from "../dom.ts";
import { errorText, t } from "../i18n/index.ts";
import { SourcesArea } from "../sources/index.ts";
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

const statusText = (s: SaveState["status"]) => t(`editor.status.${s}`);

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
    statusText("connecting"),
  );
  const presence = h("ul", { class: "gl-presence", "aria-label": t("editor.people") });
  const roleBadge = h("span", { class: "gl-role" });
  const banner = h("div", { class: "gl-banner-slot" });
  const mount = h("div", { class: "gl-editor", "data-testid": "editor" });
  const paper = h("article", { class: "gl-paper" }, mount);
  const toasts = h("div", { class: "gl-toasts", role: "alert", "aria-live": "assertive" });
  const workspace = h("div", { class: "gl-workspace" }, paper);
  // One main landmark for the workspace and History, whichever is shown.
  const main = h("main", { class: "gl-main" }, workspace);
  const historyButton = h(
    "button",
    { type: "button", class: "gl-versions-open", "aria-pressed": "false" },
    t("editor.history"),
  );
  const notify = (message: string, error = false) => {
    const t = h("p", { class: error ? "gl-toast gl-toast-error" : "gl-toast" }, message);
    toasts.append(t);
    setTimeout(() => t.remove(), 6000);
  };
  // First in the tab order: straight to the text, past the bar's controls.
  const skip = h("a", { class: "gl-skip", href: "#document-text" }, t("editor.skip"));
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
      main,
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
          hint: t("editor.dropHint"),
        }),
      ],
    }),
    editable: () => true,
    attributes: { "aria-label": t("editor.documentText"), spellcheck: "true", id: "document-text" },
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
    notify(t("editor.bringing", { name: file.name }));
    try {
      const done = await uploadFile(file, () => {}, id);
      if (done.title) {
        title.textContent = done.title;
        document.title = t("editor.titleSuffix", { title: done.title });
      }
      notify(t("editor.brought", { name: file.name }));
    } catch (err) {
      notify(t("editor.notBrought", { name: file.name, reason: errorText(err) }), true);
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
        document.title = t("editor.titleSuffix", { title: meta.title });
        renamableTitle(title, id, meta.title, capabilities(meta.role).rename);
        roleBadge.textContent = t(`roles.${meta.role}`);
        roleBadge.title = t(`editor.roleBanner.${meta.role}`);
        unmountSharing();
        unmountSharing = mountSharing(roleBadge.parentElement!, id, meta.role);
        banner.replaceChildren(
          ...(capabilities(meta.role).editText
            ? []
            : [h("p", { class: "gl-banner" }, t(`editor.roleBanner.${meta.role}`))]),
        );
        // The text lock reads the role; a transaction makes it apply now.
        view.dispatch(view.state.tr.setMeta("glossa-role", meta.role));
      },
      (err: Error) =>
        banner.replaceChildren(
          h("p", { class: "gl-banner gl-banner-error", role: "alert" }, errorText(err)),
        ),
    );
  void loadRole();
  const offAccess = collab.onAccessChanged(() => {
    notify(t("editor.roleChanged"));
    void loadRole();
  });

  const offStatus = collab.onSaveState((s) => {
    status.dataset.status = s.status;
    const reason = s.status === "error" ? closeReason(s.message) : null;
    status.textContent = reason ?? statusText(s.status);
    status.title = s.pending ? t("editor.pending", { count: s.pending }) : "";
    if (s.status === "error" && s.message === CloseEvents.DocumentDeleted.reason) {
      banner.replaceChildren(h("p", { class: "gl-banner gl-banner-error", role: "alert" }, reason));
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
              title: peerTitle(p),
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

/// Shows the document's title in the top bar; owners and editors rename it
/// by clicking it or with the button beside it (the heading stays a plain
/// heading); called again when the role changes (`allowed` false takes it away).
function renamableTitle(title: HTMLElement, id: string, text: string, allowed: boolean): void {
  title.textContent = text;
  title.classList.toggle("gl-doc-title-editable", allowed);
  const start = () => {
    if (!title.classList.contains("gl-doc-title-editable")) return;
    renameInPlace(title.parentElement!, title, id, title.textContent ?? "", (renamed) => {
      document.title = t("editor.titleSuffix", { title: renamed });
      renamableTitle(title, id, renamed, true);
    });
  };
  const next = title.nextElementSibling;
  const button = next?.classList.contains("gl-doc-title-button") ? next : null;
  if (!allowed) button?.remove();
  else if (!button) {
    const b = h(
      "button",
      { type: "button", class: "gl-doc-title-button", "aria-label": t("editor.rename") },
      "✎",
    );
    b.title = t("editor.rename");
    b.addEventListener("click", start);
    title.after(b);
  }
  if (title.dataset.renameBound) return;
  title.dataset.renameBound = "1";
  title.addEventListener("click", start);
}

/// close reasons (`CloseEvents`) are English sentences for API clients.
function closeReason(message: string | null): string | null {
  if (!message) return null;
  for (const [key, e] of Object.entries(CloseEvents)) {
    if (e.reason === message) return t(`editor.close.${key as keyof typeof CloseEvents}`);
  }
  return t("editor.status.error");
}

function peerTitle(p: Peer): string {
  const who = t(p.self ? "editor.peerSelf" : "editor.peer", { name: p.name });
  return p.role ? t("editor.peerRole", { who, role: t(`roles.${p.role as Role}`) }) : who;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}
