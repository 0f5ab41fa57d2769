/// Second held-out batch for the treaty corpus (issue 13, eighth pass): real passages
/// from documents not used by passages.ts or heldout.ts (two pages of UNHCR's ExCom
/// compilation other than heldout.ts's), labelled by hand under the same rules
/// (tests/citations/corpus/SOURCES.md, "International instruments") and committed
/// before the engine was run on them. Text kept as read (typos, capitals, footnote
/// calls); whitespace runs are one space; HTML marks a page showed as text
/// (`<br />`, `<strong>`) are dropped.
import type { Passage } from "./passages.ts";

const RC = "treaty/refugee-convention-1951";
const RP = "treaty/refugee-protocol-1967";
const CAT = "treaty/cat-1984";
const ACHR = "treaty/achr-1969";
const UDHR = "softlaw/udhr-1948";
const CARTAGENA = "softlaw/cartagena-declaration-1984";
const SANJOSE = "softlaw/san-jose-declaration-1994";
const EX = "unhcr-excom";

const OC6 =
  "Corte IDH, Opinión Consultiva OC-6/86 (9 de mayo de 1986), La expresión «leyes» en el artículo 30 de la Convención Americana, pt.scribd.com/doc/36484637";
const MANUAL =
  "ACNUR, Manual de procedimientos y criterios para determinar la condición de refugiado, prólogo, catalogoderechoshumanos.com/tg123-manual-de-procedimientos-y-criterios-para-determinar-la-condicion-de-refugiado-en-virtud-de-la-convencion-de-1951-y-el-protocolo-de-1967-sobre-el-estatuto-de-los-refugiados/";
const MMSP =
  "Reunión Ministerial de los Estados Partes, Declaración de los Estados Partes de la Convención de 1951 y/o el Protocolo de 1967, HCR/MMSP/2001/9 (versión española), tr.scribd.com/document/23597853";
const IAO =
  "Committee against Torture, I.A.O. v. Sweden, Communication No. 65/1997, Views of 6 May 1998, refworld.org/country,,,CASELAW,DJI,,3f588ee73,0.html";
const P119 =
  "UNHCR, Conclusions adopted by the Executive Committee 1975–2009, p. 119 (No. 79 (XLVII), 1996), yumpu.com/en/document/view/6718004/conclusions-adopted-by-the-executive-unhcr/119";
const P127 =
  "UNHCR, Conclusions adopted by the Executive Committee 1975–2009, p. 127 (No. 82 (XLVIII), 1997), yumpu.com/en/document/view/6718004/conclusions-adopted-by-the-executive-unhcr/127";
const EX25 =
  "UNHCR ExCom General Conclusion on International Protection No. 25 (XXXIII) (1982), unhcr.org/ie/publications/general-conclusion-international-protection-17";

// biome-ignore format: one passage per entry, as read
export const heldOut2: Passage[] = [
  // ── Spanish ─────────────────────────────────────────────────────────
  { source: OC6, lang: "es",
    text: `CORTE INTERAMERICANA DE DERECHOS HUMANOS OPINIÓN CONSULTIVA OC-6/86 DEL 9 DE MAYO DE 1986 LA EXPRESIÓN "LEYES" EN EL [[ARTÍCULO 30 DE LA CONVENCIÓN AMERICANA SOBRE DERECHOS HUMANOS|${ACHR}/art-30]] SOLICITADA POR EL GOBIERNO DE LA REPÚBLICA ORIENTAL DEL URUGUAY` },
  { source: OC6, lang: "es",
    text: `1. El Gobierno de la República Oriental del Uruguay ( en adelante " el Gobierno " o "el Uruguay " ), mediante comunicación del 14 de agosto de 1985, sometió a la Corte Interamericana de Derechos Humanos ( en adelante " la Corte " ) una solicitud de opinión consultiva acerca del alcance de la expresión leyes empleada por el [[artículo 30 de la Convención Americana sobre Derechos Humanos|${ACHR}/art-30]] ( en adelante " la Convención " o " la Convención Americana " ).` },
  { source: OC6, lang: "es",
    text: `2. Por nota de fecha 31 de octubre de 1985, en cumplimiento de lo dispuesto por el artículo 52 del Reglamento de la Corte ( en adelante " el Reglamento " ), la Secretaría solicitó observaciones escritas sobre el tema objeto de la presente consulta a todos los Estados Miembros de la Organización de los Estados Americanos ( en adelante " la OEA" ), así como, a través del Secretario General de ésta, a todos los órganos a que se refiere el Capítulo X de la Carta de la OEA.` },
  { source: "F. Freddi, La aplicación extraterritorial del principio de no devolución, Revista Jurídica de la AMFJN No. 12 (2023), amfjn.org.ar/2023/06/01/la-aplicacion-extraterritorial-del-principio-de-no-devolucion/", lang: "es",
    text: `En este sentido, el [[artículo 3 de la Convención contra la Tortura y otros tratos o penas crueles, inhumanos o degradantes|${CAT}/art-3]] del 1984, contiene una disposición explícita de no devolución que prohíbe la expulsión de una persona a un país cuando haya razones fundadas para creer que estaría en peligro de ser sometido a tortura.` },
  { source: MANUAL, lang: "es",
    text: `i) El estatuto de refugiado, a nivel mundial, se rige por la [[Convención de 1951|${RC}]] y el [[Protocolo de 1967 sobre el Estatuto de los Refugiados|${RP}]]. Esos dos instrumentos jurídicos internacionales se han adoptado en el ámbito de las Naciones Unidas. En la actualidad, 78 Estados son partes en la Convención, en el Protocolo o en ambos instrumentos.` },
  { source: MANUAL, lang: "es",
    text: `ii) Esos dos instrumentos jurídicos internacionales sólo son aplicables a las personas que son refugiados a tenor de las definiciones en ellos contenidas. La determinación de quién es refugiado, es decir, la determinación de la condición de refugiado en virtud de la [[Convención de 1951|${RC}]] y del [[Protocolo de 1967|${RP}]], incumbe al Estado contratante en cuyo territorio se encuentre el refugiado en el momento de solicitar el reconocimiento de la condición de refugiado. iii) En la [[Convención de 1951|${RC}]] y en el [[Protocolo de 1967|${RP}]] se prevé la cooperación entre los Estados contratantes y la Oficina del Alto Comisionado de las Naciones Unidas para los Refugiados.` },
  { source: MMSP, lang: "es",
    text: `DECLARACIÓN DE LOS ESTADOS PARTES DE LA [[CONVENCIÓN DE 1951|${RC}]] Y/O EL [[PROTOCOLO DE 1967 SOBRE EL ESTATUTO DE LOS REFUGIADOS|${RP}]]1 Preámbulo Nosotros, representantes de los Estados Partes de la [[Convención de 1951 sobre el Estatuto de los Refugiados|${RC}]] y/o su [[Protocolo de 1967|${RP}]], congregados en la primera reunión de Estados Partes celebrada en Ginebra el 12 y 13 de diciembre de 2001 por invitación del gobierno de Suiza y el Alto Comisionado de las Naciones Unidas para los Refugiados (ACNUR),` },
  { source: MMSP, lang: "es",
    text: `1. Conscientes del hecho que el año 2001 constituye el quincuagésimo aniversario de la [[Convención de Ginebra de 1951 sobre el Estatuto de los Refugiados|${RC}]], 2. Reconociendo la continua importancia de la [[Convención de 1951|${RC}]] como el principal instrumento para la protección de los refugiados, la cual, enmendada por su [[Protocolo de 1967|${RP}]], establece los derechos, incluyendo los derechos humanos, y las normas mínimas de tratamiento que se aplican a las personas bajo su ámbito de aplicación, 3. Reconociendo la importancia de otros instrumentos de derechos humanos e instrumentos regionales de protección de los refugiados, incluyendo la Convención de 1969 de la Organización de la Unidad Africana (OUA) sobre los Aspectos Específicos del Problema de los Refugiados en África y la [[Declaración de Cartagena de 1984|${CARTAGENA}]], y reconociendo además la importancia del sistema común de asilo europeo desarrollado a partir de las Conclusiones del Consejo Europeo de 1999 en Tampere,` },
  { source: "DHpedia, Instrumentos internacionales sobre refugiados, apátridas y desplazados internos, fdocuments.co/document/instrumentos-internacionales-sobre-refugiados-apatridas-y-desplazados-internos.html", lang: "es",
    text: `INSTRUMENTOS INTERNACIONALES SOBRE REFUGIADOS, APÁTRIDAS Y DESPLAZADOS INTERNOS Refugiados [[Convención sobre el Estatuto de los Refugiados|${RC}]] (1951) [[Protocolo sobre el Estatuto de los Refugiados|${RP}]] (1967) Acta final de la Conferencia de Plenipotenciarios de las Naciones Unidas sobre el Estatuto de los Refu- giados y de los Apátridas (1951) Estatuto de la Oficina del Alto Comisionado de las Naciones Unidas para los Refugiados (1950) Convención de la OUA por la que se regulan los aspectos específicos de problemas de los refugiados en África (1969) Declaración de las Naciones Unidas sobre Asilo Territorial (1967) [[Declaración de Cartagena sobre Refugiados|${CARTAGENA}]] (1984) [[Declaración de San José sobre refugiados y personas desplazadas|${SANJOSE}]] (1994) Declaración de Tlatelolco sobre acciones prácticas en el derecho de los refugiados en América Latina y el Caribe (1999)` },
  // ── English ─────────────────────────────────────────────────────────
  { source: IAO, lang: "en",
    text: `Views of the Committee Against Torture under [[article 22 of the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment|${CAT}/art-22]] - Twentieth session - Communication No. 65/1997 Submitted by : I. A. O. (name withheld) [represented by counsel] Alleged victim: The author State party: Sweden` },
  { source: IAO, lang: "en",
    text: `The Committee against Torture, established under [[article 17 of the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment|${CAT}/art-17]], Meeting on 6 May 1998, Having concluded its consideration of communication No. 65/1997, submitted to the Committee against Torture under [[article 22 of the Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment|${CAT}/art-22]], Having taken into account all information made available to it by the author of the communication, his counsel and the State party, Adopts its Views under [[article 22, paragraph 7, of the Convention|${CAT}/art-22/7]].` },
  { source: IAO, lang: "en",
    text: `1. The author of the communication is I. A. O. (born on 29 May 1966), a Djibouti citizen and member of the Afar ethnic group, currently seeking asylum in Sweden. He claims that his return to Djibouti would constitute a violation of [[article 3 of the Convention against Torture|${CAT}/art-3]] by Sweden.` },
  { source: "Ogbudimkpa v. Ashcroft, 342 F.3d 207 (3d Cir. 2003), text as served by scribd.com/document/320787447", lang: "en",
    text: `We decide whether a district court has jurisdiction to consider a habeas corpus petition that alleges violations of [[Article 3 of the United Nations Convention Against Torture|${CAT}/art-3]] ("CAT").1 Congress has implemented CAT2 by enacting the Foreign Affairs Reform and Restructuring Act of 1998 ("FARRA").3 Because generally we do not infer Congressional intent to repeal habeas jurisdiction, and because FARRA's jurisdictional provisions do not specifically foreclose habeas corpus jurisdiction under 28 U.S.C. 2241, the general habeas statute, we hold that CAT claims are cognizable under 2241.` },
  { source: "Auguste v. Ridge, 395 F.3d 123 (3d Cir. 2005), app.midpage.ai/document/auguste-v-secretary-homeland-3017049", lang: "en",
    text: `FUENTES, Circuit Judge. Napoleon Bonaparte Auguste appeals from the District Court’s denial of his petition for writ of habeas corpus seeking relief under the [[United Nations Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment|${CAT}]] (the “CAT” or “Convention”).` },
  { source: EX25, lang: "en",
    text: `General Conclusion on International Protection [[No. 25 (XXXIII)|${EX}/25]] - 1982 The Executive Committee, (a) Reiterated the fundamental importance of international protection as a primary task entrusted to the High Commissioner under the Statute of his Office;` },
  { source: EX25, lang: "en",
    text: `(f) Noted with satisfaction the continuing progress made since the Committee's thirty-second session as regards further accessions to the [[1951 United Nations Convention|${RC}]] and the [[1967 Protocol relating to the Status of Refugees|${RP}]] and welcomed accession` },
  { source: P119, lang: "en",
    text: `The Executive Committee 1996 (Executive Committee—47 th Session) CONCLUSIONS ADOPTED BY THE EXECUTIVE COMMITTEE ON INTERNATIONAL PROTECTION OF REFUGEES 1 [[No. 79 (XLVII)|${EX}/79]] GENERAL (1996) (a) Recognizes that the complexity of current refugee problems underlines both the fundamental importance of the High Commissioner's primary function of international protection and the difficulties inherent in the exercise of this function;` },
  { source: P119, lang: "en",
    text: `(c) Recalls in this regard the fundamental importance of the [[1951 Convention|${RC}]] and [[1967 Protocol|${RP}]], in particular their implementation in a manner fully compatible with the object and purpose of these instruments; and welcomes the accession of South Africa and Kyrgyzstan to the [[1951 Convention|${RC}]] and the [[1967 Protocol relating to the Status of Refugees|${RP}]], bringing to 132 the number of States parties to one or both instruments; (d) Urges all States that have not yet done so to accede to and implement fully the [[1951 Convention|${RC}]] and its [[1967 Protocol|${RP}]] and relevant regional instruments for the protection of refugees, as applicable, thereby strengthening the framework of intern` },
  { source: P127, lang: "en",
    text: `1997 (Executive Committee—48 th Session) [[No. 82 (XLVIII)|${EX}/82]] – CONCLUSION ON SAFEGUARDING ASYLUM (1997) The Executive Committee, (a) Recalls the fundamental importance of the High Commissioner’s international protection function; (b) Reaffirms that the institution of asylum, which derives directly from the right to seek and enjoy asylum set out in [[Article 14 (1) of the 1948 Universal Declaration of Human Rights|${UDHR}/art-14/1]], is among the most basic mechanisms for the international protection of refugees;` },
  { source: P127, lang: "en",
    text: `(i) the principle of non-refoulement, which prohibits expulsion and return of refugees in any manner whatsoever to the frontiers of territories where their lives or freedom would be threatened on account of their race, religion, nationality, membership of a particular social group or political opinion, whether or not they have been formally granted refugee status, or of persons in respect of whom there are substantial grounds for believing that they would be in danger of being subjected to torture, as set forth in the [[1984 Convention against Torture and Other Cruel, Inhuman, or Degrading Treatment or Punishment|${CAT}]]; (ii) access, consistent with the [[1951 Convention|${RC}]] and the [[1967 Protocol|${RP}]], of asylum-seekers to f` },
  { source: "docplayer.net/amp/32730228 (Annexe 4, UNHCR Executive Committee Selected Conclusions on International Protection): the page's list of similar documents' titles", lang: "en",
    text: `OAU CONVENTION GOVERNING THE SPECIFIC ASPECTS OF REFUGEE PROBLEMS IN AFRICA Contents. Tables of Cases Table of Treaties and Other International and Regional Instruments Selected Abbreviations Online Resource Centre CONVENTION GOVERNING THE SPECIFIC ASPECTS OF REFUGEE PROBLEMS IN AFRICA [[CARTAGENA DECLARATION ON REFUGEES|${CARTAGENA}]] Relationship between asylum procedures and extradition procedures The Immigration (European Economic Area) Regulations 2006 Adopted by the Security Council at its 5430th meeting, on 28 April 2006 Refugees around the World and in Turkey LAW OF TURKMENISTAN ON REFUGEES THE [[1951 CONVENTION|${RC}]]. relating to the Status of Refugees AND ITS [[1967 PROTOCOL|${RP}]] Distr. GENERAL. HCR/GIP/03/04 23 July Original: ENGLISH` },
  { source: "lawsdocbox.com/amp/81599624 (CRS Report for Congress): the page's list of similar documents' titles", lang: "en",
    text: `CRS Report for Congress Similar documents [[CONVENTION AGAINST TORTURE and Other Cruel, Inhuman or Degrading Treatment or Punishment|${CAT}]] [[CONVENTION AGAINST TORTURE & OTHER CRUEL INHUMAN OR DEGRADING TREATMENT OR PUNISHMENT|${CAT}]] and its Optional Protocol Government Gazette REPUBLIC OF SOUTH AFRICA Matter of J-R-G-P-, Respondent CRS Report for Congress Matter of M-A-F- et al., Respondents The Law of Refugee Status` },
];
