/// Section-first cites: "section 235(b)(2)(C) of the INA", "section 1252 of
/// title 8", "§ 302 of Pub. L. 104-208", "Cal. Penal Code § 187", and bare
/// "§ 1225(b)" / "section 208" resolved against what the text cited before.
import { inaToUsc, uscToIna } from "../crosswalk.ts";
import { formatKey, STATE_CODE_LEVELS } from "../keyGrammar.ts";
import type { CitationKind } from "../types.ts";
import { headBefore } from "./lawHeads.ts";
import type { StatContext } from "./memory.ts";
import { stateBefore } from "./regulations.ts";
import { isDigit, type Scanner } from "./scanner.ts";
import { emitItems, emitWithOf, type Item, parseList } from "./sectionList.ts";
import { fitsContext } from "./shortForms.ts";
import { bareStateSection, namedCodeBefore, stateNamedAfter } from "./stateNamed.ts";
import { cfrKey, inaKey, keyInContext, stateKey, uscKey } from "./statuteKeys.ts";

const OF_ACT =
  /,?\s+(?:of|to(?=\s+the\s+Immigration and Nationality Act))\s+(?:the\s+)?(?:[Tt]itle\s+(?<cfrTitle>\d{1,2}),?\s+(?:of\s+the\s+)?Code\s+of\s+Federal\s+Regulations|(?<cfrTitle2>\d{1,2})\s+C\.?F\.?R\.?(?![\w])|(?<inaName>Immigration and Nationality Act)(?:\s?\((?:the\s)?["“]?(?:INA|Act)["”]?(?:\s(?:or|and)\s(?:the\s)?["“]?(?:INA|Act)["”]?)?\))?|(?<ina>INA)(?![\w])|(?<act>Act)(?![\w])|(?<uscTitle>\d{1,2})\s{0,2}U\.\s?S\.\s?C\.?(?![\w])|[Tt]itle\s+(?<title>\d{1,2})(?:(?:,|\s+of\s+the)\s+(?:United\s+States\s+Code|U\.\s?S\.\s?Code|U\.S\.C\.)(?:\s+Annotated)?|(?![\w(]|\s+of\s+(?:this|such|the|division)\b))|(?<thisTitle>(?:this|such)\s+title)|(?:Public\s+Law|Pub\.\s?L\.|P\.\s?L\.)\s?(?:No\.\s?)?(?<congress>\d{1,3})\s?[-–]\s?(?<plNumber>\d{1,4}))/y;
const UNKNOWN_OF = /\)?,?\s+of\s+(?:the\s+|this\s+|such\s+|that\s+)?[A-Z]/y;
const OF_DIVISION = /\s+of\s+division\s[A-Z]/y;
/// "section 302(a) of the Illegal Immigration Reform and Immigrant Responsibility Act of 1996
/// (Public Law 104–208)", "section 1101 of division O of the Consolidated Appropriations Act,
/// 2016 (Public Law 114–113)": an act named in words, then its public law (its short name in
/// parentheses may come between). Words capitalised or numbered ("9/11"), or "of", "the",
/// "and", … (at most 25).
const NAMED_ACT_LAW =
  /,?\s+of\s+(?:division\s+(?<division>[A-Z]{1,2})\s+of\s+)?the\s+[A-Z][\w'’.-]{0,30}(?:\s(?:[A-Z0-9][\w'’./-]{0,30}|of|the|and|for|to|in|on|&)){0,24}?\sAct(?:\sof\s\d{4}|,\s\d{4})?(?:\s?\((?:the\s)?["“]?[A-Z][A-Za-z]{1,12}["”]?\))?,?\s{0,2}\(?(?:Public\s+Law|Pub\.\s?L\.|P\.\s?L\.)\s?(?:No\.\s?)?(?<congress>\d{1,3})\s?[-–]\s?(?<number>\d{1,4})(?![\d])(?:,\s?[Dd]iv\.\s?(?<div>[A-Z]{1,2})(?![\w]))?/y;

const CHAPTER_JUST_BEFORE = /(?:c|ch|tit)\.\s?\d{1,4}[A-Z]{0,3}(?:-[A-Z])?,?\s?$/;
const STAT_AFTER = /,\s{0,2}\d{1,3}\s{1,2}(?:Stat\.|STAT\.)/y;
const PL_AFTER = /,\s{0,2}(?:Pub\.\s?L\.|P\.\s?L\.|Public\s+Law)\s/y;
const PART_AFTER = /,?\s+[Pp]art\s+(?<part>\d{1,4})(?![\w.])/y;

/// "section 1182(h), 1182(i), … of this title" is a list only with its "of":
/// without one, keep the first item and its continuations.
const firstWithContinuations = (items: Item[]): Item[] => {
  const keep: Item[] = [];
  for (const it of items) {
    if (keep.length > 0 && !it.joint) break;
    keep.push(it);
  }
  return keep;
};

/// The Code's own heading, "TITLE 8—ALIENS AND NATIONALITY" (also "# Title 8— …"): the title
/// the text is, which its "of this title" means — not the title it cross-referred to last
/// ("section 279(g) of title 6 … section 1225(b) of this title" in title 8 is 8 U.S.C. § 1225).
const USC_HEAD_AFTER = /(?<title>\d{1,2})\s?[—–-]\s?[A-Z]/y;

/// The Code headings of `t` (found with indexOf: a regex over the text cost ~1.3 ms per MB).
function titleHeads(t: string): Array<{ at: number; law: string }> {
  const out: Array<{ at: number; law: string }> = [];
  for (const w of ["Title ", "TITLE "]) {
    for (let i = t.indexOf(w); i >= 0; i = t.indexOf(w, i + 6)) {
      USC_HEAD_AFTER.lastIndex = i + 6;
      const m = USC_HEAD_AFTER.exec(t);
      if (!m) continue;
      // At a line's start, after at most 8 "#" or spaces.
      let j = i - 1;
      while (j >= i - 8 && (t.charCodeAt(j) === 35 || t.charCodeAt(j) === 32)) j--;
      if (j < 0 || t.charCodeAt(j) === 10) out.push({ at: i, law: m.groups!.title! });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/// The title of the Code heading last before `p` (read once per scan, on the first "this title").
function titleHeadBefore(s: Scanner, p: number): string | undefined {
  s.mem.titleHeads ??= titleHeads(s.text);
  return headBefore(s.mem.titleHeads, p)?.law ?? undefined;
}

/// The list closed by "of the INA", "of title 8", "of this title", "of Public Law 104-208".
function ofAct(s: Scanner, p: number, items: Item[], of: RegExpExecArray): number | null {
  const end = OF_ACT.lastIndex;
  const g = of.groups as Record<string, string | undefined>;
  const cfrTitle = g.cfrTitle ?? g.cfrTitle2;
  if (cfrTitle) {
    // "section 7 of 28 CFR part 0, appendix": a C.F.R. section is always dotted.
    if (items.some((it) => !it.section.includes("."))) return items[items.length - 1]!.end;
    // "section 60.13 of 36 CFR part 60": the part is the section's own.
    const pm = s.exec(PART_AFTER, end);
    const partEnd =
      pm && items[0]!.section.startsWith(`${pm.groups!.part}.`) ? PART_AFTER.lastIndex : end;
    return emitWithOf(s, "cfr", p, items, partEnd, (it) => cfrKey(cfrTitle, it));
  }
  if (g.inaName || g.ina || (g.act && s.mem.defaultAct === "ina")) {
    s.mem.sawIna();
    return emitWithOf(s, "ina", p, items, end, (it) => inaKey(it));
  }
  const lastStat = s.mem.lastStat;
  const such =
    g.thisTitle?.startsWith("such") && lastStat?.scheme === "usc" ? lastStat.where : undefined;
  const thisTitle = g.thisTitle?.startsWith("this")
    ? ((s.opts.uscTitle !== undefined ? String(s.opts.uscTitle) : undefined) ??
      titleHeadBefore(s, p) ??
      (lastStat?.scheme === "usc" ? lastStat.where : undefined))
    : undefined;
  const title = g.title ?? g.uscTitle ?? such ?? thisTitle;
  if (title) return emitWithOf(s, "usc", p, items, end, (it) => uscKey(title, it));
  if (g.congress) {
    const congress = g.congress;
    const number = g.plNumber!;
    return emitWithOf(s, "public_law", p, items, end, (it) =>
      formatKey({ scheme: "pl", congress, number, section: it.section, subsections: it.subs }),
    );
  }
  return null;
}

/// Sections of an act named in words with its public law after it: one `public_law`
/// citation per section, `pl/{congress}/{number}[/div-{X}]/{section}…`; else none (`q`).
function namedActLaw(s: Scanner, p: number, q: number, items: Item[]): number {
  const m = s.exec(NAMED_ACT_LAW, items[items.length - 1]!.end);
  if (!m) return q;
  const { congress, number, division, div } = m.groups as Record<string, string | undefined>;
  const d = division ?? div;
  return emitWithOf(s, "public_law", p, items, NAMED_ACT_LAW.lastIndex, (it) =>
    formatKey({
      scheme: "pl",
      congress: congress!,
      number: number!,
      ...(d ? { division: d } : {}),
      section: it.section,
      subsections: it.subs,
    }),
  );
}

/// "Cal. Penal Code § 187", "G. L. c. 93A, Section 9 (2)": a state code named
/// just before `p` (with "section" only when a chapter is named: a code by chapter).
function stateCite(
  s: Scanner,
  p: number,
  q: number,
  multi: boolean,
  symbol: boolean,
): number | null {
  // A cheap look first: "section" follows a state code only after its chapter.
  if (!symbol && !CHAPTER_JUST_BEFORE.test(s.text.slice(Math.max(0, p - 16), p))) return null;
  const st = stateBefore(s, p) ?? (symbol ? namedCodeBefore(s, p) : null);
  if (!st || (!symbol && !st.chapter)) return null;
  const sitems = parseList(s, q, "state", multi);
  if (!sitems) return null;
  return emitItems(s, "state_statute", st.start, sitems, (it, sfx) =>
    stateKey(st.code, it, sfx, st.chapter),
  );
}

/// "§ 1225(b)" with no title: the statute
/// cited last when the number fits it.
function bareSymbol(s: Scanner, p: number, q: number, items: Item[], multi: boolean): number {
  // "Model Penal Code §§ 223.2", "Substantive Criminal Law § 20.2", "Moore's
  // Federal Practice § 26.49": the section of a work named just before.
  // "Art. I, §10, cl. 3": a section of a constitution's article.
  const before = s.text.slice(Math.max(0, p - 16), p);
  if (NAMED_WORK_BEFORE.test(before) || ARTICLE_BEFORE.test(before)) return q;
  let ctx: StatContext | null = s.mem.lastStat;
  if (ctx?.scheme === "usc")
    ctx = s.mem.uscContextFor(
      ctx,
      items.map((it) => it.section),
    );
  // "§ 70.148" after "26 U.S.C. 6321" in a C.F.R. text: a dotted number is a
  // section of the C.F.R. title cited last (or the document's `cfrTitle`).
  if (
    ctx?.scheme !== "cfr" &&
    ctx?.scheme !== "state" &&
    items.every((it) => it.section.includes("."))
  ) {
    const cfrCtx = s.mem.lastCfr;
    if (!cfrCtx) return q;
    return emitItems(s, "cfr", p, items, (it, sfx) => cfrKey(cfrCtx.where, it, false, sfx), {
      antecedent: cfrCtx.key,
    });
  }
  // "§ 243(h)" after "§ 243(h)(1) of the INA, 8 U.S.C. § 1253(h)(1)": an INA number.
  if (
    ctx?.scheme === "usc" &&
    ctx.where === "8" &&
    s.mem.lastIna &&
    items.every((it) => /^\d{3}[A-Z]?$/.test(it.section) && inaToUsc[it.section] !== undefined)
  ) {
    ctx = { scheme: "ina", where: "", key: s.mem.lastIna };
  }
  const c = ctx;
  if (!c || !items.every((it) => fitsContext(c, it.section))) return q;
  // A dotted number is a C.F.R. section, or one of a state code numbered so
  // ("Okla. Stat. tit. 82, § 105.9" … "§ 105.12(F)").
  if (c.scheme !== "cfr" && c.scheme !== "state" && items.some((it) => it.section.includes(".")))
    return q;
  const list = c.scheme === "state" ? parseList(s, q, "state", multi) : items;
  if (!list) return q;
  if (c.scheme === "state" && !list.every((it) => likeStateSection(c, it.section))) return q;
  const kind: CitationKind = c.scheme === "state" ? "state_statute" : c.scheme;
  return emitItems(s, kind, p, list, (it, sfx) => keyInContext(c, it, sfx), {
    antecedent: c.key,
  });
}

/// A bare "section N": a section of the Code title being cited
/// ("section 1229(a)"), or an INA section when the INA is the document's act.
function bareSection(s: Scanner, p: number, q: number, items: Item[]): number {
  // "P.L. 101–508, sec. 3101, 104 Stat. 1388–29": a section of that session law.
  // "… Responsibility Act, section 349, Pub. L. 104-208": the law's own section.
  if (
    s.exec(STAT_AFTER, items[items.length - 1]!.end) ||
    s.exec(PL_AFTER, items[items.length - 1]!.end)
  )
    return q;
  const last = s.mem.lastStat;
  const uctx =
    last?.scheme === "usc"
      ? s.mem.uscContextFor(
          last,
          items.map((it) => it.section),
        )
      : last;
  // "Section 199.18 is removed": a section of the regulation being cited or edited.
  if (items.every((it) => it.section.includes("."))) {
    const cctx =
      uctx?.scheme === "cfr" ? uctx : s.opts.cfrTitle !== undefined ? s.mem.lastCfr : null;
    if (!cctx) return q;
    return emitItems(s, "cfr", p, items, (it, sfx) => cfrKey(cctx.where, it, false, sfx), {
      antecedent: cctx.key,
    });
  }
  if (
    uctx?.scheme === "usc" &&
    !s.mem.uscParallel &&
    items.every((it) => /^\d{4}[\dA-Za-z-]*$/.test(it.section) && fitsContext(uctx, it.section))
  ) {
    return emitItems(s, "usc", p, items, (it, sfx) => uscKey(uctx.where, it, sfx), {
      antecedent: uctx.key,
    });
  }
  // "section 465(b)(4)" in a Tax Court opinion ("all section references are to
  // the Internal Revenue Code"): the document's own title (`uscTitle`) numbers
  // every bare section, however short, unless the text is citing another title.
  const doc = s.opts.uscTitle;
  if (
    doc !== undefined &&
    (uctx?.scheme !== "usc" || uctx.where === String(doc)) &&
    items.every((it) => DOC_SECTION.test(it.section)) &&
    s.text.charCodeAt(items[items.length - 1]!.end) !== 58
  ) {
    return emitItems(s, "usc", p, items, (it, sfx) => uscKey(String(doc), it, sfx), {
      antecedent: `usc/${doc}`,
    });
  }
  if (!uctx && doc === undefined && immigrationSections(s, items))
    return emitItems(s, "usc", p, items, (it, sfx) => uscKey("8", it, sfx), {});
  const ina = s.mem.defaultAct === "ina" && items.every((it) => inaToUsc[it.section] !== undefined);
  // "section 484 is categorically overbroad" after "section 484 of the
  // California Penal Code": no federal section, the state code's.
  if (!ina) return bareStateSection(s, p, q, true);
  const ante = s.mem.lastIna ?? undefined;
  return emitItems(s, "ina", p, items, inaKey, ante ? { antecedent: ante } : {});
}

const IMMIGRATION_WORDS =
  /\b(?:[Aa]liens?|[Ii]mmigrants?|[Ii]mmigration|[Aa]sylum|[Rr]efugees?|[Dd]eportation|[Nn]oncitizens?)\b/;

/// "Section 1225(b)(2)(C) provides that the Secretary 'may return' certain
/// aliens" (Biden v. Texas's syllabus): in a text about immigration that has
/// cited no statute yet, a bare four-digit section 8 U.S.C. gives an INA
/// section (the crosswalk's) is title 8's. Any other title cited first wins.
function immigrationSections(s: Scanner, items: Item[]): boolean {
  if (!items.every((it) => /^\d{4}[a-z]?$/.test(it.section) && uscToIna[it.section] !== undefined))
    return false;
  s.mem.aboutImmigration ??= IMMIGRATION_WORDS.test(s.text);
  return s.mem.aboutImmigration;
}

const NAMED_WORK_BEFORE =
  /(?:Code|Law|Laws|Practice|Treatise|Restatement|Rules?|Procedure|Contracts|Torts|Agency|Property|Judgments|Trusts)\s?$/;
const ARTICLE_BEFORE = /Art\.\s[IVX]{1,4},\s?$/;

/// Whether a bare "§ 105.12(F)" reads as a section of the state code cited
/// last ("Okla. Stat. tit. 82, § 105.9"): dotted only if that cite was, and
/// about as many digits before the dot ("§ 5.05(b)" of a compact is not).
function likeStateSection(ctx: StatContext, section: string): boolean {
  const parts = ctx.key.split("/");
  const cited = parts[STATE_CODE_LEVELS.has(ctx.where) ? 3 : 2] ?? "";
  if (cited.includes(".") !== section.includes(".")) return false;
  const head = (x: string): number => /^\d*/.exec(x)![0].length;
  return Math.abs(head(cited) - head(section)) <= 1;
}

/// A section number of the document's own title: "465", "6662", "7491", "1031".
const DOC_SECTION = /^\d{1,4}[A-Z]{0,2}$/;
/// "I.R.C. sec. 465", "IRC § 704(d)": the Internal Revenue Code is 26 U.S.C.
const IRC_BEFORE = /(?:I\.\s?R\.\s?C\.|\bIRC),?\s{1,2}$/;
/// Treasury regulations by name: "Treas. Reg. § 1.1031(k)-1(g)(4)", and the Tax
/// Court's "sec. 1.469-5T(a), Income Tax Regs." (26 C.F.R., named after the number).
const TREAS_BEFORE = /(?:Treas\.\s?Regs?\.|Treasury\s+Regs?\.|Treasury\s+Regulations?),?\s{1,2}$/;
const TAX_REGS_AFTER =
  /,\s(?:(?:Income|Estate|Gift|Employment|Excise)\sTax|Proced\.\s&\sAdmin\.)\sRegs\./y;

/// A dotted section of 26 C.F.R. named as a Treasury regulation, or null.
function treasuryRegs(s: Scanner, p: number, items: Item[]): number | null {
  if (!items.every((it) => it.section.includes("."))) return null;
  const before = TREAS_BEFORE.exec(s.text.slice(Math.max(0, p - 24), p));
  if (!before && !s.test(TAX_REGS_AFTER, items[items.length - 1]!.end)) return null;
  const start = before ? p - before[0].length : p;
  return emitItems(s, "cfr", start, items, (it, sfx) => cfrKey("26", it, false, sfx));
}

/// "Subparagraph (B) of " / "subsection (i)(1) of " just before a section: a
/// pinpoint written first, which belongs after the section's own subsections.
const LEAD_PIN =
  /(?:^|[^\w])(?<word>(?:[Ss]ub)?(?:[Ss]ection|[Pp]aragraph|[Cc]lause))\s(?<subs>(?:\([A-Za-z0-9]{1,6}\)){1,4})\s(?:of|in)\s$/;

/// The lead pinpoint before `p` (its start and levels), or null.
function leadPin(text: string, p: number): { start: number; subs: string[] } | null {
  // Cheap look first: the ")" of its last level, 5 characters back (") of ").
  if (text.charCodeAt(p - 5) !== 41) return null;
  const from = Math.max(0, p - 48);
  const m = LEAD_PIN.exec(text.slice(from, p));
  if (!m) return null;
  const start = from + m.index + (m[0].startsWith(m.groups!.word!) ? 0 : 1);
  return { start, subs: m.groups!.subs!.slice(1, -1).split(")(") };
}

const SUBSECTION_NUMBER = /^\s{1,2}\d{1,5}[A-Za-z]{0,4}(?:[-–]\d{1,4}[A-Za-z]{0,2})?\(/;

/// "subsection 1225(b)(1)": a section number with its subsections after the
/// word "subsection" (a bare "subsection 3" is a subsection, not a section).
export function atSubsection(s: Scanner, p: number, tok: string): number {
  const q = p + tok.length;
  if (!SUBSECTION_NUMBER.test(s.text.slice(q, q + 20))) return q;
  return atSection(s, p, tok);
}

/// "§", "§§", "section(s)", "sec(s)." at `p`.
export function atSection(s: Scanner, p: number, tok: string): number {
  const text = s.text;
  let q = p + tok.length;
  let multi = /s\.?$/.test(tok);
  if (tok === "§" && text.charCodeAt(q) === 0xa7) {
    multi = true;
    q++;
  }
  const wsEnd = q + 3;
  while (q < wsEnd && (text[q] === " " || text[q] === "\u00a0" || text[q] === "\n")) q++;
  if (!isDigit(text.charCodeAt(q))) return q;
  const isSymbol = tok === "§";
  // A dotted number ("208.16") is a regulation's section, never a Code section.
  const cfrish = /^\d{1,4}\.\d/.test(text.slice(q, q + 6));
  let items =
    parseList(s, q, cfrish ? "cfr" : "usc", multi || !isSymbol) ??
    // "§ 105.12A(B)(1)" after "Okla. Stat. tit. 82, § 105.9": a state code's number.
    (s.mem.lastStat?.scheme === "state" ? parseList(s, q, "usc", multi || !isSymbol) : null);
  if (!items) return q;
  const of = s.exec(OF_ACT, items[items.length - 1]!.end);
  if (!of && !isSymbol) {
    // "section 2C:35-10(a)(1) of the New Jersey Statutes Annotated".
    const named = stateNamedAfter(s, p, q, true);
    if (named !== null) return named;
  }
  // "section 208 of the Refugee Act", "§ 302 of IIRIRA", "section 1886(d) or
  // 1861(ccc) of such Act": another act we do not know — unless its public law follows.
  const lastEnd = items[items.length - 1]!.end;
  if (!of && (s.exec(UNKNOWN_OF, lastEnd) || s.exec(OF_DIVISION, lastEnd)))
    return namedActLaw(s, p, q, items);
  if (!of && !multi) items = firstWithContinuations(items);
  // "Subparagraph (B) of subsection 1225(b)(1)" → 1225(b)(1)(B), from "Subparagraph".
  const lead = isSymbol || items.length !== 1 ? null : leadPin(text, p);
  if (lead) items = [{ ...items[0]!, subs: [...items[0]!.subs, ...lead.subs] }];
  const at = lead?.start ?? p;
  if (of) {
    const done = ofAct(s, at, items, of);
    if (done !== null) return done;
  }
  if (IRC_BEFORE.test(text.slice(Math.max(0, p - 10), p))) {
    const start = p - (IRC_BEFORE.exec(text.slice(Math.max(0, p - 10), p))?.[0].length ?? 0);
    return emitItems(s, "usc", start, items, (it, sfx) => uscKey("26", it, sfx));
  }
  const treas = cfrish ? treasuryRegs(s, p, items) : null;
  if (treas !== null) return treas;
  const state = stateCite(s, p, q, multi, isSymbol);
  if (state !== null) return state;
  return isSymbol ? bareSymbol(s, p, q, items, multi) : bareSection(s, at, q, items);
}
