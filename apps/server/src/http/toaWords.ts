import { type TableOfAuthorities, TOA_GROUPS, type ToaGroupId } from "@glossa/sources";
import type { ApiContext } from "./api.ts";
import { exportWords } from "./exportWords.ts";
import { preferredLanguage } from "./preferencesApi.ts";

interface ToaWords {
  title: string;
  groups: Record<ToaGroupId, string>;
}

/// The fixed words of the table of authorities' HTML and DOCX exports, in
/// the web app's languages (the same words as its Authorities pane).
const WORDS: Record<string, ToaWords> = {
  en: {
    title: "Table of Authorities",
    groups: Object.fromEntries(TOA_GROUPS.map((g) => [g.id, g.heading])) as ToaWords["groups"],
  },
  "es-MX": {
    title: "Índice de autoridades",
    groups: {
      cases: "Casos",
      constitutional: "Disposiciones constitucionales",
      statutes: "Leyes",
      regulations: "Reglamentos",
      treaties: "Tratados e instrumentos internacionales",
      foreign: "Derecho extranjero",
      other: "Otras autoridades",
    },
  },
};

/// The table in the requester's language for a file export: `?lang=`, else
/// the language kept with the caller's account, else English (a language
/// Glossa does not speak is a 400, as for the document exports). Citations
/// and "passim" are never translated. `data` (the JSON answer): English
/// headings beside the group ids, whatever the language.
export async function toaForExport(
  ctx: ApiContext,
  userId: string,
  toa: TableOfAuthorities,
  data = false,
): Promise<{ lang: string; title: string; toa: TableOfAuthorities }> {
  if (data) return { lang: "en", title: WORDS.en!.title, toa };
  const asked = ctx.url.searchParams.get("lang") || (await preferredLanguage(ctx.store, userId));
  const { lang } = exportWords(asked);
  const w = WORDS[lang] ?? WORDS.en!;
  const groups = toa.groups.map((g) => ({ ...g, heading: w.groups[g.id] ?? g.heading }));
  return { lang, title: w.title, toa: { ...toa, groups } };
}
