/// An approximate occurrence of a pattern in a text: [start, end) with the
/// number of edits (insertions, deletions, substitutions) it differs by.
export interface ApproxMatch {
  start: number;
  end: number;
  errors: number;
}

/// Every place `pattern` occurs in `text` with at most `maxErrors` edits
/// (Sellers' algorithm with Ukkonen's cut-off, O(maxErrors · text) on
/// average). Overlapping occurrences are thinned to the best of each
/// neighbourhood. Sorted by errors, then by position.
export function approxSearch(text: string, pattern: string, maxErrors: number): ApproxMatch[] {
  const m = pattern.length;
  const k = Math.max(0, Math.min(maxErrors, m - 1));
  if (!m) return [];
  const D = new Int32Array(m + 1);
  const S = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) D[i] = i;
  let lact = k;
  const ends: ApproxMatch[] = [];
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    let diag = 0;
    let diagS = j;
    D[0] = 0;
    S[0] = j + 1;
    const top = Math.min(lact + 1, m);
    for (let i = 1; i <= top; i++) {
      const active = i <= lact;
      const left = active ? D[i]! : k + 1;
      const leftS = S[i]!;
      const sub = diag + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      const up = D[i - 1]! + 1;
      let v = sub;
      let s = diagS;
      if (left + 1 < v) {
        v = left + 1;
        s = leftS;
      }
      if (up < v) {
        v = up;
        s = S[i - 1]!;
      }
      diag = left;
      diagS = leftS;
      D[i] = v;
      S[i] = s;
    }
    lact = top;
    while (lact > 0 && D[lact]! > k) lact--;
    if (lact === m) ends.push({ start: S[m]!, end: j + 1, errors: D[m]! });
  }
  ends.sort((a, b) => a.errors - b.errors || a.end - b.end);
  const picked: ApproxMatch[] = [];
  for (const e of ends) {
    if (picked.some((p) => e.start < p.end && p.start < e.end)) continue;
    picked.push(e);
  }
  return picked;
}

/// Levenshtein distance of two short strings.
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
        prev[j]! + 1,
        cur[j - 1]! + 1,
      );
    prev = cur;
  }
  return prev[b.length]!;
}

/// Similarity in [0, 1] of two short strings: 1 − distance / longer length.
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n ? 1 - editDistance(a, b) / n : 1;
}
