/// Short forms: "Id.", "Id. at 701", "Id. § 1182(a)" (also "Id. at § 1182(a)"), "Id. art. 33",
/// "Anker, supra note 3, at 12".
import { inaToUsc } from "../crosswalk.ts";
import { formatKey, STATE_CODE_LEVELS } from "../keyGrammar.ts";
import { parseArticles } from "./articles.ts";
import type { StatContext } from "./memory.ts";
import { articleKey } from "./mexico.ts";
import type { Scanner } from "./scanner.ts";
import { emitItems, type Mode, parseList } from "./sectionList.ts";
import { keyInContext } from "./statuteKeys.ts";

/// "Id. at 300aa-12", "Id. at 1158(b)", "Id. at 208.16(c)": after "at", a token shaped as a
/// section — letters after its digits, a hyphen with a letter on either side, or its own
/// subsection — which no page is. Read as a section only after a statute (`atSectionShaped`).
const AT_SECTION =
  /,?\s{0,2}at\s(?=\d{1,5}(?:[a-zA-Z]{1,3}(?![\w]|\.\d)|[a-zA-Z]{1,3}[-–]\d|[a-zA-Z]{0,3}[-–]\d{1,4}[a-zA-Z]|\.\d{1,5}[a-z]?(?:[-–]\d{1,3})?\(|[a-zA-Z]{0,3}(?:[-–]\d{1,4}[a-zA-Z]{0,2})?\([a-zA-Z0-9]{1,4}\)))/y;
const ID_AFTER =
  /,?\s{0,2}(?:at\s(?:pp?\.\s?)?(?<pin>\*{0,2}\d{1,5}(?:\s?[-–]\s?\d{1,5})?(?:\s?n\.\s?\d{1,3})?)(?![\d])|(?:at\s(?=§))?(?<section>§§?|(?=\d{2,5}(?:[a-zA-Z]{0,2})\())\s{0,2}|(?<article>arts?\.|Article|artículo)\s{0,2}|¶\s?(?<para>\d{1,4}))/y;
const SUPRA_NAME =
  /(?<name>[A-Z][\w'’\-.&]*(?:\s(?:of|the|v\.|de|&|et\sal\.|[A-Z][\w'’\-.&]*)){0,5}),\s{0,2}$/;
const SUPRA_TAIL =
  /(?:\s+(?:note|n\.)\s?(?<note>\d{1,4}))?(?:,\s{0,2}at\s+(?<pin>\*?\d{1,5}(?:\s?[-–]\s?\d{1,5})?))?/y;

/// Whether a bare "§ N" plausibly continues the statute last cited: an INA
/// section in the crosswalk, a dotted C.F.R. section, or a Code section of
/// about the same length as the one cited before ("§ 7" after 8 U.S.C.
/// § 1225 is an order's own section, not 8 U.S.C. § 7).
export const fitsContext = (ctx: StatContext, section: string): boolean => {
  switch (ctx.scheme) {
    case "ina":
      return inaToUsc[section] !== undefined;
    case "cfr":
      return section.includes(".");
    case "usc": {
      const prev = /^\d+/.exec(ctx.key.split("/")[2] ?? "")?.[0].length ?? 0;
      const cur = /^\d+/.exec(section)?.[0].length ?? 0;
      return cur >= 2 && (prev === 0 || Math.abs(cur - prev) <= 1);
    }
    case "state":
      // ILCS sections are written with their act ("505/10"), never bare.
      return STATE_CODE_LEVELS.get(ctx.where) !== "ILCS";
  }
};

/// Antecedents whose short forms name sections, not pages (a case, a journal,
/// the Federal Register and the Statutes at Large have pages).
const STATUTE = /^(?:usc|ina|cfr)\//;

/// "Id. § 1182(a)": new sections of the statute cited last.
function idSections(
  s: Scanner,
  p: number,
  target: string,
  marker: string,
  at: number,
): number | null {
  const ctx = s.mem.lastStat;
  if (!ctx || ctx.key !== target || (marker === "" && ctx.scheme === "state")) return null;
  const mode: Mode = ctx.scheme === "cfr" ? "cfr" : ctx.scheme === "state" ? "state" : "usc";
  const items = parseList(s, at, mode, marker === "§§");
  if (!items) return null;
  return emitItems(s, "id", p, items, (it, sfx) => `id->${keyInContext(ctx, it, sfx)}`, {
    antecedent: target,
  });
}

/// "Id. art. 33": new articles of the instrument cited last.
function idArticles(s: Scanner, p: number, target: string, at: number): number | null {
  const scheme = target.slice(0, target.indexOf("/"));
  if (scheme !== "treaty" && scheme !== "softlaw" && scheme !== "mx") return null;
  const base = target.split("/").slice(0, 2).join("/");
  const arts = parseArticles(s, at);
  if (!arts) return null;
  let end = at;
  arts.forEach((a, i) => {
    end = a.end;
    s.emit("id", i === 0 ? p : a.start, a.end, `id->${articleKey(base, a)}`, {
      antecedent: target,
    });
  });
  return end;
}

export function atId(s: Scanner, p: number, tok: string): number {
  const q = p + tok.length;
  const target = s.mem.lastAuthority;
  if (!target) return q;
  const m = s.exec(ID_AFTER, q);
  const g = (m?.groups ?? {}) as Record<string, string | undefined>;
  const after = ID_AFTER.lastIndex;
  const team = s.mem.lastTeam;
  if (team && team.key === target) {
    // "A.B. Decl. ¶ 12. Id. ¶ 14.": the team's authority, by page or paragraph.
    const pin = g.pin ?? (g.para !== undefined ? `¶ ${g.para}` : undefined);
    s.emitTeamId(p, pin === undefined ? q : after, team, pin);
    return pin === undefined ? q : after;
  }
  // "42 U.S.C. § 300aa-11(a). Id. at 300aa-12.": a section of the statute, not a page.
  const sectionShaped = STATUTE.test(target) && s.exec(AT_SECTION, q) !== null;
  if (sectionShaped) {
    const done = idSections(s, p, target, "at", AT_SECTION.lastIndex);
    if (done !== null) return done;
  }
  if (g.pin !== undefined) {
    // "Id. at 701" needs something with pages: after a statute mentioned in
    // passing it points back to the last case, article or register cite.
    const paged = /^(?:case|journal|fr|stat)\//.test(target) ? target : (s.mem.lastPaged ?? target);
    s.emit("id", p, after, `id->${paged}`, { pinpoint: g.pin, antecedent: paged });
    return after;
  }
  if (g.para !== undefined) {
    s.emit("id", p, after, `id->${target}`, { pinpoint: `¶ ${g.para}`, antecedent: target });
    return after;
  }
  const done =
    g.section !== undefined
      ? idSections(s, p, target, g.section, after)
      : g.article !== undefined
        ? idArticles(s, p, target, after)
        : null;
  if (done !== null) return done;
  s.emit("id", p, q, `id->${target}`, { antecedent: target });
  return q;
}

/// Words a supra's "name" may really be a signal ("See, supra note 3").
const SIGNAL = /^(?:See|Cf\.|But|Compare|Accord|Contra|E\.g\.|Also)$/;
const SIGNAL_LEAD = /^(?:See(?:\salso)?|Cf\.|But\ssee|Compare|Accord|Contra|E\.g\.)\s/;

/// "Anker, supra note 3, at 12": resolved by a word of the name before it;
/// a footnote whose target the text never cited in full stays as
/// `supra-note/3`, unresolved but found.
export function atSupra(s: Scanner, p: number): number {
  const from = Math.max(0, p - 100);
  const nm = SUPRA_NAME.exec(s.text.slice(from, p));
  const q = p + 5;
  // "See Anker, supra": the name without the signal before it.
  const signal = nm ? SIGNAL_LEAD.exec(nm.groups!.name!) : null;
  const raw = nm ? nm.groups!.name!.slice(signal?.[0].length ?? 0) : "";
  const name = nm && raw !== "" && !SIGNAL.test(raw) ? raw : null;
  const words = (name ?? "")
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 2 && w !== "the" && w !== "v." && w !== "al.");
  const last = words[words.length - 1];
  const target = last ? s.mem.supraTarget(last) : null;
  const tl = s.exec(SUPRA_TAIL, q);
  const end = tl ? SUPRA_TAIL.lastIndex : q;
  const { pin, note } = (tl?.groups ?? {}) as Record<string, string | undefined>;
  if (!target && !note) return q;
  const start = name ? from + nm!.index + (signal?.[0].length ?? 0) : p;
  const key = target ? `supra->${target}` : formatKey({ scheme: "supra-note", note: note! });
  s.emit("supra", start, end, key, {
    ...(target ? { antecedent: target } : {}),
    ...(pin ? { pinpoint: pin } : {}),
  });
  return end;
}
