import { sourceLabel } from "@glossa/editor";
import type { Authority, AuthorityUrl } from "@glossa/sources";
import { h } from "../dom.ts";
import { en } from "../i18n/en.ts";
import { has, t as tr } from "../i18n/index.ts";

/// The source pane's words about where a text comes from, in English (the
/// catalogue's `provenance`); shown in the interface language.
export const PROVENANCE_TEXT = en.provenance;

const words = (): typeof PROVENANCE_TEXT => tr("provenance", { returnObjects: true });

/// Provenance of an authority's stored text: its status in plain words,
/// the official source and version, and a warning when it may be out of
/// date. Null when the authority holds no text.
export function provenanceBlock(a: Authority): HTMLElement | null {
  const t = a.text;
  if (!t) return null;
  const p = t.provenance;
  const T = words();
  if (!p)
    return h(
      "section",
      { class: "gl-src-prov", "data-status": "unverified", "aria-label": T.heading },
      h(
        "p",
        { class: "gl-src-prov-status gl-src-warn" },
        a.origin === "team" ? T.team : T.noRecord,
      ),
    );
  const verified = p.status === "verified" && a.origin === "builtin";
  const status = verified ? T.verified : a.origin === "team" ? T.team : T.unverified;
  const link = p.url && /^https?:\/\//.test(p.url) ? p.url : null;
  return h(
    "section",
    {
      class: "gl-src-prov",
      "data-status": verified ? "verified" : "unverified",
      "aria-label": T.heading,
    },
    h("p", { class: `gl-src-prov-status${verified ? "" : " gl-src-warn"}` }, status),
    h(
      "dl",
      { class: "gl-src-prov-facts" },
      h("dt", {}, T.source),
      h(
        "dd",
        { class: "gl-src-prov-source" },
        p.source,
        link ? " " : null,
        link ? h("a", { href: link, target: "_blank", rel: "noopener noreferrer" }, T.open) : null,
      ),
      h("dt", {}, T.version),
      h("dd", { class: "gl-src-prov-version" }, p.version),
    ),
    p.note ? h("p", { class: "gl-src-prov-note gl-muted" }, p.note) : null,
    p.mayBeOutdated ? h("p", { class: "gl-src-prov-outdated gl-src-warn" }, T.outdated) : null,
  );
}

// "Checked by hand": no test in the repository backs these marks; only a
// text's provenance (above) can say "checked word for word".
const verification = (mark: string) =>
  has(`sources.mark.${mark}`) ? tr(`sources.mark.${mark as "team"}`) : mark;

/// The official texts of an authority, as links opening in a new tab.
export function officialLinks(urls: AuthorityUrl[]): HTMLElement {
  return h(
    "ul",
    { class: "gl-src-links", "aria-label": tr("sources.officialTexts") },
    ...urls.map((u) =>
      h(
        "li",
        {},
        h(
          "a",
          { href: u.url, target: "_blank", rel: "noopener noreferrer" },
          u.label && u.label !== "Link" ? u.label : sourceLabel(u.url),
        ),
        u.official ? h("span", { class: "gl-src-official" }, tr("sources.official")) : null,
      ),
    ),
  );
}

/// Where the catalogue's facts about an authority come from, folded.
export function factNotes(notes: NonNullable<Authority["sources"]>): HTMLElement {
  return h(
    "details",
    { class: "gl-src-provenance" },
    h("summary", {}, tr("factsFrom")),
    h(
      "ul",
      {},
      ...notes.map((n) =>
        h(
          "li",
          {},
          h("strong", {}, `${n.about}: `),
          n.source,
          h("span", { class: `gl-src-mark gl-src-mark-${n.mark}` }, ` (${verification(n.mark)})`),
          n.note ? h("span", { class: "gl-muted" }, ` — ${n.note}`) : null,
        ),
      ),
    ),
  );
}
