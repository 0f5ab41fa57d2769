import { tryEquivalentsForKey } from "@glossa/citations";
import type { Authority, AuthorityKind } from "./types.ts";

/// Strips the short-form wrappers the citation engine puts on resolved
/// short cites (`id->usc/8/1225`, `supra->treaty/…`).
export function unwrapKey(key: string): string {
  let k = key.trim();
  for (;;) {
    const m = /^(?:id|supra)->(.*)$/.exec(k);
    if (!m) return k;
    k = m[1]!;
  }
}

/// The other side of the INA ↔ 8 U.S.C. crosswalk for a key, sub-levels kept:
/// `ina/235/b/2/C` → `usc/8/1225/b/2/C` and back, from the citation engine's
/// table. Undefined when the section is not in it, or for a Code note.
export function crosswalkKey(key: string): string | undefined {
  const scheme = key.split("/")[0];
  if (scheme !== "ina" && scheme !== "usc") return undefined;
  // A Code note is not part of the INA section it follows (8 U.S.C. § 1231
  // note is FARRA § 2242, not "INA § 241 note").
  if (/\/note(\/|$)/.test(key)) return undefined;
  return tryEquivalentsForKey(key)?.[0]; // null for a malformed key: nothing to cross-walk
}

/// The kind of authority a key's scheme implies, if any.
export function kindForKey(key: string): AuthorityKind | undefined {
  const k = unwrapKey(key);
  const scheme = k.split("/")[0];
  switch (scheme) {
    case "usc":
    case "usc-ch":
    case "ina":
    case "stat":
    case "pl":
    case "state":
      return "statute";
    case "cfr":
    case "fr":
      return "regulation";
    case "usconst":
      return "constitution";
    case "case":
      return "case";
    case "treaty":
      return "treaty";
    case "softlaw":
    case "unhcr-excom":
      return "soft-law";
    case "mx":
      return k.startsWith("mx/CPEUM") ? "foreign-constitution" : "foreign-statute";
    case "journal":
      return "other";
    default:
      return undefined;
  }
}

/// Formats pinpoint segments in the style of the authority's key scheme:
/// `(b)(2)(C)` for codes and treaty paragraphs, `, fr. V` for a fracción,
/// `concl. III(3)` for a declaration's conclusions.
export function formatPinpoint(key: string, pinpoint: readonly string[]): string {
  const scheme = key.split("/")[0];
  let out = "";
  pinpoint.forEach((seg, i) => {
    if (seg === "note") out += " note";
    else if (/^fr-/.test(seg)) out += `, fr. ${seg.slice(3)}`;
    else if (/^para-/.test(seg))
      out += scheme === "mx" ? `, párr. ${seg.slice(5)}` : ` para. ${seg.slice(5)}`;
    else if (i === 0 && scheme === "softlaw" && /^[IVX]+$/.test(seg)) out += ` concl. ${seg}`;
    else if (i === 0 && scheme === "case") out += `, ${seg}`;
    else out += `(${seg})`;
  });
  return out;
}

/// The canonical citation of `authority` narrowed to `pinpoint`
/// (`8 U.S.C. § 1225(b)(2)(C)`, `… art. 22(8), Nov. 22, 1969, …`).
export function canonicalWithPinpoint(authority: Authority, pinpoint: readonly string[]): string {
  if (!pinpoint.length) return authority.canonical;
  const pin = formatPinpoint(authority.key, pinpoint);
  const c = authority.canonical;
  const scheme = authority.key.split("/")[0];
  if (scheme === "usc" || scheme === "cfr" || scheme === "ina") return c + pin;
  // Any code cited by section (a state code, a team authority): `§ 1473(b)`.
  if (pin.startsWith("(") && /§\s*[\w.-]+$/.test(c)) return c + pin;
  const art = /\bart\. [\dIVXA-Za-z]+/.exec(c);
  if (art && (scheme === "treaty" || scheme === "mx")) {
    const at = art.index + art[0].length;
    return c.slice(0, at) + pin + c.slice(at);
  }
  // Before a closing date/court parenthetical: "…, 509 U.S. 155, 187 (1993)".
  const paren = /\s\([^()]*\)$/.exec(c);
  if (paren) return c.slice(0, paren.index) + pin.replace(/^ /, ", ") + c.slice(paren.index);
  return `${c}${pin.startsWith(",") ? "" : ","}${pin.startsWith(" ") ? "" : " "}${pin.trim()}`;
}

/// The INA form of a Title 8 citation with its pinpoint (`INA § 235(b)(2)(C)`),
/// or undefined when the section has no INA equivalent.
export function inaCanonical(uscKey: string): string | undefined {
  const ina = crosswalkKey(uscKey);
  // A Code note (FARRA at § 1231 note) is not part of the INA section.
  if (!ina?.startsWith("ina/") || /\/(note|et-seq)$/.test(ina)) return undefined;
  const [, section, ...pin] = ina.split("/");
  return `INA § ${section}${formatPinpoint("ina", pin)}`;
}
