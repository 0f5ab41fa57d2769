import { teamInput } from "@glossa/server";
import { type Authority, Catalog } from "@glossa/sources";
import { describe, expect, it } from "vitest";
import { rng } from "../annotations/sim.ts";

const SEEDS = [1, 7, 42, 2026];

/// Retypes a query as people do: random case, doubled spaces, a trailing
/// space (which ends the last word, so it is no longer read as a prefix).
function retype(q: string, draw: () => number): string {
  let out = "";
  for (const ch of q) {
    out += draw() < 0.3 ? (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) : ch;
    if (ch === " " && draw() < 0.2) out += " ";
  }
  return draw() < 0.5 ? `${out} ` : out;
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/// The authorities that answer to exactly this name (two decisions can share one).
const namesakes = (catalog: Catalog, name: string) =>
  catalog
    .all()
    .filter((a) =>
      [a.title, a.caseName, ...(a.aliases ?? [])].some((n) => n && norm(n) === norm(name)),
    )
    .map((a) => a.key)
    .sort();

function expectFirst(catalog: Catalog, query: string, a: Authority, what: "citation" | "name") {
  const hits = catalog.search(query, { limit: 10 });
  if (what === "citation") {
    expect(hits[0]?.key, `"${query}" (citation of ${a.key})`).toBe(a.key);
    expect(hits[0]?.tier).toBe("citation");
    return;
  }
  // A name shared by several authorities lists all of them first, before any other.
  const same = namesakes(catalog, query.trim());
  expect(same, `"${query}" is a name of ${a.key}`).toContain(a.key);
  expect(
    hits
      .slice(0, same.length)
      .map((h) => h.key)
      .sort(),
    `"${query}" (name of ${a.key})`,
  ).toEqual(same);
  if (same.length === 1) expect(hits[0]?.tier, `"${query}"`).toMatch(/^(citation|name)$/);
}

describe("catalog search: every authority is first for its own citation and its own name", () => {
  const catalog = new Catalog();

  it("for the whole built-in catalog, as written", () => {
    expect(catalog.size).toBeGreaterThan(60);
    for (const a of catalog.all()) {
      expectFirst(catalog, a.canonical, a, "citation");
      expectFirst(catalog, a.title, a, "name");
      if (a.caseName) expectFirst(catalog, a.caseName, a, "name");
      for (const alias of a.aliases ?? []) expectFirst(catalog, alias, a, "name");
    }
  });

  it.each(SEEDS)("for the whole built-in catalog, retyped (seed %i)", (seed) => {
    const draw = rng(seed);
    for (const a of catalog.all()) {
      expectFirst(catalog, retype(a.title, draw), a, "name");
      if (a.caseName) expectFirst(catalog, retype(a.caseName, draw), a, "name");
    }
  });

  it.each(SEEDS)("with random team authorities beside the built-ins (seed %i)", (seed) => {
    const draw = rng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(draw() * xs.length)]!;
    // Titles built from the catalog's own words, so they compete with it.
    const words = [
      ...new Set(
        catalog
          .all()
          .flatMap((a) => a.title.split(/\s+/))
          .filter((w) => /^[A-Za-z]{4,}$/.test(w)),
      ),
    ];
    const team = new Catalog();
    const added: Authority[] = [];
    for (let i = 0; i < 40; i++) {
      const title = Array.from({ length: 2 + Math.floor(draw() * 4) }, () => pick(words)).join(" ");
      const kind = pick(["report", "filing", "exhibit", "other", "case"] as const);
      const input =
        kind === "case"
          ? {
              kind,
              title: `${title} v. ${pick(words)}`,
              citation: `${900 + i} F.3d ${100 + Math.floor(draw() * 900)}`,
            }
          : { kind, title: `${title} ${i}` };
      added.push(team.add(teamInput(input)));
    }
    for (const a of added) {
      expectFirst(team, a.canonical, a, a.kind === "case" ? "citation" : "name");
      expectFirst(team, a.title, a, "name");
    }
    for (const a of catalog.all()) {
      expectFirst(team, a.canonical, a, "citation");
      expectFirst(team, a.title, a, "name");
    }
  });
});

describe("catalog search: what must not come first", () => {
  const catalog = new Catalog();

  it("a citation the catalog lacks lists nothing, not another case from the same reporter", () => {
    for (const q of ["932 F.3d 742", "999 U.S. 1", "8 U.S.C. § 9999", "8 C.F.R. § 999.99"])
      expect(
        catalog.search(q).map((h) => h.key),
        q,
      ).toEqual([]);
  });

  it("finds a team authority by the citation it was added with", () => {
    const team = new Catalog();
    const a = team.add(
      teamInput({
        kind: "case",
        title: "East Bay Sanctuary Covenant v. Trump",
        citation: "932 F.3d 742",
        court: "9th Cir.",
        date: "2018",
      }),
    );
    expect(a.key).toBe("case/932/F.3d/742");
    expect(a.canonical).toBe("East Bay Sanctuary Covenant v. Trump, 932 F.3d 742 (9th Cir. 2018)");
    expect(team.search("932 F.3d 742")[0]).toMatchObject({ key: a.key, tier: "citation" });
    expect(team.search("East Bay Sanctuary")[0]).toMatchObject({ key: a.key, tier: "partial" });
  });

  it("a case name never lists a treaty, statute or regulation", () => {
    for (const q of [
      "Sale v. Haitian Centers Council",
      "INS v. Cardoza-Fonseca",
      "East Bay Sanctuary Covenant v. Trump",
      "Matter of Acosta",
      "Biden v. Texas",
      "In re S-P-",
    ]) {
      const hits = catalog.search(q);
      expect(
        hits.filter((h) => h.authority.kind !== "case").map((h) => h.key),
        q,
      ).toEqual([]);
    }
    expect(catalog.search("Biden v. Texas")[0]?.key).toBe("case/597/U.S./785");
  });

  it("an exact citation outranks a name that merely mentions it", () => {
    expect(catalog.search("8 U.S.C. § 1225")[0]).toMatchObject({
      key: "usc/8/1225",
      tier: "citation",
    });
    expect(catalog.search("Convention Against Torture")[0]?.key).toBe("treaty/cat-1984");
  });
});
