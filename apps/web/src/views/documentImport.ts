import type { RouteAnswer } from "@glossa/api";
import type { Node as PmNode } from "prosemirror-model";
import { type EditorState, Plugin, PluginKey } from "prosemirror-state";
import { Decoration, DecorationSet, type EditorView } from "prosemirror-view";
import { ApiError, api, auth } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, fmt, t } from "../i18n/index.ts";

/// File types the Import button offers (the server decides what it reads).
const ACCEPT = ".docx,.md,.markdown,.html,.htm,.txt";
const TYPES: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown",
  markdown: "text/markdown",
  html: "text/html",
  htm: "text/html",
  txt: "text/plain",
};

/// A file imported: a new document, or an empty one filled (its title null
/// when it keeps its own).
type Imported = RouteAnswer<"POST /api/documents"> | RouteAnswer<"POST /api/documents/:id/import">;

/// Sends one file to `POST /api/documents` as its bytes, reporting upload
/// progress (0–1); resolves with the new document or rejects with the
/// server's words.
export async function uploadFile(
  file: File,
  onProgress: (done: number) => void,
  into: string | null = null,
): Promise<Imported> {
  const token = await auth.token();
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  const path = into ? `/api/documents/${into}/import` : "/api/documents";
  const ok = into ? 200 : 201;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${path}?filename=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("Content-Type", TYPES[ext] ?? file.type ?? "application/octet-stream");
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(new ApiError(0, "network", "Glossa cannot reach the server. Check your connection."));
    xhr.onload = () => {
      let data: { error?: { code: string; message: string } } & Partial<Imported> = {};
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: reported below */
      }
      if (xhr.status === ok && data.id) resolve(data as Imported);
      else
        reject(
          new ApiError(
            xhr.status,
            data.error?.code ?? "error",
            data.error?.message ?? `The server answered ${xhr.status}.`,
          ),
        );
    };
    xhr.send(file);
  });
}

/// The New document button: makes an empty document and opens it.
function newDocumentButton(
  navigate: (path: string) => void,
  say: (text: string, error?: boolean) => void,
): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      class: "gl-new-document",
      onclick: async () => {
        try {
          const doc = await api("POST /api/documents", {
            body: { title: t("import.untitled"), text: "" },
          });
          navigate(`/d/${doc.id}`);
        } catch (err) {
          say(errorText(err), true);
        }
      },
    },
    t("import.newDocument"),
  );
}

/// The New document and Import buttons of the document list, the hidden file
/// picker, and a status line with progress and errors in plain words.
/// `importFiles` is also what a drop onto the list calls.
export function importControls(navigate: (path: string) => void, reload: () => void) {
  const status = h("div", { class: "gl-import-status", role: "status", "aria-live": "polite" });
  const say = (text: string, error = false) => {
    status.replaceChildren(
      h("p", error ? { class: "gl-banner gl-banner-error", role: "alert" } : {}, text),
    );
  };

  async function importFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    const failures: string[] = [];
    let last: Imported | null = null;
    for (const [i, file] of files.entries()) {
      const prefix = files.length > 1 ? `${t("import.nOfM", { n: i + 1, m: files.length })} ` : "";
      say(`${prefix}${t("import.importing", { name: file.name })}`);
      try {
        last = await uploadFile(file, (done) => {
          say(
            done < 1
              ? `${prefix}${t("import.uploading", { name: file.name })} ${fmt.percent(done)}`
              : `${prefix}${t("import.reading", { name: file.name })}`,
          );
        });
      } catch (err) {
        failures.push(`${file.name}: ${errorText(err)}`);
      }
    }
    if (failures.length) {
      say(
        `${failures.length === files.length ? t("import.nothing") : t("import.someOf", { n: files.length - failures.length, count: files.length })} ${failures.join(" ")}`,
        true,
      );
      reload();
    } else if (files.length === 1 && last) navigate(`/d/${last.id}`);
    else {
      say(t("import.all", { count: files.length }));
      reload();
    }
  }

  const picker = h("input", {
    type: "file",
    accept: ACCEPT,
    multiple: true,
    hidden: true,
    class: "gl-import-input",
    "aria-label": t("import.choose"),
    onchange: () => {
      void importFiles([...(picker.files ?? [])]);
      picker.value = "";
    },
  });
  const newButton = newDocumentButton(navigate, say);
  const importButton = h(
    "button",
    { type: "button", class: "gl-import", onclick: () => picker.click() },
    t("import.import"),
  );
  const bar = h(
    "div",
    { class: "gl-doclist-actions" },
    newButton,
    importButton,
    picker,
    h("span", { class: "gl-muted" }, t("import.dropHint")),
  );
  return { bar, status, importFiles };
}

/// Whether a drag carries files (not text from a page).
const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes("Files");

/// Lets files be dropped onto `target` to import them.
export function enableDropImport(
  target: HTMLElement,
  importFiles: (files: File[]) => Promise<void>,
) {
  target.addEventListener("dragover", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    target.classList.add("gl-drop-target");
  });
  target.addEventListener("dragleave", () => target.classList.remove("gl-drop-target"));
  target.addEventListener("drop", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    target.classList.remove("gl-drop-target");
    void importFiles([...(e.dataTransfer?.files ?? [])]);
  });
}

/// True when `doc` has no words below its title: a new document.
export function isEmptyDocument(doc: PmNode): boolean {
  let words = false;
  doc.forEach((block) => {
    if (block.type.name !== "title" && block.textContent.trim() !== "") words = true;
  });
  return !words;
}

/// Whether the document is still empty, and whether a file is being dragged over it.
interface DropState {
  empty: boolean;
  over: boolean;
}

const dropKey = new PluginKey<DropState>("glossa-drop-into-empty");

/// Lets a file be dropped onto an empty document (one `canImport` allows:
/// owners and editors) to fill it — `onFiles` sends it to the server, which
/// refuses if the document has words by then. While the document is empty,
/// its first empty paragraph says so, and a file dragged over it turns the
/// text into a drop target saying what a drop does (`target`). A file
/// dropped on a document with words, or by someone who may not edit, is
/// refused through `onRefused` — never inserted, never opened by the browser
/// in place of the app.
export function dropIntoEmptyPlugin(opts: {
  canImport: () => boolean;
  onFiles: (files: File[]) => void;
  onRefused: (file: File, why: "not-empty" | "role") => void;
  hint: string;
  target: string;
}): Plugin<DropState> {
  const possible = (state: EditorState) => opts.canImport() && dropKey.getState(state)!.empty;
  const setOver = (view: EditorView, over: boolean) => {
    if (dropKey.getState(view.state)!.over !== over)
      view.dispatch(view.state.tr.setMeta(dropKey, over).setMeta("addToHistory", false));
  };
  return new Plugin<DropState>({
    key: dropKey,
    state: {
      init: (_, state) => ({ empty: isEmptyDocument(state.doc), over: false }),
      apply: (tr, prev) => {
        const over = tr.getMeta(dropKey) as boolean | undefined;
        const empty = tr.docChanged ? isEmptyDocument(tr.doc) : prev.empty;
        return { empty, over: (over ?? prev.over) && empty };
      },
    },
    props: {
      handleDOMEvents: {
        // A DOM handler, not `handleDrop`: a file dropped on the page counts
        // even where no text position is under the pointer.
        drop(view, event) {
          const file = event.dataTransfer?.files?.[0];
          if (!file) return false;
          event.preventDefault();
          setOver(view, false);
          if (!opts.canImport()) opts.onRefused(file, "role");
          else if (!dropKey.getState(view.state)!.empty) opts.onRefused(file, "not-empty");
          else opts.onFiles([file]);
          return true;
        },
        dragover(view, event) {
          if (!hasFiles(event)) return false;
          // Always taken, so the drop reaches `drop` (to import or explain).
          event.preventDefault();
          if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
          setOver(view, possible(view.state));
          return true;
        },
        dragleave(view, event) {
          if (!view.dom.contains(event.relatedTarget as globalThis.Node | null))
            setOver(view, false);
          return false;
        },
      },
      attributes: (state): Record<string, string> =>
        dropKey.getState(state)!.over ? { class: "gl-drop-target" } : {},
      decorations(state) {
        const { empty, over } = dropKey.getState(state)!;
        if (!empty || !opts.canImport()) return null;
        let at = -1;
        state.doc.forEach((block, offset) => {
          if (at < 0 && block.type.name === "paragraph" && block.content.size === 0) at = offset;
        });
        if (at < 0) return null;
        const block = state.doc.nodeAt(at)!;
        return DecorationSet.create(state.doc, [
          Decoration.node(at, at + block.nodeSize, {
            class: over ? "gl-empty-hint gl-drop-here" : "gl-empty-hint",
            "data-hint": over ? opts.target : opts.hint,
          }),
        ]);
      },
    },
  });
}
