export { AnnotationList } from "./annotationList.ts";
export type { CollabOptions, Peer, Presence } from "./CollabSession.ts";
export { CollabSession } from "./CollabSession.ts";
export type { SaveState, SaveStatus } from "./saveState.ts";
export { deriveSaveState } from "./saveState.ts";
export { ANNOTATIONS_MAP, YMapAnnotationStore } from "./yAnnotationStore.ts";
