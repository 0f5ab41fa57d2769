/// INA ↔ 8 U.S.C. section concordance (Titles I–V of the Immigration and
/// Nationality Act, act June 27, 1952, ch. 477, 66 Stat. 163). Sub-levels
/// carry over unchanged: INA § 235(b)(2)(C) is 8 U.S.C. § 1225(b)(2)(C).
///
/// Provenance: written from the USCIS INA/U.S.C. table and the OLRC source
/// credits as remembered by the author; the pairs 101↔1101, 224↔1204,
/// 233↔1223, 234↔1224, 235↔1225 and 240↔1229a are checked against primary
/// text (see docs/legal-sources.md §1). Regenerate from the Title 8 USLM
/// `<sourceCredit>` elements before relying on an unusual row.
// biome-ignore format: compact table
const PAIRS: ReadonlyArray<readonly [ina: string, usc: string]> = [
  // Title I — general
  ["101", "1101"], ["102", "1102"], ["103", "1103"], ["104", "1104"], ["105", "1105"],
  ["106", "1105a"],
  // Title II, ch. 1 — quota system / selection
  ["201", "1151"], ["202", "1152"], ["203", "1153"], ["204", "1154"], ["205", "1155"],
  ["206", "1156"], ["207", "1157"], ["208", "1158"], ["209", "1159"], ["210", "1160"],
  // ch. 2 — qualifications for admission
  ["211", "1181"], ["212", "1182"], ["213", "1183"], ["213A", "1183a"], ["214", "1184"],
  ["215", "1185"], ["216", "1186a"], ["216A", "1186b"], ["217", "1187"], ["218", "1188"],
  ["219", "1189"],
  // ch. 3 — visas
  ["221", "1201"], ["222", "1202"], ["223", "1203"], ["224", "1204"],
  // ch. 4 — inspection, apprehension, examination, exclusion, removal
  ["231", "1221"], ["232", "1222"], ["233", "1223"], ["234", "1224"], ["235", "1225"],
  ["235A", "1225a"], ["236", "1226"], ["236A", "1226a"], ["237", "1227"], ["238", "1228"],
  ["239", "1229"], ["240", "1229a"], ["240A", "1229b"], ["240B", "1229c"], ["240C", "1230"],
  ["241", "1231"], ["242", "1252"], ["243", "1253"], ["244", "1254a"],
  // ch. 5 — adjustment and change of status
  ["245", "1255"], ["245A", "1255a"], ["246", "1256"], ["247", "1257"], ["248", "1258"],
  ["249", "1259"], ["250", "1260"],
  // ch. 6 — alien crewmen
  ["251", "1281"], ["252", "1282"], ["253", "1283"], ["254", "1284"], ["255", "1285"],
  ["256", "1286"], ["257", "1287"], ["258", "1288"],
  // ch. 7 — registration
  ["261", "1301"], ["262", "1302"], ["263", "1303"], ["264", "1304"], ["265", "1305"],
  ["266", "1306"],
  // ch. 8 — general penalty provisions
  ["271", "1321"], ["272", "1322"], ["273", "1323"], ["274", "1324"], ["274A", "1324a"],
  ["274B", "1324b"], ["274C", "1324c"], ["274D", "1324d"], ["275", "1325"], ["276", "1326"],
  ["277", "1327"], ["278", "1328"], ["279", "1329"], ["280", "1330"],
  // ch. 9 — miscellaneous
  ["281", "1351"], ["282", "1352"], ["283", "1353"], ["284", "1354"], ["285", "1355"],
  ["286", "1356"], ["287", "1357"], ["288", "1358"], ["289", "1359"], ["290", "1360"],
  ["291", "1361"], ["292", "1362"], ["293", "1363"], ["294", "1363a"],
  // Title III — nationality and naturalization
  ["301", "1401"], ["302", "1402"], ["303", "1403"], ["304", "1404"], ["305", "1405"],
  ["306", "1406"], ["307", "1407"], ["308", "1408"], ["309", "1409"], ["310", "1421"],
  ["311", "1422"], ["312", "1423"], ["313", "1424"], ["314", "1425"], ["315", "1426"],
  ["316", "1427"], ["317", "1428"], ["318", "1429"], ["319", "1430"], ["320", "1431"],
  ["322", "1433"], ["324", "1435"], ["325", "1436"], ["326", "1437"], ["327", "1438"],
  ["328", "1439"], ["329", "1440"], ["329A", "1440-1"], ["330", "1441"], ["331", "1442"],
  ["332", "1443"], ["333", "1444"], ["334", "1445"], ["335", "1446"], ["336", "1447"],
  ["337", "1448"], ["338", "1449"], ["339", "1450"], ["340", "1451"], ["341", "1452"],
  ["342", "1453"], ["343", "1454"], ["344", "1455"], ["346", "1457"], ["347", "1458"],
  ["349", "1481"], ["351", "1483"], ["356", "1488"], ["357", "1489"], ["358", "1501"],
  ["359", "1502"], ["360", "1503"], ["361", "1504"],
  // Title IV, ch. 2 — refugee assistance
  ["411", "1521"], ["412", "1522"], ["413", "1523"], ["414", "1524"],
  // Title V — alien terrorist removal procedures
  ["501", "1531"], ["502", "1532"], ["503", "1533"], ["504", "1534"], ["505", "1535"],
  ["506", "1536"], ["507", "1537"],
];

/// INA section number → 8 U.S.C. section number (`"235"` → `"1225"`).
export const inaToUsc: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(PAIRS.map(([ina, usc]) => [ina, usc])),
);

/// 8 U.S.C. section number → INA section number (`"1229a"` → `"240"`).
export const uscToIna: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(PAIRS.map(([ina, usc]) => [usc, ina])),
);

/// An INA provision that IIRIRA (Pub. L. No. 104-208, div. C) renumbered: what
/// its old number, and the old 8 U.S.C. section, meant until `until`, and
/// where that provision is now. Checked in docs/legal-sources.md §1a.
export interface Renumbering {
  /// The old INA section and the levels below it that the row covers (`["243", "h"]`).
  ina: readonly string[];
  /// The old 8 U.S.C. section and levels (`["1253", "h"]`).
  usc: readonly string[];
  /// First day of the new numbering (ISO date).
  until: string;
  /// What the old provision was.
  meaning: string;
  /// Key of the provision that holds it now.
  now: string;
  /// The enactment that moved it.
  by: string;
  /// The provision was moved whole, levels and all: the levels cited below the
  /// row's are appended to `now` (old § 241(a)(2) is § 237(a)(2)).
  carry?: boolean;
  /// Whether a case's year near the cite may date it. Not for numbers that
  /// today's texts cite constantly beside old cases (§ 241(b)(3) beside
  /// Stevic, 1984): only the cite's own year or the document's date then.
  byContext?: false;
}

const IIRIRA_EFFECTIVE = "1997-04-01";

/// Most specific rows first: `244(e)` before `244`.
export const RENUMBERED: readonly Renumbering[] = [
  {
    ina: ["241"],
    usc: ["1251"],
    until: IIRIRA_EFFECTIVE,
    meaning: "deportable aliens (general classes of deportable aliens)",
    now: "ina/237",
    by: "IIRIRA § 305(a)(2)",
    carry: true,
    byContext: false,
  },
  {
    ina: ["242", "a"],
    usc: ["1252", "a"],
    until: IIRIRA_EFFECTIVE,
    meaning: "arrest and custody of aliens pending deportation",
    now: "ina/236",
    by: "IIRIRA §§ 303(a), 306(a)",
    byContext: false,
  },
  {
    ina: ["242", "b"],
    usc: ["1252", "b"],
    until: IIRIRA_EFFECTIVE,
    meaning: "deportation proceedings",
    now: "ina/240",
    by: "IIRIRA §§ 304(a)(3), 306(a)",
    byContext: false,
  },
  {
    ina: ["242"],
    usc: ["1252"],
    until: IIRIRA_EFFECTIVE,
    meaning: "apprehension and deportation of aliens",
    now: "ina/240",
    by: "IIRIRA §§ 304(a)(3), 306(a)",
    byContext: false,
  },
  {
    ina: ["243", "h"],
    usc: ["1253", "h"],
    until: IIRIRA_EFFECTIVE,
    meaning: "withholding of deportation",
    now: "ina/241/b/3",
    by: "IIRIRA §§ 305(a)(3), 307(a)",
  },
  {
    ina: ["244", "e"],
    usc: ["1254", "e"],
    until: IIRIRA_EFFECTIVE,
    meaning: "voluntary departure",
    now: "ina/240B",
    by: "IIRIRA §§ 304(a)(3), 308(b)(7)",
  },
  {
    ina: ["244"],
    usc: ["1254"],
    until: IIRIRA_EFFECTIVE,
    meaning: "suspension of deportation",
    now: "ina/240A",
    by: "IIRIRA §§ 304(a)(3), 308(b)(7)",
  },
  {
    ina: ["106"],
    usc: ["1105a"],
    until: IIRIRA_EFFECTIVE,
    meaning: "judicial review of orders of deportation and exclusion",
    now: "ina/242",
    by: "IIRIRA § 306(a)–(b)",
  },
];
