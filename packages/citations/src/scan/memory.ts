/// What a text has cited so far: the context short forms ("Id.", a bare
/// "§ 1225(b)", "supra", "509 U.S. at 187", "esta Ley") are resolved against.
import { type Instrument, instrumentById } from "../instruments.ts";
import type { ExtractOptions, TeamForm } from "../types.ts";
import type { LawHead } from "./lawHeads.ts";

/// Words a text uses for an instrument it has named ("the Convention", "la Convención").
const GENERIC_WORDS = [
  "Convention",
  "Protocol",
  "Covenant",
  "Declaration",
  "Convención",
  "Protocolo",
  "Pacto",
  "Declaración",
] as const;
/// How far back (characters) "the Convention" may skip other instruments' cites.
const GENERIC_REACH = 400;
const wordsOf = new Map<Instrument, string[]>();
function genericWords(inst: Instrument): string[] {
  let w = wordsOf.get(inst);
  if (!w) {
    const all = `${inst.name} ${inst.names.join(" ")}`;
    w = GENERIC_WORDS.filter((g) => all.includes(g));
    wordsOf.set(inst, w);
  }
  return w;
}

/// The statute a bare section continues.
export interface StatContext {
  scheme: "usc" | "ina" | "cfr" | "state";
  /// Title (usc/cfr) or code name (state).
  where: string;
  key: string;
}

/// The state-code cites of a scan's output read so far (`upTo` of them):
/// the last, and the last of each code and of each section shape.
export interface StateCites {
  upTo: number;
  last: StatContext | null;
  byCode: Map<string, StatContext>;
  byShape: Map<string, StatContext>;
}

/// A full case cite, for short forms ("509 U.S. at 187").
export interface FullCase {
  key: string;
  volume: string;
  reporter: string;
  page: number;
  name: string;
}

const MAX_CASES_PER_VOLUME = 32;
const MAX_SUPRA_TARGETS = 512;
const MAX_USC_SECTIONS = 1024;

export class CiteMemory {
  lastAuthority: string | null = null;
  /// Last authority with pages (case, article, register, session law).
  lastPaged: string | null = null;
  lastStat: StatContext | null = null;
  /// The C.F.R. title cited last (or `cfrTitle`): a dotted bare "§ 70.148"
  /// is its section even after a U.S. Code cite.
  lastCfr: StatContext | null = null;
  /// Whether the U.S. Code cite last read was a parallel cite of an act's own
  /// section ("section 204 of the … Act of 1992 (33 U.S.C. 2326)"): the text
  /// then numbers by the act, and a bare "section 1030" is the act's, not the Code's.
  uscParallel = false;
  lastIna: string | null = null;
  defaultAct: "ina" | null;
  /// Whether citing the INA makes it the act of bare "section N".
  readonly actInferred: boolean;
  lastTreaty: Instrument | null = null;
  /// The instrument named last whose name holds each generic word, and where:
  /// "Article 33.1 of the Convention" after "… Refugees. See 19 U.S.T. 6223"
  /// (the Protocol) is still the Convention's.
  readonly lastByWord = new Map<string, { inst: Instrument; at: number }>();
  /// The team form read last ("A.B. Decl."): an `Id.` right after it is its.
  lastTeam: TeamForm | null = null;
  lastMx: string | null = null;
  /// Whether the text speaks of aliens, asylum or immigration (read once, when asked).
  aboutImmigration: boolean | undefined = undefined;
  /// The law the text is (`mxLaw`): its "esta Ley" and its bare "artículo 52".
  readonly mxDoc: string | null;
  /// The U.S. Code title each section number was cited in last (bounded): a
  /// bare "Section 1182(c)" after "8 U.S.C. 1182(c) … 28 U.S.C. 2241" is title 8's.
  private readonly uscBySection = new Map<string, StatContext>();
  /// Full case cites by "volume reporter", most recent last (bounded).
  private readonly cases = new Map<string, FullCase[]>();
  /// Names that a later "X, supra" may use, most recent last (bounded).
  readonly supraTargets: Array<{ key: string; names: string }> = [];
  /// Constitutions the text names (state or federal), in order: found on the
  /// first bare article (scan/constitution.ts).
  constitutions: Array<{ at: number; state: boolean }> | null = null;
  /// U.S. Code title headings of the text ("TITLE 8—ALIENS …"; `law` the title), read on the first "this title".
  titleHeads: LawHead[] | null = null;
  /// Law titles heading the text and its pages (scan/lawHeads.ts), read on the first "esta Ley".
  lawHeads: LawHead[] | null = null;
  /// State-code cites, kept by scan/stateNamed.ts from its first look on.
  states: StateCites | null = null;

  constructor(opts: ExtractOptions) {
    this.defaultAct = opts.defaultAct ?? null;
    this.actInferred = opts.defaultAct === undefined;
    this.lastMx = opts.mxLaw ?? null;
    this.mxDoc = opts.mxLaw ?? null;
    if (opts.cfrTitle !== undefined) {
      this.lastStat = { scheme: "cfr", where: String(opts.cfrTitle), key: `cfr/${opts.cfrTitle}` };
      this.lastCfr = this.lastStat;
    } else if (opts.uscTitle !== undefined) {
      this.lastStat = { scheme: "usc", where: String(opts.uscTitle), key: `usc/${opts.uscTitle}` };
    }
  }

  /// The text named the INA: bare "section N" now means an INA section.
  sawIna(): void {
    if (this.actInferred) this.defaultAct = "ina";
  }

  /// The text used a team's short form: it is the authority an `Id.` means.
  sawTeam(form: TeamForm): void {
    this.lastAuthority = form.key;
    this.lastTeam = form;
  }

  /// Records an emitted citation: `base` is its key without `id->`/`supra->`,
  /// `scheme` and `where` its first two segments.
  cited(base: string, scheme: string, where: string, at = 0): void {
    this.lastAuthority = base;
    switch (scheme) {
      case "case":
      case "journal":
      case "fr":
      case "stat":
        this.lastPaged = base;
        break;
      case "usc":
      case "cfr":
      case "state":
        // The same provision again (dense texts): keep the context object.
        if (this.lastStat?.key !== base)
          this.lastStat = { scheme: scheme as "usc" | "cfr" | "state", where, key: base };
        if (scheme === "cfr") this.lastCfr = this.lastStat;
        if (scheme === "usc") this.uscSection(base, this.lastStat);
        break;
      case "ina":
        this.lastStat = { scheme: "ina", where: "", key: base };
        this.lastIna = base;
        this.sawIna();
        break;
      case "mx":
        this.lastMx = where;
        break;
      case "treaty":
      case "softlaw":
        this.lastTreaty = null;
        this.named(instrumentById.get(`${scheme}/${where}`), at);
        break;
      default:
        break;
    }
  }

  private uscSection(base: string, ctx: StatContext): void {
    // "usc/8/1182/c" → "1182", without allocating the split.
    const a = base.indexOf("/", 4);
    if (a < 0) return;
    const b = base.indexOf("/", a + 1);
    const section = base.slice(a + 1, b < 0 ? base.length : b);
    if (this.uscBySection.size >= MAX_USC_SECTIONS) this.uscBySection.clear();
    this.uscBySection.set(section, ctx);
  }

  /// The U.S. Code context a bare section continues: `ctx` (the statute cited
  /// last), unless every section was last cited in one other title.
  uscContextFor(ctx: StatContext, sections: readonly string[]): StatContext {
    let other: StatContext | undefined;
    for (const sec of sections) {
      const c = this.uscBySection.get(sec);
      if (!c || c.where === ctx.where || (other && other.where !== c.where)) return ctx;
      other = c;
    }
    return other ?? ctx;
  }

  /// An instrument named (cited, or by its acronym alone): later "the Convention" is it.
  named(inst: Instrument | undefined, at: number): void {
    if (!inst) return;
    this.lastTreaty = inst;
    for (const w of genericWords(inst)) this.lastByWord.set(w, { inst, at });
  }

  /// What "the Convention" (a generic word) means at `at`: the instrument named
  /// last, or one with that word named shortly before, with other instruments'
  /// cites between ("… Refugees. See 19 U.S.T. 6223. Article 33.1 of the
  /// Convention"). Further back, another instrument named since wins: nothing.
  /// With none such, the convention the protocol named last completes: "Article
  /// 1(2) of the Convention" after only the 1967 Protocol is the 1951 Convention's.
  generic(word: string, at: number): Instrument | null {
    const hit = this.lastByWord.get(word);
    const t = this.lastTreaty;
    if (hit && (hit.inst === t || at - hit.at <= GENERIC_REACH)) return hit.inst;
    const parent = t?.parent ? instrumentById.get(t.parent) : undefined;
    return parent && genericWords(parent).includes(word) ? parent : null;
  }

  addCase(c: FullCase): void {
    const vr = `${c.volume} ${c.reporter}`;
    const list = this.cases.get(vr) ?? [];
    list.push(c);
    if (list.length > MAX_CASES_PER_VOLUME) list.shift();
    this.cases.set(vr, list);
  }

  casesIn(volume: string, reporter: string): readonly FullCase[] {
    return this.cases.get(`${volume} ${reporter}`) ?? [];
  }

  addSupraTarget(key: string, names: string): void {
    if (this.supraTargets.length >= MAX_SUPRA_TARGETS)
      this.supraTargets.splice(0, MAX_SUPRA_TARGETS / 2);
    this.supraTargets.push({ key, names });
  }

  /// The most recent target whose names contain `word` (last 256 looked at).
  supraTarget(word: string): string | null {
    const t = this.supraTargets;
    for (let i = t.length - 1; i >= 0 && i >= t.length - 256; i--) {
      if (t[i]!.names.includes(word)) return t[i]!.key;
    }
    return null;
  }
}
