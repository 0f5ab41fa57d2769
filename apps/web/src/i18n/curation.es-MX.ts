import type { curationEn } from "./curation.en.ts";

/// Quién añadió una autoridad del equipo y quién puede cambiarla: las mismas
/// claves que `curation.en.ts`.
export const curationEsMX: typeof curationEn = {
  addedBy: "Añadida a las autoridades del equipo por {{who}} el {{date}}.",
  addedByUnknown:
    "Añadida a las autoridades del equipo antes de que Glossa registrara quién la añadió.",
  onlyAdder:
    "Solo {{who}}, quien la añadió, y la persona administradora pueden editarla o eliminarla.",
  onlyAdmin: "Solo la persona administradora puede editarla o eliminarla.",
  added: "Se añadió {{title}}.",
  saved: "Se guardó {{title}}.",
  deletedBy:
    "Eliminada de las autoridades del equipo por {{who}} el {{date}}. Los vínculos a ella siguen mostrando lo que era.",
  datePlaceholder: "AAAA-MM-DD",
};
