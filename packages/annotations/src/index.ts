export type { AnchorCandidate, AnchorReport, ReanchorOptions, ReanchorResult } from "./anchor.ts";
export {
  anchorReport,
  anchorStatus,
  CONTEXT_LENGTH,
  explainedByEdits,
  reanchor,
  sameQuote,
  selectorFor,
} from "./anchor.ts";
export type { AnnotationAuth } from "./auth.ts";
export { annotationAuth, checkRecordWrite, DefaultAnnotationAuth, systemAuth } from "./auth.ts";
export type { AnnotationKind, AnnotationKindId, Motivation, Tag, TagVocabulary } from "./kinds.ts";
export { ANNOTATION_KINDS, annotationKind, findTag, kindForMotivation } from "./kinds.ts";
export type { Command, Range } from "./marks.ts";
export {
  ANNOTATION_MARK,
  addAnnotationMark,
  annotationIdsInDoc,
  annotationRanges,
  annotationsAt,
  findAnnotationRanges,
  removeAnnotationMark,
  stripAnnotationMarks,
} from "./marks.ts";
export type { ApproxMatch } from "./match.ts";
export { approxSearch, editDistance, similarity } from "./match.ts";
export type {
  Annotation,
  AuditAction,
  AuditEntry,
  ClaimStatus,
  Detachment,
  DetachReason,
  LinkRelation,
  Message,
  Person,
  Problem,
  Resolution,
  Selector,
  SourceLink,
  TextPositionSelector,
  TextQuoteSelector,
  ValidationOptions,
} from "./model.ts";
export {
  AUDIT_ACTIONS,
  CLAIM_STATUSES,
  describeProblems,
  ID_PATTERN,
  LIMITS,
  LINK_RELATIONS,
  validateAnnotation,
  validateAuditEntry,
  validateLink,
  validateMessage,
  validateMessageBody,
  validateSelector,
  validateTags,
} from "./model.ts";
export type { AnnotationErrorCode, CreateAnnotationInput, OperationContext } from "./operations.ts";
export {
  AnnotationError,
  checkCreate,
  createAnnotation,
  deleteAnnotation,
  deleteMessage,
  editMessage,
  linkSource,
  markDetached,
  noteMarkTrimmed,
  parseMentions,
  randomId,
  reattachAnnotation,
  reopenAnnotation,
  replyToAnnotation,
  resolveAnnotation,
  setClaimStatus,
  setTags,
  unlinkSource,
} from "./operations.ts";
export type { MarkedIds, ReconcileOptions, ReconcileReport } from "./reconcile.ts";
export { reconcileAnchors } from "./reconcile.ts";
export type {
  AnnotationRecord,
  AnnotationStore,
  HeadRecord,
  ListOptions,
  RecordField,
  RecordKey,
  StoreChange,
} from "./store.ts";
export {
  listAnnotations,
  MemoryAnnotationStore,
  parseRecordKey,
  readAnnotation,
  recordKey,
  validateRecord,
  writeAnnotation,
} from "./store.ts";
export type { W3CExportOptions, W3CImportOptions, W3CImportResult, W3CRejection } from "./w3c.ts";
export {
  commitW3CImport,
  EXPORT_CONTEXT,
  exportW3C,
  GLOSSA_CONTEXT,
  importW3C,
  importW3CSteps,
  MAX_IMPORT_SIZE,
  W3C_CONTEXT,
} from "./w3c.ts";
