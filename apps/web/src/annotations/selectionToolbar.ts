import { ANNOTATION_KINDS } from "@glossa/annotations";
import { Plugin } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";
import { kindLabel } from "./labels.ts";

export interface SelectionToolbarOptions {
  /// Whether this person may annotate now (asked on every update).
  canAnnotate: () => boolean;
  /// A kind was chosen for the selected words.
  start: (kind: string) => void;
}

/// The floating bar offered over a selection, one button per annotation
/// kind, as a ProseMirror plugin view: placed on every update of the
/// editor, inside the paper the text sits on. `hide` takes it away until
/// the next update (a draft was opened).
export function selectionToolbar(o: SelectionToolbarOptions): { plugin: Plugin; hide(): void } {
  const bar = h("div", {
    class: "gl-selbar",
    role: "toolbar",
    "aria-label": t("annotations.toolbar"),
    hidden: true,
  });
  for (const k of ANNOTATION_KINDS) {
    bar.append(
      h(
        "button",
        {
          type: "button",
          class: `gl-selbar-btn gl-kind-${k.id}`,
          title: k.id === "comment" ? `${kindLabel(k.id)} (Ctrl+Alt+M)` : kindLabel(k.id),
          onmousedown: (e: Event) => e.preventDefault(),
          onclick: () => o.start(k.id),
        },
        k.label,
      ),
    );
  }
  const place = (view: EditorView) => {
    const { from, to, empty } = view.state.selection;
    if (empty || !o.canAnnotate() || !view.hasFocus()) {
      bar.hidden = true;
      return;
    }
    const start = view.coordsAtPos(from);
    const end = view.coordsAtPos(to);
    // The bar lives in the paper (positioned); a hidden bar has no offsetParent.
    const host = bar.parentElement?.getBoundingClientRect();
    if (!host) return;
    bar.hidden = false;
    bar.style.top = `${Math.min(start.top, end.top) - host.top - 44}px`;
    bar.style.left = `${Math.max(0, start.left - host.left)}px`;
  };
  const plugin = new Plugin({
    view(view) {
      (view.dom.closest(".gl-paper") ?? view.dom.parentElement)?.append(bar);
      return { update: place, destroy: () => bar.remove() };
    },
  });
  return {
    plugin,
    hide: () => {
      bar.hidden = true;
    },
  };
}
