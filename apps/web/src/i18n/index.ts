/// The web app's languages: i18next with the catalogues of `catalogues.ts` (`en.ts` and
/// `es-MX.ts` with their parts), the language chosen from the browser and switchable per
/// person (remembered in this browser), dates and numbers through Intl in
/// that language, and `lang` on <html>. Legal text and people's words are
/// never passed through here.
import i18next from "i18next";
import { catalogues } from "./catalogues.ts";

export const LANGUAGES = ["en", "es-MX"] as const;
export type Language = (typeof LANGUAGES)[number];

/// Each language's own name, shown in the switch (never translated).
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", "es-MX": "Español" };

const KEY = "glossa.lang";

/// The person's choice in this browser, else the browser's first language
/// Glossa speaks, else English.
export function detectLanguage(
  stored: string | null,
  browser: readonly string[] = typeof navigator === "undefined" ? [] : navigator.languages,
): Language {
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  for (const tag of browser) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "es") return "es-MX";
    if (base === "en") return "en";
  }
  return "en";
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

void i18next.init({
  lng: detectLanguage(storedLanguage()),
  fallbackLng: "en",
  supportedLngs: [...LANGUAGES],
  resources: {
    en: { translation: catalogues.en },
    "es-MX": { translation: catalogues["es-MX"] },
  },
  // Text is always set as text (dom.ts `h()`), never parsed as HTML.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
if (typeof document !== "undefined") document.documentElement.lang = i18next.language;

export const t = i18next.t.bind(i18next);

/// Whether the catalogue has `key` (for words chosen by data: kinds, statuses).
export const has = (key: string): boolean => i18next.exists(key);

export function language(): Language {
  return i18next.language as Language;
}

const listeners = new Set<() => void>();

/// Switches the interface language, remembers it in this browser, and
/// tells `onLanguageChanged` listeners (the router re-renders the page).
export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    /* private mode: the choice lasts until the page closes */
  }
  if (lang === i18next.language) return;
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  for (const f of listeners) f();
}

export function onLanguageChanged(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/// Dates, times and numbers in the interface language.
export const fmt = {
  date: (d: string | number | Date) =>
    new Date(d).toLocaleDateString(language(), { dateStyle: "medium" }),
  dateTime: (d: string | number | Date) =>
    new Date(d).toLocaleString(language(), { dateStyle: "medium", timeStyle: "short" }),
  time: (d: string | number | Date) =>
    new Date(d).toLocaleTimeString(language(), { timeStyle: "short" }),
  number: (n: number) => new Intl.NumberFormat(language()).format(n),
  percent: (fraction: number) =>
    new Intl.NumberFormat(language(), { style: "percent", maximumFractionDigits: 0 }).format(
      fraction,
    ),
  list: (items: string[]) =>
    new Intl.ListFormat(language(), { style: "long", type: "conjunction" }).format(items),
};

/// An error for the person, in their language: an API error by its stable
/// `code` (the server's English `message` stays for API clients), else by
/// its HTTP status; anything else by a generic sentence.
export function errorText(err: unknown): string {
  const e = err as { status?: number; code?: string; message?: string };
  if (typeof e?.code === "string") {
    const key = `errors.${e.code}`;
    if (i18next.exists(key)) return t(key as "errors.error", { message: e.message ?? "" });
    if (language() === "en" && e.message) return e.message;
    const s = e.status ?? 0;
    if (s >= 500) return t("errors.status_5xx");
    if (s === 403) return t("errors.forbidden");
    if (s === 404) return t("errors.not_found");
    if (s >= 400) return t("errors.bad_request", { message: e.message ?? "" });
  }
  if (language() === "en" && e?.message) return e.message;
  return t("errors.unexpected");
}

declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: (typeof catalogues)["en"] };
    returnNull: false;
  }
}
