import type { Authority } from "@glossa/sources";
import { h } from "../dom.ts";

/// The source pane's words about where a text comes from, in one place
/// (for translation).
export const PROVENANCE_TEXT = {
  heading: "Where this text comes from",
  verified: "Checked word for word against the official text",
  unverified: "Not yet checked against the official text",
  team: "Entered by your team; not checked against an official text",
  source: "Source",
  version: "Version",
  outdated:
    "May be out of date: the official text may have been amended since this version. Check the current text before relying on it.",
  noRecord:
    "No record of where this text was taken from. Check it against the official text before quoting it.",
  open: "Open the official text",
} as const;

/// Provenance of an authority's stored text: its status in plain words,
/// the official source and version, and a warning when it may be out of
/// date. Null when the authority holds no text.
export function provenanceBlock(a: Authority): HTMLElement | null {
  const t = a.text;
  if (!t) return null;
  const p = t.provenance;
  const T = PROVENANCE_TEXT;
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
