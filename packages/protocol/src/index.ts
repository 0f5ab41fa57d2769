export { CloseEvents } from "./closeEvents.ts";
export { colorFor } from "./color.ts";
export type { DocumentPart } from "./documentName.ts";
export {
  DOCUMENT_ID,
  documentName,
  parseDocumentName,
  SCHEMA_VERSION_PARAM,
} from "./documentName.ts";
export type { StatelessMessage } from "./messages.ts";
export { parseStatelessMessage } from "./messages.ts";
export type { Capabilities, Role } from "./roles.ts";
export { capabilities, compareRoles, isRole, ROLES } from "./roles.ts";
