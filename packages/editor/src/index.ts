export type { AnnotationsState, AnnotationView } from "./annotationsPlugin.ts";
export {
  activeAnnotation,
  annotationIdsAtPos,
  annotationsKey,
  annotationsPlugin,
  setAnnotationViews,
} from "./annotationsPlugin.ts";
export type { CitationSpan, CitationsPluginOptions, CitationsState } from "./citationsPlugin.ts";
export {
  allCitations,
  citationsAt,
  citationsKey,
  citationsPlugin,
  renderCitationCard,
  setCitationForms,
  sourceLabel,
} from "./citationsPlugin.ts";
export type { HistoryCommands } from "./keymap.ts";
export { editorKeymap } from "./keymap.ts";
export {
  paragraphAt,
  paragraphNumbersKey,
  paragraphNumbersPlugin,
  paragraphsOf,
} from "./paragraphNumbers.ts";
export { textLockKey, textLockPlugin } from "./readOnly.ts";
