import { annotationKind } from "@glossa/annotations";
import { capabilities, colorFor, type Role } from "@glossa/protocol";
import { BLOCK_SEPARATOR, schema } from "@glossa/schema";
import { DOMSerializer, Node as PMNode } from "prosemirror-model";
import { ApiError, auth, request } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, fmt, has, language, t } from "../i18n/index.ts";
import type { Value } from "../state/value.ts";
import type {
  AnnotationChange,
  Comparison,
  TextChange,
  VersionAnnotation,
  VersionDocument,
  VersionView,
} from "./wire.ts";

const when = (iso: string | null) => (iso ? fmt.dateTime(iso) : "");

const kindLabel = (kind: string) =>
  has(`annotations.kinds.${kind}`)
    ? t(`annotations.kinds.${kind as "comment"}`)
    : (annotationKind(kind)?.label ?? kind);

const statusLabel = (s: string) =>
  has(`annotations.status.${s}`) ? t(`annotations.status.${s as "sourced"}`) : s;

export interface HistoryOptions {
  documentId: string;
  notify: (message: string, error?: boolean) => void;
  /// Goes back to the document.
  close: () => void;
  /// The person's role: saving and restoring versions follow it.
  role: Value<Role | null>;
}

/// The document's history: save a named version, list versions and
/// checkpoints, view one read-only with its annotations as they were,
/// compare any two (or one with now) with authors, restore one, and
/// export the annotated document.
export class HistoryView {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly content: HTMLElement;
  private readonly saveForm: HTMLFormElement;
  private readonly nameInput: HTMLInputElement;
  private readonly fromSelect: HTMLSelectElement;
  private readonly toSelect: HTMLSelectElement;
  private readonly highlightSelect: HTMLSelectElement;
  private readonly footerBox: HTMLInputElement;
  private versions: VersionView[] = [];
  private canManage = false;
  private seq = 0;

  constructor(private readonly o: HistoryOptions) {
    this.nameInput = nameInput();
    this.saveForm = this.buildSaveForm();
    this.list = h("ol", { class: "gl-version-list", "aria-label": "Versions, newest first" });
    this.fromSelect = h("select", {
      "aria-label": t("history.compareFrom"),
      class: "gl-compare-from",
    });
    this.toSelect = h("select", { "aria-label": t("history.compareWith"), class: "gl-compare-to" });
    this.content = h(
      "div",
      { class: "gl-versions-content", "aria-live": "polite" },
      h("p", { class: "gl-hint" }, t("history.chooseHint")),
    );
    this.highlightSelect = h(
      "select",
      { class: "gl-export-highlight", "aria-label": t("history.highlight") },
      h("option", { value: "yellow" }, t("history.highlightYellow")),
      h("option", { value: "kind" }, t("history.highlightKind")),
      h("option", { value: "none" }, t("history.highlightNone")),
    );
    this.footerBox = h("input", { type: "checkbox", class: "gl-export-footer", checked: true });
    this.element = h(
      "section",
      { class: "gl-versions", hidden: true, "aria-label": t("history.label") },
      this.bar(),
      h(
        "div",
        { class: "gl-versions-body" },
        h(
          "aside",
          { class: "gl-versions-side" },
          this.saveForm,
          h("h3", {}, t("history.versions")),
          this.list,
        ),
        h(
          "div",
          { class: "gl-versions-main" },
          h(
            "form",
            {
              class: "gl-compare-bar",
              onsubmit: (e: Event) => {
                e.preventDefault();
                void this.compare(this.fromSelect.value, this.toSelect.value);
              },
            },
            h("label", {}, `${t("history.compare")} `, this.fromSelect),
            h("label", {}, ` ${t("history.with")} `, this.toSelect),
            h("button", { type: "submit" }, t("history.compareButton")),
            h(
              "button",
              {
                type: "button",
                class: "gl-redline",
                title: t("history.redlineTitle"),
                onclick: () =>
                  void this.download({
                    format: "docx",
                    from: this.fromSelect.value,
                    to: this.toSelect.value || "current",
                  }),
              },
              t("history.redline"),
            ),
          ),
          this.content,
        ),
      ),
    );
    o.role.subscribe((role) => this.roleChanged(role));
  }

  /// Saving a named version (shown to those who manage versions).
  private buildSaveForm(): HTMLFormElement {
    const form = h(
      "form",
      { class: "gl-version-save", hidden: true },
      h("label", { class: "gl-version-save-label" }, t("history.saveLabel")),
      h(
        "div",
        { class: "gl-version-save-row" },
        this.nameInput,
        h("button", { type: "submit" }, t("history.saveVersion")),
      ),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.save();
    });
    return form;
  }
  /// The bar over History: its title, the exports and the way back.
  private bar(): HTMLElement {
    const exportButton = (format: "html" | "md" | "docx", label: string) =>
      h(
        "button",
        {
          type: "button",
          class: `gl-export-${format}`,
          onclick: () => void this.download({ format }),
        },
        label,
      );
    return h(
      "div",
      { class: "gl-versions-bar" },
      h("h2", {}, t("editor.history")),
      h("span", { class: "gl-spacer" }),
      h(
        "span",
        {
          class: "gl-versions-export",
          role: "group",
          "aria-label": t("history.exportGroup"),
        },
        h("span", { class: "gl-muted" }, t("history.exportWith")),
        exportButton("html", "HTML"),
        exportButton("md", "Markdown"),
        exportButton("docx", "Word"),
        h(
          "button",
          {
            type: "button",
            class: "gl-export-w3c",
            title: t("history.w3cTitle"),
            onclick: () => void this.downloadAnnotations(),
          },
          t("history.w3c"),
        ),
        h("label", { class: "gl-muted" }, `${t("history.text")} `, this.highlightSelect),
        h("label", { class: "gl-muted" }, this.footerBox, ` ${t("history.footerNote")}`),
      ),
      h(
        "button",
        { type: "button", class: "gl-versions-close", onclick: () => this.o.close() },
        t("share.back"),
      ),
    );
  }

  private roleChanged(role: Role | null): void {
    this.canManage = capabilities(role).manageVersions;
    this.saveForm.hidden = !this.canManage;
  }

  /// Loads the list of versions.
  async refresh(): Promise<void> {
    try {
      const r = await request<{ versions: VersionView[]; canManage: boolean }>(
        "GET",
        `/api/documents/${this.o.documentId}/versions`,
      );
      this.versions = r.versions;
      this.canManage = r.canManage;
      this.saveForm.hidden = !r.canManage;
    } catch (err) {
      this.list.replaceChildren(h("li", { class: "gl-banner gl-banner-error" }, errorText(err)));
      return;
    }
    this.renderList();
  }

  private renderList(): void {
    if (!this.versions.length) {
      this.list.replaceChildren(
        h(
          "li",
          { class: "gl-hint" },
          this.canManage ? t("history.noVersionsManage") : t("history.noVersions"),
        ),
      );
    } else {
      this.list.replaceChildren(...this.versions.map((v) => this.item(v)));
    }
    const option = (value: string, label: string) => h("option", { value }, label);
    const prevFrom = this.fromSelect.value;
    const prevTo = this.toSelect.value;
    this.fromSelect.replaceChildren(
      ...this.versions.map((v) => option(v.id, `${v.name} — ${when(v.createdAt)}`)),
    );
    this.toSelect.replaceChildren(
      option("current", t("history.now")),
      ...this.versions.map((v) => option(v.id, `${v.name} — ${when(v.createdAt)}`)),
    );
    if (prevFrom && this.versions.some((v) => v.id === prevFrom)) this.fromSelect.value = prevFrom;
    if (prevTo && (prevTo === "current" || this.versions.some((v) => v.id === prevTo)))
      this.toSelect.value = prevTo;
    const bar = this.element.querySelector<HTMLElement>(".gl-compare-bar");
    if (bar) bar.hidden = this.versions.length === 0;
  }

  private item(v: VersionView): HTMLElement {
    const by = v.createdBy?.name ?? "Glossa";
    return h(
      "li",
      {
        class: `gl-version gl-version-is-${v.kind}`,
        "data-version-id": v.id,
        "data-version-name": v.name,
      },
      h(
        "div",
        { class: "gl-version-head" },
        h("span", { class: "gl-version-name" }, v.name),
        v.kind !== "named"
          ? h("span", { class: "gl-version-kind" }, t(`history.kind.${v.kind}`))
          : null,
      ),
      h("div", { class: "gl-version-meta" }, `${when(v.createdAt)} · ${by}`),
      h(
        "div",
        { class: "gl-version-actions" },
        h(
          "button",
          { type: "button", class: "gl-version-view", onclick: () => void this.view(v.id) },
          t("history.view"),
        ),
        h(
          "button",
          {
            type: "button",
            class: "gl-version-compare",
            onclick: () => void this.compare(v.id, "current"),
          },
          t("history.compareNow"),
        ),
      ),
    );
  }

  private async save(): Promise<void> {
    const name = this.nameInput.value.trim();
    if (!name) {
      this.nameInput.focus();
      return;
    }
    try {
      const v = await request<VersionView>("POST", `/api/documents/${this.o.documentId}/versions`, {
        name,
      });
      this.nameInput.value = "";
      this.o.notify(t("history.saved", { name: v.name }));
      await this.refresh();
    } catch (err) {
      this.o.notify(errorText(err), true);
    }
  }

  /// Shows a version read-only, with its annotations as they were.
  async view(id: string): Promise<void> {
    const seq = ++this.seq;
    this.select(id);
    this.content.replaceChildren(h("p", { class: "gl-muted" }, t("history.opening")));
    let v: VersionDocument;
    try {
      v = await request<VersionDocument>(
        "GET",
        `/api/documents/${this.o.documentId}/versions/${id}`,
      );
    } catch (err) {
      if (seq === this.seq) this.error(err);
      return;
    }
    if (seq !== this.seq) return;
    const doc = PMNode.fromJSON(schema, v.doc);
    const body = h("div", { class: "gl-version-doc", "data-testid": "version-doc" });
    body.append(DOMSerializer.fromSchema(schema).serializeFragment(doc.content));
    const restore = this.canManage ? this.restoreButton(v.version) : null;
    this.content.replaceChildren(
      h(
        "div",
        { class: "gl-versions-head" },
        h("h3", {}, v.version.name),
        h("p", { class: "gl-muted" }, describe(v.version)),
        h(
          "div",
          { class: "gl-versions-actions" },
          h(
            "button",
            { type: "button", onclick: () => void this.compare(v.version.id, "current") },
            t("history.compareNow"),
          ),
          h(
            "button",
            {
              type: "button",
              onclick: () => void this.download({ format: "docx", version: v.version.id }),
            },
            "Word",
          ),
          h(
            "button",
            {
              type: "button",
              onclick: () => void this.download({ format: "html", version: v.version.id }),
            },
            "HTML",
          ),
          h(
            "button",
            {
              type: "button",
              class: "gl-version-redline",
              title: t("history.redlineSinceTitle"),
              onclick: () =>
                void this.download({ format: "docx", from: v.version.id, to: "current" }),
            },
            t("history.redlineSince"),
          ),
          restore,
        ),
      ),
      h(
        "div",
        { class: "gl-versions-columns" },
        h(
          "article",
          {
            class: "gl-paper gl-version-paper",
            "aria-label": t("history.versionText"),
          },
          body,
        ),
        this.annotationList(v.annotations),
      ),
    );
  }

  private annotationList(list: VersionAnnotation[]): HTMLElement {
    if (!list.length)
      return h(
        "aside",
        { class: "gl-version-annotations" },
        h("p", { class: "gl-hint" }, t("history.noAnnotations")),
      );
    return h(
      "aside",
      { class: "gl-version-annotations" },
      h("h4", {}, t("history.annotationsThen", { count: list.length })),
      h(
        "ol",
        {},
        ...list.map((a) =>
          h(
            "li",
            { class: "gl-version-annotation", "data-annotation": a.id },
            h(
              "p",
              { class: "gl-version-annotation-head" },
              h("strong", {}, kindLabel(a.kind)),
              a.status ? ` · ${statusLabel(a.status)}` : "",
              a.resolved ? ` · ${t("history.resolvedBy", { name: a.resolved.by.name })}` : "",
              a.detached || a.anchor.status === "detached" ? ` · ${t("history.detached")}` : "",
            ),
            h("blockquote", {}, a.selector.quote.exact),
            ...a.messages.map((m) =>
              h(
                "p",
                { class: "gl-version-message" },
                h("strong", {}, m.author.name),
                h("span", { class: "gl-muted" }, ` ${when(m.createdAt)} `),
                m.body,
              ),
            ),
          ),
        ),
      ),
    );
  }

  private restoreButton(v: VersionView): HTMLElement {
    const button = h(
      "button",
      { type: "button", class: "gl-version-restore" },
      t("history.restore"),
    );
    let armed = false;
    button.addEventListener("click", () => {
      if (!armed) {
        armed = true;
        button.textContent = t("history.restoreConfirm");
        button.classList.add("gl-danger");
        return;
      }
      button.disabled = true;
      void this.restore(v);
    });
    return button;
  }

  private async restore(v: VersionView): Promise<void> {
    try {
      const r = await request<{
        restored: VersionView;
        annotations: { kept: string[]; detached: string[] };
      }>("POST", `/api/documents/${this.o.documentId}/versions/${v.id}/restore`);
      const lost = r.annotations.detached.length;
      this.o.notify(
        lost
          ? `${t("history.restored", { name: v.name })} ${t("history.restoredLost", { count: lost })}`
          : t("history.restored", { name: v.name }),
      );
      await this.refresh();
      this.content.replaceChildren(h("p", { class: "gl-hint" }, t("history.chooseHint")));
      this.o.close();
    } catch (err) {
      this.o.notify(errorText(err), true);
    }
  }

  /// Shows what changed from version `from` to `to` (a version or "current").
  async compare(from: string, to: string): Promise<void> {
    if (!from) return;
    const seq = ++this.seq;
    this.select(from);
    this.fromSelect.value = from;
    this.toSelect.value = to;
    this.content.replaceChildren(h("p", { class: "gl-muted" }, t("history.comparing")));
    let c: Comparison;
    try {
      c = await request<Comparison>(
        "GET",
        `/api/documents/${this.o.documentId}/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      );
    } catch (err) {
      if (seq === this.seq) this.error(err);
      return;
    }
    if (seq !== this.seq) return;
    const title = `${c.from?.name ?? "?"} → ${c.to ? c.to.name : t("history.nowLower")}`;
    const authors = fmt.list(
      c.text.authors.map(
        (a) => `${a.name || t("history.unknownAuthorLower")} (${fmt.number(a.inserted)})`,
      ),
    );
    const summary =
      c.text.inserted || c.text.deleted
        ? `${
            authors
              ? t("history.insertedBy", {
                  count: c.text.inserted,
                  n: fmt.number(c.text.inserted),
                  authors,
                })
              : t("history.inserted", { count: c.text.inserted, n: fmt.number(c.text.inserted) })
          }; ${t("history.deleted", { count: c.text.deleted, n: fmt.number(c.text.deleted) })}`
        : t("history.same");
    // The server's notes are English sentences for API clients; the same
    // facts are said here in the person's language.
    const notes = [
      t("history.noteAuthors"),
      ...(c.text.authors.some((a) => a.id === null) ? [t("history.noteUnknown")] : []),
      t("history.noteMarks"),
    ];
    this.content.replaceChildren(
      h(
        "div",
        { class: "gl-versions-head" },
        h("h3", {}, title),
        h("p", { class: "gl-diff-summary" }, summary),
        ...notes.map((n) => h("p", { class: "gl-muted gl-diff-note" }, n)),
      ),
      h(
        "div",
        { class: "gl-versions-columns" },
        h(
          "article",
          { class: "gl-paper gl-diff-paper", "aria-label": t("history.changes") },
          this.diff(c.text.changes, c.text.blocks),
        ),
        this.annotationChanges(c.annotations),
      ),
    );
  }

  /// The text with insertions (coloured by author, named) and deletions, in
  /// paragraphs.
  private diff(changes: TextChange[], blocks: string[]): HTMLElement {
    const root = h("div", { class: "gl-diff", "data-testid": "diff" });
    // Block separators of the newer text (in equal and inserted stretches)
    // move to its next block; those of deleted stretches open a paragraph
    // of deleted text.
    let block = 0;
    const open = (type: string | undefined) => {
      const p = h("p", { class: `gl-diff-block gl-diff-${type ?? "deleted"}` });
      root.append(p);
      return p;
    };
    let p = open(blocks[0]);
    let lastAuthor: string | null | undefined;
    for (const c of changes) {
      const pieces = c.text.split(BLOCK_SEPARATOR);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (c.op !== "delete") block++;
          p = open(c.op === "delete" ? undefined : blocks[block]);
          lastAuthor = undefined;
        }
        if (!piece) return;
        if (c.op === "equal") {
          p.append(piece);
          lastAuthor = undefined;
        } else if (c.op === "delete") {
          p.append(h("del", { class: "gl-del", title: t("history.delTitle") }, piece));
        } else {
          const name = c.author?.name ?? t("history.unknownAuthor");
          const ins = h(
            "ins",
            {
              class: "gl-ins",
              title: t("history.insTitle", { name }),
              "data-author": name,
            },
            piece,
          );
          const colour = c.author ? colorFor(c.author.id) : "#888888";
          ins.style.borderBottomColor = colour;
          const id = c.author?.id ?? null;
          if (lastAuthor !== id) {
            const tag = h("span", { class: "gl-ins-author", "aria-hidden": "true" }, name);
            tag.style.backgroundColor = colour;
            p.append(tag);
          }
          lastAuthor = id;
          p.append(ins);
        }
      });
    }
    for (const el of [...root.children]) if (!el.textContent) el.remove();
    return root;
  }

  private annotationChanges(list: AnnotationChange[]): HTMLElement {
    if (!list.length)
      return h(
        "aside",
        { class: "gl-version-annotations" },
        h("p", { class: "gl-hint" }, t("history.noChanges")),
      );
    return h(
      "aside",
      { class: "gl-version-annotations" },
      h("h4", {}, t("annotations.title")),
      h(
        "ol",
        { class: "gl-annotation-changes" },
        ...list.map((c) =>
          h(
            "li",
            { class: `gl-annotation-change gl-change-${c.type}`, "data-change": c.type },
            h(
              "p",
              {},
              h("strong", {}, t(`history.change.${c.type}`)),
              ` · ${kindLabel(c.annotation.kind)}`,
              c.by ? ` · ${c.by.name}` : "",
              c.at ? h("span", { class: "gl-muted" }, ` · ${when(c.at)}`) : null,
            ),
            h("blockquote", {}, c.annotation.quote),
            c.detail
              ? h("p", {}, c.type === "status" ? statusChange(c.detail) : c.detail)
              : c.type === "added" && c.annotation.body
                ? h("p", {}, c.annotation.body)
                : null,
          ),
        ),
      ),
    );
  }

  private select(id: string): void {
    for (const li of this.list.querySelectorAll<HTMLElement>(".gl-version"))
      li.classList.toggle("gl-version-selected", li.dataset.versionId === id);
  }

  private error(err: unknown): void {
    this.content.replaceChildren(
      h("p", { class: "gl-banner gl-banner-error", role: "alert" }, errorText(err)),
    );
  }

  /// Downloads the annotated document (now, a version, or the redline from
  /// one version to another) with the highlight and note options chosen.
  private async download(what: {
    format: "html" | "md" | "docx";
    version?: string;
    from?: string;
    to?: string;
  }): Promise<void> {
    const q = new URLSearchParams({ format: what.format });
    if (what.version) q.set("version", what.version);
    if (what.from) q.set("from", what.from);
    if (what.to) q.set("to", what.to);
    q.set("highlight", this.highlightSelect.value);
    if (!this.footerBox.checked) q.set("footer", "0");
    // The export's fixed words in the person's language.
    q.set("lang", language());
    await this.fetchFile(
      `/api/documents/${this.o.documentId}/export?${q}`,
      `document.${what.format}`,
    );
  }

  /// Downloads the annotations as W3C Web Annotations (JSON-LD).
  private async downloadAnnotations(): Promise<void> {
    await this.fetchFile(
      `/api/documents/${this.o.documentId}/annotations?format=w3c`,
      "annotations.jsonld",
    );
  }

  private async fetchFile(path: string, fallbackName: string): Promise<void> {
    try {
      const res = await fetch(path, {
        headers: { Authorization: `Bearer ${await auth.token()}` },
      });
      if (!res.ok) {
        const data = (await res.json().catch(() => null)) as {
          error?: { code?: string; message?: string };
        } | null;
        throw new ApiError(res.status, data?.error?.code ?? "error", data?.error?.message ?? "");
      }
      const blob = await res.blob();
      const name =
        /filename="?([^";]+)"?/i.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ??
        fallbackName;
      const url = URL.createObjectURL(blob);
      const a = h("a", { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      this.o.notify(t("history.exportFailed", { reason: errorText(err) }), true);
    }
  }
}

function describe(v: VersionView): string {
  const what =
    v.kind === "auto"
      ? t("history.describe.auto")
      : v.kind === "restore"
        ? t("history.describe.restore", {
            name: v.restoredFrom?.name ?? t("history.describe.earlier"),
          })
        : t("history.describe.named");
  const at = when(v.createdAt);
  return v.createdBy
    ? t("history.describe.by", { what, at, name: v.createdBy.name })
    : t("history.describe.plain", { what, at });
}

/// A claim-status change ("sourced → verified") in the person's words.
function statusChange(detail: string): string {
  return detail
    .split(" → ")
    .map((s) => (s === "none" ? t("history.noStatus") : statusLabel(s)))
    .join(" → ");
}

/// The name of a version to save.
function nameInput(): HTMLInputElement {
  return h("input", {
    type: "text",
    name: "name",
    maxlength: "200",
    required: true,
    placeholder: t("history.namePlaceholder"),
    "aria-label": t("history.nameLabel"),
  });
}
