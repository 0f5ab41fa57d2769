export type { HistoryCommands } from "./keymap.ts";
export { editorKeymap } from "./keymap.ts";
export { textLockKey, textLockPlugin } from "./readOnly.ts";
