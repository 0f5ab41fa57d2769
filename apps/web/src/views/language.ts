import { h } from "../dom.ts";
import {
  LANGUAGE_NAMES,
  LANGUAGES,
  type Language,
  language,
  setLanguage,
  t,
} from "../i18n/index.ts";

/// The interface-language switch (top bar, sign-in page, Account page):
/// each language named in itself, with its `lang` so screen readers say it
/// right. Choosing one re-renders the page in it (main.ts).
export function languageSwitch(): HTMLElement {
  const select = h(
    "select",
    {
      class: "gl-language",
      "data-testid": "language",
      "aria-label": t("common.language"),
      onchange: (e: Event) => setLanguage((e.target as HTMLSelectElement).value as Language),
    },
    ...LANGUAGES.map((l) =>
      h("option", { value: l, lang: l, selected: l === language() }, LANGUAGE_NAMES[l]),
    ),
  );
  return h("span", { class: "gl-language-switch" }, select);
}
