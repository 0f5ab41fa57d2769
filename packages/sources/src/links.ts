import { tryLinksForKey } from "@glossa/citations";
import type { Authority, AuthorityUrl } from "./types.ts";

/// The authority's links, narrowed to `pinpoint` where the publisher has
/// anchors (LII for the U.S. Code, eCFR paragraphs): the engine's links for the
/// pinpointed key replace those of the same label.
export function pinpointUrls(authority: Authority, pinpoint: readonly string[]): AuthorityUrl[] {
  const scheme = authority.key.split("/")[0];
  if (!pinpoint.length || (scheme !== "usc" && scheme !== "cfr")) return authority.urls;
  const fresh = tryLinksForKey([authority.key, ...pinpoint].join("/")) ?? [];
  return authority.urls.map((u) => fresh.find((f) => f.label === u.label) ?? u);
}
