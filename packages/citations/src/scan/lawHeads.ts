/// A law's own text as the Cámara de Diputados publishes it: its title in capitals on a
/// line of its own at the text's start, and again above "CÁMARA DE DIPUTADOS DEL H.
/// CONGRESO DE LA UNIÓN" on every page. There "esta Ley" is that law, whatever law the
/// text has named since; a law the engine does not know ("LEY FEDERAL CONTRA LA
/// DELINCUENCIA ORGANIZADA") keys nothing — it is not the Código Nacional de
/// Procedimientos Penales the text named three articles before.
import { instruments } from "../instruments.ts";

const MX = instruments.filter((i) => i.scheme === "mx");
/// A known law's whole title, any case (the caller checks the capitals).
const TITLE = new RegExp(`^(?:${MX.map((i) => `(${i.names.join("|")})`).join("|")})$`, "i");
const HEAD_WORD = /^(?:LEY|CÓDIGO|REGLAMENTO|ESTATUTO)\s/;
const LOWER = /\p{Ll}/u;
const PAGE_HEAD = "\nCÁMARA DE DIPUTADOS";

/// Where a law's title heads the text from, and the law (null: one the engine does not know).
export interface LawHead {
  at: number;
  law: string | null;
}

/// The title at [start, end) (lines joined), if it is a law's title in capitals.
function headAt(t: string, start: number, end: number): LawHead | null {
  const line = t
    .slice(start, end)
    .trim()
    .replace(/\s*\n\s*/g, " ");
  if (line.length > 300 || !HEAD_WORD.test(line) || LOWER.test(line)) return null;
  const m = TITLE.exec(line);
  const g = m ? m.findIndex((v, i) => i > 0 && v !== undefined && v !== "") : -1;
  return { at: start, law: g > 0 ? MX[g - 1]!.id : null };
}

/// Where the title ending at `end` starts: its line, or the line before when the title
/// runs over two ("LEY GENERAL PARA PREVENIR, … Y\nPARA LA PROTECCIÓN …").
function titleStart(t: string, end: number): number {
  const start = t.lastIndexOf("\n", end - 1) + 1;
  if (start === 0 || HEAD_WORD.test(t.slice(start, start + 12))) return start;
  return t.lastIndexOf("\n", start - 2) + 1;
}

/// The law titles heading `t` and its pages, in order (read once per scan, when asked).
export function lawHeads(t: string): LawHead[] {
  const out: LawHead[] = [];
  const lead = t.search(/\S/);
  if (lead >= 0 && HEAD_WORD.test(t.slice(lead, lead + 12))) {
    // The first line, or the lines before the Cámara's name when it follows within two.
    const first = t.indexOf("\n", lead) < 0 ? t.length : t.indexOf("\n", lead);
    const page = t.indexOf(PAGE_HEAD, lead);
    const twoLines = page > first && t.indexOf("\n", first + 1) === page;
    const head = headAt(t, lead, twoLines ? page : first);
    if (head) out.push(head);
  }
  for (let i = t.indexOf(PAGE_HEAD); i >= 0; i = t.indexOf(PAGE_HEAD, i + 1)) {
    const start = titleStart(t, i);
    const head = start > (out[out.length - 1]?.at ?? -1) ? headAt(t, start, i) : null;
    if (head) out.push(head);
  }
  return out;
}

/// The head last before `p`: undefined where no law's title heads the text.
export function headBefore(heads: LawHead[], p: number): LawHead | undefined {
  let lo = 0;
  let hi = heads.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (heads[mid]!.at < p) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? heads[lo - 1] : undefined;
}
