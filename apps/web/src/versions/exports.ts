import { h } from "../dom.ts";
import { downloadFile } from "../download.ts";
import { errorText, language, t } from "../i18n/index.ts";

/// What a download asks for: the document now, a version, or the redline
/// from one version to another.
export interface ExportRequest {
  format: "html" | "md" | "docx";
  version?: string;
  from?: string;
  to?: string;
}

/// History's exports: the options shown in its bar (how annotated text is
/// highlighted, whether notes go in a footer) and the downloads they apply to.
export class HistoryExports {
  readonly highlightSelect: HTMLSelectElement;
  readonly footerBox: HTMLInputElement;

  constructor(
    private readonly documentId: string,
    private readonly notify: (message: string, error?: boolean) => void,
  ) {
    this.highlightSelect = h(
      "select",
      { class: "gl-export-highlight", "aria-label": t("history.highlight") },
      h("option", { value: "yellow" }, t("history.highlightYellow")),
      h("option", { value: "kind" }, t("history.highlightKind")),
      h("option", { value: "none" }, t("history.highlightNone")),
    );
    this.footerBox = h("input", { type: "checkbox", class: "gl-export-footer", checked: true });
  }

  /// Downloads the annotated document (now, a version, or the redline from
  /// one version to another) with the highlight and note options chosen.
  async download(what: ExportRequest): Promise<void> {
    const q = new URLSearchParams({ format: what.format });
    if (what.version) q.set("version", what.version);
    if (what.from) q.set("from", what.from);
    if (what.to) q.set("to", what.to);
    q.set("highlight", this.highlightSelect.value);
    if (!this.footerBox.checked) q.set("footer", "0");
    // The export's fixed words in the person's language.
    q.set("lang", language());
    await this.fetchFile(
      `/api/documents/${this.documentId}/export?${q}`,
      `document.${what.format}`,
    );
  }

  /// Downloads the annotations as W3C Web Annotations (JSON-LD).
  async downloadAnnotations(): Promise<void> {
    await this.fetchFile(
      `/api/documents/${this.documentId}/annotations?format=w3c`,
      "annotations.jsonld",
    );
  }

  private async fetchFile(path: string, fallbackName: string): Promise<void> {
    try {
      await downloadFile(path, fallbackName);
    } catch (err) {
      this.notify(t("history.exportFailed", { reason: errorText(err) }), true);
    }
  }
}
