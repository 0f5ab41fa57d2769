import { Plugin, PluginKey } from "prosemirror-state";

export interface StalenessOptions {
  /// After every update of the editor (the margin places its cards again).
  updated: () => void;
  /// The text changed: the side panels are due (`SidePanels.changed`).
  textChanged: () => void;
}

/// How many transactions changed the text, as the plugin's state: the view
/// compares it with the count it last saw, so a text change is told once
/// however the update reached the view.
export const stalenessKey = new PluginKey<number>("glossa-staleness");

/// What the workspace learns from the editor, as a ProseMirror plugin view
/// instead of calls in `dispatchTransaction`: every update, and whether the
/// text changed since the last one (which makes the side panels stale).
export function staleness(o: StalenessOptions): Plugin<number> {
  return new Plugin<number>({
    key: stalenessKey,
    state: {
      init: () => 0,
      apply: (tr, changes) => (tr.docChanged ? changes + 1 : changes),
    },
    view(view) {
      let seen = stalenessKey.getState(view.state) ?? 0;
      return {
        update: () => {
          o.updated();
          const changes = stalenessKey.getState(view.state) ?? 0;
          if (changes === seen) return;
          seen = changes;
          o.textChanged();
        },
      };
    },
  });
}
