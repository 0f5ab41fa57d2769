import { request } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, t } from "../i18n/index.ts";
import type { SidePanel } from "../panels/SidePanels.ts";

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
export class ReviewPanel implements SidePanel {
  readonly id = "review";
  readonly label = t("sources.tabs.review");
  readonly title = t("sources.tabs.reviewTitle");
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
      this.summary.textContent = errorText(err);
      return;
    }
    if (seq !== this.seq) return;
    this.render(review);
  }

  private render(r: ReviewView): void {
    const s = r.summary;
    const parts = [
      t("sources.review.claims", { count: s.claimsWithoutSource }),
      t("sources.review.unknown", { count: s.unknownAuthorities }),
      s.quotationsUnchecked
        ? t("sources.review.quotesUnchecked", {
            count: s.quotationMismatches,
            checked: s.quotationsChecked,
            unchecked: s.quotationsUnchecked,
          })
        : t("sources.review.quotes", {
            count: s.quotationMismatches,
            checked: s.quotationsChecked,
          }),
    ];
    this.summary.textContent = r.items.length
      ? parts.join(" · ")
      : t("sources.review.nothing", { checked: s.quotationsChecked });
    this.list.replaceChildren(...r.items.map((item) => this.item(item)));
  }

  private item(item: ReviewItemView): HTMLElement {
    const go = () => {
      const id = item.annotationId ?? item.annotationIds?.[0];
      if (item.check === "claim-without-source" && id) this.ctx.activate(id);
      else if (item.from !== null && item.to !== null) this.ctx.jump(item.from, item.to);
      else if (id) this.ctx.activate(id);
    };
    const where = item.paragraph
      ? `¶ ${item.paragraph}`
      : item.detached
        ? t("history.detached")
        : t("sources.review.noPara");
    return h(
      "li",
      { class: `gl-review-item gl-review-${item.check}` },
      h(
        "button",
        { type: "button", class: "gl-review-go", onclick: go },
        h("span", { class: "gl-review-where" }, where),
        " ",
        h("span", { class: "gl-review-check" }, t(`sources.review.check.${item.check}`)),
        " ",
        h("span", { class: "gl-review-msg" }, reviewMessage(item)),
      ),
      item.checkedAgainst?.length
        ? h(
            "div",
            { class: "gl-review-against" },
            `${t("sources.review.checkedAgainst")} `,
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

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/// The item's sentence in the person's language, from its facts (the
/// server's `message` is English, for API clients).
function reviewMessage(item: ReviewItemView): string {
  if (item.check === "claim-without-source" && item.quote !== undefined)
    return t("sources.review.msg.claim", { quote: clip(item.quote) });
  if (item.check === "unknown-authority" && item.citation)
    return t("sources.review.msg.unknown", {
      text: clip(item.citation.text),
      cite: item.citation.canonical,
    });
  if (item.check === "quotation-mismatch" && item.quotation !== undefined)
    return t("sources.review.msg.quote", {
      quote: clip(item.quotation),
      cites: (item.checkedAgainst ?? []).map((c) => c.canonical).join("; "),
    });
  return item.message;
}
