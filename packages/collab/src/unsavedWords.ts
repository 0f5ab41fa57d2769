import * as Y from "yjs";

/// The words `doc`'s own client typed beyond `savedClock` (not on the
/// server's disk) and still shows, in typing order; runs of text apart are
/// joined by " … ".
export function unsavedWords(doc: Y.Doc, savedClock: number): string {
  const structs = doc.store.clients.get(doc.clientID) ?? [];
  const runs: string[] = [];
  let next = -1;
  for (const s of structs) {
    const end = s.id.clock + s.length;
    if (end <= savedClock) continue;
    if (!(s instanceof Y.Item) || s.deleted || !(s.content instanceof Y.ContentString)) continue;
    const text = s.content.str.slice(Math.max(0, savedClock - s.id.clock));
    // Typing continues at the end of the previous run: one run.
    if (s.origin?.client === doc.clientID && s.origin.clock === next - 1 && runs.length)
      runs[runs.length - 1] += text;
    else runs.push(text);
    next = end;
  }
  return runs.join(" … ");
}
