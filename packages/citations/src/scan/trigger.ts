/// The trigger pattern as the scan runs it: the same language as `TRIGGER` in
/// extract.ts, rewritten so V8 tries fewer alternatives per position. At every
/// word start irregexp tries each alternative of `\b(?:INA|Immigration …|…)` in
/// turn; grouped by first character (`I(?:NA|mmigration …)|S(?:…)|…`) it tries
/// one group. Alternatives that begin with different characters cannot match at
/// the same place, and within a group the written order is kept, so the first
/// alternative that matches is the one the written pattern would pick.

/// Regex syntax characters: an alternative that begins with one is not grouped.
const SYNTAX = new Set("\\^$.|?*+()[]{}");

/// Index after the group that opens at `src[open]` ("("), or -1.
function groupEnd(src: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return -1;
}

/// The top-level alternatives of a pattern source (`a|(b|c)|d` → a, (b|c), d).
export function alternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(src.slice(from, i));
      from = i + 1;
    }
  }
  out.push(src.slice(from));
  return out;
}

/// The characters an alternative must begin with and what follows them, when
/// its first atom is a plain character or a class of plain characters
/// (`[Ss]ections?` → S and s, `ections?`) not itself repeated; else null.
export function firstAtom(alt: string): { chars: string[]; rest: string } | null {
  let chars: string[];
  let n: number;
  const c = alt[0];
  if (c === undefined) return null;
  if (c === "[") {
    n = alt.indexOf("]") + 1;
    const body = [...alt.slice(1, n - 1)];
    if (n <= 1 || body.length === 0 || body.some((x) => SYNTAX.has(x) || x === "-")) return null;
    chars = [...new Set(body)];
  } else if (SYNTAX.has(c)) return null;
  else {
    chars = [c];
    n = 1;
  }
  const next = alt[n];
  if (next === "?" || next === "*" || next === "+" || next === "{") return null;
  return { chars, rest: alt.slice(n) };
}

/// Alternatives grouped by first character. A run of alternatives with a
/// known first character becomes one group per character (in order of first
/// appearance); any other alternative ends the run and keeps its place.
export function byFirstChar(alts: readonly string[]): string {
  const out: string[] = [];
  let run = new Map<string, string[]>();
  const flush = (): void => {
    for (const [ch, rests] of run) {
      const body = rests.length === 1 && rests[0] !== "" ? rests[0] : `(?:${rests.join("|")})`;
      out.push(ch + body);
    }
    run = new Map();
  };
  for (const alt of alts) {
    const f = firstAtom(alt);
    if (!f) {
      flush();
      out.push(alt);
      continue;
    }
    for (const ch of f.chars) {
      const rests = run.get(ch);
      if (rests) rests.push(f.rest);
      else run.set(ch, [f.rest]);
    }
  }
  flush();
  return out.join("|");
}

/// `source` with its consecutive `\b…` alternatives merged into one `\b(?:…)`
/// whose words are grouped by first character; other alternatives unchanged.
export function groupedTrigger(source: string): string {
  const out: string[] = [];
  let words: string[] = [];
  const flush = (): void => {
    if (words.length) out.push(String.raw`\b(?:${byFirstChar(words)})`);
    words = [];
  };
  for (const alt of alternatives(source)) {
    if (!alt.startsWith("\\b")) {
      flush();
      out.push(alt);
      continue;
    }
    const body = alt.slice(2);
    const whole = body.startsWith("(?:") && groupEnd(body, 0) === body.length;
    words.push(...(whole ? alternatives(body.slice(3, -1)) : [body]));
  }
  flush();
  return out.join("|");
}
