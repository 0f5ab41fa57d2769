/// Real passages citing treaties, UNHCR ExCom conclusions and other international
/// instruments, with labels written by hand before the engine was run on them
/// (rules and sources in tests/citations/corpus/SOURCES.md, "International
/// instruments"). A label is written in the text as [[span|key]]; `labelled()`
/// strips the marks and gives each label its offset. Excerpts are a sentence or
/// two of public documents: U.S. court opinions, UNHCR Executive Committee texts,
/// Inter-American Court judgments and opinions, and commentary quoting them.

export interface Passage {
  /// Where the text was read (document, and the public copy it was read from).
  source: string;
  lang: "en" | "es";
  text: string;
}

const RC = "treaty/refugee-convention-1951";
const RP = "treaty/refugee-protocol-1967";
const CAT = "treaty/cat-1984";
const ICCPR = "treaty/iccpr-1966";
const ACHR = "treaty/achr-1969";
const UDHR = "softlaw/udhr-1948";
const ADRDM = "softlaw/american-declaration-1948";
const CARTAGENA = "softlaw/cartagena-declaration-1984";
const EX = "unhcr-excom";

const OPINIONS =
  "U.S. court opinion as published (public domain), text as held in a public GitHub file of 19 asylum opinions (search index file id 47625696780)";
const op = (cite: string): string => `${cite}; ${OPINIONS}`;

// biome-ignore format: one passage per entry, as read
export const passages: Passage[] = [
  // ── U.S. court opinions ─────────────────────────────────────────────
  { source: op("Aldana-Ramos v. Holder, 757 F.3d 9 (1st Cir. 2014)"), lang: "en",
    text: `Petitioners Elvis Leonel Aldana Ramos ("Elvis") and Robin Obdulio Aldana Ramos ("Robin") seek review of an order of the Board of Immigration Appeals ("BIA") denying their applications for asylum, withholding of removal, and protection under the [[Convention Against Torture|${CAT}]] ("CAT").` },
  { source: op("Aldana-Ramos v. Holder, 757 F.3d 9 (1st Cir. 2014)"), lang: "en",
    text: `The BIA has used the principle in its interpretation of the statute that there is no indication that Congress intended the phrase "membership in a particular social group" to have any particular meaning, and Congress borrowed the term directly from the [[United Nations Protocol Relating to the Status of Refugees, Jan. 31, 1967, 19 U.S.T. 6223|${RP}]]. See In re Acosta, 19 I. & N. Dec. 211, 232 (B.I.A.1985).` },
  { source: op("Mazariegos-Paiz v. Holder, 734 F.3d 57 (1st Cir. 2013)"), lang: "en",
    text: `He conceded removability, but applied for asylum, withholding of removal, and protection under the [[United Nations Convention Against Torture|${CAT}]] (CAT).` },
  { source: op("Villalta-Martinez v. Sessions, 882 F.3d 20 (1st Cir. 2018)"), lang: "en",
    text: `Petitioner Rosa Maria Villalta-Martinez ("Villalta-Martinez") seeks our review of an order of the Board of Immigration Appeals ("BIA") denying her applications for asylum, withholding of removal, and protection under the [[Convention Against Torture|${CAT}]] Act ("CAT").` },
  { source: op("Villalta-Martinez v. Sessions, 882 F.3d 20 (1st Cir. 2018) (Barron, J., dissenting in part)"), lang: "en",
    text: `I join the majority in rejecting Rosa Maria Villalta-Martinez's challenge to the denial of her claim under the [[Convention *27Against Torture|${CAT}]]. See 8 C.F.R. § 1208.16.` },
  { source: op("Aguilar-De Guillen v. Sessions, 902 F.3d 28 (1st Cir. 2018)"), lang: "en",
    text: `Petitioner, 1 Irma Yolanda Aguilar-De Guillen, seeks judicial review of a Board of Immigration Appeals ("BIA") opinion affirming an Immigration Judge's ("IJ") decision denying her asylum relief, withholding of removal under the Immigration and Nationality Act ("INA"), and protection pursuant to the [[Convention Against Torture|${CAT}]] Act ("CAT") and ordering her removed.` },
  { source: op("Aguilar-De Guillen v. Sessions, 902 F.3d 28 (1st Cir. 2018)"), lang: "en",
    text: `Pursuant to [[Article 3 of CAT|${CAT}/art-3]], the United States has an obligation under international law not to "expel, return (refouler) or extradite" a person to a country where there are "substantial grounds for believing that he [or she] would be in danger of being subjected to torture." 8 C.F.R. § 208.16 (c)(4).` },
  { source: op("Sunarto Ang v. Holder, 723 F.3d 6 (1st Cir. 2013)"), lang: "en",
    text: `Ang and Erlina conceded removability, renewed their application for asylum, and applied for withholding of removal and protection under the [[Convention Against Torture|${CAT}]].` },
  { source: op("INS v. Elias-Zacarias, 502 U.S. 478 (1992) (Stevens, J., dissenting)"), lang: "en",
    text: `"Our analysis of the plain language of the Act, its symmetry with the United Nations Protocol, and its legislative history, lead inexorably to the conclusion that to show a 'well-founded fear of persecution,' an alien need not prove that it is more likely than not that he or she will be persecuted in his or her home country.` },
  { source: op("INS v. Cardoza-Fonseca, 480 U.S. 421 (1987)"), lang: "en",
    text: `The Act's establishment of a broad class of refugees who are eligible for a discretionary grant of asylum, and a narrower class of aliens who are given a statutory right not to be deported to the country where they are in danger, mirrors the provisions of the [[United Nations Protocol Relating to the Status of Refugees|${RP}]], which provided the motivation for the enactment of the Refugee Act of 1980.` },
  { source: op("INS v. Cardoza-Fonseca, 480 U.S. 421 (1987)"), lang: "en",
    text: `In 1968, however, the United States agreed to comply with the substantive provisions of [[Articles 2|${RC}/art-2]] through [[34 of the 1951 United Nations Convention Relating to the Status of Refugees|${RC}/art-34]]. See [[19 U.S.T. 6223|${RP}]], 6259-6276, T.I.A.S. No. 6577 (1968); see generally Stevie, supra, at 416-417. [[Article 33.1 of the Convention, 189 U.N.T.S. 150, 176 (1954)|${RC}/art-33/1]], reprinted in 19 U.S.T. 6259, 6276, which is the counterpart of §243(h) of our statute, imposed a mandatory duty on contracting States not to return an alien to a country where his "life or freedom would be threatened" on account of one of the enumerated reasons.` },
  { source: op("INS v. Cardoza-Fonseca, 480 U.S. 421 (1987)"), lang: "en",
    text: `If one thing is clear from the legislative history of the new definition of "refugee," and indeed the entire 1980 Act, it is that one of Congress' primary purposes was to bring United States refugee law into conformance with the [[1967 United Nations Protocol Relating to the Status of Refugees, 19 U.S.T. 6223, T.I.A.S. No. 6577|${RP}]], to which the United States *437acceded in 1968.19 Indeed, the definition of "refugee" that Congress adopted, see supra, at 428, is virtually identical to the one prescribed by [[Article 1(2) of the Convention|${RC}/art-1/2]] which defines a "refugee" as an individual who` },
  { source: op("INS v. Cardoza-Fonseca, 480 U.S. 421 (1987)"), lang: "en",
    text: `The term was then incorporated in the [[United Nations Con*438vention Relating to the Status of Refugees,20 189 U.N.T.S. 150 (July 28, 1951)|${RC}]]. The Committee that drafted the provision explained that "[t]he expression 'well-founded fear of being the victim of persecution . . .' means that a person has either been actually a victim of persecution or can show good reason why he fears persecution." U. N. Rep., at 39. The [[1967 Protocol|${RP}]] incorporated the "well-founded fear" test, without modification.` },
  { source: op("INS v. Cardoza-Fonseca, 480 U.S. 421 (1987)"), lang: "en",
    text: `In Stevic, we dealt with the issue of withholding of deportation, or nonrefoulement, under § 243(h). This provision corresponds to Article 33.1 of the Convention.25 Significantly though, Article 33.1 does not extend this right to everyone who meets the definition of "refugee."` },
  { source: op("INS v. Cardoza-Fonseca, 480 U.S. 421 (1987)"), lang: "en",
    text: `Section 208(a), by contrast, is a discretionary mechanism which gives the Attorney General the authority to grant the broader relief of asylum to refugees. As such, it does not correspond to Article 33 of the Convention, but instead corresponds to Article 34.` },
  // ── UNHCR and commentary, English ───────────────────────────────────
  { source: "UNHCR ExCom Conclusion No. 44 (XXXVII) (1986), refworld.org/docid/3ae68c43c0.html (UNHCR web archive)", lang: "en",
    text: `Recalling [[Article 31 of the 1951 Convention relating to the Status of Refugees|${RC}/art-31]].` },
  { source: "UNHCR ExCom Conclusion No. 44 (XXXVII) (1986), refworld.org/docid/3ae68c43c0.html (UNHCR web archive)", lang: "en",
    text: `Recalling further its [[Conclusion No. 22 (XXXII)|${EX}/22]] on the treatment of asylum-seekers in situations of large-scale influx, as well as [[Conclusion No. 7 (XXVIII)|${EX}/7]], paragraph (e), on the question of custody or detention in relation to the expulsion of refugees lawfully in a country, and [[Conclusion No. 8 (XXVIII)|${EX}/8]], paragraph (e), on the determination of refugee status.` },
  { source: "UNHCR ExCom Conclusion No. 44 (XXXVII) (1986), refworld.org/docid/3ae68c43c0.html (UNHCR web archive)", lang: "en",
    text: `Noting that the term "refugee" in the present Conclusions has the same meaning as that in the [[1951 Convention|${RC}]] and the [[1967 Protocol relating to the Status of Refugees|${RP}]], and is without prejudice to wider definitions applicable in different regions.` },
  { source: "UNHCR ExCom Conclusion No. 44 (XXXVII) (1986), refworld.org/docid/3ae68c43c0.html (UNHCR web archive)", lang: "en",
    text: `Cite as Executive Committee of the High Commissioner's Programme, Detention of Refugees and Asylum-Seekers [[No. 44 (XXXVII)|${EX}/44]] - 1986, 13 October 1986, [[No. 44 (XXXVII)|${EX}/44]], available at: [accessed 4 October 2022]` },
  { source: "UNHCR ExCom Conclusion No. 22 (XXXII) (1981), unhcr.org/ie/publications/protection-asylum-seekers-situations-large-scale-influx", lang: "en",
    text: `Protection of Asylum-Seekers in Situations of Large-Scale Influx [[No. 22 (XXXII)|${EX}/22]] - 1981 21 October 1981 Executive Committee 32nd session.` },
  { source: "UNHCR ExCom Conclusion No. 22 (XXXII) (1981), unhcr.org/ie/publications/protection-asylum-seekers-situations-large-scale-influx", lang: "en",
    text: `The asylum seekers forming part of these large-scale influxes include persons who are refugees within the meaning of the [[1951 United Nations Convention|${RC}]] and the [[1967 Protocol relating to the Status of Refugees|${RP}]] or who, owing to external aggression, occupation, foreign domination or events seriously disturbing public order in either part of, or the whole of their country of origin or nationality are compelled to seek refuge outside that country.` },
  { source: "UNHCR ExCom Conclusion No. 7 (XXVIII) (1977), unhcr.org/ie/publications/expulsion", lang: "en",
    text: `(a) Recognized that, according to the [[1951 Convention|${RC}]], refugees lawfully in the territory of a Contracting State are generally protected against expulsion and that in accordance with [[Article 32 of the Convention|${RC}/art-32]] expulsion of a refugee is only permitted in exceptional circumstances;` },
  { source: "UNHCR ExCom Conclusion No. 7 (XXVIII) (1977), unhcr.org/ie/publications/expulsion", lang: "en",
    text: `(c) Recommended that, in line with [[Article 32 of the 1951 Convention|${RC}/art-32]], expulsion measures against a refugee should only be taken in very exceptional cases and after due consideration of all the circumstances, including the possibility for the refugee to be admitted to a country other than his country of origin;` },
  { source: "UNHCR ExCom Conclusion No. 1 (XXVI) (1975), refworld.org/policy/exconc/excom/1975/en/6537", lang: "en",
    text: `[[Conclusion No.1 (XXVI)|${EX}/1]]: Establishment Of The Sub-Committee And General Conclusion on International Protection - Adopted by the Executive Committee (1975)` },
  { source: "UNHCR ExCom Conclusion No. 1 (XXVI) (1975), refworld.org/policy/exconc/excom/1975/en/6537", lang: "en",
    text: `(b) Fully endorsed the proposal that at an appeal be made urging States Members of the United Nations and non-member States to conform fully with the humanitarian principles governing the protection of refugees and, in particular, to abide by the provisions of the [[1951 Convention relating to the Status of Refugees|${RC}]] and of its [[1967 Protocol|${RP}]] and scrupulously to observe the principle whereby no refugee should be forcibly returned to a country where he fears persecution;` },
  { source: "UNHCR, Note on Accession to International Instruments and the Detention of Refugees and Asylum-Seekers, EC/SCP/44 (1986), refworld.org/docid/3ae68cce18.html", lang: "en",
    text: `In 1977, the Executive Committee of the High Commissioner's Programme adopted [[Conclusion No. 4|${EX}/4]] on international instruments relating to refugees in which it, inter alia, noted that a large number of States had still not become party to the United Nations [[1951 Convention|${RC}]] and the [[1967 Protocol relating to the Status of Refugees|${RP}]] and recommended that the High Commissioner undertake a concerted and determined initiative at the highest level to promote further accessions.` },
  { source: "UNHCR, Note on Accession to International Instruments and the Detention of Refugees and Asylum-Seekers, EC/SCP/44 (1986), refworld.org/docid/3ae68cce18.html", lang: "en",
    text: `Principal among these are the United Nations [[1951 Convention|${RC}]] and the [[1967 Protocol relating to the Status of Refugees|${RP}]].` },
  { source: "UNHCR, Advisory Opinion on the Extraterritorial Application of Non-Refoulement Obligations (2007), scribd.com/document/616710338", lang: "en",
    text: `In this advisory opinion, the Office of the United Nations High Commissioner for Refugees ("UNHCR") addresses the question of the extraterritorial application of the principle of non-refoulement under the [[1951 Convention relating to the Status of Refugees|${RC}]] 1 and its [[1967 Protocol|${RP}]]. 2` },
  { source: "UNHCR, Advisory Opinion on the Extraterritorial Application of Non-Refoulement Obligations (2007), scribd.com/document/616710338", lang: "en",
    text: `UNHCR's supervisory responsibility under its Statute is mirrored in [[Article 35 of the 1951 Convention|${RC}/art-35]] and [[Article II of the 1967 Protocol|${RP}/art-2]].` },
  { source: "E. Lauterpacht & D. Bethlehem, The scope and content of the principle of non-refoulement: Opinion (2001/2003), studylib.net/doc/18712748", lang: "en",
    text: `II. The [[1951 Convention|${RC}]] (as amended by the [[1967 Protocol|${RP}]]) 98 A. The origins of the [[1951 Convention|${RC}]] 98 B. The [[1951 Convention|${RC}]] 99 C. The [[1967 Protocol|${RP}]] 101 D. The approach to interpretation 103 E. Preliminary observations 106 F. The interpretation of [[Article 33(1) of the 1951 Convention|${RC}/art-33/1]] 108` },
  { source: "A. de Zayas, Human Rights and Refugees, alfreddezayas.com/Chapbooks/HumanRightsRefugees.shtml", lang: "en",
    text: `The Executive Committee of the United Nations High Commissioner for Refugees expressed in its 1988 [[Conclusion No. 52 (XXXIX)|${EX}/52]] on "International Solidarity and Refugee Protection" a deep concern over "the serious violations of human rights which accompany refugee problems and the dislocation and distress they cause for the millions of individuals involved."` },
  { source: "A. de Zayas, Human Rights and Refugees, alfreddezayas.com/Chapbooks/HumanRightsRefugees.shtml", lang: "en",
    text: `There are various definitions. Definitions[[Article 1 of the Convention relating to the Status of Refugees|${RC}/art-1]] of 28 July 1951 (in force 22 April 1954) formulates the key requirement for qualification as a convention refugee in paragraph A(2), as a "well founded fear of being p` },
  { source: "Immigration History, United Nations High Commissioner for Refugees Refugee Protocol, immigrationhistory.org/item/united-nations-high-commissioner-for-refugees-refugee-protocol", lang: "en",
    text: `The [[1967 Protocol|${RP}]] enacts the terms of the [[1951 Convention|${RC}]] for signatory nations, including the United States.` },
  { source: "INS v. Stevic, 467 U.S. 407 (1984), syllabus, vdocuments.net/ins-v-stevic-467-us-407-1984.html", lang: "en",
    text: `Subsequently, in 1981, after receiving another notice to surrender for deportation, respondent filed a second motion to reopen, again seeking relief under § 243(h), which in the meantime had been amended by the Refugee Act of 1980 in conformity with the language of [[Article 33 of the 1968 United Nations Protocol Relating to the Status of Refugees|${RP}/art-33]] that had been acceded to by the United States` },
  { source: "I. L. Frank, Effect of the 1967 United Nations Protocol on the Status of Refugees in the United States, documents.pub", lang: "en",
    text: `How have the [[1951 Convention|${RC}]]' and the [[1967 Protocol 2 Relating to the Status of Refugees|${RP}]] affected the administration and interpretation of Section 243(h) 3 of the Immigration and Nationality Act of 1952?` },
  { source: "R. F. Barsky, What does the 1967 Protocol have to say…, Yale J. on Reg. Notice & Comment, yalejreg.com", lang: "en",
    text: `There are rights that are clearly stated in such work as Hathaway and Neve, which are rooted in the [[Convention Relating to the Status of Refugees|${RC}]] (the “Convention”) and the [[1967 United Nations Protocol Relating to the Status of Refugees|${RP}]] (the “Protocol”) — which both amends Convention and acts as a stand-alone treaty.` },
  { source: "R. F. Barsky, The 1967 Refugee Protocol and the Progressive “Liberalization” of International Refugee Law, Yale J. on Reg. Notice & Comment, yalejreg.com", lang: "en",
    text: `This is especially important in the case of the United States (as well as Venezuela and Capo Verde), since they never signed the [[1951 Convention|${RC}]]; therefore, the treaty that governs their actions in regards to refugee protection is the [[1967 Protocol|${RP}]], and the Travaux for that Protocol is what was said during those negotiations.` },
  // ── Spanish: UNHCR, Inter-American Court, commentary ────────────────
  { source: "ACNUR, Conclusión N° 44 (XXXVII) del Comité Ejecutivo (1986), studylib.es/doc/5302899", lang: "es",
    text: `El Comité Ejecutivo Recordando el [[artículo 31 de la Convención de 1951 sobre el Estatuto de los Refugiados|${RC}/art-31]], Recordando además la [[Conclusión N° 22 (XXXII)|${EX}/22]] relativa a la protección de las personas que buscan asilo en situaciones de afluencia en gran escala, así como su [[Conclusión N° 7 (XXVIII)|${EX}/7]], párrafo e), relativa a la cuestión de la custodia o detención relacionada con la expulsión de refugiados que se encuentren legalmente en un país y su [[Conclusión N° 8 (XXVIII)|${EX}/8]], párrafo b), sobre la determinación de la condición de refugiado,` },
  { source: "ACNUR, Conclusión N° 44 (XXXVII) del Comité Ejecutivo (1986), studylib.es/doc/5302899", lang: "es",
    text: `Advirtiendo que el término «refugiado» empleado en las presentes Conclusiones tiene el mismo sentido que el de la [[Convención de 1951|${RC}]] y del [[Protocolo de 1967|${RP}]] relativos al Estatuto de los Refugiados, y ello sin perjuicio de definiciones más amplias aplicable en diferentes regiones,` },
  { source: "Corte IDH, Opinión Consultiva OC-25/18 (2018), todolegislacion.blogspot.com/p/opinion-consultiva-oc-25-18-cidh.html", lang: "es",
    text: `Corte IDH. La institución del asilo y su reconocimiento como derecho humano en el Sistema Interamericano de Protección (interpretación y alcance de los [[artículos 5|${ACHR}/art-5]], [[22.7|${ACHR}/art-22/7]] y [[22.8|${ACHR}/art-22/8]], en relación con el [[artículo 1.1 de la Convención Americana sobre Derechos Humanos|${ACHR}/art-1/1]]). Opinión Consultiva OC-25/18 de 30 de mayo de 2018. Serie A No. 25.` },
  { source: "Corte IDH, Opinión Consultiva OC-25/18 (2018), todolegislacion.blogspot.com/p/opinion-consultiva-oc-25-18-cidh.html", lang: "es",
    text: `(INTERPRETACIÓN Y ALCANCE DE LOS [[ARTÍCULOS 5|${ACHR}/art-5]], [[22.7|${ACHR}/art-22/7]] Y [[22.8|${ACHR}/art-22/8]], EN RELACIÓN CON EL [[ARTÍCULO 1.1 DE LA CONVENCIÓN AMERICANA SOBRE DERECHOS HUMANOS|${ACHR}/art-1/1]])` },
  { source: "Corte IDH, Opinión Consultiva OC-25/18 (2018), todolegislacion.blogspot.com/p/opinion-consultiva-oc-25-18-cidh.html", lang: "es",
    text: `de conformidad con el [[artículo 64.1 de la Convención Americana sobre Derechos Humanos|${ACHR}/art-64/1]] (en adelante “la Convención Americana” o “la Convención”) y con los artículos 70 a 75 del Reglamento de la Corte (en adelante “el Reglamento”), emite la siguiente Opinión Consultiva, que se estructura en el siguiente orden:` },
  { source: "Corte IDH, Opinión Consultiva OC-25/18 (2018), todolegislacion.blogspot.com/p/opinion-consultiva-oc-25-18-cidh.html", lang: "es",
    text: `IV.EL DERECHO A BUSCAR Y RECIBIR ASILO DE CONFORMIDAD CON LOS [[ARTÍCULOS 22.7DE LA CONVENCIÓN AMERICANA SOBRE DERECHOS HUMANOS|${ACHR}/art-22/7]] Y [[XXVII DE LA DECLARACIÓN AMERICANA DE LOS DERECHOS Y DEBERES DEL HOMBRE|${ADRDM}/art-27]]` },
  { source: "La protección de la institución del asilo en el sistema interamericano (summary of OC-25/18), fdocuments.es/document/la-proteccin-de-la-institucin-del-asilo-en-el-sistema-.html", lang: "es",
    text: `La opinión se originó a partir de la consulta realizada por el Estado de Ecuador sobre el reconocimiento del asilo en la [[Convención Ame- ricana sobre Derechos Humanos (CADH)|${ACHR}]]. Especialmente cuestionó si el asilo diplomático, interpretado en el contexto de la tradición latinoamericana, se en- contraba protegido por el [[artículo 22.7 de la Convención|${ACHR}/art-22/7]].` },
  { source: "La protección de la institución del asilo en el sistema interamericano (summary of OC-25/18), fdocuments.es/document/la-proteccin-de-la-institucin-del-asilo-en-el-sistema-.html", lang: "es",
    text: `Reflejo de esta situación es la incorporación del “derecho a buscar y recibir asilo” en el [[artículo XXVII de la Declaración Americana de los Derechos y Deberes del Hombre|${ADRDM}/art-27]] de 1948 y, años más tarde, en el [[artículo 22.7 de la Con- vención Americana|${ACHR}/art-22/7]].` },
  { source: "Revista Temas de Derecho Constitucional (Rama Judicial de Colombia), sidn.ramajudicial.gov.co/SIDN/DOCTRINA/TEXTOS_COMPLETOS/Revista%20Temas%20de%20Derecho%20Constitucional/HTML/53, quoting Corte IDH OC-21/14", lang: "es",
    text: `(…) los [[artículos 19|${ACHR}/art-19]], [[22.7|${ACHR}/art-22/7]] y [[22.8 de la Convención Americana|${ACHR}/art-22/8]], [[VII|${ADRDM}/art-7]] y [[XXVII de la Declaración Americana|${ADRDM}/art-27]], 22 de la Convención sobre los Derechos del Niño, así como la [[Convención de 1951|${RC}]], su [[Protocolo de 1967|${RP}]] y la definición regional de la [[Declaración de Cartagena|${CARTAGENA}]] , conforman el corpus iuris internacional para la protección de los derechos humanos de las niñas y los niños solicitantes de asilo y refugiados en el continente americano (…)` },
  { source: "Corte IDH, Caso Familia Pacheco Tineo vs. Bolivia, Resumen oficial (2013), es.slideshare.net/MalconPalacios/resumen-272-esp", lang: "es",
    text: `El 25 de noviembre de 2013 la Corte Interamericana de Derechos Humanos declaró que el Estado Plurinacional de Bolivia es responsable por la violación de los derechos de buscar y recibir asilo, principio de no devolución, a ser oído con las debidas garantías, a la protección judicial, a la integridad psíquica y moral, a la protección de los niños y de la familia, reconocidos en los [[artículos 22.7|${ACHR}/art-22/7]] y [[22.8|${ACHR}/art-22/8]], [[8|${ACHR}/art-8]], [[25|${ACHR}/art-25]], [[5.1|${ACHR}/art-5/1]], [[19|${ACHR}/art-19]] y [[17 de la Convención Americana sobre Derechos Humanos|${ACHR}/art-17]], en perjuicio de los miembros de la familia Pacheco Tineo.` },
  { source: "Corte IDH, Caso Familia Pacheco Tineo vs. Bolivia, Sentencia de 25 de noviembre de 2013, catalogoderechoshumanos.com/sentencia-272-cidh/", lang: "es",
    text: `de conformidad con los [[artículos 62.3|${ACHR}/art-62/3]] y [[63.1 de la Convención Americana sobre Derechos Humanos|${ACHR}/art-63/1]] (en adelante “la Convención” o “la Convención Americana”) y con los artículos 31, 32, 56, 57, 65 y 67 del Reglamento de la Corte (en adelante “el Reglamento”), dicta la presente Sentencia que se estructura en el siguiente orden:` },
  { source: "Escrito de solicitudes, argumentos y pruebas, Caso N° 12.474 Familia Pacheco Tineo vs. Bolivia, studylib.es/doc/5722660", lang: "es",
    text: `IV.B1. Artículo 22.7 Derecho de Buscar y recibir Asilo .............................................................. 25 IV.B2. Artículo 22.8 (Derecho de Circulación y de Residencia) Prohibición de Devolución` },
  { source: "ACNUR, Análisis de la Sentencia Familia Pacheco Tineo v. Bolivia y contribuciones del ACNUR, studylib.es/doc/5640253", lang: "es",
    text: `4. La Corte declara al Estado de Bolivia responsable por la violaciones del derecho a la integridad física, psíquica y moral ([[artículo 5.1|${ACHR}/art-5/1]]), derecho a las garantías judiciales ([[artículo 8|${ACHR}/art-8]]), derecho a la protección de la familia y los derechos de las niñas y los niños ([[artículos 17|${ACHR}/art-17]] y [[19|${ACHR}/art-19]]), derecho a buscar y recibir asilo ([[artículo 22.7|${ACHR}/art-22/7]]), del principio de no devolución ([[artículo 22.8|${ACHR}/art-22/8]]) y al derecho a la protección judicial ([[artículo 25|${ACHR}/art-25]]) de la Convención Americana sobre Derechos Humanos.` },
  { source: "Oficio template of the Fiscalía General del Estado de Veracruz (FGE/FIM/FEADPD), held in a public GitHub file (search index file id 24504404397)", lang: "es",
    text: `El Protocolo Homologado para la Búsqueda de Personas Desaparecidas y la Investigación del Delito de Desaparición Forzada; los acuerdos 025/2011, 01/2013, 023/2013, emitidos por el Procurador General de Justicia del Estado; acuerdo General número 07/2017 signado por el Fiscal General del Estado de Veracruz; [[I|${ADRDM}/art-1]], [[II|${ADRDM}/art-2]], [[V|${ADRDM}/art-5]], [[VI|${ADRDM}/art-6]] y [[XVII, de la Declaración Americana de los Derechos y Deberes del Hombre|${ADRDM}/art-17]]; [[1|${UDHR}/art-1]], [[2|${UDHR}/art-2]], [[3|${UDHR}/art-3]], [[7|${UDHR}/art-7]] y [[8 de la Declaración Universal de Derechos Humanos|${UDHR}/art-8]]; [[1|${ICCPR}/art-1]], [[3|${ICCPR}/art-3]], [[6 numero 1|${ICCPR}/art-6/1]]; [[9 numero 1|${ICCPR}/art-9/1]]; [[27|${ICCPR}/art-27]] y [[26 del Pacto Internacional de Derechos Civiles y Políticos|${ICCPR}/art-26]]; 3 y 5 del Pacto Internacional de Derechos Económicos, Sociales y Culturales; [[8|${ACHR}/art-8]], [[27 núm. 1|${ACHR}/art-27/1]], [[9|${ACHR}/art-9]], [[24|${ACHR}/art-24]] y [[25 de la Convención Americana sobre Derechos Humanos, “Pacto San José”|${ACHR}/art-25]];` },
];

export interface Label {
  text: string;
  at: number;
  key: string;
}

/// The passage's plain text and its labels, offsets into that text.
export function labelled(p: Passage): { text: string; expected: Label[] } {
  const expected: Label[] = [];
  let text = "";
  let last = 0;
  for (const m of p.text.matchAll(/\[\[([^|\]]+)\|([^\]]+)\]\]/g)) {
    text += p.text.slice(last, m.index);
    expected.push({ text: m[1]!, at: text.length, key: m[2]! });
    text += m[1]!;
    last = m.index + m[0].length;
  }
  return { text: text + p.text.slice(last), expected };
}
