import { ANNOTATION_KINDS, type Annotation, CLAIM_STATUSES } from "@glossa/annotations";
import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";
import { kindLabel, statusLabel } from "./labels.ts";

/// Which threads the margin shows.
export interface Filters {
  kind: string;
  status: string;
  author: string;
  showResolved: boolean;
}

/// The margin's filter bar (kind, claim status, author, resolved shown,
/// the overview), with the counts and the detached tray, which stay in view
/// with it. `filters` hears every change of the filters, `list` the overview.
export function filterBar(
  summary: HTMLElement,
  tray: HTMLElement,
  on: { filters: (f: Filters) => void; list: (on: boolean) => void },
): HTMLElement {
  const kind = h(
    "select",
    { "aria-label": t("annotations.filters.kind") },
    h("option", { value: "" }, t("annotations.filters.allKinds")),
  );
  for (const k of ANNOTATION_KINDS) kind.append(h("option", { value: k.id }, kindLabel(k.id)));
  const status = h(
    "select",
    { "aria-label": t("annotations.claimStatus") },
    h("option", { value: "" }, t("annotations.filters.anyStatus")),
  );
  for (const s of CLAIM_STATUSES) status.append(h("option", { value: s }, statusLabel(s)));
  const author = h(
    "select",
    { "aria-label": t("annotations.filters.author"), class: "gl-filter-author" },
    h("option", { value: "" }, t("annotations.filters.anyone")),
  );
  const resolved = h("input", { type: "checkbox" });
  const apply = () =>
    on.filters({
      kind: kind.value,
      status: status.value,
      author: author.value,
      showResolved: resolved.checked,
    });
  for (const el of [kind, status, author, resolved]) el.addEventListener("change", apply);
  const list = h("input", { type: "checkbox", "aria-label": t("annotations.filters.asList") });
  list.addEventListener("change", () => on.list(list.checked));
  return h(
    "div",
    { class: "gl-filters" },
    kind,
    status,
    author,
    h("label", { class: "gl-check" }, resolved, t("annotations.filters.showResolved")),
    h(
      "label",
      { class: "gl-check", title: t("annotations.filters.overviewTitle") },
      list,
      t("annotations.filters.overview"),
    ),
    summary,
    tray,
  );
}

/// Offers the authors of `annotations` in the author filter under `root`
/// (the choice kept; nothing rebuilt while the number is the same).
export function updateAuthors(root: HTMLElement, annotations: readonly Annotation[]): void {
  const select = root.querySelector<HTMLSelectElement>(".gl-filter-author");
  if (!select) return;
  const authors = new Map(annotations.map((a) => [a.author.id, a.author.name]));
  if (select.options.length === authors.size + 1) return;
  const value = select.value;
  select.replaceChildren(
    h("option", { value: "" }, t("annotations.filters.anyone")),
    ...[...authors].map(([id, name]) => h("option", { value: id }, name)),
  );
  select.value = value;
}
