/// W3C Web Annotation interchange, in `w3c/`: the shared vocabulary
/// (`context.ts`), targets (`selectors.ts`), export (`export.ts`), and the
/// import's steps — read an item (`parse.ts`), make it an annotation
/// (`thread.ts`), group, re-anchor and commit (`import.ts`).
export { EXPORT_CONTEXT, GLOSSA_CONTEXT, W3C_CONTEXT } from "./w3c/context.ts";
export { exportW3C, type W3CExportOptions } from "./w3c/export.ts";
export { commitW3CImport, importW3C, importW3CSteps } from "./w3c/import.ts";
export {
  MAX_IMPORT_SIZE,
  type W3CImportOptions,
  type W3CImportResult,
  type W3CRejection,
} from "./w3c/options.ts";
