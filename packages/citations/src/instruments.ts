/// A named instrument: a treaty, a Mexican law, or a soft-law text.
export interface Instrument {
  /// Key scheme: `treaty`, `mx` or `softlaw`.
  scheme: "treaty" | "mx" | "softlaw";
  /// Identifier used in keys (`refugee-convention-1951`, `LMigra`).
  id: string;
  /// Citation kind produced for it.
  kind: "treaty" | "mx_const" | "mx_statute" | "soft_law";
  /// Bluebook-style name as it opens the canonical form.
  name: string;
  /// Tail after the article in the canonical form (date, treaty series, country).
  tail: string;
  /// Official or stable sources.
  urls: readonly string[];
  /// Name patterns (regex source, no capture groups, bounded).
  names: readonly string[];
  /// Patterns that only count when followed by an article (acronyms).
  acronyms?: readonly string[];
  /// Articles numbered in roman numerals (the 1967 Protocol).
  romanArticles?: boolean;
  /// The convention a protocol completes (`scheme/id`): "Article 1(2) of the
  /// Convention" after only the 1967 Protocol is named means the 1951 Convention.
  parent?: string;
}

/// Every instrument the extractor knows, in the order their names are tried
/// (longer and more specific names first).
export const instruments: readonly Instrument[] = [
  {
    scheme: "treaty",
    id: "refugee-convention-1951",
    kind: "treaty",
    name: "Convention Relating to the Status of Refugees",
    tail: "July 28, 1951, 189 U.N.T.S. 150",
    urls: [
      "https://www.refworld.org/docid/3be01b964.html",
      "https://www.ohchr.org/en/instruments-mechanisms/instruments/convention-relating-status-refugees",
    ],
    names: [
      // Any year before the full title: "the 1954 Convention relating to …" is a typo, not another treaty.
      String.raw`(?:19[5-9]\d )?(?:UN |U\.N\. |United Nations )?Convention [Rr]elating to the Status of Refugees(?: of 1951)?`,
      String.raw`(?:1951 |U\.N\. |UN )?Refugee Convention`,
      String.raw`1951 (?:United Nations |UN |U\.N\. )?Convention`,
      String.raw`Convención (?:de las Naciones Unidas )?sobre el Estatuto de (?:los )?Refugiados(?: de 1951)?`,
      String.raw`Convención de 1951`,
      // "Convención relativa al Estatuto de Refugiado", "Convención de los refugiados de 1951".
      String.raw`Convención relativa al Estatuto de(?:l| los)? Refugiados?(?: de 1951)?`,
      String.raw`Convención de (?:los )?[Rr]efugiados de 1951`,
      // "de Ginebra" alone would also name the 1949 Geneva Conventions: only with 1951 or its subject.
      String.raw`Convención de Ginebra (?:de 1951|sobre el Estatuto de (?:los )?Refugiados(?: de 1951)?)`,
      String.raw`1951 Geneva Convention`,
    ],
  },
  {
    scheme: "treaty",
    id: "refugee-protocol-1967",
    kind: "treaty",
    name: "Protocol Relating to the Status of Refugees",
    tail: "Jan. 31, 1967, 19 U.S.T. 6223, 606 U.N.T.S. 267",
    urls: [
      "https://www.refworld.org/docid/3ae6b3ae4.html",
      "https://www.ohchr.org/en/instruments-mechanisms/instruments/protocol-relating-status-refugees",
    ],
    names: [
      // "the 1968 United Nations Protocol Relating to the Status of Refugees" (a source's typo).
      String.raw`(?:19[5-9]\d )?(?:United Nations |U\.N\. |UN )?Protocol [Rr]elating to the Status of Refugees(?: of 1967)?`,
      String.raw`(?:1967 )?Refugee Protocol`,
      String.raw`1967 Protocol`,
      String.raw`Protocolo sobre el Estatuto de (?:los )?Refugiados(?: de 1967)?`,
      String.raw`Protocolo de 1967(?: (?:sobre el|relativo al) Estatuto de(?:l| los)? Refugiados?)?`,
      String.raw`Protocolo de 19[5-9]\d (?:sobre el|relativo al) Estatuto de(?:l| los)? Refugiados?`,
    ],
    romanArticles: true,
    parent: "treaty/refugee-convention-1951",
  },
  {
    scheme: "treaty",
    id: "cat-1984",
    kind: "treaty",
    name: "Convention Against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
    tail: "Dec. 10, 1984, S. Treaty Doc. No. 100-20, 1465 U.N.T.S. 85",
    urls: [
      "https://www.ohchr.org/en/instruments-mechanisms/instruments/convention-against-torture-and-other-cruel-inhuman-or-degrading",
      "https://www.refworld.org/docid/3ae6b3a94.html",
    ],
    names: [
      String.raw`(?:1984 )?(?:U\.N\. |UN |United Nations )?Convention [Aa]gainst Torture(?:,? and Other Cruel,? Inhuman,? or Degrading Treatment or Punishment)?`,
      String.raw`Torture Convention`,
      String.raw`Convención contra la Tortura(?: y Otros Tratos o Penas Crueles, Inhumanos o Degradantes)?`,
    ],
    acronyms: ["CAT"],
  },
  {
    scheme: "treaty",
    id: "iccpr-1966",
    kind: "treaty",
    name: "International Covenant on Civil and Political Rights",
    tail: "Dec. 16, 1966, S. Exec. Doc. E, 95-2 (1978), 999 U.N.T.S. 171",
    urls: [
      "https://www.ohchr.org/en/instruments-mechanisms/instruments/international-covenant-civil-and-political-rights",
      "https://www.refworld.org/docid/3ae6b3aa0.html",
    ],
    names: [
      String.raw`International Covenant on Civil and Political Rights`,
      String.raw`Pacto Internacional de Derechos Civiles y Políticos`,
    ],
    acronyms: ["ICCPR", "PIDCP"],
  },
  {
    scheme: "treaty",
    id: "achr-1969",
    kind: "treaty",
    name: "American Convention on Human Rights",
    tail: "Nov. 22, 1969, O.A.S.T.S. No. 36, 1144 U.N.T.S. 123",
    urls: [
      "https://www.oas.org/dil/treaties_B-32_American_Convention_on_Human_Rights.htm",
      "https://www.oas.org/dil/esp/tratados_B-32_Convencion_Americana_sobre_Derechos_Humanos.htm",
    ],
    names: [
      String.raw`American Convention on Human Rights(?: \(?["“]?Pact of San Jos[eé]["”]?\)?)?`,
      String.raw`Convención Americana sobre Derechos Humanos(?: \(?["“]?Pacto de San José["”]?\)?)?`,
      String.raw`Pact of San Jos[eé](?:, Costa Rica)?`,
      String.raw`Pacto de San José(?: de Costa Rica)?`,
      String.raw`American Convention`,
      String.raw`Convención Americana`,
    ],
    acronyms: ["ACHR", "CADH"],
  },
  {
    scheme: "mx",
    id: "CPEUM",
    kind: "mx_const",
    name: "Constitución Política de los Estados Unidos Mexicanos [CPEUM]",
    tail: "DOF 05-02-1917 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/CPEUM.pdf"],
    names: [
      String.raw`Constitución Política de los Estados Unidos Mexicanos`,
      String.raw`Political Constitution of the United Mexican States`,
      String.raw`Constitution of the United Mexican States`,
      String.raw`Mexican Constitution`,
      String.raw`Mexico['’]s Constitution`,
      String.raw`Constitution of Mexico`,
    ],
    acronyms: ["CPEUM"],
  },
  {
    scheme: "mx",
    id: "LRPCAP",
    kind: "mx_statute",
    name: "Ley sobre Refugiados, Protección Complementaria y Asilo Político [LRPCAP]",
    tail: "DOF 27-01-2011 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/LRPCAP.pdf"],
    names: [
      String.raw`Ley sobre Refugiados,? Protección Complementaria y Asilo Político`,
      String.raw`Ley sobre Refugiados y Protección Complementaria`,
      // The short name Mexican writs use ("artículo 13 de la Ley sobre Refugiados").
      String.raw`Ley sobre Refugiados`,
      String.raw`Law on Refugees,? Complementary Protection,? and Political Asylum`,
      String.raw`Law on Refugees and Complementary Protection`,
      String.raw`Mexico['’]s (?:Refugee Law|Law on Refugees)`,
      String.raw`Mexican Refugee Law`,
    ],
    acronyms: ["LRPCAP", "LSRPCAP"],
  },
  {
    scheme: "mx",
    id: "RLRPCAP",
    kind: "mx_statute",
    name: "Reglamento de la Ley sobre Refugiados y Protección Complementaria",
    tail: "DOF 21-02-2012 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/regley/Reg_LRPCAP.pdf"],
    names: [
      String.raw`Reglamento de la Ley sobre Refugiados(?:,? y)?(?: Protección Complementaria)?(?: y Asilo Político)?`,
    ],
  },
  {
    scheme: "mx",
    id: "RLMigra",
    kind: "mx_statute",
    name: "Reglamento de la Ley de Migración",
    tail: "DOF 28-09-2012 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/regley/Reg_LMigra.pdf"],
    names: [String.raw`Reglamento de la Ley de Migración`],
  },
  {
    scheme: "mx",
    id: "LMigra",
    kind: "mx_statute",
    name: "Ley de Migración [LM]",
    tail: "DOF 25-05-2011 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/LMigra.pdf"],
    names: [
      String.raw`Ley de Migración`,
      String.raw`Mexico['’]s (?:General )?(?:Migration Law|Law on Migration)`,
      String.raw`Mexican (?:Migration Law|Law on Migration)`,
    ],
    acronyms: ["LM"],
  },
  {
    scheme: "mx",
    id: "LGP",
    kind: "mx_statute",
    name: "Ley General de Población [LGP]",
    tail: "DOF 07-01-1974 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/LGP.pdf"],
    names: [String.raw`Ley General de Población`],
    acronyms: ["LGP"],
  },
  {
    scheme: "mx",
    id: "LGDNNA",
    kind: "mx_statute",
    name: "Ley General de los Derechos de Niñas, Niños y Adolescentes [LGDNNA]",
    tail: "DOF 04-12-2014 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/LGDNNA.pdf"],
    names: [String.raw`Ley General de los Derechos de Niñas, Niños y Adolescentes`],
    acronyms: ["LGDNNA"],
  },
  {
    scheme: "mx",
    id: "LAmp",
    kind: "mx_statute",
    name: "Ley de Amparo, Reglamentaria de los Artículos 103 y 107 de la Constitución Política de los Estados Unidos Mexicanos",
    tail: "DOF 02-04-2013 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/LAmp.pdf"],
    names: [
      String.raw`Ley de Amparo,? Reglamentaria de los [Aa]rtículos 103 y 107 de la Constitución Política de los Estados Unidos Mexicanos`,
      String.raw`Ley de Amparo`,
    ],
  },
  {
    scheme: "mx",
    id: "LCNDH",
    kind: "mx_statute",
    name: "Ley de la Comisión Nacional de los Derechos Humanos [LCNDH]",
    tail: "DOF 29-06-1992 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/LCNDH.pdf"],
    names: [String.raw`Ley de la Comisión Nacional de (?:los )?Derechos Humanos`],
    acronyms: ["LCNDH"],
  },
  {
    scheme: "mx",
    id: "LFPA",
    kind: "mx_statute",
    name: "Ley Federal de Procedimiento Administrativo [LFPA]",
    tail: "DOF 04-08-1994 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/LFPA.pdf"],
    names: [String.raw`Ley Federal de Procedimiento Administrativo`],
    acronyms: ["LFPA"],
  },
  {
    scheme: "mx",
    id: "LGV",
    kind: "mx_statute",
    name: "Ley General de Víctimas [LGV]",
    tail: "DOF 09-01-2013 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/LGV.pdf"],
    names: [String.raw`Ley General de Víctimas`],
    acronyms: ["LGV"],
  },
  {
    scheme: "mx",
    id: "LGPSEDMTP",
    kind: "mx_statute",
    name: "Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas y para la Protección y Asistencia a las Víctimas de estos Delitos",
    tail: "DOF 14-06-2012 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/LGPSEDMTP.pdf"],
    names: [
      String.raw`Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas(?: y para la Protección y Asistencia a las Víctimas de [Ee]stos Delitos)?`,
    ],
  },
  {
    scheme: "mx",
    id: "LGAMVLV",
    kind: "mx_statute",
    name: "Ley General de Acceso de las Mujeres a una Vida Libre de Violencia [LGAMVLV]",
    tail: "DOF 01-02-2007 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/LGAMVLV.pdf"],
    names: [String.raw`Ley General de Acceso de las Mujeres a una Vida Libre de Violencias?`],
    acronyms: ["LGAMVLV"],
  },
  {
    scheme: "mx",
    id: "CNPP",
    kind: "mx_statute",
    name: "Código Nacional de Procedimientos Penales [CNPP]",
    tail: "DOF 05-03-2014 (Mex.)",
    urls: ["https://www.diputados.gob.mx/LeyesBiblio/pdf/CNPP.pdf"],
    names: [String.raw`Código Nacional de Procedimientos Penales`],
    acronyms: ["CNPP"],
  },
  {
    scheme: "softlaw",
    id: "cartagena-declaration-1984",
    kind: "soft_law",
    name: "Cartagena Declaration on Refugees",
    tail: "Colloquium on the International Protection of Refugees in Central America, Mexico and Panama (Nov. 22, 1984)",
    urls: ["https://www.refworld.org/docid/3ae6b36ec.html"],
    names: [
      String.raw`(?:1984 )?Cartagena Declaration(?: on Refugees)?`,
      String.raw`Declaración de Cartagena(?: sobre (?:los )?Refugiados)?(?: de 1984)?`,
    ],
  },
  {
    scheme: "softlaw",
    id: "udhr-1948",
    kind: "soft_law",
    name: "Universal Declaration of Human Rights",
    tail: "G.A. Res. 217 (III) A, U.N. Doc. A/RES/217(III) (Dec. 10, 1948)",
    urls: [
      "https://www.un.org/en/about-us/universal-declaration-of-human-rights",
      "https://www.ohchr.org/en/human-rights/universal-declaration/translations/english",
    ],
    names: [
      String.raw`Universal Declaration of Human Rights`,
      String.raw`Declaración Universal de (?:los )?Derechos Humanos`,
    ],
    acronyms: ["UDHR", "DUDH"],
  },
  {
    scheme: "softlaw",
    id: "american-declaration-1948",
    kind: "soft_law",
    name: "American Declaration of the Rights and Duties of Man",
    tail: "O.A.S. Res. XXX (1948)",
    urls: [
      "https://www.oas.org/dil/access_to_information_American_Declaration_of_the_Rights_and_Duties_of_Man.pdf",
    ],
    names: [
      String.raw`American Declaration of the Rights and Duties of Man`,
      String.raw`Declaración Americana de los Derechos y Deberes del Hombre`,
      // Not the 2016 "Declaración Americana sobre los Derechos de los Pueblos Indígenas".
      String.raw`American Declaration(?! on)`,
      String.raw`Declaración Americana(?! sobre)`,
    ],
  },
  {
    scheme: "softlaw",
    id: "san-jose-declaration-1994",
    kind: "soft_law",
    name: "San José Declaration on Refugees and Displaced Persons",
    tail: "(Dec. 7, 1994)",
    urls: ["https://www.refworld.org/docid/4a54bc3fd.html"],
    names: [
      String.raw`San Jos[eé] Declaration on Refugees and Displaced Persons`,
      String.raw`Declaración de San José sobre Refugiados y Personas Desplazadas`,
    ],
  },
  {
    scheme: "softlaw",
    id: "brazil-declaration-2014",
    kind: "soft_law",
    name: "Brazil Declaration and Plan of Action",
    tail: "(Dec. 3, 2014)",
    urls: ["https://www.refworld.org/docid/5487065b4.html"],
    names: [
      String.raw`Brazil Declaration(?: and Plan of Action)?`,
      String.raw`Declaración y Plan de Acción de Brasil`,
    ],
  },
  {
    scheme: "softlaw",
    id: "new-york-declaration-2016",
    kind: "soft_law",
    name: "New York Declaration for Refugees and Migrants",
    tail: "G.A. Res. 71/1 (Sept. 19, 2016)",
    urls: ["https://www.unhcr.org/new-york-declaration-for-refugees-and-migrants.html"],
    names: [String.raw`New York Declaration(?: for Refugees and Migrants)?`],
  },
  {
    scheme: "softlaw",
    id: "global-compact-refugees-2018",
    kind: "soft_law",
    name: "Global Compact on Refugees",
    tail: "U.N. Doc. A/73/12 (Part II) (2018)",
    urls: ["https://www.unhcr.org/the-global-compact-on-refugees.html"],
    names: [
      String.raw`Global Compact on Refugees`,
      String.raw`Pacto Mundial sobre (?:los )?Refugiados`,
    ],
  },
  {
    scheme: "softlaw",
    id: "global-compact-migration-2018",
    kind: "soft_law",
    name: "Global Compact for Safe, Orderly and Regular Migration",
    tail: "G.A. Res. 73/195 (Dec. 19, 2018)",
    urls: ["https://www.un.org/en/ga/search/view_doc.asp?symbol=A/RES/73/195"],
    names: [
      String.raw`Global Compact for Safe, Orderly,? and Regular Migration`,
      String.raw`Pacto Mundial para la Migración Segura, Ordenada y Regular`,
    ],
  },
];

/// Instruments by scheme-qualified id (`treaty/cat-1984`, `mx/LMigra`).
export const instrumentById: ReadonlyMap<string, Instrument> = new Map(
  instruments.map((i) => [`${i.scheme}/${i.id}`, i]),
);

/// Known treaty-series cites that stand for a whole instrument.
export const treatySeries: Readonly<Record<string, string>> = {
  "189 U.N.T.S. 150": "treaty/refugee-convention-1951",
  "606 U.N.T.S. 267": "treaty/refugee-protocol-1967",
  "19 U.S.T. 6223": "treaty/refugee-protocol-1967",
  "1465 U.N.T.S. 85": "treaty/cat-1984",
  "999 U.N.T.S. 171": "treaty/iccpr-1966",
  "1144 U.N.T.S. 123": "treaty/achr-1969",
};
