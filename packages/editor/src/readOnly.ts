import { Plugin, PluginKey } from "prosemirror-state";

/// Holds whether the person may change the text. When they may not (an
/// annotator or a viewer), transactions that change the document are
/// filtered out locally — the server refuses them anyway — except those
/// marked as remote (`addToHistory: false` from the sync layer) or carrying
/// this key's meta.
export const textLockKey = new PluginKey<boolean>("glossa-text-lock");

export function textLockPlugin(isLocked: () => boolean): Plugin {
  return new Plugin({
    key: textLockKey,
    filterTransaction(tr) {
      if (!tr.docChanged || !isLocked()) return true;
      // Remote changes and server-made anchors arrive through the sync plugin.
      return tr.getMeta("y-sync$") !== undefined || tr.getMeta(textLockKey) === true;
    },
  });
}
