/// The misses session 12 left (docs/citations.md, "Known misses of session 12"): an article said
/// again after "y" ("… del artículo 52 y el artículo 53"), a list after an article of a law the
/// engine does not know, and constitutions that are not one state's — nor Mexico's.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../extract.ts";

const keys = (text: string, opts = {}) => extractCitations(text, opts).map((c) => c.key);
const spans = (text: string, opts = {}) => extractCitations(text, opts).map((c) => [c.key, c.text]);

// DOF texts as the Cámara de Diputados publishes them (madfam-org/leyes-como-codigo-mx@3636e03,
// data/raw/cpeum_extracted.txt, lgp_extracted.txt, lamp_extracted.txt, lfcdo_extracted.txt;
// Mexican legislative texts are not subject to copyright, Ley Federal del Derecho de Autor
// art. 14 fr. VIII). Line breaks as printed.
describe("an article said again after 'y': the list goes on", () => {
  it("'la fracción II del artículo 52 y el artículo 53': both, the first with its fracción", () => {
    expect(spans("la fracción II del artículo 52 y el artículo 53 de la Ley de Migración")).toEqual(
      [
        ["mx/LMigra/art-52/fr-II", "la fracción II del artículo 52"],
        ["mx/LMigra/art-53", "artículo 53 de la Ley de Migración"],
      ],
    );
    // CPEUM, decree of 6 June 2023.
    expect(
      keys(
        "Artículo Único.- Se reforman la fracción II del artículo 55 y el artículo 91 de la Constitución Política de\nlos Estados Unidos Mexicanos, para quedar como sigue:",
      ),
    ).toEqual(["mx/CPEUM/art-55/fr-II", "mx/CPEUM/art-91"]);
    // A comma before "y", capitals.
    expect(keys("artículo 52, y el artículo 53, de la Ley de Migración")).toEqual([
      "mx/LMigra/art-52",
      "mx/LMigra/art-53",
    ]);
    expect(keys("ARTÍCULO 52 Y EL ARTÍCULO 53 DE LA LEY DE MIGRACIÓN")).toEqual([
      "mx/LMigra/art-52",
      "mx/LMigra/art-53",
    ]);
  });

  it("'y la fracción XXX del artículo 73': the fracciones are the next article's", () => {
    // CPEUM, decree on extinción de dominio.
    expect(
      spans(
        "DECRETO por el que se reforman el artículo 22 y la fracción XXX del artículo 73, de la\nConstitución Política de los Estados Unidos Mexicanos, en materia de Extinción de",
      ),
    ).toEqual([
      ["mx/CPEUM/art-22", "artículo 22"],
      [
        "mx/CPEUM/art-73/fr-XXX",
        "la fracción XXX del artículo 73, de la\nConstitución Política de los Estados Unidos Mexicanos",
      ],
    ]);
    // Ley General de Población, decree of 1990 (its transitorios).
    expect(
      keys(
        "52, y se derogan el artículo 35 y la fracción VI del artículo 42 de la Ley General de Población, para\nquedar como sigue:",
      ),
    ).toEqual(["mx/LGP/art-35", "mx/LGP/art-42/fr-VI"]);
    // Ley de Amparo, decree of 2021: fracciones before both articles.
    expect(
      keys(
        "las fracciones I, II y III del artículo 227, y la fracción III del artículo 237 de la Ley de Amparo,",
      ),
    ).toEqual([
      "mx/LAmp/art-227/fr-I",
      "mx/LAmp/art-227/fr-II",
      "mx/LAmp/art-227/fr-III",
      "mx/LAmp/art-237/fr-III",
    ]);
    expect(
      keys("el artículo 52 y las fracciones I y III del artículo 53 de la Ley de Migración"),
    ).toEqual(["mx/LMigra/art-52", "mx/LMigra/art-53/fr-I", "mx/LMigra/art-53/fr-III"]);
  });

  it("the articles of a law the engine does not know stay uncited", () => {
    expect(keys("el artículo 5 y el artículo 6 de la Ley Federal del Trabajo")).toEqual([]);
    // "de esta Ley" in a law's own text still means that law.
    expect(
      keys("la fracción I del artículo 27 y el artículo 28 de esta Ley", { mxLaw: "LGP" }),
    ).toEqual(["mx/LGP/art-27/fr-I", "mx/LGP/art-28"]);
  });
});

const LFCDO = `Las autoridades responsables de proporcionar los medios necesarios para acreditar la nueva
identidad, actuarán por instrucción fundada y motivada de la autoridad competente y sus acciones
estarán bajo el amparo de la fracción VI del artículo 15 del Código Penal Federal y 251, fracción IX del
Código Nacional de Procedimientos Penales.
Párrafo adicionado DOF 16-06-2016`;

describe("an article list after an article of a law the engine does not know", () => {
  it("'artículo 15 del Código Penal Federal y 251, fracción IX del Código Nacional …'", () => {
    // Ley Federal contra la Delincuencia Organizada, art. 11 Bis 1: was the CNPP whole.
    expect(spans(LFCDO)).toEqual([
      ["mx/CNPP/art-251/fr-IX", "251, fracción IX del\nCódigo Nacional de Procedimientos Penales"],
    ]);
    expect(
      keys("los artículos 250 y 251, fracción IX del\nCódigo Nacional de Procedimientos Penales"),
    ).toEqual(["mx/CNPP/art-250", "mx/CNPP/art-251/fr-IX"]);
    expect(
      keys("el artículo 3 de la Ley Federal del Trabajo y 13 de la Ley sobre Refugiados"),
    ).toEqual(["mx/LRPCAP/art-13"]);
  });

  it("no article before the unknown law's name: the known law whole, as before", () => {
    expect(keys("conforme a la Ley Federal del Trabajo y 13 de la Ley sobre Refugiados")).toEqual([
      "mx/LRPCAP",
    ]);
  });
});

describe("'Constitucional' with a capital, and an article's apartado", () => {
  it("'artículo 72 Constitucional' is the CPEUM's, as 'constitucional' is", () => {
    // Reglamento de la Cámara de Diputados, art. 95.
    expect(
      keys("su proceso legislativo, de acuerdo a lo que establece el artículo 72 Constitucional."),
    ).toEqual(["mx/CPEUM/art-72"]);
    // The trafficking law, art. 22, in its own text: not its own article 21.
    expect(
      keys(
        "III. Se exija a una persona en virtud de una condena pronunciada por sentencia judicial, o en los\ntérminos del Artículo 21 Constitucional como trabajo a favor de la comunidad, a condición de que",
        { mxLaw: "LGPSEDMTP" },
      ),
    ).toEqual(["mx/CPEUM/art-21"]);
    expect(keys("la Ley Reglamentaria de los artículos 4o. y 5o. Constitucionales")).toEqual([
      "mx/CPEUM/art-4",
      "mx/CPEUM/art-5",
    ]);
  });

  it("an apartado: the article whole (no key has an apartado), its cite over the apartado", () => {
    // Ley de la Comisión Nacional de los Derechos Humanos, art. 6o.: was the CPEUM whole.
    expect(
      spans(
        "respectivas, en los términos establecidos por el artículo 102, Apartado B, de la Constitución Política de\nlos Estados Unidos Mexicanos;",
      ),
    ).toEqual([
      [
        "mx/CPEUM/art-102",
        "artículo 102, Apartado B, de la Constitución Política de\nlos Estados Unidos Mexicanos",
      ],
    ]);
    // Its fracciones are the apartado's, not the article's: no fr- key (art. 123 has two XXs).
    expect(
      keys(
        "mandato del artículo 123, apartado A, fracción XVIII, segundo párrafo y XX Bis de la Constitución y los",
      ),
    ).toEqual(["mx/CPEUM/art-123"]);
    // Ley Federal del Trabajo, art. 590-E: a fracción written before the article, the same.
    expect(
      spans("párrafo segundo de la fracción XX del artículo 123, apartado A, de la Constitución."),
    ).toEqual([
      ["mx/CPEUM/art-123", "la fracción XX del artículo 123, apartado A, de la Constitución"],
    ]);
    // Ley Federal de Derechos, art. 25: a list with apartados.
    expect(keys("el artículo 30, Apartado A, 32 y 37, Apartado A, de la Constitución")).toEqual([
      "mx/CPEUM/art-30",
      "mx/CPEUM/art-32",
      "mx/CPEUM/art-37",
    ]);
    // Reglamento interno de la Comisaría de Guadalajara (its grounds): "y fracción VII" too.
    expect(
      keys(
        "los artículos 115 fracciones III inciso h) y fracción VII, 123\napartado B fracción XIII de la Constitución Política de los Estados Unidos\nMexicanos; 77 fracciones II y IV y 79 fracción IX de la Constitución Política del\nEstado de Jalisco;",
      ),
    ).toEqual(["mx/CPEUM/art-115/fr-III/inc-h", "mx/CPEUM/art-115/fr-VII", "mx/CPEUM/art-123"]);
  });
});

// Headings of a state constitutional law course's slides (github.com/colindoyle0000/
// colindoyle-website, content/stateconlaw2024-material/slides/, at 2751559).
describe("the states' constitutions are no one state's", () => {
  it("a plural or every state's names none: bare articles after it stay federal", () => {
    for (const lead of [
      "# How are state constitutions amended?",
      "# Theories for Construing State Constitutions",
      "The constitutions of the states differ.",
      "Each state's constitution differs.",
      "Every State Constitution has a bill of rights.",
      "State Constitution(s)",
    ]) {
      expect(keys(`${lead}\nArt. VI, cl. 2 makes federal law supreme.`), lead).toEqual([
        "usconst/article-6/clause-2",
      ]);
    }
    // After a state's, a plural does not make articles federal again.
    expect(
      keys("Texas Constitution; the constitutions of the states. Art. I, § 8 protects speech."),
    ).toEqual([]);
  });

  it("the states' constitutions named after a bare article: no federal article", () => {
    expect(keys("Art. I, § 8 of the state constitutions protects speech.")).toEqual([]);
    expect(keys("Art. I, § 8 of the constitutions of the several States")).toEqual([]);
    expect(keys("Art. I, § 8 (state constitutions)")).toEqual([]);
    expect(keys("Art. I, § 8 of the U.S. Constitution and the state constitutions")).toEqual([
      "usconst/article-1/section-8",
    ]);
  });

  it("a federal article without its comma, the federal owner written after it", () => {
    // The same slides (02-federal-power.md, 03-fed-state-power.md): were no cite.
    expect(
      spans(
        "the law is unconstitutional because it is beyond Congress’s authority under Art. I § 8 of the federal constitution.",
      ),
    ).toEqual([["usconst/article-1/section-8", "Art. I § 8 of the federal constitution"]]);
    expect(keys("## Article I. §2 cl. 2 of U.S. Constitution")).toEqual([
      "usconst/article-1/section-2/clause-2",
    ]);
    // Only with the federal owner; a section the article lacks is none.
    expect(keys("Art. I § 8 of the Texas Constitution")).toEqual([]);
    expect(keys("Art. I § 25 of the federal constitution")).toEqual([]);
  });

  it("a Mexican state's constitution is not the CPEUM", () => {
    for (const owner of [
      "de la Constitución del Estado de Jalisco",
      "de la Constitución local",
      "de la Constitución de la Ciudad de México",
      "de la Constitución estatal",
      "de la Constitución de Oaxaca",
      "DE LA CONSTITUCIÓN DEL ESTADO DE JALISCO",
    ]) {
      expect(keys(`artículo 7 ${owner}`), owner).toEqual([]);
    }
    // Real DOF text (Ley General de Cultura Física y Deporte's list of grounds): already none.
    expect(
      keys(
        "77 fracciones II y IV y 79 fracción IX de la Constitución Política del Estado de Jalisco",
      ),
    ).toEqual([]);
    for (const owner of [
      "de la Constitución",
      "de la Constitución Federal",
      "de la Constitución de México",
      "de la Constitución Política de los Estados\nUnidos Mexicanos",
    ]) {
      expect(keys(`artículo 7 ${owner}`), owner).toEqual(["mx/CPEUM/art-7"]);
    }
  });
});
