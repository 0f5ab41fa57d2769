/// Roman numerals for constitution articles and amendments and the Protocol.
// biome-ignore format: compact table
const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

/// Arabic → roman numeral (1–89), for constitution articles and amendments.
export function toRoman(n: number): string {
  let out = "";
  let rest = n;
  for (const [v, r] of ROMAN) {
    while (rest >= v) {
      out += r;
      rest -= v;
    }
  }
  return out;
}

/// Roman numeral → arabic, or NaN.
export function fromRoman(s: string): number {
  const vals: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  const up = s.toUpperCase();
  for (let i = 0; i < up.length; i++) {
    const v = vals[up[i]!];
    const next = vals[up[i + 1] ?? ""] ?? 0;
    if (v === undefined) return Number.NaN;
    total += v < next ? -v : v;
  }
  return total;
}
