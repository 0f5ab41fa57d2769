import type { CollabSession, SaveState } from "@glossa/collab";
import { CloseEvents } from "@glossa/protocol";
import { h } from "../dom.ts";
import { t } from "../i18n/index.ts";

/// The words for a close reason of the server (docs/protocol.md §8), in
/// the interface's language (the reasons themselves are English sentences
/// for API clients); null without one.
export function closeReason(message: string | null): string | null {
  if (!message) return null;
  for (const [key, e] of Object.entries(CloseEvents)) {
    if (e.reason === message) return t(`editor.close.${key as keyof typeof CloseEvents}`);
  }
  return t("editor.status.error");
}

/// While the server takes no more text changes from this person and some of
/// theirs are not on its disk (status `unsaved`: the role changed to one that
/// cannot edit, or the server refused one of this page's changes for good —
/// `message` is its reason), says so in words under the bar and shows the
/// words not saved, to copy; cleared once nothing is unsaved. After a
/// refusal, `discard` (a button) starts again from the saved document:
/// sending the same change again would meet the same refusal.
export function unsavedNotice(
  slot: HTMLElement,
  collab: CollabSession,
  discard: () => void,
): (s: SaveState) => void {
  let shown: string | null = null;
  return (s) => {
    if (s.status !== "unsaved") {
      if (shown !== null) slot.replaceChildren();
      shown = null;
      return;
    }
    const words = collab.unsavedText();
    const key = `${s.message ?? ""}\n${words}`;
    if (key === shown) return;
    shown = key;
    const refused = s.message
      ? [
          h("p", { class: "gl-unsaved-note gl-unsaved-reason" }, closeReason(s.message)),
          h("p", { class: "gl-unsaved-note" }, t("editor.refusedNotice")),
        ]
      : [h("p", { class: "gl-unsaved-note" }, t("editor.unsavedNotice"))];
    const button = h(
      "button",
      { type: "button", class: "gl-button gl-unsaved-discard" },
      t("editor.discardUnsaved"),
    );
    button.addEventListener("click", discard);
    slot.replaceChildren(
      h(
        "div",
        { class: "gl-banner gl-banner-error gl-unsaved", role: "alert" },
        ...refused,
        words
          ? h("blockquote", { class: "gl-unsaved-words" }, words)
          : h("p", { class: "gl-unsaved-note" }, t("editor.unsavedNoWords")),
        ...(s.message ? [button] : []),
      ),
    );
  };
}
