/// The forms session 11 left (docs/citations.md, "Forms left from session 11"): fracciones
/// written before an article list, a country opening the clause before a Mexican law's
/// name, "the state constitution"; and the wrong links found on real text.
import { describe, expect, it } from "vitest";
import { extractCitations } from "../extract.ts";

const keys = (text: string, opts = {}) => extractCitations(text, opts).map((c) => c.key);
const spans = (text: string) => extractCitations(text).map((c) => [c.key, c.text]);

describe("fracciones written before an article list", () => {
  it("belong to the article 'del artículo' names; the articles after it are whole", () => {
    expect(spans("fracciones I y II del artículo 52 y 53 de la Ley de Migración")).toEqual([
      ["mx/LMigra/art-52/fr-I", "fracciones I"],
      ["mx/LMigra/art-52/fr-II", "II del artículo 52"],
      ["mx/LMigra/art-53", "53 de la Ley de Migración"],
    ]);
    expect(keys("el párrafo tercero del artículo 1o. y 3o. de la Constitución")).toEqual([
      "mx/CPEUM/art-1/parr-3",
      "mx/CPEUM/art-3",
    ]);
  });

  it("a range of fracciones keys its ends, before or after the article", () => {
    expect(keys("las fracciones III a V del artículo 3 de la Ley de Migración")).toEqual([
      "mx/LMigra/art-3/fr-III",
      "mx/LMigra/art-3/fr-V",
    ]);
    // The "V" after "a" is the range's end, not article 5.
    expect(keys("artículo 3, fracciones III a V, de la Ley de Migración")).toEqual([
      "mx/LMigra/art-3/fr-III",
      "mx/LMigra/art-3/fr-V",
    ]);
  });

  it("before 'de los artículos' the fracción is of no one article: the articles whole", () => {
    // Ley de Amparo, art. 259 (DOF text, tests/citations/corpus/dof-LAmp.jsonl).
    const text =
      "En el caso de la fracción I de los artículos 236 y 237 de esta Ley, las multas serán";
    const found = extractCitations(text, { mxLaw: "LAmp" });
    expect(found.map((c) => c.key)).toEqual(["mx/LAmp/art-236", "mx/LAmp/art-237"]);
    expect(found[0]!.text).toBe("la fracción I de los artículos 236");
    expect(keys("la fracción II de los artículos 52 y 53 de la Ley de Migración")).toEqual([
      "mx/LMigra/art-52",
      "mx/LMigra/art-53",
    ]);
  });
});

describe("a country opening the clause before a Mexican law's name", () => {
  it("is that country's law", () => {
    expect(keys("En Bolivia, la Ley de Migración regula la permanencia de extranjeros.")).toEqual(
      [],
    );
    expect(keys("In Bolivia, the Ley de Migración of 2013 governs residence.")).toEqual([]);
    expect(keys("En el caso de Bolivia, el artículo 12 de la Ley de Migración prevé")).toEqual([]);
    expect(keys("Bolivia aprobó en 2013 la Ley de Migración.")).toEqual([]);
    expect(keys("Por su parte, en Guatemala, la Ley de Migración fue sustituida.")).toEqual([]);
  });

  it("Mexico's, or a country elsewhere in the sentence, or a clause before: Mexico's law", () => {
    expect(keys("En México, la Ley de Migración regula la permanencia.")).toEqual(["mx/LMigra"]);
    expect(keys("El quejoso vivió en Bolivia. La Ley de Migración le reconoce derechos.")).toEqual([
      "mx/LMigra",
    ]);
    expect(
      keys("En Bolivia, el quejoso fue detenido; el artículo 52 de la Ley de Migración"),
    ).toEqual(["mx/LMigra/art-52"]);
    expect(
      keys(
        "En Honduras, el quejoso sufrió persecución por pandillas y, por ello, solicita la protección prevista en el artículo 13 de la Ley sobre Refugiados.",
      ),
    ).toEqual(["mx/LRPCAP/art-13"]);
  });
});

describe("'the state constitution' names a state's constitution", () => {
  it("bare articles after it are the state's (no key), with or without a state named", () => {
    expect(keys("Under the state constitution, Art. I, § 8 protects speech.")).toEqual([]);
    expect(keys("The State Constitution protects speech. Art. I, § 7 provides more.")).toEqual([]);
    expect(
      keys("Texas courts read the state constitution broadly. Art. I, § 8 protects speech."),
    ).toEqual([]);
    expect(
      keys(
        "Texas courts read the state constitution broadly. Article I, Section 8 of the Constitution protects speech.",
      ),
    ).toEqual([]);
    expect(keys("The Constitution of the State guarantees it. Art. I, § 8 too.")).toEqual([]);
  });

  it("the federal constitution named after it, or a plural, leaves the federal reading", () => {
    expect(
      keys(
        "The state constitution differs from the federal constitution. Art. I, §10, cl. 3 forbids compacts.",
      ),
    ).toEqual(["usconst/article-1/section-10/clause-3"]);
    expect(
      keys("Many state constitutions differ. Art. VI, cl. 2 makes federal law supreme."),
    ).toEqual(["usconst/article-6/clause-2"]);
    expect(
      keys("The Secretary of State agreed. Art. VI, cl. 2 makes federal law supreme."),
    ).toEqual(["usconst/article-6/clause-2"]);
  });
});

// Ley Federal contra la Delincuencia Organizada and the trafficking law as the Cámara de
// Diputados publishes them (https://www.diputados.gob.mx/LeyesBiblio/pdf/LFCDO.pdf,
// …/LGPSEDMTP.pdf; text as in madfam-org/leyes-como-codigo-mx@3636e03, data/raw/; Mexican
// legislative texts are not subject to copyright, Ley Federal del Derecho de Autor art. 14
// fr. VIII). Cut to the lines that matter.
const LFCDO = `LEY FEDERAL CONTRA LA DELINCUENCIA ORGANIZADA
CÁMARA DE DIPUTADOS DEL H. CONGRESO DE LA UNIÓN Última Reforma DOF 28-11-2025
Secretaría General
así como los señalados en los artículos 269, 270 y 289 del Código Nacional
de Procedimientos Penales.
Artículo adicionado DOF 16-06-2016
Artículo 2o. Ter.- También se sancionará con las penas contenidas en el artículo 4o. de esta Ley a
quien a sabiendas de la finalidad`;
const TRATA = `LEY GENERAL PARA PREVENIR, SANCIONAR Y ERRADICAR LOS DELITOS EN MATERIA DE TRATA DE PERSONAS Y
PARA LA PROTECCIÓN Y ASISTENCIA A LAS VÍCTIMAS DE ESTOS DELITOS
CÁMARA DE DIPUTADOS DEL H. CONGRESO DE LA UNIÓN Última Reforma DOF 14-11-2025
Los convenios y acuerdos deberán ajustarse, en lo conducente, a las bases previas en la Ley General
que Establece las Bases de Coordinación del Sistema Nacional de Seguridad Pública y en la Ley General
de Población, y podrán suscribirse con organizaciones de la sociedad civil y la academia con los fines y
criterios señalados en la fracción VII del artículo 57 de esta Ley.`;

describe("'esta Ley' in a law's own text, its title heading the text or the page", () => {
  it("an unknown law's 'esta Ley' is not the law it named last", () => {
    expect(keys(LFCDO)).toEqual(["mx/CNPP/art-269", "mx/CNPP/art-270", "mx/CNPP/art-289"]);
    // On a later page, under the Cámara's running head.
    const page = `artículos 218 y 219 del Código Nacional de Procedimientos Penales.\n36 de 60\nLEY FEDERAL CONTRA LA DELINCUENCIA ORGANIZADA\nCÁMARA DE DIPUTADOS DEL H. CONGRESO DE LA UNIÓN\nprevista en el artículo 8o. de esta Ley`;
    expect(keys(page)).toEqual(["mx/CNPP/art-218", "mx/CNPP/art-219"]);
  });

  it("a known law's title, over two lines, is the law 'esta Ley' means", () => {
    expect(keys(TRATA)).toEqual(["mx/LGP", "mx/LGPSEDMTP/art-57/fr-VII"]);
  });

  it("without a title, 'esta Ley' is still the law the text named last", () => {
    expect(keys("conforme a la Ley de Migración, y el artículo 47 de esta Ley")).toEqual([
      "mx/LMigra",
      "mx/LMigra/art-47",
    ]);
  });
});

// Slides of a state constitutional law course (github.com/colindoyle0000/colindoyle-website,
// content/stateconlaw2024-material/slides/22-unique.md and 08-equality.md at 2751559; the quoted
// words are the North Dakota Constitution's own, a public law; the cite a fact).
describe("bare constitution articles that cannot be the federal one", () => {
  it("a state's constitution named right after the article", () => {
    expect(
      keys(
        "for all losses suffered by the victim as a result of the criminal or delinquent conduct.” Art. I, § 25(1)(n) North Dakota Const.",
      ),
    ).toEqual([]);
    expect(keys("Art. I, § 8 of the Texas Constitution protects speech.")).toEqual([]);
    expect(keys("Art. I, § 7 (Cal. Const.) differs.")).toEqual([]);
    // A state's named later in the sentence, not as the article's owner, leaves it federal.
    expect(
      keys("Art. I, § 8, cl. 3 gives Congress power; the California Constitution does not."),
    ).toEqual(["usconst/article-1/section-8/clause-3"]);
  });

  it("a section the federal article does not have", () => {
    expect(keys("Art. I, § 25 guarantees restitution.")).toEqual([]);
    expect(keys("Article I, Section 25 of the Constitution")).toEqual([]);
    expect(keys("Art. II, § 4 provides for impeachment.")).toEqual(["usconst/article-2/section-4"]);
  });
});

describe("a case cite whose page runs into letters", () => {
  it("is no cite: '830 N.W.2s 335', '894 F.2d 8The'", () => {
    expect(keys("Gartner v. Iowa Dep’t of Public Health, 830 N.W.2s 335 (Iowa 2013)")).toEqual([]);
    expect(keys("aff’d, 894 F.2d 8The “ultimate liability” analysis")).toEqual([]);
    expect(keys("aff’d, 894 F.2d 812 (5th Cir. 1990)")).toEqual(["case/894/F.2d/812"]);
  });
});

// 8 U.S.C. § 1158(b)(3)(C) as the OLRC prints it, in Markdown (github.com/codexstanford/
// markdonw-chunck-of-the-usa-code, chuncks/title-08/chunck-103.md at 66d0b20; U.S. Code
// text, public domain under 17 U.S.C. § 105).
const T8 = `# Title 8— ALIENS AND NATIONALITY
### CHAPTER 12— IMMIGRATION AND NATIONALITY
#### § 1158. Asylum

(C) Initial jurisdiction

An asylum officer (as defined in section 1225(b)(1)(E) of this title ) shall have initial jurisdiction over any asylum application filed by an unaccompanied alien child (as defined in section 279(g) of title 6 ), regardless of whether filed in accordance with this section or section 1225(b) of this title .`;

describe("'of this title' in the Code's own text", () => {
  it("is the title its heading names, not the title cross-referred to last", () => {
    expect(keys(T8)).toEqual(["usc/8/1225/b/1/E", "usc/6/279/g", "usc/8/1225/b"]);
  });

  it("without a heading, still the title cited last (as before)", () => {
    expect(keys("8 U.S.C. 1158. See section 1225(b) of this title.")).toEqual([
      "usc/8/1158",
      "usc/8/1225/b",
    ]);
  });
});
