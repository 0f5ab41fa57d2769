export type { ImportedText } from "./importDocument.ts";
export { importText } from "./importDocument.ts";
export type { ImportedLetter } from "./importText.ts";
export {
  documentDate,
  importLetter,
  importPlainText,
  parseAddressee,
  parseDateLine,
} from "./importText.ts";
export { marks, nodes, SCHEMA_VERSION, safeHref, schema } from "./schema.ts";
export type { NumberedParagraph, TextBlock } from "./text.ts";
export {
  BLOCK_SEPARATOR,
  blockText,
  DocumentText,
  docText,
  isNumberedParagraph,
  LEAF_TEXT,
  lineText,
  numberParagraphs,
  quoteBetween,
} from "./text.ts";
