import type { RouteAnswer } from "@glossa/api";
import { api } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, t } from "../i18n/index.ts";
import type { SidePanel } from "../panels/SidePanels.ts";

type ReviewView = RouteAnswer<"GET /api/documents/:id/review">;
type ReviewItemView = ReviewView["items"][number];

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
      review = await api("GET /api/documents/:id/review", { id: this.ctx.documentId });
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
      if (item.check === "claim-without-source") this.ctx.activate(item.annotationId);
      else this.ctx.jump(item.from, item.to);
    };
    const where = item.paragraph
      ? `¶ ${item.paragraph}`
      : item.check === "claim-without-source" && item.detached
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
      item.check === "quotation-mismatch" && item.checkedAgainst.length
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
  switch (item.check) {
    case "claim-without-source":
      return t("sources.review.msg.claim", { quote: clip(item.quote) });
    case "unknown-authority":
      return t("sources.review.msg.unknown", {
        text: clip(item.citation.text),
        cite: item.citation.canonical,
      });
    case "quotation-mismatch":
      return t("sources.review.msg.quote", {
        quote: clip(item.quotation),
        cites: item.checkedAgainst.map((c) => c.canonical).join("; "),
      });
  }
}
