import { auth, request } from "../api.ts";
import { h } from "../dom.ts";

interface ToaEntryView {
  key: string;
  label: string;
  alsoCitedAs: string[];
  display: string;
  caseName?: string;
  paragraphs: number[];
  passim: boolean;
  refs: string;
  url?: string;
  known: boolean;
}

interface ToaView {
  title: string;
  passimAfter: number;
  groups: { id: string; heading: string; entries: ToaEntryView[] }[];
  omitted: { from: string; key: string; reason: string }[];
}

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
export class AuthoritiesPanel {
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
          "Download Word (.docx)",
        ),
        h(
          "button",
          { type: "button", class: "gl-toa-html", onclick: () => void this.download("html") },
          "Download HTML",
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
      this.body.replaceChildren(h("p", { class: "gl-muted" }, "Building the table…"));
    let toa: ToaView;
    try {
      toa = await request<ToaView>("GET", `/api/documents/${this.ctx.documentId}/authorities`);
    } catch (err) {
      if (seq !== this.seq) return;
      this.body.replaceChildren(
        h("p", { class: "gl-banner gl-banner-error", role: "alert" }, (err as Error).message),
      );
      return;
    }
    if (seq !== this.seq) return;
    this.loaded = true;
    this.render(toa);
  }

  private render(toa: ToaView): void {
    this.stamp.textContent = `Updated ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}`;
    if (!toa.groups.length) {
      this.body.replaceChildren(
        h(
          "p",
          { class: "gl-hint" },
          "No authorities yet. Citations in the text and sources linked to annotations appear here.",
        ),
      );
      return;
    }
    const nodes: HTMLElement[] = [];
    for (const g of toa.groups) {
      nodes.push(h("h3", { class: "gl-toa-heading" }, g.heading));
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
          `${toa.omitted.length} citation${toa.omitted.length > 1 ? "s" : ""} or link${toa.omitted.length > 1 ? "s" : ""} outside numbered paragraphs (title, addressees, detached annotations) are not listed.`,
        ),
      );
    nodes.push(
      h(
        "p",
        { class: "gl-muted gl-toa-passim" },
        `“passim”: cited in more than ${toa.passimAfter} paragraphs.`,
      ),
    );
    this.body.replaceChildren(...nodes);
  }

  private entry(e: ToaEntryView): HTMLElement {
    // Case names in italics, as in a brief.
    const cite = h("button", {
      type: "button",
      class: "gl-toa-cite",
      title: "Open beside the text",
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
              "aria-label": `Go to paragraph ${p}`,
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
      e.known ? null : h("span", { class: "gl-link-unknown" }, "not in the catalog"),
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
              "aria-label": `Official text of ${e.label}`,
              title: "Official text",
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
      const res = await fetch(
        `/api/documents/${this.ctx.documentId}/authorities?format=${format}`,
        { headers: { Authorization: `Bearer ${await auth.token()}` } },
      );
      if (!res.ok) {
        const data = (await res.json().catch(() => null)) as {
          error?: { message?: string };
        } | null;
        throw new Error(data?.error?.message ?? `The server answered ${res.status}.`);
      }
      const blob = await res.blob();
      const disposition = res.headers.get("Content-Disposition") ?? "";
      const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
      const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
      const name = star ? decodeURIComponent(star) : (plain ?? `table-of-authorities.${format}`);
      const url = URL.createObjectURL(blob);
      const a = h("a", { href: url, download: name, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      this.ctx.notify(
        `The table of authorities could not be downloaded: ${(err as Error).message}`,
        true,
      );
    }
  }
}
