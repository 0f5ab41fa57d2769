export { editorKeymap } from "./keymap.ts";
export type { HistoryCommands } from "./keymap.ts";
export { textLockPlugin, textLockKey } from "./readOnly.ts";
