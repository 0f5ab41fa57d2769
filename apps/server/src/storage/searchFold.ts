/// How search compares text: both sides folded the same way (the stored
/// search text of a document, a query, a title).

/// Characters `foldForSearch` folded (instrumentation: a test counts the
/// work of refreshing a document's search text, never its time).
export const foldStats = { chars: 0 };

/// Folds text for search: lower case, accents taken off ("Rodríguez" is
/// found by "rodriguez"), one character for one character, so a position in
/// the folded text is the same position in the original. ASCII takes the
/// fast path; other characters are folded one by one.
export function foldForSearch(text: string): string {
  foldStats.chars += text.length;
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase()).replace(/[^ -~\t\n\r]/gu, foldCharacter);
}

function foldCharacter(ch: string): string {
  const f = ch
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  if (f.length === ch.length) return f;
  const l = ch.toLowerCase();
  return l.length === ch.length ? l : ch;
}

/// `folded` as a LIKE pattern matching it anywhere (with `ESCAPE '\'`).
export const likeAnywhere = (folded: string): string =>
  `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
