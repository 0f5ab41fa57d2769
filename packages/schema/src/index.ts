export { schema, nodes, marks, safeHref, SCHEMA_VERSION } from "./schema.ts";
export { importLetter, importPlainText, parseDateLine, parseAddressee } from "./importText.ts";
export type { ImportedLetter } from "./importText.ts";
export { docText, blockTexts } from "./text.ts";
export type { BlockText } from "./text.ts";
