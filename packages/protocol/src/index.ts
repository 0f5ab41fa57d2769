export { CloseEvents } from "./closeEvents.ts";
export { colorFor } from "./color.ts";
export type { DocumentPart } from "./documentName.ts";
export {
  DOCUMENT_ID,
  documentName,
  parseDocumentName,
  SCHEMA_VERSION_PARAM,
} from "./documentName.ts";
export { ANCHOR_ITEMS_FIELD, ANNOTATIONS_FIELD, TEXT_FIELD } from "./fields.ts";
export {
  ACCOUNT_BUDGETS,
  DEFAULT_MAX_MESSAGE_BYTES,
  SPLIT_BASE,
  UPDATE_LIMITS,
} from "./limits.ts";
export type { AnnotationOp, SavedScope, StatelessMessage } from "./messages.ts";
export {
  ANNOTATION_OPS,
  encodeStateless,
  MAX_STATELESS_CHARS,
  parseStatelessMessage,
} from "./messages.ts";
export type { Capabilities, Role } from "./roles.ts";
export { capabilities, compareRoles, isRole, ROLES } from "./roles.ts";
