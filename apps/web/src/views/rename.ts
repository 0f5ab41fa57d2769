import { api } from "../api.ts";
import { h } from "../dom.ts";
import { errorText, language, t } from "../i18n/index.ts";

/// Replaces `shown` (a document's title) in `box` by a field to rename it:
/// Enter or "Save" renames it on the server, Escape or "Cancel" puts the
/// title back. A refusal is shown beside the field, and nothing is lost.
export function renameInPlace(
  box: HTMLElement,
  shown: HTMLElement,
  id: string,
  title: string,
  renamed: (title: string) => void,
): void {
  if (box.querySelector(".gl-rename")) return;
  const input = h("input", {
    type: "text",
    class: "gl-rename-input",
    value: title,
    maxlength: "300",
    "aria-label": t("rename.newTitle"),
    required: true,
  });
  const error = h("span", { class: "gl-rename-error", role: "alert" });
  const form = h(
    "form",
    { class: "gl-rename" },
    input,
    h("button", { type: "submit", class: "gl-primary" }, t("common.save")),
    h("button", { type: "button", class: "gl-rename-cancel" }, t("common.cancel")),
    error,
  );
  const close = () => {
    form.remove();
    shown.hidden = false;
  };
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const wanted = input.value.trim();
    if (!wanted) {
      error.textContent = t("rename.needsTitle");
      return;
    }
    if (wanted === title) return close();
    try {
      const r = await api("PATCH /api/documents/:id", { id, body: { title: wanted } });
      renamed(r.title);
      close();
    } catch (err) {
      error.textContent = errorText(err);
    }
  });
  form.querySelector(".gl-rename-cancel")!.addEventListener("click", close);
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") close();
  });
  shown.hidden = true;
  shown.after(form);
  input.focus();
  input.select();
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/// "just now", "5 minutes ago", "yesterday"… for an ISO time.
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  if (Math.abs(seconds) < 45) return t("rename.justNow");
  const format = new Intl.RelativeTimeFormat(language(), { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds / 60), "minute");
}
