/// Who added a team authority, who may change it, and the words around adding,
/// editing and deleting one (kept apart from
/// `en.ts`, which is at its size limit); `curation.es-MX.ts` has the same keys.
export const curationEn = {
  addedBy: "Added to the team’s authorities by {{who}} on {{date}}.",
  addedByUnknown: "Added to the team’s authorities before Glossa recorded who added it.",
  onlyAdder: "Only {{who}}, who added it, and the administrator can edit or delete it.",
  onlyAdmin: "Only the administrator can edit or delete it.",
  added: "Added {{title}}.",
  saved: "Saved {{title}}.",
  deletedBy:
    "Deleted from the team’s authorities by {{who}} on {{date}}. Links to it still show what it was.",
  datePlaceholder: "YYYY-MM-DD",
};
