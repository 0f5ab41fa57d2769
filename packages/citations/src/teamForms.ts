/// A team's own short names for its authorities ("A.B. Decl.", "Compl."),
/// found like any other citation: each occurrence, with a following pinpoint
/// (`¶ 12`, `¶¶ 3–5`, `at 4`), becomes a `team` citation keyed to that
/// authority. They are found before the families' pass, so that an `Id.`
/// after one resolves to it, and merged after it: the engine's own citations
/// win where they overlap.
import type { Citation, TeamForm } from "./types.ts";

/// A pinpoint after a team form: `¶ 12`, `¶¶ 3–5`, `at 4`, `p. 7`.
const PINPOINT = /,?\s{0,2}(?<pin>(?:¶¶?|at|pp?\.)\s{0,2}\d{1,5}(?:\s{0,2}[-–]\s{0,2}\d{1,5})?)/y;
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

/// One occurrence of a team form: `bare` ends the form, `end` its pinpoint.
export interface TeamHit {
  start: number;
  bare: number;
  end: number;
  pin?: string;
  form: TeamForm;
}

/// Every occurrence of a team form in `text`, in order. Linear: one regex pass.
export function findTeamForms(text: string, forms: readonly TeamForm[]): TeamHit[] {
  const c = compile(forms);
  if (!c) return [];
  const hits: TeamHit[] = [];
  const re = new RegExp(c.re.source, c.re.flags);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const bare = m.index + m[0].length;
    PINPOINT.lastIndex = bare;
    const pin = PINPOINT.exec(text);
    const hit: TeamHit = {
      start: m.index,
      bare,
      end: pin ? PINPOINT.lastIndex : bare,
      form: c.byForm.get(m[0])!,
    };
    if (pin) hit.pin = pin.groups!.pin!;
    hits.push(hit);
  }
  return hits;
}

/// The team-form citations of `hits`, merged into `out` (kept in order of
/// appearance): the engine's citations win where they overlap.
export function addTeamForms(text: string, out: Citation[], hits: readonly TeamHit[]): Citation[] {
  const found: Citation[] = [];
  let i = 0;
  for (const h of hits) {
    while (i < out.length && out[i]!.end <= h.start) i++;
    if (i < out.length && out[i]!.start < h.bare) continue; // the engine's citation wins
    // A pinpoint that runs into the engine's next citation is not taken.
    const pinned = h.pin !== undefined && !(i < out.length && out[i]!.start < h.end);
    const end = pinned ? h.end : h.bare;
    const cite: Citation = {
      kind: "team",
      text: text.slice(h.start, end),
      start: h.start,
      end,
      key: h.form.key,
      canonical: h.form.canonical ?? h.form.form,
      equivalents: [],
      urls: [...(h.form.urls ?? [])],
    };
    if (pinned) cite.pinpoint = h.pin!;
    found.push(cite);
  }
  if (!found.length) return out;
  return [...out, ...found].sort((a, b) => a.start - b.start);
}
