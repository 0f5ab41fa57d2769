/// A team's own short names for its authorities ("A.B. Decl.", "Compl."),
/// found after the families' pass like any other citation: each occurrence,
/// with a following pinpoint (`¶ 12`, `¶¶ 3–5`, `at 4`), becomes a `team`
/// citation keyed to that authority. The engine's own citations win where
/// they overlap.
import type { Citation, TeamForm } from "./types.ts";

/// A pinpoint after a team form: `¶ 12`, `¶¶ 3–5`, `at 4`, `p. 7`.
const PINPOINT = /,?\s{0,2}((?:¶¶?|at|pp?\.)\s{0,2}\d{1,5}(?:\s{0,2}[-–]\s{0,2}\d{1,5})?)/y;
const MAX_FORM = 80;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const compiled = new WeakMap<readonly TeamForm[], { re: RegExp; byForm: Map<string, TeamForm> }>();

function compile(forms: readonly TeamForm[]): { re: RegExp; byForm: Map<string, TeamForm> } | null {
  let c = compiled.get(forms);
  if (!c) {
    const byForm = new Map<string, TeamForm>();
    for (const f of forms) {
      const form = typeof f?.form === "string" ? f.form.trim() : "";
      if (form && form.length <= MAX_FORM && typeof f.key === "string" && !byForm.has(form))
        byForm.set(form, f);
    }
    const alts = [...byForm.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join("|")})(?![\\p{L}\\p{N}])`, "gu");
    c = { re, byForm };
    compiled.set(forms, c);
  }
  return c.byForm.size ? c : null;
}

/// The team-form citations of `text`, merged into `out` (kept in order of
/// appearance). Linear in the text: one regex pass.
export function addTeamForms(
  text: string,
  out: Citation[],
  forms: readonly TeamForm[],
): Citation[] {
  const c = compile(forms);
  if (!c) return out;
  const found: Citation[] = [];
  const re = new RegExp(c.re.source, c.re.flags);
  let i = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    let end = start + m[0].length;
    while (i < out.length && out[i]!.end <= start) i++;
    if (i < out.length && out[i]!.start < end) continue; // the engine's citation wins
    const f = c.byForm.get(m[0])!;
    PINPOINT.lastIndex = end;
    const pin = PINPOINT.exec(text);
    if (pin && !(i < out.length && out[i]!.start < PINPOINT.lastIndex)) end = PINPOINT.lastIndex;
    const cite: Citation = {
      kind: "team",
      text: text.slice(start, end),
      start,
      end,
      key: f.key,
      canonical: f.canonical ?? f.form,
      equivalents: [],
      urls: [...(f.urls ?? [])],
    };
    if (end > start + m[0].length) cite.pinpoint = pin![1]!;
    found.push(cite);
  }
  if (!found.length) return out;
  return [...out, ...found].sort((a, b) => a.start - b.start);
}
