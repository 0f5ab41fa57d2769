/// The words of dropping a file onto an open document (kept apart from
/// `en.ts`, which is at its size limit); `dropIn.es-MX.ts` has the same keys.
export const dropInEn = {
  hint: "Start typing, or drop a Word, Markdown, HTML or text file here.",
  target: "Drop a Word, Markdown, HTML or text file to import it here",
  bringing: "Bringing in “{{name}}”…",
  brought: "“{{name}}” was brought into this document.",
  notBrought: "“{{name}}” was not brought in: {{reason}}",
  notEmpty:
    "“{{name}}” was not imported: this document already has text, and a dropped file never replaces it. To work on the file, import it as a new document from the document list.",
  notAllowed:
    "“{{name}}” was not imported: only an owner or editor of this document can bring a file into it.",
};
