import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";
import { kindLabel } from "./labels.ts";

/// The card of an annotation being written: its kind, the writer, a box for
/// the first message; Ctrl+Enter or Save sends (an empty message only for a
/// claim), Esc or Cancel drops it. The margin keeps it while the draft is open.
export function draftCard(
  kind: string,
  writer: string,
  o: { save: (text: string) => void; cancel: () => void },
): HTMLElement {
  const ta = h("textarea", {
    rows: "3",
    "data-for": "draft",
    placeholder: t("annotations.draftPlaceholder", { kind: kindLabel(kind) }),
    "aria-label": t("annotations.draftLabel", { kind: kindLabel(kind).toLowerCase() }),
  });
  const save = () => {
    if (!ta.value.trim() && kind !== "claim") {
      ta.focus();
      return;
    }
    o.save(ta.value);
  };
  ta.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) save();
    if (e.key === "Escape") o.cancel();
  });
  return h(
    "article",
    { class: `gl-card gl-draft gl-kind-${kind}`, "data-card": "draft" },
    h(
      "header",
      {},
      h("span", { class: "gl-chip" }, kindLabel(kind)),
      h("span", { class: "gl-muted" }, writer),
    ),
    ta,
    h(
      "div",
      { class: "gl-actions" },
      h("button", { type: "button", class: "gl-primary", onclick: save }, t("common.save")),
      h("button", { type: "button", onclick: o.cancel }, t("common.cancel")),
    ),
  );
}
