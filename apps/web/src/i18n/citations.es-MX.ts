import type { citationsEn } from "./citations.en.ts";

/// Las palabras de la tarjeta de cita y de las formas de cita: las mismas
/// claves que `citations.en.ts`.
export const citationsEsMX: typeof citationsEn = {
  open: "Abrir la fuente junto al texto",
  at: "en {{pinpoint}}",
  refersTo: "remite a {{cite}}",
  sameAs: "Misma disposición que",
  official: "Fuentes oficiales",
  kind: {
    usc: "Sección del Código de los EE. UU.",
    usc_chapter: "Capítulo del Código de los EE. UU.",
    ina: "Sección de la INA (Ley de Inmigración y Nacionalidad)",
    cfr: "Código de Reglamentos Federales (CFR)",
    stat: "Statutes at Large (leyes federales de los EE. UU.)",
    public_law: "Ley pública de los EE. UU.",
    fed_reg: "Registro Federal de los EE. UU.",
    us_const: "Constitución de los EE. UU.",
    case_full: "Caso",
    case_short: "Caso (forma abreviada)",
    id: "Id. (la autoridad citada justo antes)",
    supra: "Supra (citada antes)",
    journal: "Artículo de revista jurídica",
    state_statute: "Ley estatal",
    treaty: "Tratado",
    mx_const: "Constitución mexicana",
    mx_statute: "Ley mexicana",
    soft_law: "Directriz internacional",
    team: "Autoridad del equipo (forma abreviada)",
  },

  dated: {
    before: "Como estaba antes del {{date}}",
    now: "Ahora",
    official: "Fuentes oficiales (la disposición actual)",
  },
  forms: {
    label: "Formas abreviadas de cita (una por línea)",
    hint: "Los nombres cortos que el equipo le da, p. ej. A.B. Decl.: se detectan en los documentos como cualquier cita.",
  },
};
