import { api, auth } from "../api.ts";
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
/// right. Choosing one re-renders the page in it (main.ts) and, signed in,
/// keeps the choice with the account (`PATCH /api/account/preferences`), so
/// it follows the person to other browsers and sets the exports' language.
export function languageSwitch(): HTMLElement {
  const select = h(
    "select",
    {
      class: "gl-language",
      "data-testid": "language",
      "aria-label": t("common.language"),
      onchange: (e: Event) => {
        const lang = (e.target as HTMLSelectElement).value as Language;
        if (auth.me) {
          synced = auth.me.id;
          saveToAccount(lang);
        } else {
          // Signed out (the sign-in page): the person's latest choice, kept
          // for the account they sign in to next.
          setPending(lang);
        }
        setLanguage(lang);
      },
    },
    ...LANGUAGES.map((l) =>
      h("option", { value: l, lang: l, selected: l === language() }, LANGUAGE_NAMES[l]),
    ),
  );
  return h("span", { class: "gl-language-switch" }, select);
}

function saveToAccount(lang: Language): void {
  void api("PATCH /api/account/preferences", { body: { language: lang } }).catch(() => {
    /* kept in this browser; the account learns it at the next change */
  });
}

/// The account whose language was last read from the server.
let synced: string | null = null;

/// A language chosen on the sign-in page, not yet given to an account. Kept
/// for this tab (sessionStorage, so a reload of the sign-in page keeps it),
/// else in memory.
const PENDING = "glossa.lang.signin";
let pendingInMemory: Language | null = null;

function setPending(lang: Language | null): void {
  pendingInMemory = lang;
  try {
    if (lang) sessionStorage.setItem(PENDING, lang);
    else sessionStorage.removeItem(PENDING);
  } catch {
    /* private mode: the memory copy serves */
  }
}

function pending(): Language | null {
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(PENDING);
  } catch {
    /* private mode */
  }
  const lang = stored ?? pendingInMemory;
  return lang && (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : null;
}

/// Once per account and page load: the language kept with the account wins
/// over this browser's (another browser, a colleague's computer) — unless
/// the person chose one on the sign-in page just before signing in: that
/// choice is their latest, so it is used and saved to the account instead.
/// Returns whether the language changed (the page is then rendered again by
/// the language listener, so the caller stops).
export async function adoptAccountLanguage(): Promise<boolean> {
  const me = auth.me;
  if (!me) return false;
  const chosen = pending();
  if (chosen) {
    setPending(null);
    synced = me.id;
    saveToAccount(chosen);
    if (chosen === language()) return false;
    setLanguage(chosen);
    return true;
  }
  if (synced === me.id) return false;
  synced = me.id;
  try {
    const prefs = await api("GET /api/account/preferences");
    if (!prefs.language || prefs.language === language()) return false;
    setLanguage(prefs.language);
    return true;
  } catch {
    return false; // the page works in this browser's language
  }
}
