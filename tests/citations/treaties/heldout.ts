/// Held-out batch for the treaty corpus (issue 13, seventh pass): real passages from
/// documents not used by passages.ts, labelled by hand under the same rules
/// (tests/citations/corpus/SOURCES.md, "International instruments") and committed
/// before the engine was run on them. Text kept as read (typos, capitals, page
/// headers); whitespace runs are one space.
import type { Passage } from "./passages.ts";

const RC = "treaty/refugee-convention-1951";
const RP = "treaty/refugee-protocol-1967";
const CAT = "treaty/cat-1984";
const ACHR = "treaty/achr-1969";
const ADRDM = "softlaw/american-declaration-1948";
const CARTAGENA = "softlaw/cartagena-declaration-1984";
const EX = "unhcr-excom";

// biome-ignore format: one passage per entry, as read
export const heldOut: Passage[] = [
  // ── Spanish ─────────────────────────────────────────────────────────
  { source: "CIDH, Informe sobre Terrorismo y Derechos Humanos (2002), párrs. 384–385, cidh.org/Terrorism/Span/r.htm", lang: "es",
    text: `Los instrumentos de derechos humanos establecen ciertas garantías a este respecto, para las personas que buscan asilo: [[Declaración Americana Artículo XXVII|${ADRDM}/art-27]]. Toda persona tiene el derecho de buscar y recibir asilo en territorio extranjero, en caso de persecución que no sea motivada por delitos de derecho común y de acuerdo con la legislación de cada país y con los convenios internacionales. [[Convención Americana Artículo 22(7)|${ACHR}/art-22/7]]. Toda persona tiene el derecho de buscar y recibir asilo en territorio exctranjero en caso de persecución por delitos políticos o comunes conexos con los políticos y de acuerdo con la legislación de cada Estado y los convenios internacionales.` },
  { source: "CIDH, Informe sobre Terrorismo y Derechos Humanos (2002), párr. 385, cidh.org/Terrorism/Span/r.htm", lang: "es",
    text: `385. Estas garantías reflejan en particular las prescritas en la [[Convención relativa al Estatuto de Refugiado|${RC}]],[881] que ha sido ratificada por la mayoría de los Estados miembros de la OEA,[882] y que ha sido complementada por el [[Protocolo de 1967 relativo al Estatuto de Refugiado|${RP}]].[883] Estos tratados han sido considerados por la Comisión al interpretar y aplicar las disposiciones correspondientes de los instrumentos interamericanos de derechos humanos.[884] La [[Convención de los refugiados de 1951|${RC}]] y` },
  { source: "P. Rodríguez Oconitrillo (ACNUR), Buena práctica 5: Derecho de buscar y recibir asilo, studylib.es/doc/7763978", lang: "es",
    text: `La declaración adoptada el 13 de diciembre 2001 (Ginebra, Reunión Ministerial de los Estados Parte de la [[Convención de 1951|${RC}]] o el [[Protocolo de 1967|${RP}]]) reconoce que la [[Convención de 1951|${RC}]] “establece derechos”, incluyendo derechos humanos.` },
  { source: "P. Rodríguez Oconitrillo (ACNUR), Buena práctica 5: Derecho de buscar y recibir asilo, studylib.es/doc/7763978", lang: "es",
    text: `Se pronuncia la Corte Interamericana de Derechos Humanos, caso Pacheco Tineo contra Bolivia: “El derecho de buscar y recibir asilo establecido en el [[artículo 22.7 de la Convención Americana|${ACHR}/art-22/7]], leído en conjunto con los [[artículos 8|${ACHR}/art-8]] y [[25 de la misma|${ACHR}/art-25]], garantiza que la persona solicitante de estatuto de refugiado sea oída por el Estado al que se solicita, con las debidas garantías mediante el procedimiento respectivo”.` },
  { source: "P. Rodríguez Oconitrillo (ACNUR), Apuntes sobre el procedimiento para determinar la condición de refugiado, pdfslide.tips", lang: "es",
    text: `Aspiran a interesar a los lectores en los criterios de interpretación que figuran en la Convención de Viena sobre el derecho de los Tratados y a mostrar algunas formas de leer la [[Convención sobre el Estatuto de los Refugiados|${RC}]] (en adelante, Convención de 1951) de manera que se destaquen los derechos subjetivos de los refugiados.` },
  { source: "P. Rodríguez Oconitrillo (ACNUR), Apuntes sobre el procedimiento para determinar la condición de refugiado, pdfslide.tips", lang: "es",
    text: `Nos ocuparemos luego de la declaración de estados parte de la [[Convención de 1951|${RC}]] y el [[Protocolo de 1957|${RP}]], que unánimemente llaman en 2001 a la adopción de normas de` },
  { source: "K. M. Somohano Silva, El derecho internacional de los refugiados: alcance y evolución, UNAM (derecho.unam.mx), fdocuments.ec", lang: "es",
    text: `SUMARIO: I. Antecedentes, II. Surgimiento del Derecho Internacional de los Refu- giados. III. [[Convención sobre el estatuto de los refugiados de 1951|${RC}]], a) Cláusulas de Inclusión, b) Cláusulas de Cesación, c) Cláusulas de exclusión. IV. Principios rectores del estatuto de refugiado, a) Principio de no devolución (Non-Refoulement), b) Principio de no discriminación, c) Principio de la Unidad Familiar, d) Otros principios. V. [[Declaración de cartagena sobre refugiados|${CARTAGENA}]]. VI. Marco jurídico de los refugiados en México, Ley General de Población, Adhesión de México a la [[Convención sobre el Estatuto de los Refugiados de 1951|${RC}]] y su [[Protocolo de 1967|${RP}]], VII. Consideraciones finales.` },
  { source: "ACNUDH, Folleto Informativo No. 20, Los Derechos Humanos y los Refugiados, kipdf.com", lang: "es",
    text: `Conclusiones Anexos: I [[Convención de 1951 sobre el Estatuto de los Refugiados|${RC}]] II [[Protocolo de 1967 sobre el Estatuto de los Refugiados|${RP}]]` },
  { source: "J. C. Murillo González (ACNUR), El sistema interamericano de protección de derechos humanos y su relevancia para la protección de refugiados, fdocuments.es", lang: "es",
    text: `JUAN CARLOS MURILLO GONZÁLEZ ... del [[artículo 22.7 de la Convención Americana sobre Derechos Humanos|${ACHR}/art-22/7]] respecto del derecho de solicitar` },
  // ── English ─────────────────────────────────────────────────────────
  { source: "T. K. Cornelius, essay on non-refoulement (PSA 414), studylib.net/doc/25184272", lang: "en",
    text: `Third , the benefit of the convention is to be denied to any person suspected of committing a crime against peace, a war crime, or a crime against humanity, a serious nonpolitical crime outside the country of refuge, or acts contrary to the purposes and principle of the United Nations ( [[Articles 33 (2)|${RC}/art-33/2]] and [[1 (F) of the 1951 Convention|${RC}/art-1/F]]). At universal level the most important provision in this respect is the above mentioned [[Article 33 (1) of the 1951 Convention relating to the Status of Refugees|${RC}/art-33/1]] (1951 Convention), which states that:` },
  { source: "T. K. Cornelius, essay on non-refoulement (PSA 414), studylib.net/doc/25184272", lang: "en",
    text: `This provision constitutes one of the basic Articles of the [[1951 Convention|${RC}]], to which no reservations are permitted. It is also an obligation under the [[1967 Protocol|${RP}]] by virtue of [[Article I (1) of that instrument|${RP}/art-1/1]]. Unlike some provisions of the Convention, its application is not dependent on the lawful residence of a refugee in the territory of` },
  { source: "T. K. Cornelius, essay on non-refoulement (PSA 414), studylib.net/doc/25184272", lang: "en",
    text: `The principle of non-refoulement as contained in the [[1951 Convention|${RC}]] is not an unqualified principle. There are three exceptions to it .` },
  { source: "D. Weissbrodt & I. Hortreiter, The Principle of Non-Refoulement, 5 Buff. Hum. Rts. L. Rev. 1 (1999), docslib.org/doc/7300509", lang: "en",
    text: `Recommended Citation David Weissbrodt and Isabel Hortreiter, The Principle of Non-Refoulement: [[Article 3 of the Convention Against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment|${CAT}/art-3]] in Comparison with the Non-Refoulement Provisions of Other International Human Rights Treaties, 5 BUFF. HUM. RTS. L. REV. 1 (1999)` },
  { source: "M. Ammer & A. Schuechner, Art. 3, in Nowak, Birk & Monina (eds.), The United Nations Convention Against Torture and its Optional Protocol: A Commentary (2nd ed., OUP 2019), opil.ouplaw.com", lang: "en",
    text: `The prohibition of refoulement in [[Article 3 CAT|${CAT}/art-3]] codifies an important principle of general international law and a norm of customary international law.` },
  { source: "M. Ammer & A. Schuechner, Art. 3, in Nowak, Birk & Monina (eds.), The United Nations Convention Against Torture and its Optional Protocol: A Commentary (2nd ed., OUP 2019), opil.ouplaw.com", lang: "en",
    text: `From: [[The United Nations Convention Against Torture|${CAT}]] and its Optional Protocol: A Commentary (2nd Edition)` },
  { source: "UNHCR, Conclusions adopted by the Executive Committee on the International Protection of Refugees 1975–2009, table of contents, yumpu.com/en/document/view/6718004", lang: "en",
    text: `Table of Contents 1. [[No. 1 (XXVI)|${EX}/1]] Establishment of the Sub-Committee and General (1975)....1 2. [[No. 2 (XXVII)|${EX}/2]] Functioning of the Sub-Committee and General (1976)....3 3. [[No. 3 (XXVIII)|${EX}/3]] General (1977) ....4 4. [[No. 4 (XXVIII)|${EX}/4]] International Instruments (1977)....5 5. [[No. 5 (XXVI)|${EX}/5]] Asylum (1977)....6 6. [[No. 6 (XXVIII)|${EX}/6]] Non-Refoulement (1977) ....7 7. [[No. 7 (XXVIII)|${EX}/7]] Expulsion (1977)....` },
  { source: "UNHCR, Conclusions adopted by the Executive Committee 1975–2009, p. 22, yumpu.com/en/document/view/6718004/conclusions-adopted-by-the-executive-unhcr/22", lang: "en",
    text: `The Executive Committee, 1979 (Executive Committee—30 th Session) [[No. 15 (XXX)|${EX}/15]] REFUGEES WITHOUT AN ASYLUM COUNTRY ∗ (1979) Considered that States should be guided by the following considerations:` },
  { source: "UNHCR, General Conclusion on International Protection No. 3 (XXVIII) (1977), unhcr.org/asia/node/1022", lang: "en",
    text: `Executive Committee Meetings General Conclusion on International Protection [[No. 3 (XXVIII)|${EX}/3]] - 1977 12 October 1977 Executive Committee 28th session. Contained in United Nations General Assembly Document No. 12A (A/32/12/Add.1).` },
  { source: "UNHCR, ExCom Conclusion No. 5 (XXVIII) (1977), unhcr.org/us/publications/asylum", lang: "en",
    text: `Executive Committee Meetings [[No. 5 (XXVIII)|${EX}/5]] - 1977 12 October 1977 Executive Committee 28th session.` },
  { source: "UNHCR, ExCom Conclusion No. 1 (XXVI) (1975), refworld.org/policy/exconc/excom/1975/en/6537", lang: "en",
    text: `[[Conclusion No.1 (XXVI)|${EX}/1]]: Establishment Of The Sub-Committee And General Conclusion on International Protection - Adopted by the Executive Committee (1975) The Executive Committee, (a) Expressed appreciation to the High Commissioner for the way he was discharging his duties` },
  { source: "UNHCR, ExCom Conclusion No. 1 (XXVI) (1975), para. (b), refworld.org/policy/exconc/excom/1975/en/6537", lang: "en",
    text: `(b) Fully endorsed the proposal that at an appeal be made urging States Members of the United Nations and non-member States to conform fully with the humanitarian principles governing the protection of refugees and, in particular, to abide by the provisions of the [[1951 Convention relating to the Status of Refugees|${RC}]] and of its [[1967 Protocol|${RP}]] and scrupulously to observe the principle whereby no refugee should be forcibly returned to a country where he fears persecution;` },
];
