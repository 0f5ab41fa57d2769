/// One row of the INA ↔ 8 U.S.C. crosswalk: INA section `ina` is codified
/// at 8 U.S.C. § `usc`; sub-levels carry over unchanged. `mark` is
/// `verified` for pairs seen in primary text, `concordance` for rows taken
/// from a third-party concordance (to regenerate from OLRC source credits).
export interface CrosswalkRow {
  ina: string;
  usc: string;
  heading: string;
  mark: "verified" | "concordance";
}

const v = "verified" as const;
const c = "concordance" as const;

/// The INA ↔ 8 U.S.C. rows relevant to immigration practice, from
/// LEGAL-SOURCES.md §1 (USCIS table; OLRC source credits). A stand-in until
/// `@glossa/citations` exports its own crosswalk.
export const INA_USC_CROSSWALK: readonly CrosswalkRow[] = [
  { ina: "101", usc: "1101", heading: "Definitions", mark: v },
  { ina: "102", usc: "1102", heading: "Diplomatic and semidiplomatic immunities", mark: c },
  {
    ina: "103",
    usc: "1103",
    heading: "Powers and duties of the Secretary, Under Secretary, Attorney General",
    mark: c,
  },
  { ina: "104", usc: "1104", heading: "Powers and duties of Secretary of State", mark: c },
  { ina: "105", usc: "1105", heading: "Liaison with internal security officers", mark: c },
  {
    ina: "106",
    usc: "1105a",
    heading: "Employment authorization for battered spouses of certain nonimmigrants",
    mark: c,
  },
  { ina: "201", usc: "1151", heading: "Worldwide level of immigration", mark: c },
  {
    ina: "202",
    usc: "1152",
    heading: "Numerical limitations on individual foreign states",
    mark: c,
  },
  { ina: "203", usc: "1153", heading: "Allocation of immigrant visas", mark: c },
  { ina: "204", usc: "1154", heading: "Procedure for granting immigrant status", mark: c },
  { ina: "207", usc: "1157", heading: "Annual admission of refugees", mark: c },
  { ina: "208", usc: "1158", heading: "Asylum", mark: c },
  { ina: "209", usc: "1159", heading: "Adjustment of status of refugees", mark: c },
  { ina: "211", usc: "1181", heading: "Admission of immigrants", mark: c },
  { ina: "212", usc: "1182", heading: "Inadmissible aliens", mark: c },
  { ina: "213", usc: "1183", heading: "Bond", mark: c },
  { ina: "213A", usc: "1183a", heading: "Affidavit of support", mark: c },
  { ina: "214", usc: "1184", heading: "Admission of nonimmigrants", mark: c },
  { ina: "215", usc: "1185", heading: "Travel control of citizens and aliens", mark: c },
  { ina: "216", usc: "1186a", heading: "Conditional permanent residence (spouses)", mark: c },
  {
    ina: "216A",
    usc: "1186b",
    heading: "Conditional permanent residence (entrepreneurs)",
    mark: c,
  },
  { ina: "217", usc: "1187", heading: "Visa waiver program", mark: c },
  { ina: "219", usc: "1189", heading: "Designation of foreign terrorist organizations", mark: c },
  { ina: "221", usc: "1201", heading: "Issuance of visas", mark: c },
  { ina: "222", usc: "1202", heading: "Application for visas", mark: c },
  { ina: "224", usc: "1204", heading: "Immediate relative and special immigrant visas", mark: v },
  { ina: "231", usc: "1221", heading: "Lists of passengers arriving and departing", mark: c },
  { ina: "232", usc: "1222", heading: "Detention for physical and mental examination", mark: c },
  {
    ina: "233",
    usc: "1223",
    heading: "Entry through or from foreign territory and adjacent islands",
    mark: v,
  },
  { ina: "234", usc: "1224", heading: "Designation of ports of entry for aircraft", mark: v },
  {
    ina: "235",
    usc: "1225",
    heading:
      "Inspection by immigration officers; expedited removal of inadmissible arriving aliens; referral for hearing",
    mark: v,
  },
  { ina: "235A", usc: "1225a", heading: "Preinspection at foreign airports", mark: c },
  { ina: "236", usc: "1226", heading: "Apprehension and detention", mark: c },
  { ina: "236A", usc: "1226a", heading: "Mandatory detention of suspected terrorists", mark: c },
  { ina: "237", usc: "1227", heading: "Deportable aliens", mark: c },
  { ina: "238", usc: "1228", heading: "Expedited removal of aggravated felons", mark: c },
  { ina: "239", usc: "1229", heading: "Initiation of removal proceedings", mark: c },
  { ina: "240", usc: "1229a", heading: "Removal proceedings", mark: v },
  { ina: "240A", usc: "1229b", heading: "Cancellation of removal", mark: c },
  { ina: "240B", usc: "1229c", heading: "Voluntary departure", mark: c },
  { ina: "240C", usc: "1230", heading: "Records of admission", mark: c },
  { ina: "241", usc: "1231", heading: "Detention and removal of aliens ordered removed", mark: c },
  { ina: "242", usc: "1252", heading: "Judicial review of orders of removal", mark: c },
  { ina: "243", usc: "1253", heading: "Penalties related to removal", mark: c },
  { ina: "244", usc: "1254a", heading: "Temporary protected status", mark: c },
  { ina: "245", usc: "1255", heading: "Adjustment of status", mark: c },
  { ina: "245A", usc: "1255a", heading: "Adjustment of status (legalization)", mark: c },
  { ina: "246", usc: "1256", heading: "Rescission of adjustment of status", mark: c },
  { ina: "248", usc: "1258", heading: "Change of nonimmigrant classification", mark: c },
  { ina: "249", usc: "1259", heading: "Registry", mark: c },
  { ina: "274", usc: "1324", heading: "Harboring", mark: c },
  { ina: "274A", usc: "1324a", heading: "Unlawful employment", mark: c },
  { ina: "275", usc: "1325", heading: "Improper entry", mark: c },
  { ina: "276", usc: "1326", heading: "Reentry of removed aliens", mark: c },
  { ina: "287", usc: "1357", heading: "Powers of immigration officers", mark: c },
  { ina: "291", usc: "1361", heading: "Burden of proof upon alien", mark: c },
  { ina: "292", usc: "1362", heading: "Right to counsel", mark: c },
  { ina: "301", usc: "1401", heading: "Nationals and citizens at birth", mark: c },
  { ina: "316", usc: "1427", heading: "Requirements of naturalization", mark: c },
  {
    ina: "320",
    usc: "1431",
    heading: "Children born outside the United States (automatic citizenship)",
    mark: c,
  },
  { ina: "329A", usc: "1440-1", heading: "Posthumous citizenship", mark: c },
  { ina: "337", usc: "1448", heading: "Oath of renunciation and allegiance", mark: c },
  { ina: "340", usc: "1451", heading: "Revocation of naturalization", mark: c },
  { ina: "349", usc: "1481", heading: "Loss of nationality", mark: c },
];
