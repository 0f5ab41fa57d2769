/// Regulations and state codes: "8 C.F.R. § 208.16(c)", "8 C.F.R. pts. 208,
/// 1208", "Cal. Penal Code § 187(a)". The Federal Register is read with the
/// Statutes at Large (`statOrFr`): both are volume–page.
import { STATE_ABBREVIATIONS } from "../reporters.ts";
import type { Scanner } from "./scanner.ts";
import { emitItems, isPlural, MARKER, parseList } from "./sectionList.ts";
import { cfrKey } from "./statuteKeys.ts";

const STATE_BEFORE = new RegExp(
  String.raw`(?:^|[\s(;,])(?<code>(?:${STATE_ABBREVIATIONS.join("|")})(?:\s(?:[A-Z][A-Za-z.'’&]{0,14}|ch\.\s\d{1,4},?|tit\.\s\d{1,3},?)){1,6})\s?$`,
);
const STATE_CODE_WORD = /\b(?:Code|Stat\.|Laws?|Ann\.|Rev\.|Gen\.|Cons\.)/;

/// "8 C.F.R. § 208.16(c)"; `e` is where the section begins, `kw` a keyword
/// between the name and it ("pt.", "secs.").
export function cfr(s: Scanner, p: number, title: string, e: number, kw: string): number {
  const isPart = /^(?:pts?\.|parts?|Parts?)$/.test(kw);
  let q = e;
  let multi = /s\.?$/.test(kw);
  const mm = s.exec(MARKER, q);
  if (mm) {
    multi = multi || isPlural(mm.groups!.marker!);
    q = MARKER.lastIndex;
  } else if (kw === "") {
    multi = true;
  }
  const items = parseList(s, q, "cfr", multi || isPart);
  if (!items) return -1;
  return emitItems(s, "cfr", p, items, (it) => cfrKey(title, it, isPart));
}

/// The state code named just before a "§" at `p` ("Cal. Penal Code §").
export function stateBefore(s: Scanner, p: number): { start: number; code: string } | null {
  const from = Math.max(0, p - 70);
  const m = STATE_BEFORE.exec(s.text.slice(from, p));
  if (!m) return null;
  const written = m.groups!.code!;
  const code = written.replace(/,$/, "").replace(/\s+/g, " ").trim();
  if (!STATE_CODE_WORD.test(code)) return null;
  return { start: from + m.index + m[0].indexOf(written), code };
}
