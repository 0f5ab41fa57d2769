import type { Authority, SourceNote } from "../types.ts";

// Mexican law. The stored wording of the CPEUM, the LRPCAP and the Ley de
// Migración is the Cámara de Diputados' consolidated text (the DOF reforms
// up to the date in each text's provenance), checked word for word by
// tests/sources/provenance.test.ts against extracts of the published PDFs
// (tests/sources/fixtures/official, origin in SOURCES.md there).
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
const LRPCAP_TEXT = "LRPCAP as published by the Cámara de Diputados, última reforma DOF 18-02-2022";
const LMIGRA_TEXT =
  "Ley de Migración as published by the Cámara de Diputados, última reforma DOF 27-05-2024";
const textNote = (about: string, source: string): SourceNote => ({
  about,
  source: `${source} (tests/sources/fixtures/official)`,
  mark: "verified",
});

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
      textNote(
        "text of paragraphs 1–2",
        "CPEUM as published by the Cámara de Diputados, última reforma DOF 15-04-2025",
      ),
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
      "Freedom to enter, leave and travel through Mexico; since 2011 its second paragraph gives everyone the right to seek and receive asylum, under the treaties (wording of the paragraph as reformed on 15 August 2016).",
    text: {
      scope: "full",
      lang: "es",
      nodes: [
        {
          label: "parr-1",
          marker: "¶1",
          text: "Toda persona tiene derecho para entrar en la República, salir de ella, viajar por su territorio y mudar de residencia, sin necesidad de carta de seguridad, pasaporte, salvoconducto u otros requisitos semejantes. El ejercicio de este derecho estará subordinado a las facultades de la autoridad judicial, en los casos de responsabilidad criminal o civil, y a las de la autoridad administrativa, por lo que toca a las limitaciones que impongan las leyes sobre emigración, inmigración y salubridad general de la República, o sobre extranjeros perniciosos residentes en el país.",
        },
        {
          label: "parr-2",
          marker: "¶2",
          text: "Toda persona tiene derecho a buscar y recibir asilo. El reconocimiento de la condición de refugiado y el otorgamiento de asilo político, se realizarán de conformidad con los tratados internacionales. La ley regulará sus procedencias y excepciones.",
        },
      ],
    },
    sources: [
      note("citation", "verified", "Mexico table, Constitution row"),
      textNote(
        "text of both paragraphs",
        "CPEUM as published by the Cámara de Diputados, última reforma DOF 15-04-2025",
      ),
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
    title: "LRPCAP art. 2 (definitions; fr. VII protección complementaria)",
    canonical: lrpcapArt(2),
    parent: "mx/LRPCAP",
    date: "2011-01-27",
    urls: lrpcapArticle(2),
    summary:
      "Definitions. Fracción VII defines complementary protection: not returning a foreigner who is not recognised as a refugee to a country where their life would be threatened or where they would be in danger of torture or other cruel, inhuman or degrading treatment.",
    text: {
      scope: "excerpt",
      lang: "es",
      intro: "Para los efectos de esta Ley se entenderá por:",
      nodes: [
        {
          label: "fr-VII",
          marker: "VII.",
          text: "Protección Complementaria: Protección que la Secretaría de Gobernación otorga al extranjero que no ha sido reconocido como refugiado en los términos de la presente Ley, consistente en no devolverlo al territorio de otro país en donde su vida, se vería amenazada o se encontraría en peligro de ser sometido a tortura u otros tratos o penas crueles, inhumanos o degradantes.",
        },
      ],
    },
    sources: [textNote("text of the chapeau and fr. VII", LRPCAP_TEXT)],
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
      "The principles the authorities observe, among others: non-refoulement, non-discrimination, the best interests of the child, family unity, no penalty for irregular entry, and confidentiality.",
    text: {
      scope: "full",
      lang: "es",
      intro:
        "En aplicación de esta Ley se observarán, entre otros, los siguientes principios y criterios:",
      nodes: [
        { label: "fr-I", marker: "I.", text: "No devolución;" },
        { label: "fr-II", marker: "II.", text: "No discriminación;" },
        { label: "fr-III", marker: "III.", text: "Interés superior del niño;" },
        { label: "fr-IV", marker: "IV.", text: "Unidad familiar;" },
        { label: "fr-V", marker: "V.", text: "No sanción por ingreso irregular, y" },
        { label: "fr-VI", marker: "VI.", text: "Confidencialidad." },
      ],
    },
    sources: [textNote("text", LRPCAP_TEXT)],
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
      "No applicant or refugee may be rejected at the border or returned to a country where their life is in danger for the reasons of art. 13, or where there are well-founded reasons to believe they would be in danger of torture or cruel, inhuman or degrading treatment; the same protects a person granted complementary protection, and children keep the right to family unity (paragraph added 2020).",
    text: {
      scope: "full",
      lang: "es",
      nodes: [
        {
          label: "parr-1",
          marker: "¶1",
          text: "Ningún solicitante o refugiado podrá en modo alguno ser rechazado en frontera o devuelto de cualquier forma al territorio de otro país donde su vida peligre por los motivos señalados en el artículo 13 de esta Ley, o en donde existan razones fundadas para considerar que estaría en peligro de ser sometido a tortura u otros tratos o penas crueles, inhumanos o degradantes.",
        },
        {
          label: "parr-2",
          marker: "¶2",
          text: "El extranjero al que se le otorgue protección complementaria no podrá ser devuelto al territorio de otro país donde su vida peligre o en donde existan razones fundadas para considerar que estaría en peligro de ser sometido a tortura u otros tratos o penas crueles, inhumanos o degradantes.",
        },
        {
          label: "parr-3",
          marker: "¶3",
          text: "En el caso de niñas, niños y adolescentes solicitantes, refugiados o con protección complementaria, además del principio de la no devolución se garantizará el derecho a la unidad familiar.",
        },
      ],
    },
    sources: [textNote("text", LRPCAP_TEXT)],
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
    text: {
      scope: "full",
      lang: "es",
      intro:
        "La condición de refugiado se reconocerá a todo extranjero que se encuentre en territorio nacional, bajo alguno de los siguientes supuestos:",
      nodes: [
        {
          label: "fr-I",
          marker: "I.",
          text: "Que debido a fundados temores de ser perseguido por motivos de raza, religión, nacionalidad, género, pertenencia a determinado grupo social u opiniones políticas, se encuentre fuera del país de su nacionalidad y no pueda o, a causa de dichos temores, no quiera acogerse a la protección de tal país; o que, careciendo de nacionalidad y hallándose, a consecuencia de tales acontecimientos, fuera del país donde antes tuviera residencia habitual, no pueda o, a causa de dichos temores, no quiera regresar a él;",
        },
        {
          label: "fr-II",
          marker: "II.",
          text: "Que ha huido de su país de origen, porque su vida, seguridad o libertad han sido amenazadas por violencia generalizada, agresión extranjera, conflictos internos, violación masiva de los derechos humanos u otras circunstancias que hayan perturbado gravemente el orden público, y",
        },
        {
          label: "fr-III",
          marker: "III.",
          text: "Que debido a circunstancias que hayan surgido en su país de origen o como resultado de actividades realizadas, durante su estancia en territorio nacional, tenga fundados temores de ser perseguido por motivos de raza, religión, nacionalidad, género, pertenencia a determinado grupo social u opiniones políticas, o su vida, seguridad o libertad pudieran ser amenazadas por violencia generalizada, agresión extranjera, conflictos internos, violación masiva de los derechos humanos u otras circunstancias que hayan perturbado gravemente el orden público.",
        },
      ],
    },
    sources: [
      textNote("text", LRPCAP_TEXT),
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
      "COMAR (the Secretaría) may grant complementary protection to a foreigner who does not qualify as a refugee under art. 13 but needs protection from return to a country where their life is in danger or where they would be in danger of torture or cruel, inhuman or degrading treatment; the Foreign Ministry's opinion is sought, and the exclusion grounds of art. 27 apply.",
    text: {
      scope: "full",
      lang: "es",
      nodes: [
        {
          label: "parr-1",
          marker: "¶1",
          text: "La Secretaría podrá otorgar protección complementaria al extranjero que, no encontrándose dentro de los supuestos del artículo 13 de esta Ley, requiera protección para no ser devuelto al territorio de otro país en donde su vida peligre o en donde existan razones fundadas para creer que estaría en peligro de ser sometido a tortura u otros tratos o penas crueles, inhumanos o degradantes.",
        },
        {
          label: "parr-2",
          marker: "¶2",
          text: "Para el otorgamiento de dicha protección la Secretaría deberá considerar la opinión de la Secretaría de Relaciones Exteriores, misma que se solicitará conforme a lo previsto en el artículo 24 de esta Ley.",
        },
        {
          label: "parr-3",
          marker: "¶3",
          text: "No se otorgará protección complementaria al extranjero respecto del cual existan motivos fundados para considerar que se encuentra en alguno de los supuestos previstos en el artículo 27 de la presente Ley.",
        },
      ],
    },
    sources: [textNote("text", LRPCAP_TEXT)],
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
      "Documents required to enter Mexico; fracción III(e) exempts from the visa requirement applicants for refugee status, complementary protection or a statelessness determination, and those entering for humanitarian reasons or force majeure (political asylum is not named).",
    text: {
      scope: "excerpt",
      lang: "es",
      intro: "Para internarse al país, los extranjeros deberán:",
      nodes: [
        {
          label: "fr-III",
          marker: "III.",
          text: "No necesitan visa los extranjeros que se ubiquen en alguno de los siguientes supuestos:",
          children: [
            {
              label: "e",
              marker: "e)",
              text: "Solicitantes de la condición de refugiado, de protección complementaria y de la determinación de apátrida, o por razones humanitarias o causas de fuerza mayor, y",
            },
          ],
        },
      ],
    },
    sources: [
      note("content (fr. III(e))", "verified", "Mexico table, migration-law row"),
      textNote("text of the chapeau and fr. III(e)", LMIGRA_TEXT),
    ],
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
      intro:
        "Los extranjeros podrán permanecer en el territorio nacional en las condiciones de estancia de visitante, residente temporal y residente permanente, siempre que cumplan con los requisitos establecidos en esta Ley, su Reglamento y demás disposiciones jurídicas aplicables, de conformidad con lo siguiente:",
      nodes: [
        {
          label: "fr-V",
          marker: "V.",
          text: "VISITANTE POR RAZONES HUMANITARIAS. Se autorizará esta condición de estancia a los extranjeros que se encuentren en cualquiera de los siguientes supuestos:",
          children: [
            {
              label: "a",
              marker: "a)",
              text: "Ser ofendido, víctima o testigo de algún delito cometido en territorio nacional.",
            },
            {
              label: "b",
              marker: "b)",
              text: "Ser niña, niño o adolescente migrante, en términos del artículo 74 de esta Ley.",
            },
            {
              label: "c",
              marker: "c)",
              text: "Ser solicitante de asilo político, de reconocimiento de la condición de refugiado o de protección complementaria del Estado Mexicano, hasta en tanto no se resuelva su situación migratoria. Si la solicitud es positiva se les otorgará la condición de estancia de residente permanente, en términos del artículo 54 de esta Ley.",
            },
            {
              label: "parr-final",
              marker: "(párrafo final)",
              text: "También la Secretaría podrá autorizar la condición de estancia de visitante por razones humanitarias a los extranjeros que no se ubiquen en los supuestos anteriores, cuando exista una causa humanitaria o de interés público que haga necesaria su internación o regularización en el país, en cuyo caso contarán con permiso para trabajar a cambio de una remuneración.",
            },
          ],
        },
      ],
    },
    sources: [
      note("content of fr. V", "verified", "Mexico table, migration-law row"),
      textNote(
        "text of the chapeau and of fr. V (incisos a) and b) only their first sentence)",
        LMIGRA_TEXT,
      ),
    ],
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
      "Regularisation of migration status; the second paragraph gives a right to it in listed cases, and fracción III covers a foreigner identified by the Instituto or another competent authority as a victim or witness of a serious crime (delito grave) committed in Mexico.",
    text: {
      scope: "excerpt",
      lang: "es",
      nodes: [
        {
          label: "parr-1",
          marker: "¶1",
          text: "El Instituto podrá regularizar la situación migratoria de los extranjeros que se ubiquen en territorio nacional y manifiesten su interés de residir de forma temporal o permanente en territorio nacional, siempre y cuando cumplan con los requisitos de esta Ley, su Reglamento y demás disposiciones jurídicas aplicables. La regularización se podrá otorgar concediendo al extranjero la condición de estancia que corresponda conforme a esta Ley.",
        },
        {
          label: "parr-2",
          marker: "¶2",
          text: "Con independencia de lo anterior, tienen derecho a la regularización de su situación migratoria los extranjeros que se ubiquen en territorio nacional y se encuentren en alguno de los siguientes supuestos:",
          children: [
            {
              label: "fr-III",
              marker: "III.",
              text: "Que el extranjero sea identificado por el Instituto o por autoridad competente, como víctima o testigo de algún delito grave cometido en territorio nacional;",
            },
          ],
        },
      ],
    },
    sources: [
      note("content of fr. III", "verified", "Mexico table, migration-law row"),
      textNote("text of both paragraphs' openings and fr. III", LMIGRA_TEXT),
    ],
  },
];
