/// Announces colleagues' changes to threads (a new annotation, a reply, a
/// resolve, …) in words, through a polite live region (WCAG 4.1.3): new
/// audit entries by someone other than this person. What arrives with the
/// first sync (or a resync before it completes) is history, not news.
import type { Annotation, AuditAction } from "@glossa/annotations";
import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";

const ANNOUNCED: ReadonlySet<AuditAction> = new Set([
  "created",
  "replied",
  "resolved",
  "reopened",
  "edited",
  "deleted",
]);

export class ThreadAnnouncer {
  readonly element = h("p", { class: "gl-sr-only", role: "status", "aria-live": "polite" });
  private seen = new Set<string>();

  constructor(
    private readonly me: string,
    private readonly synced: () => boolean,
    private readonly kindLabel: (kind: string) => string,
  ) {}

  update(annotations: readonly Annotation[]): void {
    const news: string[] = [];
    const quiet = !this.synced();
    for (const a of annotations) {
      for (const e of a.audit) {
        if (this.seen.has(e.id)) continue;
        this.seen.add(e.id);
        if (quiet || !e.who || e.who.id === this.me || !ANNOUNCED.has(e.action)) continue;
        const quote = a.selector.quote.exact;
        news.push(
          t(`margin.remote.${e.action as "created"}`, {
            name: e.who.name,
            kind: this.kindLabel(a.kind).toLowerCase(),
            quote: quote.length > 60 ? `${quote.slice(0, 60)}…` : quote,
          }),
        );
      }
    }
    if (news.length) this.element.textContent = news.join(" ");
  }
}
