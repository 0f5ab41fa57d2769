/// Targets: an annotation's selector as W3C `TextQuoteSelector` and
/// `TextPositionSelector`, and back from an imported item's `target`.
import { isObj, LIMITS, type Selector } from "../model.ts";
import { hasType, type Json, list, str } from "./context.ts";

/// The `target` of an exported annotation on the document `source`.
export function exportTarget(source: string, selector: Selector): Json {
  return {
    source,
    selector: [
      { type: "TextQuoteSelector", ...selector.quote },
      { type: "TextPositionSelector", ...selector.position },
    ],
  };
}

/// What an imported item's targets say: the first TextQuoteSelector (its
/// context cut to `LIMITS.context`) and the first valid TextPositionSelector.
export interface ReadTarget {
  quote: { exact: string; prefix: string; suffix: string } | null;
  position: { start: number; end: number } | null;
}

/// Reads the selectors of `target` (one or a list); a malformed quote is
/// reported through `bad`, an invalid position ignored.
export function readTarget(target: unknown, bad: (path: string, message: string) => void) {
  const found: ReadTarget = { quote: null, position: null };
  for (const t of list(target)) {
    if (!isObj(t)) continue;
    for (const s of list(t.selector)) {
      if (!isObj(s)) continue;
      if (hasType(s, "TextQuoteSelector") && !found.quote) found.quote = readQuote(s, bad);
      else if (hasType(s, "TextPositionSelector") && !found.position)
        found.position = readPosition(s);
    }
  }
  return found;
}

function readQuote(s: Json, bad: (path: string, message: string) => void): ReadTarget["quote"] {
  if (!str(s.exact) || !s.exact) bad("target.selector.exact", "must be a non-empty string");
  else if (s.exact.length > LIMITS.quote)
    bad("target.selector.exact", `is too long (at most ${LIMITS.quote} characters)`);
  else
    return {
      exact: s.exact,
      prefix: str(s.prefix) ? s.prefix.slice(-LIMITS.context) : "",
      suffix: str(s.suffix) ? s.suffix.slice(0, LIMITS.context) : "",
    };
  return null;
}

function readPosition(s: Json): ReadTarget["position"] {
  if (
    Number.isSafeInteger(s.start) &&
    Number.isSafeInteger(s.end) &&
    (s.start as number) >= 0 &&
    (s.end as number) > (s.start as number)
  )
    return { start: s.start as number, end: s.end as number };
  return null;
}
