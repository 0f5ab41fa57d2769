import type { RouteAnswer } from "@glossa/api";
import { api } from "../api.ts";
import { h } from "../dom.ts";
import { downloadFile } from "../download.ts";
import { errorText, has, language, t } from "../i18n/index.ts";
import type { SidePanel } from "../panels/SidePanels.ts";

type ToaView = RouteAnswer<"GET /api/documents/:id/authorities">;
type ToaEntryView = ToaView["groups"][number]["entries"][number];

export interface AuthoritiesContext {
  documentId: string;
  open: (key: string, pinpoint: string | null) => void;
  /// Shows paragraph ¶ n.
  goToParagraph: (n: number) => void;
  notify: (message: string, error?: boolean) => void;
}

/// The table of authorities, live: the server builds it from the citations
/// and the links of the document as it stands (grouped as courts expect,
/// alphabetical, with ¶ references and "passim"), and exports it as Word and
/// HTML.
export class AuthoritiesPanel implements SidePanel {
  readonly id = "authorities";
  readonly label = t("sources.tabs.authorities");
  readonly title = t("sources.tabs.authoritiesTitle");
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly stamp: HTMLElement;
  private seq = 0;
  private loaded = false;

  constructor(private readonly ctx: AuthoritiesContext) {
    this.body = h("div", { class: "gl-toa-body", "aria-live": "polite" });
    this.stamp = h("span", { class: "gl-muted gl-toa-stamp" });
    this.element = h(
      "div",
      { class: "gl-toa" },
      h(
        "div",
        { class: "gl-toa-tools" },
        h(
          "button",
          { type: "button", class: "gl-toa-docx", onclick: () => void this.download("docx") },
          t("sources.toa.docx"),
        ),
        h(
          "button",
          { type: "button", class: "gl-toa-html", onclick: () => void this.download("html") },
          t("sources.toa.html"),
        ),
        this.stamp,
      ),
      this.body,
    );
  }

  /// Fetches the table again and shows it.
  async refresh(): Promise<void> {
    const seq = ++this.seq;
    if (!this.loaded)
      this.body.replaceChildren(h("p", { class: "gl-muted" }, t("sources.toa.building")));
    let toa: ToaView;
    try {
      toa = await api("GET /api/documents/:id/authorities", { id: this.ctx.documentId });
    } catch (err) {
      if (seq !== this.seq) return;
      this.body.replaceChildren(
        h("p", { class: "gl-banner gl-banner-error", role: "alert" }, errorText(err)),
      );
      return;
    }
    if (seq !== this.seq) return;
    this.loaded = true;
    this.render(toa);
  }

  private render(toa: ToaView): void {
    this.stamp.textContent = t("sources.toa.updated", {
      time: new Date().toLocaleTimeString(language(), {
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      }),
    });
    if (!toa.groups.length) {
      this.body.replaceChildren(h("p", { class: "gl-hint" }, t("sources.toa.empty")));
      return;
    }
    const nodes: HTMLElement[] = [];
    for (const g of toa.groups) {
      nodes.push(
        h(
          "h3",
          { class: "gl-toa-heading" },
          has(`sources.toa.group.${g.id}`) ? t(`sources.toa.group.${g.id as "cases"}`) : g.heading,
        ),
      );
      nodes.push(
        h(
          "ul",
          { class: "gl-toa-entries", "data-group": g.id },
          ...g.entries.map((e) => this.entry(e)),
        ),
      );
    }
    if (toa.omitted.length)
      nodes.push(
        h(
          "p",
          { class: "gl-muted gl-toa-omitted" },
          t("sources.toa.omitted", { count: toa.omitted.length }),
        ),
      );
    nodes.push(
      h(
        "p",
        { class: "gl-muted gl-toa-passim" },
        t("sources.toa.passim", { count: toa.passimAfter }),
      ),
    );
    this.body.replaceChildren(...nodes);
  }

  private entry(e: ToaEntryView): HTMLElement {
    // Case names in italics, as in a brief.
    const cite = h("button", {
      type: "button",
      class: "gl-toa-cite",
      title: t("sources.openBesideShort"),
      onclick: () => this.ctx.open(e.key, null),
    });
    const name = e.caseName && e.display.indexOf(e.caseName);
    if (e.caseName && typeof name === "number" && name >= 0) {
      cite.append(
        e.display.slice(0, name),
        h("i", {}, e.caseName),
        e.display.slice(name + e.caseName.length),
      );
    } else cite.append(e.display);
    const refs = h("span", { class: "gl-toa-refs" });
    if (e.passim) refs.append("passim");
    else {
      refs.append(e.paragraphs.length > 1 ? "¶¶ " : "¶ ");
      e.paragraphs.forEach((p, i) => {
        if (i) refs.append(", ");
        refs.append(
          h(
            "button",
            {
              type: "button",
              class: "gl-link-btn gl-toa-para",
              "aria-label": t("sources.toa.goTo", { n: p }),
              onclick: () => this.ctx.goToParagraph(p),
            },
            String(p),
          ),
        );
      });
    }
    return h(
      "li",
      { class: "gl-toa-entry", "data-key": e.key },
      cite,
      e.known ? null : h("span", { class: "gl-link-unknown" }, t("sources.notInCatalogShort")),
      h("span", { class: "gl-toa-leader", "aria-hidden": "true" }),
      refs,
      e.url
        ? h(
            "a",
            {
              class: "gl-toa-url",
              href: e.url,
              target: "_blank",
              rel: "noopener noreferrer",
              "aria-label": t("sources.toa.officialOf", { label: e.label }),
              title: t("sources.toa.official"),
            },
            "↗",
          )
        : null,
    );
  }

  /// Downloads the table as DOCX or HTML (the API needs the sign-in token,
  /// so the file is fetched and handed to the browser as a download).
  private async download(format: "docx" | "html"): Promise<void> {
    try {
      await downloadFile(
        `/api/documents/${this.ctx.documentId}/authorities?format=${format}&lang=${language()}`,
        `table-of-authorities.${format}`,
      );
    } catch (err) {
      this.ctx.notify(t("sources.toa.downloadFailed", { reason: errorText(err) }), true);
    }
  }
}
