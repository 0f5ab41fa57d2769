import type { Authority, SourceNote } from "../types.ts";

// Mexican law. Article numbers marked `recollection` in docs/legal-sources.md
// (LRPCAP arts. 5, 6, 28) are kept with that mark: check them against the
// DOF consolidated text before relying on them. No statutory wording is
// given for the LRPCAP or the Ley de Migración: summaries only.
const LS = "docs/legal-sources.md";
const mx = { jurisdiction: "mx", origin: "builtin" } as const;
const note = (about: string, mark: SourceNote["mark"], detail = "Mexico table"): SourceNote => ({
  about,
  source: `${LS} §4 (${detail})`,
  mark,
});

const CPEUM_URLS = [
  {
    label: "Cámara de Diputados (PDF)",
    url: "https://www.diputados.gob.mx/LeyesBiblio/pdf/CPEUM.pdf",
    official: true,
    lang: "es",
  },
];
const LRPCAP_URLS = [
  {
    label: "Cámara de Diputados (PDF)",
    url: "https://www.diputados.gob.mx/LeyesBiblio/pdf/LRPCAP.pdf",
    official: true,
    lang: "es",
  },
];
const lrpcapArticle = (n: number) => [
  ...LRPCAP_URLS,
  { label: "mley.mx (artículo)", url: `https://mley.mx/LRPCAP/articulo/${n}/`, lang: "es" },
];
const LMIGRA_URLS = [
  {
    label: "Cámara de Diputados (PDF)",
    url: "https://www.diputados.gob.mx/LeyesBiblio/pdf/LMigra.pdf",
    official: true,
    lang: "es",
  },
];

const LRPCAP_CANONICAL =
  "Ley sobre Refugiados, Protección Complementaria y Asilo Político [LRPCAP], DOF 27-01-2011 (Mex.)";
const LMIGRA_CANONICAL = "Ley de Migración [LM], DOF 25-05-2011 (Mex.)";
const lrpcapArt = (n: number) => LRPCAP_CANONICAL.replace("[LRPCAP],", `[LRPCAP], art. ${n},`);
const lmigraArt = (n: number) => LMIGRA_CANONICAL.replace("[LM],", `[LM], art. ${n},`);

export const MX_AUTHORITIES: Authority[] = [
  {
    ...mx,
    key: "mx/CPEUM",
    kind: "foreign-constitution",
    title: "Constitución Política de los Estados Unidos Mexicanos",
    canonical:
      "Constitución Política de los Estados Unidos Mexicanos [CPEUM], DOF 05-02-1917 (Mex.)",
    aliases: ["CPEUM", "Mexican Constitution", "Constitution of Mexico", "Constitución mexicana"],
    date: "1917-02-05",
    urls: CPEUM_URLS,
    sources: [
      note("citation", "verified", "Mexico table, Constitution row"),
      note("URL", "recollection", "Mexico table, Constitution row"),
    ],
  },
  {
    ...mx,
    key: "mx/CPEUM/art-1",
    kind: "foreign-constitution",
    title: "CPEUM art. 1 (human rights of treaty rank; pro persona interpretation)",
    canonical:
      "Constitución Política de los Estados Unidos Mexicanos [CPEUM], art. 1, DOF 05-02-1917 (Mex.)",
    aliases: ["pro persona", "principio pro persona", "derechos humanos"],
    parent: "mx/CPEUM",
    date: "1917-02-05",
    urls: CPEUM_URLS,
    summary:
      "Everyone in Mexico enjoys the human rights recognised in the Constitution and in Mexico's treaties; human-rights norms are read to give the widest protection (2011 reform).",
    text: {
      scope: "excerpt",
      lang: "es",
      nodes: [
        {
          label: "parr-1",
          marker: "¶1",
          text: "En los Estados Unidos Mexicanos todas las personas gozarán de los derechos humanos reconocidos en esta Constitución y en los tratados internacionales de los que el Estado Mexicano sea parte, así como de las garantías para su protección, cuyo ejercicio no podrá restringirse ni suspenderse, salvo en los casos y bajo las condiciones que esta Constitución establece.",
        },
        {
          label: "parr-2",
          marker: "¶2",
          text: "Las normas relativas a los derechos humanos se interpretarán de conformidad con esta Constitución y con los tratados internacionales de la materia favoreciendo en todo tiempo a las personas la protección más amplia.",
        },
      ],
    },
    sources: [
      note(
        "role of art. 1 (treaty-based human rights, pro persona)",
        "verified",
        "Mexico table, Constitution row",
      ),
      {
        about: "text of paragraphs 1–2",
        source: "CPEUM art. 1 as reformed (DOF 10-06-2011)",
        mark: "recollection",
        note: "check against the current DOF text",
      },
    ],
  },
  {
    ...mx,
    key: "mx/CPEUM/art-11",
    kind: "foreign-constitution",
    title: "CPEUM art. 11 (freedom of movement; right to seek and receive asylum)",
    canonical:
      "Constitución Política de los Estados Unidos Mexicanos [CPEUM], art. 11, DOF 05-02-1917 (Mex.)",
    aliases: ["derecho a buscar y recibir asilo", "right to seek asylum"],
    parent: "mx/CPEUM",
    date: "1917-02-05",
    urls: CPEUM_URLS,
    summary:
      "Freedom to enter, leave and travel through Mexico; since 2011 its second paragraph gives everyone the right to seek and receive asylum, under the treaties.",
    text: {
      scope: "excerpt",
      lang: "es",
      nodes: [
        { label: "parr-1", marker: "¶1" },
        {
          label: "parr-2",
          marker: "¶2",
          text: "Toda persona tiene derecho a buscar y recibir asilo. El reconocimiento de la condición de refugiado y el otorgamiento de asilo político, se realizarán de conformidad con los tratados internacionales.",
        },
      ],
    },
    sources: [
      note("citation", "verified", "Mexico table, Constitution row"),
      {
        about: "text of the second paragraph (first two sentences)",
        source: `${LS} §4 (Constitution row, via a news quotation)`,
        mark: "recollection",
        note: "a news quotation, not the DOF text; the paragraph continues, only the quoted sentences are given",
      },
    ],
  },
  {
    ...mx,
    key: "mx/LRPCAP",
    kind: "foreign-statute",
    title: "Ley sobre Refugiados, Protección Complementaria y Asilo Político",
    canonical: LRPCAP_CANONICAL,
    aliases: [
      "LRPCAP",
      "Ley sobre Refugiados",
      "Mexican refugee law",
      "Law on Refugees, Complementary Protection and Political Asylum",
    ],
    date: "2011-01-27",
    urls: LRPCAP_URLS,
    summary:
      "Mexico's refugee statute (renamed in 2014): refugee status, complementary protection and political asylum, administered by COMAR. Its principles include no devolución, no discriminación, unidad familiar, no sanción por ingreso irregular and confidencialidad.",
    sources: [
      note("citation and date", "verified", "Mexico table, refugee-law row"),
      note("principles listed", "verified", "Mexico table, refugee-law row, SEGOB bulletin"),
      note("URL", "recollection", "Mexico table, refugee-law row"),
    ],
  },
  {
    ...mx,
    key: "mx/LRPCAP/art-2",
    kind: "foreign-statute",
    title: "LRPCAP art. 2 (definitions; fr. IV protección complementaria)",
    canonical: lrpcapArt(2),
    parent: "mx/LRPCAP",
    date: "2011-01-27",
    urls: lrpcapArticle(2),
    summary: "Definitions; fracción IV is reported to define complementary protection.",
    sources: [note("article number and content", "recollection", "Mexico table, refugee-law row")],
  },
  {
    ...mx,
    key: "mx/LRPCAP/art-5",
    kind: "foreign-statute",
    title: "LRPCAP art. 5 (principles: no devolución, no discriminación, unidad familiar …)",
    canonical: lrpcapArt(5),
    aliases: ["principios", "unidad familiar", "no devolución", "interés superior del niño"],
    parent: "mx/LRPCAP",
    date: "2011-01-27",
    urls: lrpcapArticle(5),
    summary:
      "Lists the principles the authorities must observe, reportedly including non-refoulement, non-discrimination, family unity, non-penalisation of irregular entry and confidentiality.",
    sources: [
      note("principles listed", "verified", "Mexico table, SEGOB bulletin"),
      note("article number (5)", "recollection", "Mexico table, refugee-law row"),
    ],
  },
  {
    ...mx,
    key: "mx/LRPCAP/art-6",
    kind: "foreign-statute",
    title: "LRPCAP art. 6 (no devolución / non-refoulement)",
    canonical: lrpcapArt(6),
    aliases: ["no devolución", "non-refoulement", "rechazo en frontera"],
    parent: "mx/LRPCAP",
    date: "2011-01-27",
    urls: lrpcapArticle(6),
    summary:
      "Reportedly forbids rejecting at the border or returning an applicant or refugee to a territory where their life would be in danger.",
    sources: [
      note("article number (6) and content", "recollection", "Mexico table, refugee-law row"),
    ],
  },
  {
    ...mx,
    key: "mx/LRPCAP/art-13",
    kind: "foreign-statute",
    title: "LRPCAP art. 13 (refugee definition; fr. II Cartagena definition)",
    canonical: lrpcapArt(13),
    aliases: ["definición de refugiado", "violencia generalizada"],
    parent: "mx/LRPCAP",
    date: "2011-01-27",
    urls: lrpcapArticle(13),
    summary:
      "Who is recognised as a refugee; fracción II adopts the Cartagena Declaration's wider definition (generalised violence, foreign aggression, internal conflicts, massive human-rights violations).",
    sources: [
      note(
        "article number and content (fr. II = Cartagena)",
        "verified",
        "Mexico table, refugee-law row",
      ),
    ],
  },
  {
    ...mx,
    key: "mx/LRPCAP/art-28",
    kind: "foreign-statute",
    title: "LRPCAP art. 28 (grant of complementary protection)",
    canonical: lrpcapArt(28),
    aliases: ["protección complementaria", "complementary protection"],
    parent: "mx/LRPCAP",
    date: "2011-01-27",
    urls: lrpcapArticle(28),
    summary:
      "Reportedly provides for complementary protection for a foreigner not recognised as a refugee who would face danger if returned.",
    sources: [
      note("article number (28) and content", "recollection", "Mexico table, refugee-law row"),
    ],
  },
  {
    ...mx,
    key: "mx/LMigra",
    kind: "foreign-statute",
    title: "Ley de Migración",
    canonical: LMIGRA_CANONICAL,
    aliases: ["LM", "LMigra", "Mexican Migration Law", "Migration Law"],
    date: "2011-05-25",
    urls: [
      ...LMIGRA_URLS,
      {
        label: "Reglamento de la Ley de Migración (PDF)",
        url: "https://www.diputados.gob.mx/LeyesBiblio/regley/Reg_LMigra.pdf",
        official: true,
        lang: "es",
      },
    ],
    summary:
      "Mexico's migration statute: entry, stay conditions (including the humanitarian-visitor condition in art. 52 fr. V), regularisation and return.",
    sources: [
      note("citation and date", "verified", "Mexico table, migration-law row"),
      note("URLs", "recollection", "Mexico table, migration-law row"),
    ],
  },
  {
    ...mx,
    key: "mx/LMigra/art-37",
    kind: "foreign-statute",
    title: "Ley de Migración art. 37 (entry requirements; fr. III exemptions from visa)",
    canonical: lmigraArt(37),
    parent: "mx/LMigra",
    date: "2011-05-25",
    urls: LMIGRA_URLS,
    summary:
      "Documents required to enter Mexico; fracción III(e) exempts asylum, refugee and complementary-protection applicants from the visa requirement.",
    sources: [note("content (fr. III(e))", "verified", "Mexico table, migration-law row")],
  },
  {
    ...mx,
    key: "mx/LMigra/art-52",
    kind: "foreign-statute",
    title: "Ley de Migración art. 52 (stay conditions; fr. V visitante por razones humanitarias)",
    canonical: lmigraArt(52),
    aliases: [
      "visitante por razones humanitarias",
      "humanitarian visa",
      "visa humanitaria",
      "tarjeta de visitante por razones humanitarias",
    ],
    parent: "mx/LMigra",
    date: "2011-05-25",
    urls: LMIGRA_URLS,
    summary:
      "Conditions of stay. Fracción V, “visitante por razones humanitarias”, covers (a) victims and witnesses of crimes, (b) unaccompanied minors (art. 74), (c) asylum, refugee and complementary-protection applicants until their case is decided (then permanent residence under art. 54), and other humanitarian or public-interest cases.",
    text: {
      scope: "excerpt",
      lang: "es",
      nodes: [{ label: "fr-V", marker: "V.", heading: "Visitante por razones humanitarias" }],
    },
    sources: [note("content of fr. V", "verified", "Mexico table, migration-law row")],
  },
  {
    ...mx,
    key: "mx/LMigra/art-133",
    kind: "foreign-statute",
    title: "Ley de Migración art. 133 (regularisation; fr. III victims and witnesses of crimes)",
    canonical: lmigraArt(133),
    parent: "mx/LMigra",
    date: "2011-05-25",
    urls: LMIGRA_URLS,
    summary:
      "Grounds on which a foreigner may regularise their status; fracción III covers victims and witnesses of crimes.",
    sources: [note("content of fr. III", "verified", "Mexico table, migration-law row")],
  },
];
