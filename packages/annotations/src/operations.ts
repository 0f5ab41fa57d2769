/// The annotation operations (`(store, ctx, …)`, checked against
/// `ctx.auth`, each appending to the audit trail), in `operations/`: the
/// shared context and checks (`common.ts`), messages (`messages.ts`), the
/// thread's state (`thread.ts`) and its anchoring (`anchoring.ts`).
export { markDetached, noteMarkTrimmed, reattachAnnotation } from "./operations/anchoring.ts";
export {
  AnnotationError,
  type AnnotationErrorCode,
  type OperationContext,
  randomId,
} from "./operations/common.ts";
export {
  type CreateAnnotationInput,
  checkCreate,
  createAnnotation,
  deleteMessage,
  editMessage,
  parseMentions,
  replyToAnnotation,
} from "./operations/messages.ts";
export {
  deleteAnnotation,
  linkSource,
  reopenAnnotation,
  resolveAnnotation,
  setClaimStatus,
  setTags,
  unlinkSource,
} from "./operations/thread.ts";
