export type { Renumbering } from "./crosswalk.ts";
export { inaToUsc, RENUMBERED, uscToIna } from "./crosswalk.ts";
export { extractCitations } from "./extract.ts";
export type { Instrument } from "./instruments.ts";
export { instrumentById, instruments } from "./instruments.ts";
export type { ParsedKey, SourceLink } from "./keys.ts";
export {
  canonicalForKey,
  equivalentsForKey,
  fromRoman,
  linksForKey,
  parseKey,
  toRoman,
  tryCanonicalForKey,
  tryEquivalentsForKey,
  tryLinksForKey,
  tryParseKey,
  tryUrlsForKey,
  urlsForKey,
} from "./keys.ts";
export type { Citation, CitationKind, DatedMeaning, ExtractOptions, TeamForm } from "./types.ts";
