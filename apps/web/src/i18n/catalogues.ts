/// Each language's whole catalogue: `en.ts` / `es-MX.ts` with the parts
/// kept in their own files (those two are at their size limit).
import { citationsEn } from "./citations.en.ts";
import { citationsEsMX } from "./citations.es-MX.ts";
import { curationEn } from "./curation.en.ts";
import { curationEsMX } from "./curation.es-MX.ts";
import { dropInEn } from "./dropIn.en.ts";
import { dropInEsMX } from "./dropIn.es-MX.ts";
import { en } from "./en.ts";
import { esMX } from "./es-MX.ts";
import { integrationsEn } from "./integrations.en.ts";
import { integrationsEsMX } from "./integrations.es-MX.ts";
import { marginEn } from "./margin.en.ts";
import { marginEsMX } from "./margin.es-MX.ts";

export const catalogues = {
  en: {
    ...en,
    margin: marginEn,
    integrations: integrationsEn,
    curation: curationEn,
    citations: citationsEn,
    dropIn: dropInEn,
  },
  "es-MX": {
    ...esMX,
    margin: marginEsMX,
    integrations: integrationsEsMX,
    curation: curationEsMX,
    citations: citationsEsMX,
    dropIn: dropInEsMX,
  },
};
