import type { TeamForm } from "@glossa/citations";
import type { Authority } from "./types.ts";

/// The team's short citation forms ("A.B. Decl." → that declaration), as the
/// citation engine takes them (`ExtractOptions.forms`): with the authority's
/// canonical form and links.
export function teamForms(authorities: Iterable<Authority>): TeamForm[] {
  const out: TeamForm[] = [];
  for (const a of authorities)
    for (const form of a.citationForms ?? [])
      out.push({
        form: form.trim(),
        key: a.key,
        canonical: a.canonical,
        urls: a.urls.map((u) => u.url),
      });
  return out;
}

/// The forms of `authority` that another authority already has (a form names one authority).
export function takenForms(authority: Authority, others: Iterable<Authority>): string[] {
  const mine = new Set((authority.citationForms ?? []).map((f) => f.trim()));
  if (!mine.size) return [];
  const taken: string[] = [];
  for (const o of others) {
    if (o.key === authority.key) continue;
    for (const f of o.citationForms ?? []) if (mine.has(f.trim())) taken.push(f.trim());
  }
  return taken;
}
