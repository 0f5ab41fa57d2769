export { CollabSession } from "./CollabSession.ts";
export type { CollabOptions, Peer, Presence } from "./CollabSession.ts";
export { deriveSaveState } from "./saveState.ts";
export type { SaveState, SaveStatus } from "./saveState.ts";
