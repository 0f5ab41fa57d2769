/// Who added a team authority and who may change it (kept apart from
/// `en.ts`, which is at its size limit); `curation.es-MX.ts` has the same keys.
export const curationEn = {
  addedBy: "Added to the team’s authorities by {{who}} on {{date}}.",
  addedByUnknown: "Added to the team’s authorities before Glossa recorded who added it.",
  onlyAdder: "Only {{who}}, who added it, and the administrator can edit or delete it.",
  onlyAdmin: "Only the administrator can edit or delete it.",
};
