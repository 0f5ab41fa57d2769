import type { TeamForm } from "@glossa/citations";
import { citationsKey, setCitationForms } from "@glossa/editor";
import type { EditorView } from "prosemirror-view";
import { api } from "../api.ts";

/// Sent on `document` when a team authority was saved: its citation forms may have changed.
export const FORMS_CHANGED = "gl-citation-forms-changed";

/// Teaches the editor the team's short citation forms ("A.B. Decl."), now and
/// after every saved authority, so they are underlined like any citation.
/// Answers the function that stops following.
export function followCitationForms(view: EditorView): () => void {
  const load = async () => {
    let forms: TeamForm[];
    try {
      forms = (await api("GET /api/citation-forms")).forms;
    } catch {
      return; // the editor keeps the forms it has
    }
    const had = citationsKey.getState(view.state)?.forms ?? [];
    if (view.isDestroyed || (!forms.length && !had.length)) return;
    view.dispatch(setCitationForms(view.state.tr, forms));
  };
  const onChange = () => void load();
  document.addEventListener(FORMS_CHANGED, onChange);
  void load();
  return () => document.removeEventListener(FORMS_CHANGED, onChange);
}
