/// `Breaks` (scan/mended.ts) answers as a search of each call's own window
/// would, in any order of calls, and looks at each mark of the text about once;
/// and the failed names it is asked about are not made by every "Mexico".
import { describe, expect, it } from "vitest";
import { extractCitations, TRIGGER_FORMS } from "../extract.ts";
import { instruments } from "../instruments.ts";
import { Breaks, breaksAt } from "./mended.ts";

/// The window search `Breaks` replaces: the marks within `reach` after `pos`,
/// up to the first blank line.
function windowed(t: string, pos: number, reach: number): boolean {
  let w = t.slice(pos, pos + reach + 1);
  const para = /\n[ \t]*\r?\n/.exec(w);
  if (para) w = w.slice(0, para.index);
  for (const mark of ["-", "\u00AD", "*", "\n"]) {
    for (let i = w.indexOf(mark); i >= 0; i = w.indexOf(mark, i + 1)) {
      if (breaksAt(t, pos + i)) return true;
    }
  }
  return false;
}

/// A small deterministic generator (no flaky seeds).
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const PIECES = [
  "Con",
  "ven",
  "ción ",
  "-",
  "- ",
  "-\n",
  "\u00AD",
  "*27",
  "*4 ",
  " ",
  "\n",
  "\n\n",
  "\n \r\n",
  "\t",
  "a",
  "Ab",
  "12",
  "\r\n",
  ". ",
];

describe("Breaks", () => {
  it("answers as each call's window search, in text order and out of it", () => {
    const next = rng(7);
    for (let n = 0; n < 200; n++) {
      const parts: string[] = [];
      for (let k = 0; k < 10 + next() * 120; k++)
        parts.push(PIECES[Math.floor(next() * PIECES.length)]!);
      const t = parts.join("");
      const b = new Breaks(t);
      for (let q = 0; q < 60; q++) {
        // Mostly forward, sometimes back (an owner read after an article).
        const pos = Math.floor(next() * t.length);
        const reach = [0, 3, 20, 200][Math.floor(next() * 4)]!;
        expect(b.ahead(pos, reach), JSON.stringify({ t, pos, reach })).toBe(
          windowed(t, pos, reach),
        );
      }
      const fwd = new Breaks(t);
      for (let pos = 0; pos < t.length; pos++)
        expect(fwd.ahead(pos, 20)).toBe(windowed(t, pos, 20));
    }
  });

  it("looks at each mark about once when the calls' windows overlap", () => {
    // Failed instrument names every 30 characters, each window holding ~7 of
    // them and their line feeds and hyphens (none a break of a name).
    const line = "the Mexico co-operation plan\n";
    const t = line.repeat(2000);
    const marks = 2 * 2000;
    const b = new Breaks(t);
    for (let p = t.indexOf("Mexico"); p >= 0; p = t.indexOf("Mexico", p + 1)) b.ahead(p, 200);
    // A window search per call looks at ~8 marks per call: ~16,000.
    expect(b.looked).toBeLessThanOrEqual(marks + 4);
  });

  it("mends names after many failed ones as before", () => {
    const t = `${"Mexico and the United States\n".repeat(50)}la Conven-\nción Americana`;
    expect(extractCitations(t).map((c) => c.key)).toEqual(["treaty/achr-1969"]);
  });
});

describe("the trigger's Mexico", () => {
  it("starts a lookup only where a name can begin: before 's or a soft hyphen", () => {
    const scan = new RegExp(TRIGGER_FORMS.scan, "g");
    const text = "Mexico has held Mexico, Mexico’s plan, Mexico's view, Mexico\u00ADs";
    const found = [...text.matchAll(scan)];
    expect(found.map((m) => m[0])).toEqual(["Mexico", "Mexico", "Mexico"]);
    expect(found.map((m) => text[m.index + 6])).toEqual(["’", "'", "\u00AD"]);
  });

  it("holds for every instrument name: one that begins 'Mexico' goes on with 's", () => {
    for (const inst of instruments) {
      for (const name of [...inst.names, ...(inst.acronyms ?? [])]) {
        // No name may begin with Mexico other than so (a new one must widen the trigger).
        if (/^\W{0,6}mexico/i.test(name)) expect(name).toMatch(/^Mexico\['’\]s /);
      }
    }
  });
});
