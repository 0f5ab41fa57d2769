import {
  equivalentsForKey,
  extractCitations,
  inaToUsc,
  parseKey,
  uscToIna,
} from "@glossa/citations";
import { describe, expect, it } from "vitest";
import {
  AUTHORITY_KINDS,
  BUILTIN_AUTHORITIES,
  Catalog,
  CatalogError,
  crosswalkKey,
  DOCTRINES,
  isWellFormedKey,
  localKey,
  validateAuthority,
} from "./index.ts";

describe("built-in catalog integrity", () => {
  const catalog = new Catalog();

  it("has unique keys and equivalents, each resolving to its own authority", () => {
    const seen = new Set<string>();
    for (const a of BUILTIN_AUTHORITIES) {
      for (const k of [a.key, ...(a.equivalents ?? [])]) {
        expect(seen.has(k), k).toBe(false);
        seen.add(k);
        expect(catalog.resolve(k)?.key, k).toBe(a.key);
      }
    }
  });

  it("passes its own validation, with well-formed keys, kinds, URLs and sources", () => {
    for (const a of BUILTIN_AUTHORITIES) {
      expect(validateAuthority(a, { builtin: true }), a.key).toEqual([]);
      expect(AUTHORITY_KINDS).toContain(a.kind);
      expect(isWellFormedKey(a.key)).toBe(true);
      expect(a.urls.length, `${a.key} has a URL`).toBeGreaterThan(0);
      expect(a.sources.length, `${a.key} says where its facts come from`).toBeGreaterThan(0);
      // Code and C.F.R. sections are amended piecemeal and have no single date;
      // everything else (acts, treaties, cases, Mexican laws) does.
      if (!/^(usc|cfr)\//.test(a.key)) expect(a.date ?? a.asOf, `${a.key} has a date`).toBeTruthy();
    }
  });

  it("points every parent at an authority in the catalog", () => {
    for (const a of BUILTIN_AUTHORITIES)
      if (a.parent) expect(catalog.get(a.parent), a.key).toBeDefined();
  });

  it("keeps every doctrine's authorities in the catalog, with locatable pinpoints", () => {
    for (const d of DOCTRINES) {
      expect(d.authorities.length).toBeGreaterThan(0);
      for (const src of d.authorities)
        expect(catalog.get(src.key), `${d.id} → ${src.key}`).toBeDefined();
    }
  });

  it("maps every crosswalk row both ways", () => {
    const rows = Object.entries(inaToUsc);
    expect(rows.length).toBeGreaterThan(150);
    for (const [ina, usc] of rows) {
      expect(uscToIna[usc], `8 U.S.C. § ${usc}`).toBe(ina);
      expect(crosswalkKey(`ina/${ina}`)).toBe(`usc/8/${usc}`);
      expect(crosswalkKey(`usc/8/${usc}`)).toBe(`ina/${ina}`);
      expect(crosswalkKey(`ina/${ina}/b/3/B`)).toBe(`usc/8/${usc}/b/3/B`);
      // Both numberings land on the same catalog entry, or neither is in the catalog.
      expect(catalog.resolve(`ina/${ina}/a`)?.key).toBe(catalog.resolve(`usc/8/${usc}/a`)?.key);
    }
    expect(crosswalkKey("ina/240")).toBe("usc/8/1229a");
    expect(crosswalkKey("usc/8/1440-1")).toBe("ina/329A");
    expect(crosswalkKey("usc/28/2241")).toBeUndefined();
    expect(crosswalkKey("ina/")).toBeUndefined();
  });

  // Keys outside the citation engine's grammar: documents it cannot cite by
  // number (`doc/…`) and team material (`local/…`).
  const engineKey = (key: string) => !/^(doc|local)\//.test(key);

  it("uses keys the citation engine parses", () => {
    for (const a of BUILTIN_AUTHORITIES) {
      for (const k of [a.key, ...(a.equivalents ?? [])].filter(engineKey))
        expect(() => parseKey(k), k).not.toThrow();
    }
  });

  it("gives canonical citations the engine reads back as the same key or an equivalent", () => {
    for (const a of BUILTIN_AUTHORITIES.filter((x) => engineKey(x.key))) {
      const mine = new Set([a.key, ...(a.equivalents ?? []), ...equivalentsForKey(a.key)]);
      const found = extractCitations(a.canonical).flatMap((c) => [c.key, ...c.equivalents]);
      expect(
        found.some((k) => mine.has(k)),
        `${a.canonical} → ${found.join(", ")}`,
      ).toBe(true);
    }
  });

  it("gives every Title 8 section in the catalog its INA equivalent from the crosswalk", () => {
    for (const a of BUILTIN_AUTHORITIES) {
      const m = /^usc\/8\/([\w-]+)$/.exec(a.key);
      if (m) expect(a.equivalents, a.key).toContain(crosswalkKey(a.key));
    }
  });
});

describe("lookup by key", () => {
  const catalog = new Catalog();

  it("resolves the letter's INA cite to § 1225 with its pinpoint", () => {
    const r = catalog.resolve("ina/235/b/2/C")!;
    expect(r.key).toBe("usc/8/1225");
    expect(r.pinpoint).toEqual(["b", "2", "C"]);
    expect(r.via).toBe("parent");
    expect(r.canonical).toBe("8 U.S.C. § 1225(b)(2)(C)");
    expect(r.ina).toBe("INA § 235(b)(2)(C)");
    expect(r.urls.map((u) => u.url)).toContain(
      "https://www.law.cornell.edu/uscode/text/8/1225#b_2_C",
    );
  });

  it("finds a section by its own key, its INA key and a short-form wrapper", () => {
    expect(catalog.resolve("usc/8/1225")?.via).toBe("exact");
    expect(catalog.resolve("ina/235")).toMatchObject({
      key: "usc/8/1225",
      via: "equivalent",
      pinpoint: [],
    });
    expect(catalog.resolve("id->usc/8/1231/b/3")).toMatchObject({
      key: "usc/8/1231",
      pinpoint: ["b", "3"],
    });
    expect(catalog.get("ina/241")?.key).toBe("usc/8/1231");
  });

  it("keeps a note apart from its section", () => {
    expect(catalog.resolve("usc/8/1231/note")?.key).toBe("usc/8/1231/note");
  });

  it("finds regulations, treaty paragraphs, Mexican fracciones and parallel reporters", () => {
    expect(catalog.resolve("cfr/8/208.16/c")).toMatchObject({
      key: "cfr/8/208.16",
      canonical: "8 C.F.R. § 208.16(c)",
    });
    expect(catalog.resolve("treaty/achr-1969/art-22/8")?.canonical).toBe(
      "American Convention on Human Rights art. 22(8), Nov. 22, 1969, O.A.S.T.S. No. 36, 1144 U.N.T.S. 123",
    );
    expect(catalog.resolve("mx/LMigra/art-52/fr-V")?.canonical).toBe(
      "Ley de Migración [LM], art. 52, fr. V, DOF 25-05-2011 (Mex.)",
    );
    expect(catalog.resolve("case/142/S. Ct./2528")?.key).toBe("case/597/U.S./785");
    expect(catalog.resolve("treaty/refugee-convention-1951/art-99")?.key).toBe(
      "treaty/refugee-convention-1951",
    );
    expect(catalog.resolve("usc/26/1")).toBeNull();
  });

  it("finds an ExCom conclusion by the key the engine gives its citation", () => {
    const [c] = extractCitations("UNHCR ExCom Conclusion No. 37 (XXXVI) (1985)");
    expect(c?.key).toBe("unhcr-excom/37");
    expect(catalog.resolve(c!.key)?.key).toBe("doc/unhcr/excom-conclusion-37-1985");
  });
});

describe("team authorities", () => {
  const exhibit = {
    key: "local/exhibit/declaration-of-a-m",
    kind: "exhibit" as const,
    title: "Declaration of A.M. (asylum seeker returned to Tijuana)",
    canonical: "Decl. of A.M. ¶ 4 (Jan. 30, 2019)",
    jurisdiction: "us",
    date: "2019-01-30",
  };

  it("adds, updates, finds and removes them", () => {
    const catalog = new Catalog();
    const added = catalog.add(exhibit);
    expect(added.origin).toBe("team");
    expect(added.urls).toEqual([]);
    expect(catalog.search("declaration tijuana")[0]?.key).toBe(exhibit.key);
    catalog.update(exhibit.key, { summary: "Returned under MPP; waited eight weeks in Tijuana." });
    expect(catalog.get(exhibit.key)?.summary).toMatch(/eight weeks/);
    expect(catalog.teamAuthorities()).toHaveLength(1);
    catalog.remove(exhibit.key);
    expect(catalog.get(exhibit.key)).toBeUndefined();
  });

  it("reports every problem of an invalid authority at once", () => {
    const catalog = new Catalog();
    try {
      catalog.add({
        ...exhibit,
        key: "no slash",
        kind: "memo",
        date: "2019-02-30",
        urls: [{ url: "ftp://x", label: "" }],
        colour: "red",
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CatalogError);
      const e = err as CatalogError;
      expect(e.code).toBe("invalid");
      expect(e.issues.map((i) => i.path).sort()).toEqual([
        "colour",
        "date",
        "key",
        "kind",
        "urls[0].label",
        "urls[0].url",
      ]);
      expect(e.message).toMatch(/^Invalid authority "no slash": /);
    }
  });

  it("refuses taken keys and equivalents, and changes to built-ins", () => {
    const catalog = new Catalog();
    expect(() => catalog.add({ ...exhibit, key: "usc/8/1225" })).toThrow(
      /already exists for "usc\/8\/1225"/,
    );
    expect(() => catalog.add({ ...exhibit, equivalents: ["ina/235"] })).toThrow(CatalogError);
    expect(() => catalog.update("usc/8/1225", { title: "x" })).toThrow(/built-in/);
    expect(() => catalog.remove("usc/8/1225")).toThrow(/built-in/);
    expect(() => catalog.remove("local/exhibit/nothing")).toThrow(/No authority has the key/);
    try {
      catalog.remove("usc/8/1225");
    } catch (err) {
      expect((err as CatalogError).code).toBe("read-only");
    }
  });

  it("loads stored team authorities at construction", () => {
    const catalog = new Catalog({ authorities: [exhibit] });
    expect(catalog.get(exhibit.key)?.origin).toBe("team");
    expect(new Catalog({ builtins: false, authorities: [exhibit] }).size).toBe(1);
  });

  it("makes local keys from titles", () => {
    expect(localKey("exhibit", "Declaración de A.M. — Tijuana")).toBe(
      "local/exhibit/declaracion-de-a-m-tijuana",
    );
  });
});

describe("one link builder (issue 13)", () => {
  const catalog = new Catalog();
  const urls = (key: string) => catalog.get(key)!.urls.map((u) => u.url);

  it("gives the catalog's statutes and regulations the engine's links", () => {
    expect(urls("usc/8/1225")).toEqual(extractCitations("8 U.S.C. § 1225")[0]!.urls);
    expect(urls("cfr/8/208.16")).toEqual(extractCitations("8 C.F.R. § 208.16")[0]!.urls);
    expect(catalog.resolve("cfr/8/208.16/c/2")!.urls.map((u) => u.url)).toEqual(
      extractCitations("8 C.F.R. § 208.16(c)(2)")[0]!.urls,
    );
  });

  it("links the Refugee Act of 1980 to the Statutes at Large, not the empty PLAW collection", () => {
    expect(urls("pl/96/212")).toEqual([
      "https://www.govinfo.gov/link/statute/96/public/212",
      "https://www.govinfo.gov/link/statute/94/102",
    ]);
    for (const a of BUILTIN_AUTHORITIES)
      for (const u of a.urls) {
        expect(u.url, a.key).not.toMatch(/\/link\/cfr\/.*link-type=html/);
        const plaw = /\/link\/plaw\/(\d+)\//.exec(u.url);
        if (plaw) expect(Number(plaw[1]), a.key).toBeGreaterThanOrEqual(104);
      }
  });
});

describe("team citation forms (issue 13)", () => {
  const decl = {
    key: "local/filing/declaration-of-a-b",
    kind: "filing",
    title: "Declaration of A.B.",
    canonical: "Declaration of A.B. (Mar. 3, 2019)",
    jurisdiction: "team",
    citationForms: ["A.B. Decl."],
    urls: [{ label: "Exhibit", url: "https://example.org/ab.pdf" }],
  };

  it("keeps an authority's short forms and hands them to the engine", () => {
    const catalog = new Catalog();
    catalog.add(decl);
    expect(catalog.citationForms()).toEqual([
      {
        form: "A.B. Decl.",
        key: decl.key,
        canonical: decl.canonical,
        urls: ["https://example.org/ab.pdf"],
      },
    ]);
    const found = extractCitations("A.B. Decl. ¶ 4", { forms: catalog.citationForms() });
    expect(catalog.resolve(found[0]!.key)?.authority.title).toBe("Declaration of A.B.");
    catalog.update(decl.key, { citationForms: ["A.B. Decl.", "AB Decl."] });
    expect(catalog.citationForms().map((f) => f.form)).toEqual(["A.B. Decl.", "AB Decl."]);
  });

  it("refuses a form another authority has, a form the engine reads, and bad forms", () => {
    const catalog = new Catalog();
    catalog.add(decl);
    const other = { ...decl, key: "local/filing/other", title: "Other" };
    expect(() => catalog.add(other)).toThrow(
      /"A\.B\. Decl\." is taken|already exists for "A\.B\. Decl\."/,
    );
    const bad = (citationForms: unknown) =>
      validateAuthority({ ...decl, citationForms }).map((i) => `${i.path} ${i.message}`);
    expect(bad(["8 U.S.C."])).toEqual(["citationForms[0] is already read as a citation by Glossa"]);
    expect(bad(["x", "12", "a\nb", "Compl.", "Compl."])).toEqual([
      "citationForms[0] must be 2 to 40 characters",
      "citationForms[1] must be one line with a letter",
      "citationForms[2] must be one line with a letter",
      "citationForms[4] is listed twice",
    ]);
    expect(bad(Array.from({ length: 11 }, (_, i) => `Ex. ${String.fromCharCode(65 + i)}`))).toEqual(
      ["citationForms must list at most 10 forms"],
    );
  });
});
