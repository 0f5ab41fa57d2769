import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  BUILTIN_AUTHORITIES,
  BUILTIN_PROVENANCE,
  builtinCatalog,
  comparableWords,
  compareWithOfficial,
  officialEcfrCorpusText,
  officialMarkdownText,
  officialPlainText,
  officialTextOf,
  officialXmlText,
  passagesOf,
  renderText,
  validateAuthority,
} from "@glossa/sources";
import { describe, expect, it } from "vitest";
import { sourcesDoc } from "./sourcesDoc.ts";

/// Issue 17: every built-in text says where it was taken from, and a text is
/// `verified` only when this file compares it word for word with a copy of
/// the official text kept in fixtures/official (origin of each file in
/// fixtures/official/SOURCES.md).
const OFFICIAL = path.join(import.meta.dirname, "fixtures", "official");
const fixtures = readdirSync(OFFICIAL).filter((f) => f !== "SOURCES.md");
const sourcesMd = readFileSync(path.join(OFFICIAL, "SOURCES.md"), "utf8");
const withText = BUILTIN_AUTHORITIES.filter((a) => a.text);

describe("provenance of built-in texts", () => {
  it("every stored text has a source, a version and a status", () => {
    expect(withText.length).toBeGreaterThan(20);
    for (const a of withText) {
      const p = a.text!.provenance;
      expect(p, a.key).toBeDefined();
      expect(p!.source.trim(), a.key).not.toBe("");
      expect(p!.version.trim(), a.key).not.toBe("");
      expect(["verified", "unverified"], a.key).toContain(p!.status);
      // An unverified text says why, in words shown to the reader.
      if (p!.status === "unverified") expect(p!.note?.trim(), a.key).toBeTruthy();
    }
    // No provenance left over for a key that holds no text.
    const keys = new Set(withText.map((a) => a.key));
    for (const key of Object.keys(BUILTIN_PROVENANCE)) expect(keys, key).toContain(key);
  });

  const verified = withText.filter((a) => a.text!.provenance!.status === "verified");
  it.each(verified.map((a) => [a.key, a] as const))(
    "%s: the stored text is word for word the official fixture",
    (_key, a) => {
      const fixture = a.text!.provenance!.fixture;
      expect(fixture, "a verified text names its fixture").toBeTruthy();
      expect(fixtures).toContain(fixture);
      expect(sourcesMd, "the fixture's origin is noted in SOURCES.md").toContain(fixture!);
      const raw = readFileSync(path.join(OFFICIAL, fixture!), "utf8");
      // Fixtures are verbatim excerpts of what the source published (XML,
      // a Markdown mirror, eCFR corpus paragraphs, text extracted from a PDF),
      // read as printed.
      expect(compareWithOfficial(a.text!, officialTextOf(fixture!, raw))).toEqual([]);
    },
  );

  it("every fixture is used by a verified text and noted in SOURCES.md", () => {
    const used = new Set(verified.map((a) => a.text!.provenance!.fixture));
    for (const f of fixtures) {
      expect(used, f).toContain(f);
      expect(sourcesMd, f).toContain(f);
    }
  });
});

describe("docs/sources.md", () => {
  it("lists every stored text with its source, version and status, as the catalog has them", () => {
    const file = path.join(import.meta.dirname, "..", "..", "docs", "sources.md");
    const want = sourcesDoc();
    if (process.env.UPDATE_SOURCES_DOC) writeFileSync(file, want);
    expect(readFileSync(file, "utf8")).toBe(want);
  });
});

describe("the word-for-word comparison", () => {
  // The comparison run against each stored text, with the text's own
  // wording standing in for the official one, then one word changed.
  const a = withText.find((x) => x.key === "usc/8/1225")!;
  const official = `Title 8 ... ${passagesOf(a.text!)
    .map((p) => p.text)
    .join("\n  ")} ... (Pub. L. 104-208)`;

  it("accepts a text whose every passage is in the official text, in order", () => {
    for (const x of withText) {
      const own = passagesOf(x.text!)
        .map((p) => p.text)
        .join(" ");
      expect(compareWithOfficial(x.text!, own), x.key).toEqual([]);
    }
    expect(compareWithOfficial(a.text!, official)).toEqual([]);
  });

  it("fails on one changed word, a dropped word, changed punctuation or a changed accent", () => {
    const p = passagesOf(a.text!).find((x) => x.text.includes("applicant for admission"))!;
    const variants = [
      official.replace(p.text, p.text.replace("deemed", "considered")),
      official.replace(p.text, p.text.replace("shall be deemed", "shall deemed")),
      official.replace(p.text, p.text.replace("(whether", "[whether")),
      official.replace(p.text, p.text.replace("admission.", "admission;")),
    ];
    for (const v of variants) {
      const diffs = compareWithOfficial(a.text!, v);
      expect(diffs.map((d) => d.path)).toEqual([p.path]);
    }
    const es = withText.find((x) => x.key === "mx/CPEUM/art-11")!;
    const own = passagesOf(es.text!)
      .map((q) => q.text)
      .join(" ");
    expect(compareWithOfficial(es.text!, own.replace("condición", "condicion"))).toHaveLength(1);
  });

  it("ignores only line breaks and quote or dash glyphs", () => {
    const x = withText.find((y) => y.key === "usc/8/1158")!;
    const own = passagesOf(x.text!)
      .map((q) => q.text)
      .join("\n")
      .replace(/'/g, "\u2019")
      .replace(/ /g, "\n   ");
    expect(compareWithOfficial(x.text!, own)).toEqual([]);
  });

  it("renders the same text the comparison reads (markers aside)", () => {
    for (const x of withText) {
      const rendered = renderText(x.text!).text;
      for (const p of passagesOf(x.text!))
        if (p.path !== "heading") expect(rendered, x.key).toContain(p.text);
    }
  });
});

describe("official XML read as printed", () => {
  it("drops tags and comments, runs inline elements on and decodes entities", () => {
    const xml =
      '<!-- note --><num value="1">(1)</num><heading> In general</heading><content><p>apply under <ref href="/us/usc/t8/s1225/b">section 1225(b) of this title</ref>.</p></content><p>A &amp; B&#x2019;s <i>et seq</i>.</p>';
    expect(comparableWords(officialXmlText(xml))).toEqual(
      comparableWords("(1) In general apply under section 1225(b) of this title. A & B's et seq."),
    );
  });

  it("reads a run-in heading without its closing '.—', and nothing else", () => {
    const xml =
      '<heading> <inline class="small-caps">Policy</inline>.—</heading><content>It shall—be</content><heading> <inline>Definitions.—</inline></heading>';
    expect(comparableWords(officialXmlText(xml))).toEqual([
      "Policy",
      "It",
      "shall-be",
      "Definitions",
    ]);
  });

  it("a changed word inside a verbatim XML fixture fails the comparison", () => {
    const a = withText.find((x) => x.key === "usc/8/1158")!;
    const xml = readFileSync(path.join(OFFICIAL, "usc-8-1158.xml"), "utf8");
    expect(compareWithOfficial(a.text!, officialXmlText(xml))).toEqual([]);
    const changed = xml.replace("irrespective of such", "regardless of such");
    expect(compareWithOfficial(a.text!, officialXmlText(changed)).map((d) => d.path)).toEqual([
      "a/1",
    ]);
  });
});

describe("official texts kept in other forms, read as printed", () => {
  const official = (file: string) =>
    officialTextOf(file, readFileSync(path.join(OFFICIAL, file), "utf8"));
  const textOf = (key: string) => withText.find((x) => x.key === key)!.text!;

  it("reads a Markdown mirror: heading marks, links, emphasis and comments are not words", () => {
    const md =
      '<!-- note -->\n<meta charset="utf-8" />\n####Definition of the Term "Refugee"\n\n1.  To apply [articles 2 to 34](../x/README.md) *ipso facto*.';
    expect(comparableWords(officialMarkdownText(md))).toEqual(
      comparableWords('Definition of the Term "Refugee" 1. To apply articles 2 to 34 ipso facto.'),
    );
  });

  it("reads a PDF extract without its '#' notes, and eCFR paragraphs without a run-in heading's period", () => {
    expect(comparableWords(officialPlainText("# a note\nArtículo 6. Ningún\nsolicitante"))).toEqual(
      ["Artículo", "6.", "Ningún", "solicitante"],
    );
    const block = JSON.stringify({
      x: "(c) Eligibility. The burden. Ends.",
      r: [{ x: "(c) " }, { x: "Eligibility.", s: "i" }, { x: " The burden. Ends." }],
    });
    expect(comparableWords(officialEcfrCorpusText(`// note\n${block}`))).toEqual([
      "(c)",
      "Eligibility",
      "The",
      "burden.",
      "Ends.",
    ]);
  });

  it("a changed word in a Markdown, PDF or eCFR fixture fails the comparison", () => {
    const cases: [string, string, string, string, string][] = [
      ["treaty/iccpr-1966/art-13", "nl-iccpr-1966.md", "lawfully in", "unlawfully in", "intro"],
      [
        "mx/LRPCAP/art-13",
        "mx-lrpcap-dof-2022-02-18.txt",
        "violencia generalizada",
        "violencia general",
        "fr-II",
      ],
      ["cfr/8/208.16", "ecfr-8-208.16.jsonl", "more likely than not", "more likely than", "c/2"],
    ];
    for (const [key, file, from, to, where] of cases) {
      const raw = readFileSync(path.join(OFFICIAL, file), "utf8");
      expect(compareWithOfficial(textOf(key), officialTextOf(file, raw)), key).toEqual([]);
      const changed = officialTextOf(file, raw.replace(from, to));
      expect(
        compareWithOfficial(textOf(key), changed).map((d) => d.path),
        key,
      ).toContain(where);
    }
  });

  it("Refugee Convention art. 33: the Netherlands' text differs from Glossa's only in “judgement”", () => {
    const diffs = compareWithOfficial(
      textOf("treaty/refugee-convention-1951/art-33"),
      official("nl-refugee-convention-1951.md"),
    );
    expect(diffs.map((d) => [d.path, d.departsAt])).toEqual([
      ["heading", "expulsion"],
      ["2", "judgment"],
    ]);
  });
});

describe("who may claim a verified text", () => {
  it("a team authority cannot mark its text verified", () => {
    const input = {
      key: "local/report/field-notes",
      kind: "report",
      title: "Field notes",
      canonical: "Field notes (2024)",
      jurisdiction: "team",
      text: {
        scope: "full",
        lang: "en",
        nodes: [{ label: "1", text: "We saw it." }],
        provenance: { status: "verified", source: "us", version: "2024", fixture: "x.txt" },
      },
    };
    const paths = validateAuthority(input).map((i) => i.path);
    expect(paths).toContain("text.provenance.status");
    expect(paths).toContain("text.provenance.fixture");
    // The catalog's own texts may be verified, and then must name their fixture.
    expect(validateAuthority(input, { builtin: true })).toEqual([]);
    const noFixture = structuredClone(input);
    delete (noFixture.text.provenance as { fixture?: string }).fixture;
    expect(validateAuthority(noFixture, { builtin: true }).map((i) => i.path)).toEqual([
      "text.provenance.fixture",
    ]);
    const ok = structuredClone(input);
    ok.text.provenance = {
      status: "unverified",
      source: "Our notes",
      version: "2024-05-01",
    } as never;
    expect(validateAuthority(ok)).toEqual([]);
  });
});

describe("doctrine and citation fixes of issue 17", () => {
  const catalog = builtinCatalog();
  it("8 U.S.C. § 1231 note is FARRA § 2242 and has no INA equivalent", () => {
    const farra = catalog.get("usc/8/1231/note")!;
    expect(farra.canonical).toContain("§ 2242");
    expect(catalog.get("ina/241/note")).toBeUndefined();
    expect(catalog.resolve("ina/241/note")?.key).not.toBe("usc/8/1231/note");
    expect(catalog.resolve("usc/8/1231/note")?.ina).toBeUndefined();
  });

  const dueProcess = catalog.doctrine("due-process")!;
  const weight = (key: string) =>
    dueProcess.authorities.findIndex((x) => x.key === key && x.relation === "establishes");
  it("due process in removal rests on ICCPR art. 13, with art. 14 only as support", () => {
    expect(weight("treaty/iccpr-1966/art-13")).toBeGreaterThanOrEqual(0);
    expect(weight("treaty/iccpr-1966/art-14")).toBe(-1);
    expect(dueProcess.description).not.toMatch(/arts?\. 13[–-]14/);
  });

  it("records the limits of Thuraissigiam and words INA § 292 as no government-funded counsel", () => {
    const limit = dueProcess.authorities.find((x) => x.key === "case/591/U.S./103")!;
    expect(limit.relation).toBe("limits");
    expect(catalog.get("case/591/U.S./103")!.canonical).toBe(
      "Department of Homeland Security v. Thuraissigiam, 591 U.S. 103 (2020)",
    );
    expect(dueProcess.description).toContain("at no expense to the Government");
    expect(dueProcess.description).toContain("no right to appointed counsel");
    expect(catalog.get("usc/8/1362")!.summary).toContain("no right to appointed");
    expect(catalog.get("usc/8/1362")!.text!.intro).toContain("(at no expense to the Government)");
  });

  it("has the immigration-court CAT rules, 8 C.F.R. §§ 1208.16–1208.18", () => {
    const cat = catalog.doctrine("non-refoulement")!.authorities.map((x) => x.key);
    for (const n of ["1208.16", "1208.17", "1208.18"]) {
      expect(catalog.get(`cfr/8/${n}`)?.canonical).toBe(`8 C.F.R. § ${n}`);
      expect(cat).toContain(`cfr/8/${n}`);
    }
  });

  it("links the January 25, 2019 memorandum, not the January 24 press release", () => {
    const memo = catalog.get("doc/dhs/mpp-guidance-2019-01-25")!;
    expect(memo.date).toBe("2019-01-25");
    for (const u of memo.urls) expect(u.url).not.toContain("2019/01/24");
  });
});
