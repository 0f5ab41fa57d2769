import { schema } from "@glossa/schema";
import {
  baseKeymap,
  chainCommands,
  exitCode,
  setBlockType,
  toggleMark,
} from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";
import { liftListItem, sinkListItem, splitListItem } from "prosemirror-schema-list";
import type { Command, Plugin } from "prosemirror-state";

/// Commands the collaboration layer supplies (it owns the undo manager).
export interface HistoryCommands {
  undo: Command;
  redo: Command;
}

const insertHardBreak: Command = chainCommands(exitCode, (state, dispatch) => {
  dispatch?.(state.tr.replaceSelectionWith(schema.nodes.hard_break!.create()).scrollIntoView());
  return true;
});

/// Keyboard shortcuts of the editor: marks, blocks, lists, hard breaks and
/// the (collaborative) undo history.
export function editorKeymap(history: HistoryCommands): Plugin[] {
  const mod: Record<string, Command> = {
    "Mod-z": history.undo,
    "Mod-y": history.redo,
    "Shift-Mod-z": history.redo,
    "Mod-b": toggleMark(schema.marks.strong!),
    "Mod-i": toggleMark(schema.marks.em!),
    "Mod-u": toggleMark(schema.marks.underline!),
    "Shift-Enter": insertHardBreak,
    "Mod-Enter": insertHardBreak,
    "Mod-Alt-0": setBlockType(schema.nodes.paragraph!),
    "Mod-Alt-2": setBlockType(schema.nodes.heading!, { level: 2 }),
    "Mod-Alt-3": setBlockType(schema.nodes.heading!, { level: 3 }),
    Enter: splitListItem(schema.nodes.list_item!),
    "Mod-[": liftListItem(schema.nodes.list_item!),
    "Mod-]": sinkListItem(schema.nodes.list_item!),
  };
  return [keymap(mod), keymap(baseKeymap)];
}
