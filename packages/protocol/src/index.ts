export {
  documentName,
  parseDocumentName,
  DOCUMENT_ID,
  SCHEMA_VERSION_PARAM,
} from "./documentName.ts";
export type { DocumentPart } from "./documentName.ts";
export { ROLES, isRole, capabilities, compareRoles } from "./roles.ts";
export type { Role, Capabilities } from "./roles.ts";
export { CloseEvents } from "./closeEvents.ts";
export { parseStatelessMessage } from "./messages.ts";
export type { StatelessMessage } from "./messages.ts";
export { colorFor } from "./color.ts";
