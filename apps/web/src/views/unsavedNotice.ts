import type { CollabSession, SaveState } from "@glossa/collab";
import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";

/// While the server takes no more text changes from this person and some of
/// theirs are not on its disk (status `unsaved`: the role changed to one that
/// cannot edit), says so in words under the bar and shows the words not
/// saved, to copy; cleared once nothing is unsaved.
export function unsavedNotice(slot: HTMLElement, collab: CollabSession): (s: SaveState) => void {
  let shown: string | null = null;
  return (s) => {
    if (s.status !== "unsaved") {
      if (shown !== null) slot.replaceChildren();
      shown = null;
      return;
    }
    const words = collab.unsavedText();
    if (words === shown) return;
    shown = words;
    slot.replaceChildren(
      h(
        "div",
        { class: "gl-banner gl-banner-error gl-unsaved", role: "alert" },
        h("p", { class: "gl-unsaved-note" }, t("editor.unsavedNotice")),
        words
          ? h("blockquote", { class: "gl-unsaved-words" }, words)
          : h("p", { class: "gl-unsaved-note" }, t("editor.unsavedNoWords")),
      ),
    );
  };
}
