import { request } from "../api.ts";
import { h } from "../dom.ts";

interface ReviewItemView {
  check: "claim-without-source" | "unknown-authority" | "quotation-mismatch";
  message: string;
  annotationId?: string;
  annotationIds?: string[];
  paragraph: number | null;
  from: number | null;
  to: number | null;
  detached?: boolean;
  quote?: string;
  quotation?: string;
  citation?: { text: string; key: string; canonical: string };
  checkedAgainst?: { key: string; pinpoint: string | null; canonical: string }[];
}

interface ReviewView {
  items: ReviewItemView[];
  summary: {
    claimsWithoutSource: number;
    unknownAuthorities: number;
    quotationMismatches: number;
    quotationsUnchecked: number;
    quotationsChecked: number;
  };
}

const CHECK_LABEL: Record<ReviewItemView["check"], string> = {
  "claim-without-source": "Claim without a source",
  "unknown-authority": "Authority not in the catalog",
  "quotation-mismatch": "Quotation not found in the source",
};

export interface ReviewContext {
  documentId: string;
  activate: (id: string) => void;
  jump: (from: number, to: number) => void;
  open: (key: string, pinpoint: string | null) => void;
}

/// The checks a lawyer runs before filing (claims with no source, citations
/// the catalog does not know, quotations that do not match their linked
/// source), from the server's review of the document; each item goes to its
/// place in the text.
export class ReviewPanel {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLElement;
  private seq = 0;

  constructor(private readonly ctx: ReviewContext) {
    this.summary = h("p", { class: "gl-review-summary", "aria-live": "polite" });
    this.list = h("ol", { class: "gl-review-list" });
    this.element = h("div", { class: "gl-review" }, this.summary, this.list);
  }

  async refresh(): Promise<void> {
    const seq = ++this.seq;
    let review: ReviewView;
    try {
      review = await request<ReviewView>("GET", `/api/documents/${this.ctx.documentId}/review`);
    } catch (err) {
      if (seq !== this.seq) return;
      this.summary.textContent = (err as Error).message;
      return;
    }
    if (seq !== this.seq) return;
    this.render(review);
  }

  private render(r: ReviewView): void {
    const s = r.summary;
    const parts = [
      `${s.claimsWithoutSource} claim${s.claimsWithoutSource === 1 ? "" : "s"} without a source`,
      `${s.unknownAuthorities} unknown authorit${s.unknownAuthorities === 1 ? "y" : "ies"}`,
      `${s.quotationMismatches} quotation${s.quotationMismatches === 1 ? "" : "s"} not found (${s.quotationsChecked} checked${s.quotationsUnchecked ? `, ${s.quotationsUnchecked} without source text to check against` : ""})`,
    ];
    this.summary.textContent = r.items.length
      ? parts.join(" · ")
      : `Nothing to review: every claim has a source, every citation is known, and every quotation checked matches its source (${s.quotationsChecked} checked).`;
    this.list.replaceChildren(...r.items.map((item) => this.item(item)));
  }

  private item(item: ReviewItemView): HTMLElement {
    const go = () => {
      const id = item.annotationId ?? item.annotationIds?.[0];
      if (item.check === "claim-without-source" && id) this.ctx.activate(id);
      else if (item.from !== null && item.to !== null) this.ctx.jump(item.from, item.to);
      else if (id) this.ctx.activate(id);
    };
    const where = item.paragraph ? `¶ ${item.paragraph}` : item.detached ? "detached" : "no ¶";
    return h(
      "li",
      { class: `gl-review-item gl-review-${item.check}` },
      h(
        "button",
        { type: "button", class: "gl-review-go", onclick: go },
        h("span", { class: "gl-review-where" }, where),
        " ",
        h("span", { class: "gl-review-check" }, CHECK_LABEL[item.check] ?? item.check),
        " ",
        h("span", { class: "gl-review-msg" }, item.message),
      ),
      item.checkedAgainst?.length
        ? h(
            "div",
            { class: "gl-review-against" },
            "Checked against: ",
            ...item.checkedAgainst.flatMap((c, i) => [
              i ? "; " : "",
              h(
                "button",
                {
                  type: "button",
                  class: "gl-link-btn",
                  onclick: () => this.ctx.open(c.key, c.pinpoint),
                },
                c.canonical,
              ),
            ]),
          )
        : null,
    );
  }
}
