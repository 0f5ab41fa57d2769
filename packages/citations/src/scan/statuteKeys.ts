/// Keys of statute sections, built with the one key formatter (`formatKey`).
import { formatKey, type ParsedKey, STATE_CODE_LEVELS } from "../keyGrammar.ts";
import type { StatContext } from "./memory.ts";
import type { Item } from "./sectionList.ts";

type Suffix = "note" | "et-seq" | undefined;

export const uscKey = (title: string, it: Item, suffix?: Suffix, appendix = false): string =>
  formatKey(
    suffix
      ? { scheme: "usc", title, appendix, section: it.section, subsections: it.subs, suffix }
      : { scheme: "usc", title, appendix, section: it.section, subsections: it.subs },
  );

export const inaKey = (it: Item, suffix?: Suffix): string =>
  formatKey(
    suffix
      ? { scheme: "ina", section: it.section, subsections: it.subs, suffix }
      : { scheme: "ina", section: it.section, subsections: it.subs },
  );

/// A dotted number is a section (with paragraphs); a bare one is a part; either may end in "et seq.".
export const cfrKey = (title: string, it: Item, asPart = false, suffix?: Suffix): string => {
  const dot = it.section.indexOf(".");
  const part = dot < 0 ? it.section : it.section.slice(0, dot);
  const k: ParsedKey & { scheme: "cfr" } =
    asPart || dot < 0
      ? { scheme: "cfr", title, part, subsections: [] }
      : { scheme: "cfr", title, part, section: it.section, subsections: it.subs };
  if (suffix === "et-seq") k.suffix = suffix;
  return formatKey(k);
};

export const stateKey = (code: string, it: Item, suffix?: Suffix, chapter?: string): string =>
  formatKey({
    scheme: "state",
    code,
    ...(chapter ? { chapter } : {}),
    section: it.section,
    subsections: it.subs,
    ...(suffix === "et-seq" ? { suffix } : {}),
  });

/// The key of `it` read as a section of the statute in `ctx`.
export const keyInContext = (ctx: StatContext, it: Item, suffix?: Suffix): string => {
  switch (ctx.scheme) {
    case "usc":
      return uscKey(ctx.where, it, suffix);
    case "ina":
      return inaKey(it, suffix);
    case "cfr":
      return cfrKey(ctx.where, it, false, suffix);
    case "state":
      // "§ 11" after "Mass. Gen. Laws ch. 93A, § 9": the same chapter.
      return stateKey(
        ctx.where,
        it,
        suffix,
        STATE_CODE_LEVELS.has(ctx.where) ? ctx.key.split("/")[2] : undefined,
      );
  }
};
