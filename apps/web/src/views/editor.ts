import type { RouteAnswer } from "@glossa/api";
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
import { EditorState, type Plugin } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { AnnotationsPanel } from "../annotations/AnnotationsPanel.ts";
import { selectionToolbar } from "../annotations/selectionToolbar.ts";
import { type ApiError, api, auth } from "../api.ts";
import { citationHover } from "../citations/CitationHover.ts";
import { followCitationForms } from "../citations/teamForms.ts";
import { h } from "../dom.ts";
import { errorText, t } from "../i18n/index.ts";
import { SidePanels } from "../panels/SidePanels.ts";
import { staleness } from "../panels/staleness.ts";
import { SourcesArea } from "../sources/index.ts";
import { EditorSession } from "../state/session.ts";
import { unsavedWork } from "../state/unsavedWork.ts";
import { HistoryView } from "../versions/HistoryView.ts";
import { dropIntoEmptyPlugin, uploadFile } from "./documentImport.ts";
import { renameInPlace } from "./rename.ts";
import { mountSharing } from "./share.ts";
import { topBar } from "./topbar.ts";
import { closeReason, unsavedNotice } from "./unsavedNotice.ts";

type DocMeta = RouteAnswer<"GET /api/documents/:id">;

const statusText = (s: SaveState["status"]) => t(`editor.status.${s}`);

/// The editor: the document bound to its collaborators, who is present,
/// and whether changes are saved.
export function showEditor(
  root: HTMLElement,
  id: string,
  navigate: (path: string) => void,
): () => void {
  const me = auth.me!;
  const shell = editorShell(root, navigate, () => view.focus());
  const notify = toaster(shell.toasts);
  const collab = new CollabSession({
    url: `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`,
    documentId: id,
    token: () => auth.token(),
    user: { id: me.id, name: me.name, color: colorFor(me.id) },
    persistLocally: true,
  });
  const session = new EditorSession(id, collab, { id: me.id, name: me.name });
  const ws: Workspace = { panel: null, sources: null, side: null };
  const toolbar = selectionToolbar({
    canAnnotate: () => session.auth.canCreate(),
    start: (kind) => ws.panel?.startDraft(kind),
  });
  const hover = citationHover({
    open: (key, pinpoint) => ws.sources?.openSource(key, pinpoint),
    actions: (span) => ws.sources?.citationActions(span) ?? [],
  });
  const followed = staleness({
    updated: () => ws.panel?.editorUpdated(),
    textChanged: () => ws.side?.changed(),
  });
  const bringIn = fileBringer(id, shell.title, notify);
  const views = [toolbar.plugin, hover.plugin, followed];
  const view = editorView(shell.mount, session, ws, bringIn, notify, views);
  mountPanels(ws, {
    session,
    view,
    paper: shell.paper,
    notify,
    hideToolbar: toolbar.hide,
    hideHover: hover.hide,
  });
  mountHistory(shell, session, notify);
  const roles = roleLoader({ session, shell, view });
  void roles.load();
  const offAccess = collab.onAccessChanged(() => {
    notify(t("editor.roleChanged"));
    void roles.load();
  });
  const showStatus = saveStateShower(shell);
  const showUnsaved = unsavedNotice(shell.unsaved, collab, () => startAgain(collab, beforeUnload));
  const offStatus = collab.onSaveState((s) => {
    showStatus(s);
    showUnsaved(s);
  });
  const offPeers = collab.onPeers(presenceShower(shell.presence));
  const offForms = followCitationForms(view);
  // Whatever the connection's state: offline or refused changes are on no
  // server's disk (offline ones only in this browser's storage).
  const beforeUnload = (e: BeforeUnloadEvent) => {
    if (collab.saveState.pending > 0) e.preventDefault();
  };
  window.addEventListener("beforeunload", beforeUnload);
  const offUnsaved = unsavedWork.register(() => collab.saveState.pending);

  return () => {
    window.removeEventListener("beforeunload", beforeUnload);
    offUnsaved();
    offStatus();
    offPeers();
    offAccess();
    offForms();
    roles.unmountSharing();
    ws.sources?.destroy();
    ws.side?.destroy();
    view.destroy();
    collab.destroy();
  };
}

/// The parts of the editor's page that are filled in later.
interface Shell {
  title: HTMLElement;
  status: HTMLElement;
  presence: HTMLElement;
  roleBadge: HTMLElement;
  banner: HTMLElement;
  /// Says which changes can no longer be saved (`unsavedNotice`).
  unsaved: HTMLElement;
  mount: HTMLElement;
  paper: HTMLElement;
  toasts: HTMLElement;
  workspace: HTMLElement;
  historyButton: HTMLElement;
}

/// Builds the page (skip link, top bar with title, History, presence, role
/// and save status, banner slot, the paper, toasts) and appends it to `root`.
function editorShell(
  root: HTMLElement,
  navigate: (path: string) => void,
  focusText: () => void,
): Shell {
  const title = h("h1", { class: "gl-doc-title" }, "");
  const status = h(
    "span",
    { class: "gl-status", "data-status": "connecting", role: "status" },
    statusText("connecting"),
  );
  const presence = h("ul", { class: "gl-presence", "aria-label": t("editor.people") });
  const roleBadge = h("span", { class: "gl-role" });
  const banner = h("div", { class: "gl-banner-slot" });
  const unsaved = h("div", { class: "gl-banner-slot" });
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
  // First in the tab order: straight to the text, past the bar's controls.
  const skip = h("a", { class: "gl-skip", href: "#document-text" }, t("editor.skip"));
  skip.addEventListener("click", (e) => {
    e.preventDefault();
    focusText();
  });
  const spacer = h("span", { class: "gl-spacer" });
  const bar = topBar(navigate, title, spacer, historyButton, presence, roleBadge, status);
  root.append(h("div", { class: "gl-shell" }, skip, bar, banner, unsaved, main, toasts));
  return {
    title,
    status,
    presence,
    roleBadge,
    banner,
    unsaved,
    mount,
    paper,
    toasts,
    workspace,
    historyButton,
  };
}

/// Shows a message for six seconds (`error` styles it as one).
function toaster(toasts: HTMLElement): (message: string, error?: boolean) => void {
  return (message, error = false) => {
    const t = h("p", { class: error ? "gl-toast gl-toast-error" : "gl-toast" }, message);
    toasts.append(t);
    setTimeout(() => t.remove(), 6000);
  };
}

/// What the workspace holds once built. The editor's plugins and plugin
/// views (selection toolbar, citation hover, staleness) and the margin's
/// card links read it when they run, not when they are made: they may run
/// before the panels exist.
interface Workspace {
  panel: AnnotationsPanel | null;
  sources: SourcesArea | null;
  side: SidePanels | null;
}

/// The ProseMirror view: collaboration, the annotation keys, the text lock
/// (read-only connection or a role without `editText`), annotations,
/// citations, paragraph numbers, dropping a file into an empty document, and
/// the plugin views `views`.
function editorView(
  mount: HTMLElement,
  session: EditorSession,
  ws: Workspace,
  bringIn: (file: File) => Promise<void>,
  notify: (message: string, error?: boolean) => void,
  views: Plugin[],
): EditorView {
  const { collab } = session;
  return new EditorView(mount, {
    state: EditorState.create({
      schema,
      plugins: [
        ...collab.plugins(),
        keymap({
          "Mod-Alt-m": () => ws.panel?.startDraft("comment") ?? false,
          "Mod-Alt-ArrowDown": () => ws.panel?.step(1) ?? false,
          "Mod-Alt-ArrowUp": () => ws.panel?.step(-1) ?? false,
          "Mod-Alt-r": () => ws.panel?.toggleResolvedActive() ?? false,
          "Mod-Alt-y": () => ws.panel?.replyActive() ?? false,
        }),
        ...editorKeymap({ undo: collab.undo, redo: collab.redo }),
        textLockPlugin(() => collab.readOnly || !session.can.editText),
        annotationsPlugin({ onActivate: (id) => ws.panel?.activate(id, false) }),
        citationsPlugin(),
        paragraphNumbersPlugin(),
        dropIntoEmptyPlugin({
          canImport: () => !collab.readOnly && session.can.editText,
          onFiles: ([file]) => void bringIn(file!),
          onRefused: (file, why) =>
            notify(
              t(why === "role" ? "dropIn.notAllowed" : "dropIn.notEmpty", { name: file.name }),
              true,
            ),
          hint: t("dropIn.hint"),
          target: t("dropIn.target"),
        }),
        ...views,
      ],
    }),
    editable: () => true,
    attributes: { "aria-label": t("editor.documentText"), spellcheck: "true", id: "document-text" },
    // `this`, not a captured view: plugins may dispatch while the view is being built.
    dispatchTransaction(this: EditorView, tr) {
      this.updateState(this.state.apply(tr));
    },
  });
}

/// The side panels after the paper: the margin (annotations; its selection
/// toolbar is a plugin view on the paper), then the sources' panels. A new
/// side tab is one `SidePanel` added here.
function mountPanels(
  ws: Workspace,
  o: {
    session: EditorSession;
    view: EditorView;
    paper: HTMLElement;
    notify: (message: string, error?: boolean) => void;
    hideToolbar: () => void;
    hideHover: () => void;
  },
): void {
  const panel = new AnnotationsPanel(
    o.session,
    o.view,
    o.notify,
    o.hideToolbar,
    (a, active, can) => ws.sources?.cardLinks(a, active, can) ?? null,
  );
  ws.panel = panel;
  const side = new SidePanels(t("sources.tabs.label"));
  ws.side = side;
  side.add(panel);
  ws.sources = new SourcesArea({
    session: o.session,
    view: o.view,
    panel,
    hideHover: o.hideHover,
    side,
    notify: o.notify,
  });
  o.paper.after(side.element);
}

/// A file dropped on the empty document fills it, through the server, so
/// its comments become annotations and everyone sees the text arrive.
function fileBringer(
  id: string,
  title: HTMLElement,
  notify: (message: string, error?: boolean) => void,
): (file: File) => Promise<void> {
  return async (file) => {
    notify(t("dropIn.bringing", { name: file.name }));
    try {
      const done = await uploadFile(file, () => {}, id);
      if (done.title) {
        title.textContent = done.title;
        document.title = t("editor.titleSuffix", { title: done.title });
      }
      notify(t("dropIn.brought", { name: file.name }));
    } catch (err) {
      // Words arrived (a colleague typed) since the page last knew: refused as such.
      if ((err as ApiError).code === "not_empty")
        notify(t("dropIn.notEmpty", { name: file.name }), true);
      else notify(t("dropIn.notBrought", { name: file.name, reason: errorText(err) }), true);
    }
  };
}

/// History: versions, comparisons, restore and exports, in place of the
/// workspace, opened and closed by the bar's History button.
function mountHistory(
  shell: Shell,
  session: EditorSession,
  notify: (message: string, error?: boolean) => void,
): HistoryView {
  const showHistory = (open: boolean) => {
    shell.workspace.hidden = open;
    history.element.hidden = !open;
    shell.historyButton.setAttribute("aria-pressed", String(open));
    if (open) void history.refresh();
  };
  const history = new HistoryView({
    documentId: session.documentId,
    notify,
    close: () => showHistory(false),
    role: session.role,
  });
  shell.workspace.after(history.element);
  shell.historyButton.addEventListener("click", () => showHistory(history.element.hidden));
  return history;
}

/// The role decides the whole workspace: the margin, History and the sources
/// subscribe to `session.role`; here the badge, banner, sharing, renaming and
/// the text lock follow it. `load` reads it on opening and again when the
/// owner changes it while the document is open.
function roleLoader(o: { session: EditorSession; shell: Shell; view: EditorView }): {
  load: () => Promise<void>;
  unmountSharing: () => void;
} {
  const { session, shell, view } = o;
  const id = session.documentId;
  let unmountSharing = () => {};
  const apply = (meta: DocMeta) => {
    session.role.set(meta.role);
    document.title = t("editor.titleSuffix", { title: meta.title });
    renamableTitle(shell.title, id, meta.title, capabilities(meta.role).rename);
    shell.roleBadge.textContent = t(`roles.${meta.role}`);
    shell.roleBadge.title = t(`editor.roleBanner.${meta.role}`);
    unmountSharing();
    unmountSharing = mountSharing(shell.roleBadge.parentElement!, id, meta.role);
    shell.banner.replaceChildren(
      ...(capabilities(meta.role).editText
        ? []
        : [h("p", { class: "gl-banner" }, t(`editor.roleBanner.${meta.role}`))]),
    );
    // The text lock reads the role; a transaction makes it apply now.
    view.dispatch(view.state.tr.setMeta("glossa-role", meta.role));
  };
  const failed = (err: Error) =>
    shell.banner.replaceChildren(
      h("p", { class: "gl-banner gl-banner-error", role: "alert" }, errorText(err)),
    );
  return {
    load: () => api("GET /api/documents/:id", { id }).then(apply, failed),
    unmountSharing: () => unmountSharing(),
  };
}

/// After a refusal for good, the page starts again from the server's saved
/// text: its local copy is discarded (its words were shown to copy) and it reloads.
function startAgain(collab: CollabSession, beforeUnload: (e: BeforeUnloadEvent) => void): void {
  window.removeEventListener("beforeunload", beforeUnload);
  void collab.discardLocal().finally(() => window.location.reload());
}

/// Shows the save state in the bar; a deleted document also in the banner.
function saveStateShower(shell: Shell): (s: SaveState) => void {
  const { status, banner } = shell;
  return (s) => {
    status.dataset.status = s.status;
    const reason = s.status === "error" ? closeReason(s.message) : null;
    status.textContent = reason ?? statusText(s.status);
    status.title = s.pending ? t("editor.pending", { count: s.pending }) : "";
    if (s.status === "error" && s.message === CloseEvents.DocumentDeleted.reason) {
      banner.replaceChildren(h("p", { class: "gl-banner gl-banner-error", role: "alert" }, reason));
    } else if (s.notRecorded && !banner.querySelector(".gl-not-recorded")) {
      const words = t("editor.notRecorded");
      banner.replaceChildren(h("p", { class: "gl-banner gl-not-recorded", role: "alert" }, words));
    } else if (!s.notRecorded) banner.querySelector(".gl-not-recorded")?.remove();
  };
}

/// Lists who is present, once per person, as initials in their colour.
function presenceShower(presence: HTMLElement): (peers: Peer[]) => void {
  return (peers) => {
    const seen = new Set<string>();
    presence.replaceChildren(
      ...peers
        .filter((p) => !seen.has(p.id) && seen.add(p.id))
        .map((p) => {
          const dot = h("span", { class: "gl-avatar" }, initials(p.name));
          dot.style.backgroundColor = p.color;
          return h("li", { title: peerTitle(p), "data-peer": p.name }, dot);
        }),
    );
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
