import { capabilities, type Role } from "@glossa/protocol";
import { api } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, t } from "../i18n/index.ts";
import type { Value } from "../state/value.ts";
import { comparisonView } from "./comparison.ts";
import { HistoryExports } from "./exports.ts";
import { when } from "./labels.ts";
import { versionDocumentView } from "./versionDocument.ts";
import type { Comparison, VersionDocument, VersionView } from "./wire.ts";

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
  private readonly exports: HistoryExports;
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
    this.exports = new HistoryExports(o.documentId, o.notify);
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
                  void this.exports.download({
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
          onclick: () => void this.exports.download({ format }),
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
            onclick: () => void this.exports.downloadAnnotations(),
          },
          t("history.w3c"),
        ),
        h("label", { class: "gl-muted" }, `${t("history.text")} `, this.exports.highlightSelect),
        h("label", { class: "gl-muted" }, this.exports.footerBox, ` ${t("history.footerNote")}`),
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
      const r = await api("GET /api/documents/:id/versions", { id: this.o.documentId });
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
      const v = await api("POST /api/documents/:id/versions", {
        id: this.o.documentId,
        body: { name },
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
      v = await api("GET /api/documents/:id/versions/:vid", { id: this.o.documentId, vid: id });
    } catch (err) {
      if (seq === this.seq) this.error(err);
      return;
    }
    if (seq !== this.seq) return;
    const restore = this.canManage ? this.restoreButton(v.version) : null;
    this.content.replaceChildren(
      ...versionDocumentView(v, {
        compare: (from, to) => void this.compare(from, to),
        download: (what) => void this.exports.download(what),
        restore,
      }),
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
      const r = await api("POST /api/documents/:id/versions/:vid/restore", {
        id: this.o.documentId,
        vid: v.id,
      });
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
      c = await api("GET /api/documents/:id/compare", {
        id: this.o.documentId,
        query: { from, to },
      });
    } catch (err) {
      if (seq === this.seq) this.error(err);
      return;
    }
    if (seq !== this.seq) return;
    this.content.replaceChildren(...comparisonView(c));
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
