import { describe, expect, it } from "vitest";
import { exportWords } from "./exportWords.ts";
import { HttpError } from "./http.ts";

describe("exportWords: the exports' fixed words by `lang`", () => {
  it("English when absent; es and es-* mean Spanish (Mexico)", () => {
    expect(exportWords(null).annotations).toBe("Annotations");
    expect(exportWords("es").lang).toBe("es-MX");
    expect(exportWords("es-AR").annotations).toBe("Anotaciones");
    expect(exportWords("en-GB").lang).toBe("en");
  });

  it("a language Glossa does not speak is a 400 that names the ones it does", () => {
    let err: unknown;
    try {
      exportWords("fr");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    expect((err as HttpError).message).toContain("en, es-MX");
  });

  it("says the export note and the redline note in each language", () => {
    const es = exportWords("es-MX");
    expect(es.exportedOn("2026-12-04")).toBe("Exportado desde Glossa el 2026-12-04.");
    expect(es.versionNote(es.savedVersion("Primera", "2026-12-01", "Ana"), "2026-12-04")).toBe(
      "Versión «Primera» guardada el 2026-12-01 por Ana; exportado desde Glossa el 2026-12-04.",
    );
    const en = exportWords("en");
    expect(en.versionNote(en.savedVersion("First", "2026-12-01", null), "2026-12-04")).toBe(
      "Version “First” saved 2026-12-01; exported from Glossa on 2026-12-04.",
    );
  });
});
