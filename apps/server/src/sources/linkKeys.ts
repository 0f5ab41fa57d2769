import { tryParseKey } from "@glossa/citations";
import { isWellFormedKey, unwrapKey } from "@glossa/sources";
import { type AuthorityRef, authorityRef } from "./documentSources.ts";
import type { SourceCatalog } from "./SourceCatalog.ts";

/// A link to a source the catalog does not know and the citation engine cannot read.
export class UnknownSourceError extends Error {
  readonly code = "unknown_source";
}

/// Checks the key of a link from an annotation to a source, for every way a
/// link is made (HTTP API and websocket): known to the catalog, or a key of
/// the citation engine's grammar (a real citation the catalog lacks). Keys
/// of neither — typos, `local/…` keys of team material nobody added — are
/// refused. Returns the key without short-form wrappers.
export async function checkLinkKey(
  sources: SourceCatalog,
  given: string,
): Promise<{ key: string; authority: AuthorityRef }> {
  const key = unwrapKey(given.trim());
  const catalog = await sources.catalog();
  const authority = authorityRef(catalog, key);
  if (authority.known) return { key, authority };
  if (!tryParseKey(key) || !isWellFormedKey(key)) {
    throw new UnknownSourceError(
      `"${given.trim()}" is neither in the catalog of authorities nor a citation key Glossa can read (such as usc/8/1225/b/2/C or case/509/U.S./155). Search with GET /api/sources?q=… or add it with POST /api/sources.`,
    );
  }
  return { key, authority };
}
