import { extractCitations } from "@glossa/citations";

/// A citation recognised in a search query: a key, possibly carrying a pinpoint.
export interface QueryCitation {
  key: string;
  text: string;
}

const PINS = String.raw`((?:\s*\(\s*[A-Za-z0-9]{1,6}\s*\))*)`;
const pins = (s: string | undefined): string[] =>
  s ? [...s.matchAll(/\(\s*([A-Za-z0-9]{1,6})\s*\)/g)].map((m) => m[1]!) : [];
const join = (...parts: (string | string[])[]) => parts.flat().join("/");

const REPORTERS: [RegExp, string][] = [
  [/^u\.?\s?s\.?$/, "U.S."],
  [/^s\.?\s?ct\.?$/, "S. Ct."],
  [/^f\.?\s?supp\.?\s?3d$/, "F. Supp. 3d"],
  [/^f\.?\s?supp\.?\s?2d$/, "F. Supp. 2d"],
  [/^f\.?\s?supp\.?$/, "F. Supp."],
  [/^f\.?\s?4th$/, "F.4th"],
  [/^f\.?\s?3d$/, "F.3d"],
  [/^f\.?\s?2d$/, "F.2d"],
  [/^i\.?\s?&\s?n\.?\s?dec\.?$/, "I. & N. Dec."],
];

// Instruments named in a query, mapped to their key prefix; an article
// number near the name completes the key.
const INSTRUMENTS: [RegExp, string][] = [
  [
    /\b(?:1951\s+)?refugee convention\b|\bconvention relating to the status of refugees\b|\bconvencion (?:sobre el estatuto de los refugiados|de 1951)\b/i,
    "treaty/refugee-convention-1951",
  ],
  [/\b(?:1967\s+)?(?:refugee\s+)?protocol\b|\bprotocolo\b/i, "treaty/refugee-protocol-1967"],
  [/\bcat\b|\bconvention against torture\b|\bconvencion contra la tortura\b/i, "treaty/cat-1984"],
  [
    /\biccpr\b|\binternational covenant on civil and political rights\b|\bpacto internacional\b/i,
    "treaty/iccpr-1966",
  ],
  [
    /\bachr\b|\bamerican convention\b|\bconvencion americana\b|\bpact of san jose\b|\bpacto de san jose\b/i,
    "treaty/achr-1969",
  ],
  [/\bcpeum\b|\bconstitucion\b|\bmexican constitution\b/i, "mx/CPEUM"],
  [/\blrpcap\b|\bley sobre refugiados\b/i, "mx/LRPCAP"],
  [/\blmigra\b|\bley de migracion\b|\blm\b/i, "mx/LMigra"],
];

/// Recognises citations in a search query or a claim: first with the
/// citation engine (`extractCitations`), then with query-only forms it does
/// not read as citations:
/// `8 usc 1225`, `8 U.S.C. § 1225(b)(2)(C)`, `INA 235(b)(2)(C)`,
/// `section 235(b)(2)(C) of the INA`, a bare `1225(b)(2)(C)` (Title 8) or
/// `235(b)(2)(C)` (INA), `8 CFR 208.16(c)`, `208.16`, `597 U.S. 785`,
/// `ACHR art. 22(8)`, `LRPCAP art. 6`.
export function parseQueryCitations(query: string): QueryCitation[] {
  // Accents go but case stays: (b)(2)(C) and (b)(2)(c) are different provisions.
  const q = query
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const out: QueryCitation[] = [];
  const push = (key: string, text: string) => {
    if (!out.some((c) => c.key === key)) out.push({ key, text });
  };
  try {
    for (const c of extractCitations(query)) push(c.key, c.text);
  } catch {
    // The engine throws only on programming errors; the local forms below still apply.
  }
  for (const m of q.matchAll(
    new RegExp(
      String.raw`\b(\d+)\s*u\.?\s?s\.?\s?c(?:ode)?\.?(?:a|s)?\.?\s*(?:§+|sec(?:tion)?\.?|s\.)?\s*(\d+[a-z]?(?:-\d+)?)${PINS}`,
      "gi",
    ),
  ))
    push(join("usc", m[1]!, m[2]!.toLowerCase(), pins(m[3])), m[0]);
  for (const m of q.matchAll(
    new RegExp(String.raw`\bsection (\d+[a-z]?)${PINS} of title (\d+)`, "gi"),
  ))
    push(join("usc", m[3]!, m[1]!.toLowerCase(), pins(m[2])), m[0]);
  for (const m of q.matchAll(
    new RegExp(String.raw`\bina\s*(?:§+|sec(?:tion)?\.?|s\.)?\s*(\d+[a-z]?)${PINS}`, "gi"),
  ))
    push(join("ina", m[1]!.toUpperCase(), pins(m[2])), m[0]);
  for (const m of q.matchAll(
    new RegExp(
      String.raw`\b(?:section|sec\.|§)\s*(\d+[a-z]?)${PINS}\s*of the (?:ina|immigration and nationality act)`,
      "gi",
    ),
  ))
    push(join("ina", m[1]!.toUpperCase(), pins(m[2])), m[0]);
  for (const m of q.matchAll(
    new RegExp(
      String.raw`\b(\d+)\s*c\.?\s?f\.?\s?r\.?\s*(?:§+|part|sec(?:tion)?\.?)?\s*(\d+(?:\.\d+)?)${PINS}`,
      "gi",
    ),
  ))
    push(join("cfr", m[1]!, m[2]!, pins(m[3])), m[0]);
  for (const m of q.matchAll(
    /\b(\d{1,4}) ((?:[a-z]\.?\s?)+(?:supp\.?\s?)?(?:2d|3d|4th)?|i\.?\s?&\s?n\.?\s?dec\.?) (\d{1,5})\b/gi,
  )) {
    const reporter = REPORTERS.find(([re]) => re.test(m[2]!.trim().toLowerCase()))?.[1];
    if (reporter) push(`case/${m[1]}/${reporter}/${m[3]}`, m[0]);
  }
  for (const [re, prefix] of INSTRUMENTS) {
    const name = re.exec(q);
    if (!name) continue;
    const rest = `${q.slice(0, name.index)} ${q.slice(name.index + name[0].length)}`;
    const art = new RegExp(
      String.raw`(?:\bart(?:icle|iculo|\.)?\s*)(\d+|[ivx]+)\b${PINS}(?:,?\s*fr(?:accion|acc\.|\.)?\s*([ivxl]+)\b)?`,
      "i",
    ).exec(rest);
    if (!art) continue;
    const num = /^[ivx]+$/i.test(art[1]!) ? String(romanToInt(art[1]!.toLowerCase())) : art[1]!;
    const frac = art[3] ? [`fr-${art[3].toUpperCase()}`] : [];
    push(join(prefix, `art-${num}`, pins(art[2]), frac), art[0]);
  }
  if (!out.length) {
    const bare = new RegExp(
      String.raw`^(?:§+\s*|sec(?:tion)?\.?\s*)?(\d{3,4}[a-z]?(?:\.\d+)?)${PINS}$`,
      "i",
    ).exec(q);
    if (bare) {
      const [, sec, p] = bare;
      if (sec!.includes(".")) push(join("cfr", "8", sec!, pins(p)), q);
      else if (/^\d{4}/.test(sec!)) push(join("usc", "8", sec!.toLowerCase(), pins(p)), q);
      else if (p) push(join("ina", sec!.toUpperCase(), pins(p)), q);
    }
  }
  return out;
}

function romanToInt(s: string): number {
  const v: Record<string, number> = { i: 1, v: 5, x: 10, l: 50 };
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]!]!;
    const b = v[s[i + 1]!] ?? 0;
    n += a < b ? -a : a;
  }
  return n;
}
