/// Builds labelled corpus items from the text of a Mexican federal law as the
/// Cámara de Diputados publishes it (LeyesBiblio PDF, text extracted). The
/// labels come from the law's own words, not from the engine: a law names the
/// owner of every article it cites ("artículo 13 de esta Ley", "artículo 89 de
/// la Constitución Política de los Estados Unidos Mexicanos"), or none, which in
/// a law's text means the law itself. Rules in SOURCES.md. Usage:
///   tsx tests/citations/corpus/fromDof.ts FILE.txt LAW "source note" MAX_LABELS SEED > dof-LAW.jsonl
import { readFileSync } from "node:fs";

interface Label {
  text: string;
  at: number;
  key: string;
}

/// Owners a law names after an article list, by the id the key scheme gives them.
const OWNERS: ReadonlyArray<[RegExp, string]> = [
  [/^,? (?:de|en) (?:esta|la presente) (?:[Ll]ey|Constitución)(?![\wáéíóúñ])/, "SELF"],
  [/^,? (?:de|en) (?:este|el presente) (?:ordenamiento|Decreto)(?![\wáéíóúñ])/, "SELF"],
  [/^,? del presente ordenamiento(?![\wáéíóúñ])/, "SELF"],
  [/^,? (?:de|en) la Constitución Política de los Estados Unidos Mexicanos/, "CPEUM"],
  [/^,? (?:de|en) la Constitución(?! Política)(?![\wáéíóúñ])/, "CPEUM"],
  [/^,? (?:[Cc]onstitucional|[Cc]onstitucionales)(?![\wáéíóúñ])/, "CPEUM"],
  [/^,? de la Ley de Migración/, "LMigra"],
  [
    /^,? de la Ley sobre Refugiados,? (?:y )?Protección Complementaria(?: y Asilo Político)?/,
    "LRPCAP",
  ],
  [/^,? de la Ley General de Población/, "LGP"],
  [/^,? de la Ley General de los Derechos de Niñas, Niños y Adolescentes/, "LGDNNA"],
  [/^,? de la Ley de la Comisión Nacional de los Derechos Humanos/, "LCNDH"],
  [/^,? de la Ley General de Víctimas/, "LGV"],
  [/^,? de la Ley General de Acceso de las Mujeres a una Vida Libre de Violencias?/, "LGAMVLV"],
  [/^,? del Código Nacional de Procedimientos Penales/, "CNPP"],
  [/^,? de este Código(?![\wáéíóúñ])/, "SELF"],
  [
    /^,? de la Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas y para la Protección y Asistencia a las Víctimas de estos Delitos/,
    "LGPSEDMTP",
  ],
  [/^,? de la Ley Federal de Procedimiento Administrativo/, "LFPA"],
  [
    /^,? de la Ley de Amparo(?:, Reglamentaria de los [Aa]rtículos 103 y 107 de la Constitución Política de los Estados Unidos Mexicanos)?/,
    "LAmp",
  ],
];
/// Laws the key scheme knows, named in full (second run of the rules: a law
/// named without an article before it is a citation of the law, `mx/{LAW}`).
const NAMED: ReadonlyArray<[RegExp, string]> = [
  [/^Constitución Política de los Estados Unidos Mexicanos/, "CPEUM"],
  [/^Ley de Migración/, "LMigra"],
  [/^Ley sobre Refugiados,? (?:y )?Protección Complementaria(?: y Asilo Político)?/, "LRPCAP"],
  [/^Ley General de Población/, "LGP"],
  [/^Ley General de los Derechos de Niñas, Niños y Adolescentes/, "LGDNNA"],
  [/^Ley de la Comisión Nacional de los Derechos Humanos/, "LCNDH"],
  [/^Ley General de Víctimas/, "LGV"],
  [/^Ley Federal de Procedimiento Administrativo/, "LFPA"],
  [/^Ley de Amparo/, "LAmp"],
  [/^Ley General de Acceso de las Mujeres a una Vida Libre de Violencias?/, "LGAMVLV"],
  [/^Código Nacional de Procedimientos Penales/, "CNPP"],
  [
    /^Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas(?: y para la Protección y Asistencia a las Víctimas de estos Delitos)?/,
    "LGPSEDMTP",
  ],
];

/// An owner the key scheme has no id for: the item is left out whole.
const OTHER_OWNER =
  /^,? (?:de|del|de la|de los|en la|en el) (?:Ley|Código|Reglamento|Estatuto|Lineamientos|Convención|Pacto|Protocolo|Tratado|Acuerdo|Decreto|Constitución Política de la|Constitución Política del|Constitución de la Ciudad)/;

const SUFFIX = "(?: (?:Bis|Ter|Quáter|Quater|Quinquies|Sexies|Septies|Octies|Nonies|Decies))?";
const NUM = new RegExp(`^(\\d{1,3})(?:o\\.?|º\\.?|°\\.?)?(${SUFFIX})(?![\\w])`);
const ORD_BEFORE: Record<string, string> = {
  primer: "1",
  segundo: "2",
  tercer: "3",
  cuarto: "4",
  quinto: "5",
  sexto: "6",
  séptimo: "7",
  octavo: "8",
  noveno: "9",
  décimo: "10",
};
const ORD_AFTER: Record<string, string> = {
  primero: "1",
  segundo: "2",
  tercero: "3",
  cuarto: "4",
  quinto: "5",
  sexto: "6",
  séptimo: "7",
  octavo: "8",
  noveno: "9",
  décimo: "10",
};
const ROMAN = "[IVXL]{1,7}(?: Bis)?";
const FRACS = new RegExp(
  `^,? (?:fracción|fracciones) (${ROMAN}(?:(?:, | y | e )${ROMAN})*)(?![\\w-])`,
);
const PARR_BEFORE =
  /^,? (primer|segundo|tercer|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo) párrafo(?![\w])/;
const PARR_AFTER =
  /^,? párrafo (primero|segundo|tercero|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo)(?![\w])/;
const SEP = /^(?:, y |, | y | e | al | a )/;
/// Levels the scheme has no place for: the item is left out whole.
const ODD_LEVEL =
  /^,? (?:último párrafo|párrafo último|apartado|Apartado|inciso|incisos|Base|base|numeral|penúltimo)/;

interface Ref {
  start: number;
  end: number;
  article: string;
  parr?: string;
  fracs: Array<[number, number, string]>;
}

class Skip extends Error {}

const artId = (n: string, suffix: string): string =>
  n + (suffix ? `-${suffix.trim().toLowerCase().replace("á", "a")}` : "");

/// Reads one article of a list at `p` with its levels; throws Skip on forms the scheme can't key.
function readItem(text: string, p: number): Ref | null {
  const m = NUM.exec(text.slice(p));
  if (!m) return null;
  if (/^(?: \d|-)/.test(text.slice(p + m[0].length))) throw new Skip("Bis N or dash");
  const ref: Ref = { start: p, end: p + m[0].length, article: artId(m[1]!, m[2] ?? ""), fracs: [] };
  for (let k = 0; k < 3; k++) {
    const rest = text.slice(ref.end);
    if (ODD_LEVEL.test(rest)) throw new Skip("odd level");
    const pb = PARR_BEFORE.exec(rest) ?? PARR_AFTER.exec(rest);
    if (pb) {
      ref.parr = ORD_BEFORE[pb[1]!] ?? ORD_AFTER[pb[1]!];
      ref.end += pb[0].length;
      continue;
    }
    const fr = FRACS.exec(rest);
    if (fr) {
      let q = ref.end + fr[0].length - fr[1]!.length;
      for (const f of fr[1]!.split(/, | y | e /)) {
        const at = text.indexOf(f, q);
        ref.fracs.push([at, at + f.length, f.replace(" Bis", "-bis")]);
        q = at + f.length;
      }
      ref.end += fr[0].length;
      continue;
    }
    break;
  }
  return ref;
}

/// The owner named at `p` (after a list), or SELF when none is named.
function ownerAt(text: string, p: number): { law: string; end: number } {
  const rest = text.slice(p, p + 120);
  for (const [re, law] of OWNERS) {
    const m = re.exec(rest);
    if (m) return { law, end: p + m[0].length };
  }
  if (OTHER_OWNER.test(rest)) throw new Skip("other owner");
  // "artículos 10 y el primer párrafo del artículo 18 de la Ley X": an owner further on in the clause.
  const clause = /^[^.;:]{0,80}/.exec(rest)![0];
  if (
    /(?:de|del|de la|de los) (?:Ley|Código|Reglamento|Constitución|Convención|Decreto)/.test(clause)
  )
    throw new Skip("distant owner");
  return { law: "SELF", end: p };
}

function keyOf(law: string, article: string, parr?: string, fr?: string): string {
  return `mx/${law}/art-${article}${parr ? `/parr-${parr}` : ""}${fr ? `/fr-${fr}` : ""}`;
}

/// "artículos 3, 5 y 7 de esta Ley" at `p` (after the word): labels, and where the cite ends.
function articleList(text: string, p: number, self: string, out: Label[]): number {
  const refs: Ref[] = [];
  let q = p;
  for (let n = 0; n < 30; n++) {
    const r = readItem(text, q);
    if (!r) break;
    refs.push(r);
    const sep = SEP.exec(text.slice(r.end));
    if (!sep || !NUM.test(text.slice(r.end + sep[0].length))) break;
    q = r.end + sep[0].length;
  }
  if (refs.length === 0) throw new Skip("no number");
  const owner = ownerAt(text, refs[refs.length - 1]!.end);
  const law = owner.law === "SELF" ? self : owner.law;
  for (const r of refs) {
    if (r.fracs.length === 0) {
      out.push({
        text: text.slice(r.start, r.end),
        at: r.start,
        key: keyOf(law, r.article, r.parr),
      });
      continue;
    }
    r.fracs.forEach(([a, b, f], i) => {
      const s = i === 0 ? r.start : a;
      out.push({ text: text.slice(s, b), at: s, key: keyOf(law, r.article, r.parr, f) });
    });
  }
  return owner.end;
}

const FRAC_FIRST = new RegExp(
  `(?:la |las )?(?:fracción|fracciones) (${ROMAN}(?:(?:, | y | e )${ROMAN})*) del (?:artículo|Artículo) `,
  "y",
);
const PARR_FIRST =
  /(?:el )?(?:(primer|segundo|tercer|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo) párrafo|párrafo (primero|segundo|tercero|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo)) del (?:artículo|Artículo) /y;
const ART_WORD = /(?<![\wáéíóúñ])(?:artículos?|Artículos?) (?=\d)/y;

/// "fracción V del artículo 52 …", "el segundo párrafo del artículo 20 …" at `p`:
/// labels pushed on `out`; answers where the cite ends (`p` when there is none).
function firstLevel(text: string, p: number, self: string, out: Label[]): number {
  for (const re of [FRAC_FIRST, PARR_FIRST]) {
    re.lastIndex = p;
    const m = re.exec(text);
    if (!m) continue;
    // "el párrafo segundo de la fracción V del artículo 62": a level inside a level.
    if (/(?:párrafos?|incisos?)[^.;]{0,30} de $/.test(text.slice(Math.max(0, p - 50), p)))
      throw new Skip("odd level-first");
    const r = readItem(text, re.lastIndex);
    if (!r || r.fracs.length || r.parr) throw new Skip("odd fraction-first");
    const owner = ownerAt(text, r.end);
    const law = owner.law === "SELF" ? self : owner.law;
    if (re === PARR_FIRST) {
      out.push({
        text: text.slice(p, r.end),
        at: p,
        key: keyOf(law, r.article, m[1] ? ORD_BEFORE[m[1]] : ORD_AFTER[m[2]!]),
      });
      return Math.max(owner.end, r.end);
    }
    if (text[r.end] === "-") throw new Skip("dash");
    let q = p + m[0].indexOf(m[1]!);
    const lab: Label[] = [];
    for (const f of m[1]!.split(/, | y | e /)) {
      const at = text.indexOf(f, q);
      const key = keyOf(law, r.article, undefined, f.replace(" Bis", "-bis"));
      lab.push({ text: text.slice(at, at + f.length), at, key });
      q = at + f.length;
    }
    lab[0] = { ...lab[0]!, text: text.slice(p, r.end), at: p };
    out.push(...lab);
    return Math.max(owner.end, r.end);
  }
  return p;
}

/// Labels of one item; throws Skip when it holds a form the scheme can't key.
export function labelItem(text: string, self: string): Label[] {
  const out: Label[] = [];
  // An article's own heading ("Artículo 52. …") opens the item and is no citation.
  const head = /^(?:Artículo|ARTÍCULO) \d{1,3}(?:o|º|°)?(?: [A-Za-zá]+)?\.-?\s/.exec(text);
  let p = head ? head[0].length : 0;
  while (p < text.length) {
    if (p > 0 && /[\wáéíóúñ]/.test(text[p - 1]!)) {
      p++;
      continue;
    }
    const q = firstLevel(text, p, self, out);
    if (q > p) {
      p = q;
      continue;
    }
    const named = NAMED.find(([re]) => re.test(text.slice(p, p + 200)));
    if (named) {
      const m = named[0].exec(text.slice(p, p + 200))!;
      out.push({ text: m[0], at: p, key: `mx/${named[1]}` });
      p += m[0].length;
      continue;
    }
    ART_WORD.lastIndex = p;
    if (ART_WORD.exec(text)) {
      // "los párrafos 4º y 5º del artículo 27", "el inciso a) del artículo 3": levels the rules don't read.
      if (
        /(?:párrafos?|incisos?|fracción|fracciones|apartados?|Apartados?|Bases?|numeral|parte final|segmentos?)[^.;]{0,40} del $/.test(
          text.slice(Math.max(0, p - 60), p),
        )
      )
        throw new Skip("odd level-first");
      const start = p;
      const before = out.length;
      p = articleList(text, ART_WORD.lastIndex, self, out);
      const first = out[before];
      if (first)
        out[before] = {
          ...first,
          text: text.slice(start, first.at + first.text.length),
          at: start,
        };
      continue;
    }
    p++;
  }
  return out;
}

/// A law's text as items: the body (from Artículo 1 to its TRANSITORIOS), page heads and
/// amendment notes dropped, split by article, long articles by paragraph (≤ 1,500 chars).
export function itemsOf(raw: string): string[] {
  const lines = raw.split("\n").map((l) => l.trim());
  const start = lines.findIndex((l) => /^(?:Artículo|ARTÍCULO) 1(?:o|º|°)?\.-?\s/.test(l));
  const stop = lines.findIndex((l, i) => i > start && /^(?:ARTÍCULOS )?TRANSITORIOS$/.test(l));
  const body = lines.slice(start, stop < 0 ? undefined : stop);
  const kept: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const l = body[i]!;
    if (/^CÁMARA DE DIPUTADOS DEL H\. CONGRESO/.test(l)) {
      kept.pop();
      i += 2;
      continue;
    }
    if (/^\d{1,3} de \d{1,3}$/.test(l) || l === "") continue;
    if (
      /^(?:Párrafo|Fracción|Artículo|Inciso|Capítulo|Sección|Título|Denominación|Apartado|Base|Numeral|Último|Fe de erratas|Reforma)/.test(
        l,
      ) &&
      /(?:reformad|adicionad|derogad|reubicad|recorrid).*DOF \d{2}-\d{2}-\d{4}/.test(l) &&
      / DOF \d{2}-\d{2}-\d{4}(?:, \d{2}-\d{2}-\d{4})*\.?$/.test(l)
    )
      continue;
    kept.push(l);
  }
  const articles: string[][] = [];
  for (const l of kept) {
    if (
      /^(?:Artículo|ARTÍCULO) \d{1,3}(?:o|º|°)?(?: [A-Za-zá]+)?\.-?\s/.test(l) ||
      articles.length === 0
    )
      articles.push([]);
    articles[articles.length - 1]!.push(l);
  }
  const items: string[] = [];
  for (const art of articles) {
    const paras: string[] = [];
    let cur = "";
    for (const l of art) {
      cur = cur ? `${cur} ${l}` : l;
      if (/[.;:]$/.test(l)) {
        paras.push(cur);
        cur = "";
      }
    }
    if (cur) paras.push(cur);
    let chunk = "";
    for (const para of paras) {
      if (chunk && chunk.length + para.length > 1500) {
        items.push(chunk);
        chunk = "";
      }
      chunk = chunk ? `${chunk} ${para}` : para;
    }
    if (chunk) items.push(chunk);
  }
  return items;
}

/// Deterministic shuffle (mulberry32).
function shuffle<T>(xs: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

if (process.argv[1]?.endsWith("fromDof.ts")) {
  const [file, law, source, max, seed] = process.argv.slice(2);
  const items = itemsOf(readFileSync(file!, "utf8"));
  let budget = Number(max);
  let negatives = 0;
  const skipped: Record<string, number> = {};
  const picked: Array<{ text: string; expected: Label[] }> = [];
  for (const text of shuffle(items, Number(seed))) {
    let expected: Label[];
    try {
      expected = labelItem(text, law!);
    } catch (e) {
      if (!(e instanceof Skip)) throw e;
      skipped[e.message] = (skipped[e.message] ?? 0) + 1;
      continue;
    }
    if (expected.length === 0) {
      // A few items that mention articles without a number ("este artículo") test precision.
      if (negatives >= 8 || !/artículo/i.test(text.slice(12))) continue;
      negatives++;
    } else if (budget <= 0) continue;
    budget -= expected.length;
    picked.push({ text, expected });
  }
  for (const p of picked.sort((a, b) => items.indexOf(a.text) - items.indexOf(b.text)))
    console.log(
      JSON.stringify({ source, text: p.text, expected: p.expected, options: { mxLaw: law } }),
    );
  console.error(
    `${picked.length} items, ${picked.reduce((n, p) => n + p.expected.length, 0)} labels; skipped`,
    skipped,
  );
}
