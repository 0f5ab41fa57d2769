export { DOCTRINES } from "./builtin/doctrines.ts";
export { BUILTIN_PROVENANCE } from "./builtin/provenance.ts";
export type { CatalogOptions, Resolution, SourceSuggestion, Suggestions } from "./catalog.ts";
export { BUILTIN_AUTHORITIES, builtinCatalog, Catalog, suggestSources } from "./catalog.ts";
export type { LinkCitation, Resolver } from "./cite.ts";
export { citationOf, citeLink, linkKey } from "./cite.ts";
export type { CslImport, CslImportError, CslItem } from "./csl.ts";
export { authoritiesToCsl, fromCsl, toCsl } from "./csl.ts";
export type { Doctrine, DoctrineMatch, DoctrineRelation, DoctrineSource } from "./doctrine.ts";
export { DOCTRINE_RELATIONS, matchDoctrines, relationWeight } from "./doctrine.ts";
export { takenForms, teamForms } from "./forms.ts";
export {
  canonicalWithPinpoint,
  crosswalkKey,
  formatPinpoint,
  inaCanonical,
  kindForKey,
  unwrapKey,
} from "./keys.ts";
export { pinpointUrls } from "./links.ts";
export {
  officialEcfrCorpusText,
  officialMarkdownText,
  officialPlainText,
  officialTextOf,
} from "./officialText.ts";
export type { Passage, TextDifference } from "./provenance.ts";
export {
  comparableWords,
  compareWithOfficial,
  officialXmlText,
  passagesOf,
} from "./provenance.ts";
export type { QueryCitation } from "./query.ts";
export { parseQueryCitations } from "./query.ts";
export type { SearchHit, SearchOptions, SearchTier } from "./search.ts";
export { SEARCH_TIERS } from "./search.ts";
export type { ParsedPinpoint, PinpointLocation, RenderedText, TextSpan } from "./text.ts";
export { locatePinpoint, parsePinpoint, renderText } from "./text.ts";
export type {
  TableOfAuthorities,
  ToaBlock,
  ToaEntry,
  ToaGroup,
  ToaGroupId,
  ToaInput,
  ToaOptions,
  ToaRun,
} from "./toa.ts";
export {
  escapeHtml,
  formatParagraphs,
  TOA_GROUPS,
  tableOfAuthorities,
  toaToBlocks,
  toaToHtml,
  toaToText,
} from "./toa.ts";
export type {
  Authority,
  AuthorityInput,
  AuthorityKind,
  AuthorityText,
  AuthorityUrl,
  SourceNote,
  TextNode,
  TextProvenance,
  Verification,
} from "./types.ts";
export { AUTHORITY_KINDS } from "./types.ts";
export type { ValidationIssue } from "./validate.ts";
export {
  CatalogError,
  isWellFormedKey,
  localKey,
  MAX_CITATION_FORMS,
  validateAuthority,
} from "./validate.ts";
