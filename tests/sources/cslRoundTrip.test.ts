import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";

const fixture = (name: string): Record<string, unknown>[] =>
  JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/csl", name), "utf8"));

/// Dates compare by value: Zotero writes date parts as numbers or strings.
const norm = (v: unknown): unknown =>
  v && typeof v === "object" && "date-parts" in (v as object)
    ? { "date-parts": (v as { "date-parts": unknown[][] })["date-parts"].map((p) => p.map(Number)) }
    : v;

/// CSL → Glossa → CSL through the server: a Zotero export imported as team
/// authorities and exported again gives back every field it had.
describe("CSL-JSON round trip with real Zotero exports", () => {
  let server: TestServer;
  let editor: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.addUser("Eve Editor", { role: "editor" });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  const roundTrip = async (items: Record<string, unknown>[]) => {
    const imported = await call(server, editor.token, "POST", "/api/sources/import", items);
    expect(imported.status).toBe(200);
    expect(imported.json.errors).toEqual([]);
    const exported = await call(server, editor.token, "GET", "/api/sources?format=csl");
    expect(exported.status).toBe(200);
    const out = exported.json as Record<string, unknown>[];
    return items.map((item) => {
      const back = out.find((o) => o.id === item.id);
      expect(back, String(item.id)).toBeDefined();
      return back!;
    });
  };

  it.each(["bbt-2019-authority-field.csl.json", "bbt-587-cheater-syntax.csl.json"])(
    "%s: every field comes back (authors, publisher, container, volume, page, dates …)",
    async (name) => {
      const items = fixture(name);
      const back = await roundTrip(items);
      items.forEach((item, i) => {
        for (const [k, v] of Object.entries(item)) {
          if (k === "note") expect(back[i]!.note).toContain(v);
          else expect(norm(back[i]![k]), `${item.id} ${k}`).toEqual(norm(v));
        }
      });
      // And the export reads back to the same authorities (a second round trip is stable).
      const again = await call(server, editor.token, "GET", "/api/sources?format=csl");
      const { fromCsl } = await import("@glossa/sources");
      expect(fromCsl(again.json).errors).toEqual([]);
    },
  );

  it("the legal case gets its citation-engine key and reads as a case", async () => {
    const r = await call(
      server,
      editor.token,
      "GET",
      `/api/sources/${encodeURIComponent("case/223/A.2d/259")}`,
    );
    expect(r.status).toBe(200);
    expect(r.json.authority).toMatchObject({
      kind: "case",
      caseName: "White v. State",
      court: "Md.",
      date: "1966-10-19",
      canonical: "White v. State, 223 A.2d 259 (Md. 1966)",
      csl: { "citation-key": "WhiteState1966" },
    });
  });

  it("parallel citations (Stat., U.N.T.S.) are kept, searchable, and exported", async () => {
    const items = [
      {
        id: "refugee-act-1980",
        type: "legislation",
        title: "Refugee Act of 1980",
        number: "Pub. L. No. 96-212",
        "container-title": "Stat.",
        volume: "94",
        page: "102",
        issued: { "date-parts": [[1980, 3, 17]] },
        note: "Parallel citation: 94 Stat. 102",
      },
      {
        id: "cat-unts",
        type: "treaty",
        title: "Convention against Torture (U.N.T.S. text)",
        "container-title": "U.N.T.S.",
        volume: "1465",
        page: "85",
        author: [{ literal: "United Nations General Assembly" }],
        note: "Parallel citation: 1465 U.N.T.S. 85; S. Treaty Doc. No. 100-20\nRatified by the U.S. in 1994.",
      },
    ];
    const back = await roundTrip(items);
    expect(back[0]).toMatchObject({ "container-title": "Stat.", volume: "94", page: "102" });
    expect(back[0]!.note).toMatch(/^Parallel citation: 94 Stat\. 102$/m);
    expect(back[1]).toMatchObject({
      "container-title": "U.N.T.S.",
      volume: "1465",
      page: "85",
      author: [{ literal: "United Nations General Assembly" }],
    });
    expect(back[1]!.note).toMatch(/Ratified by the U\.S\. in 1994\./);
    expect(back[1]!.note).toMatch(/^Parallel citation: 1465 U\.N\.T\.S\. 85$/m);
    expect(back[1]!.note).toMatch(/^Parallel citation: S\. Treaty Doc\. No\. 100-20$/m);
    const list = await call(server, editor.token, "GET", "/api/sources?format=json&limit=500");
    const cat = list.json.results.find((a: { title: string }) =>
      a.title.startsWith("Convention against Torture (U.N.T.S."),
    );
    const read = await call(
      server,
      editor.token,
      "GET",
      `/api/sources/${encodeURIComponent(cat.key)}`,
    );
    expect(read.json.authority.parallel).toEqual(["1465 U.N.T.S. 85", "S. Treaty Doc. No. 100-20"]);
    for (const q of ["1465 U.N.T.S. 85", "94 Stat. 102"]) {
      const found = await call(
        server,
        editor.token,
        "GET",
        `/api/sources?q=${encodeURIComponent(q)}`,
      );
      expect(found.json.results[0]?.tier, q).toBe("citation");
    }
  });
});
