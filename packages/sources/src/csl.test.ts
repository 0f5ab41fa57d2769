import { describe, expect, it } from "vitest";
import { authoritiesToCsl, BUILTIN_AUTHORITIES, Catalog, fromCsl, toCsl } from "./index.ts";

describe("CSL-JSON export", () => {
  const byKey = (k: string) => BUILTIN_AUTHORITIES.find((a) => a.key === k)!;

  it("maps cases, statutes, regulations and treaties onto Zotero's types and fields", () => {
    expect(toCsl(byKey("case/597/U.S./785"))).toMatchObject({
      id: "case/597/U.S./785",
      type: "legal_case",
      title: "Biden v. Texas",
      "container-title": "U.S.",
      volume: "597",
      page: "785",
      authority: "U.S.",
      issued: { "date-parts": [[2022, 6, 30]] },
    });
    expect(toCsl(byKey("usc/8/1225"))).toMatchObject({
      type: "legislation",
      "container-title": "U.S.C.",
      volume: "8",
      section: "§ 1225",
    });
    expect(toCsl(byKey("cfr/8/208.16"))).toMatchObject({
      type: "regulation",
      "container-title": "C.F.R.",
      volume: "8",
      section: "§ 208.16",
    });
    expect(toCsl(byKey("treaty/refugee-convention-1951/art-33"))).toMatchObject({
      type: "treaty",
      section: "art. 33",
      "container-title": "U.N.T.S.",
      volume: "189",
      page: "150",
      issued: { "date-parts": [[1951, 7, 28]] },
    });
    expect(toCsl(byKey("pl/104/208"))).toMatchObject({
      number: "Pub. L. No. 104-208",
      "container-title": "Stat.",
      volume: "110",
      page: "3009-546",
    });
  });

  it("round-trips every built-in authority's record (texts are not exported)", () => {
    const csl = JSON.parse(JSON.stringify(authoritiesToCsl(BUILTIN_AUTHORITIES)));
    const { items, errors } = fromCsl(csl);
    expect(errors).toEqual([]);
    expect(items).toHaveLength(BUILTIN_AUTHORITIES.length);
    items.forEach(({ authority: back }, i) => {
      const a = BUILTIN_AUTHORITIES[i]!;
      expect(back.key).toBe(a.key);
      expect(back.kind).toBe(a.kind);
      expect(back.title).toBe(a.title);
      expect(back.canonical).toBe(a.canonical);
      expect(back.jurisdiction).toBe(a.jurisdiction);
      expect(back.date).toBe(a.date);
      expect(back.caseName).toBe(a.caseName);
      expect(back.summary).toBe(a.summary);
      expect(back.urls?.[0]?.url).toBe((a.urls.find((u) => u.official) ?? a.urls[0])?.url);
    });
  });
});

describe("CSL-JSON import", () => {
  // As Zotero exports them: no Glossa note, Zotero's own field choices.
  const zotero = [
    {
      id: "http://zotero.org/users/1/items/AB12",
      type: "legal_case",
      title: "Innovation Law Lab v. Wolf",
      authority: "9th Cir.",
      "container-title": "F.3d",
      volume: "951",
      page: "1073",
      issued: { "date-parts": [["2020", "2", "28"]] },
    },
    {
      id: "x1",
      type: "report",
      title: "Delivered to Danger",
      publisher: "Human Rights First",
      issued: { "date-parts": [[2019]] },
      URL: "https://www.humanrightsfirst.org/",
    },
    {
      id: "x2",
      type: "legislation",
      title: "Deferred removal",
      "container-title": "U.S.C.",
      volume: 8,
      section: "1254a",
    },
    { id: "bad1", type: "legal_case" },
    "not an item",
    { id: "bad2", type: "report", title: "Bad URL", URL: "javascript:alert(1)" },
    { id: "bad3", type: "report", title: "Bad date", issued: { "date-parts": [["soon"]] } },
    {
      id: "x3",
      type: "document",
      genre: "exhibit",
      title: "Declaration of A.M.",
      issued: { raw: "2019-01-30" },
    },
  ];

  it("keeps good items, reports bad ones by index, and derives keys with the citation engine", () => {
    const { items, errors } = fromCsl(zotero);
    expect(items.map((i) => [i.index, i.authority.key, i.authority.kind])).toEqual([
      [0, "case/951/F.3d/1073", "case"],
      [1, "local/report/delivered-to-danger", "report"],
      [2, "usc/8/1254a", "statute"],
      [7, "local/exhibit/declaration-of-a-m", "exhibit"],
    ]);
    expect(items[0]!.authority).toMatchObject({
      caseName: "Innovation Law Lab v. Wolf",
      court: "9th Cir.",
      date: "2020-02-28",
      canonical: "Innovation Law Lab v. Wolf, 951 F.3d 1073 (9th Cir. 2020)",
    });
    expect(items[2]!.authority.canonical).toBe("8 U.S.C. § 1254a");
    expect(errors.map((e) => [e.index, e.id, e.message])).toEqual([
      [3, "bad1", "Item has no title."],
      [4, undefined, "Item is not an object."],
      [5, "bad2", "Item is not a valid authority: urls[0].url must be an absolute http(s) URL."],
      [6, "bad3", "Item has an unreadable issued date."],
    ]);
  });

  it("rejects input that is not an array, and reads JSON text", () => {
    expect(fromCsl({ type: "book" }).errors).toEqual([
      { index: -1, message: "CSL-JSON must be an array of items." },
    ]);
    expect(fromCsl("{oops").errors[0]?.index).toBe(-1);
    expect(fromCsl(JSON.stringify(zotero.slice(1, 2))).items).toHaveLength(1);
  });

  it("adds imported items to a catalog and reports keys already taken", () => {
    const catalog = new Catalog();
    const { added, errors } = catalog.importCsl(zotero);
    // 951 F.3d 1073 is built in: a conflict, reported with its index.
    expect(added.map((a) => a.key)).toEqual([
      "local/report/delivered-to-danger",
      "usc/8/1254a",
      "local/exhibit/declaration-of-a-m",
    ]);
    expect(errors.map((e) => e.index)).toEqual([0, 3, 4, 5, 6]);
    expect(errors[0]!.message).toMatch(/already exists for "case\/951\/F.3d\/1073"/);
    expect(catalog.resolve("ina/244/a")?.key).toBe("usc/8/1254a");
  });
});

describe("CSL-JSON fields Glossa does not model", () => {
  it("are kept verbatim and written back, except keys that could reach a prototype", () => {
    const raw =
      '[{"id":"r1","type":"report","title":"Delivered to Danger","publisher":"Human Rights First","author":[{"literal":"HRF"}],"__proto__":{"polluted":true},"note":"Parallel citation: 1 Rep. 2\\nKept line"}]';
    const { items, errors } = fromCsl(raw);
    expect(errors).toEqual([]);
    const a = items[0]!.authority;
    expect(a.csl).toEqual({
      id: "r1",
      type: "report",
      publisher: "Human Rights First",
      author: [{ literal: "HRF" }],
      note: "Kept line",
    });
    expect(a.parallel).toEqual(["1 Rep. 2"]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    const back = toCsl(new Catalog({ builtins: false, authorities: [a] }).all()[0]!);
    expect(back).toMatchObject({ id: "r1", type: "report", publisher: "Human Rights First" });
    expect(back.note).toMatch(/^Kept line\nParallel citation: 1 Rep\. 2\nGlossa key: /);
    expect(Object.hasOwn(back, "polluted")).toBe(false);
  });
});
