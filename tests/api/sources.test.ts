import { writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { runSources } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { call } from "./helpers.ts";

const enc = encodeURIComponent;

/// The catalog endpoints and `glossa sources`, on one store.
describe("sources API and command", () => {
  let server: TestServer;
  let someone: TestUser;

  const cli = async (args: string[]) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = "";
    let err = "";
    stdout.on("data", (d) => {
      out += d;
    });
    stderr.on("data", (d) => {
      err += d;
    });
    const code = await runSources(
      args,
      { stdin: Readable.from([]), stdout, stderr },
      { DATA_DIR: server.dataDir },
    );
    return { code, out, err };
  };

  beforeAll(async () => {
    server = await startTestServer();
    // An editor of the letter: reading the catalog needs only a sign-in, changing it an owner or editor.
    someone = await server.addUser("Sam Someone", { role: "editor" });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it("searches the catalog, best first", async () => {
    expect((await call(server, null, "GET", "/api/sources?q=asylum")).status).toBe(401);
    const r = await call(
      server,
      someone.token,
      "GET",
      `/api/sources?q=${enc("non-refoulement")}&limit=3`,
    );
    expect(r.status).toBe(200);
    expect(r.json.results).toHaveLength(3);
    expect(r.json.results[0]).toMatchObject({
      key: "treaty/refugee-convention-1951/art-33",
      kind: "treaty",
      hasText: true,
      origin: "builtin",
    });
    expect(r.json.results[0].matched).toContain("doctrine:non-refoulement");
    const cite = await call(
      server,
      someone.token,
      "GET",
      `/api/sources?q=${enc("INA 235(b)(2)(C)")}`,
    );
    expect(cite.json.results[0]).toMatchObject({
      key: "usc/8/1225",
      cite: "8 U.S.C. § 1225(b)(2)(C)",
    });
    const cases = await call(
      server,
      someone.token,
      "GET",
      `/api/sources?q=${enc("innovation law lab")}&kind=case`,
    );
    expect(cases.json.results.length).toBeGreaterThan(0);
    expect(cases.json.results.every((x: { kind: string }) => x.kind === "case")).toBe(true);
    const all = await call(server, someone.token, "GET", "/api/sources?limit=5&offset=2");
    expect(all.json.total).toBeGreaterThanOrEqual(69);
    expect(all.json.results).toHaveLength(5);
    for (const q of ["limit=0", "limit=abc", "kind=poem", `q=${"x".repeat(401)}`, "format=xml"]) {
      const bad = await call(server, someone.token, "GET", `/api/sources?${q}`);
      expect(bad.status, q).toBe(400);
    }
  });

  it("reads an authority by key, with its text and the pinpoint located", async () => {
    const r = await call(server, someone.token, "GET", `/api/sources/${enc("ina/235/b/2/C")}`);
    expect(r.status).toBe(200);
    expect(r.json.authority.key).toBe("usc/8/1225");
    expect(r.json.resolution).toMatchObject({
      requested: "ina/235/b/2/C",
      key: "usc/8/1225",
      pinpoint: ["b", "2", "C"],
      canonical: "8 U.S.C. § 1225(b)(2)(C)",
      ina: "INA § 235(b)(2)(C)",
    });
    expect(typeof r.json.text).toBe("string");
    expect(r.json.location).toMatchObject({ exact: true, found: ["b", "2", "C"] });
    expect(r.json.text.slice(r.json.location.start, r.json.location.end)).toBe(
      r.json.location.text,
    );
    expect(r.json.location.text).toMatch(/^\(C\)/);

    const art = await call(
      server,
      someone.token,
      "GET",
      `/api/sources/${enc("treaty/refugee-convention-1951/art-33")}?pinpoint=1`,
    );
    expect(art.status).toBe(200);
    expect(art.json.location.text).toMatch(/^1\. No Contracting State shall expel or return/);
    expect(art.json.location.text).not.toMatch(/\n2\./);
    expect(art.json.resolution.canonical).toMatch(/art\. 33\(1\)/);

    const missing = await call(server, someone.token, "GET", `/api/sources/${enc("usc/99/1")}`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toMatch(/No authority in the catalog/);
  });

  it("adds team authorities with who added them; validates and refuses duplicates", async () => {
    const r = await call(server, someone.token, "POST", "/api/sources", {
      kind: "exhibit",
      title: "Declaration of A.B.",
      url: "https://example.org/exhibits/ab.pdf",
      summary: "Declaration of a returned asylum seeker.",
    });
    expect(r.status).toBe(201);
    expect(r.json.authority).toMatchObject({
      key: "local/exhibit/declaration-of-a-b",
      canonical: "Declaration of A.B.",
      jurisdiction: "team",
      origin: "team",
      urls: [{ url: "https://example.org/exhibits/ab.pdf", label: "Link" }],
    });
    expect(r.json.addedBy).toEqual({ id: someone.id, name: "Sam Someone" });
    expect(Date.parse(r.json.addedAt)).toBeGreaterThan(Date.now() - 60_000);

    const again = await call(server, someone.token, "POST", "/api/sources", {
      kind: "exhibit",
      title: "Declaration of A.B.",
    });
    expect(again.status).toBe(409);
    const builtin = await call(server, someone.token, "POST", "/api/sources", {
      key: "usc/8/1225",
      kind: "statute",
      title: "Mine now",
    });
    expect(builtin.status).toBe(409);
    const bad = await call(server, someone.token, "POST", "/api/sources", {
      key: "bad key",
      kind: "poem",
      title: "",
      url: "javascript:alert(1)",
      colour: "red",
    });
    expect(bad.status).toBe(400);
    for (const part of ["key", "kind", "title", "urls[0].url", "colour"])
      expect(bad.json.error.message).toContain(part);
    expect((await call(server, someone.token, "POST", "/api/sources", "[]")).status).toBe(400);
    expect(
      (await call(server, null, "POST", "/api/sources", { kind: "exhibit", title: "X" })).status,
    ).toBe(401);

    // Found by search and by key, and linkable from documents.
    const found = await call(
      server,
      someone.token,
      "GET",
      `/api/sources?q=${enc("declaration returned")}`,
    );
    expect(found.json.results[0]).toMatchObject({
      key: "local/exhibit/declaration-of-a-b",
      addedBy: { name: "Sam Someone" },
    });
    const byKey = await call(
      server,
      someone.token,
      "GET",
      `/api/sources/${enc("local/exhibit/declaration-of-a-b")}`,
    );
    expect(byKey.json).toMatchObject({ addedBy: { id: someone.id }, text: null, location: null });
  });

  it("imports and exports CSL-JSON, reporting bad items without losing good ones", async () => {
    const items = [
      {
        id: "item-1",
        type: "legal_case",
        title: "Doe v. Roe",
        "container-title": "F.4th",
        volume: "999",
        page: "1",
        authority: "9th Cir.",
        issued: { "date-parts": [[2024]] },
      },
      { id: "item-2", title: "No type" },
      {
        id: "item-3",
        type: "report",
        title: "Report on returns to Mexico",
        URL: "https://example.org/r",
      },
      "nonsense",
    ];
    const r = await call(server, someone.token, "POST", "/api/sources/import", items);
    expect(r.status).toBe(200);
    expect(r.json.added.map((a: { key: string }) => a.key)).toEqual([
      "case/999/F.4th/1",
      "local/report/report-on-returns-to-mexico",
    ]);
    expect(r.json.errors.map((e: { index: number }) => e.index)).toEqual([1, 3]);
    const twice = await call(server, someone.token, "POST", "/api/sources/import", [items[2]]);
    expect(twice.json.added).toEqual([]);
    expect(twice.json.errors[0].message).toMatch(/already exists/);
    expect(
      (await call(server, someone.token, "POST", "/api/sources/import", { items })).status,
    ).toBe(400);

    const csl = await call(server, someone.token, "GET", "/api/sources?format=csl");
    expect(csl.status).toBe(200);
    expect(csl.headers.get("content-type")).toMatch(/^application\/vnd\.citationstyles\.csl\+json/);
    expect(csl.headers.get("content-disposition")).toMatch(/attachment/);
    const titles = csl.json.map((i: { title: string }) => i.title).sort();
    expect(titles).toEqual(["Declaration of A.B.", "Doe v. Roe", "Report on returns to Mexico"]);
    const everything = await call(
      server,
      someone.token,
      "GET",
      "/api/sources?format=csl&scope=all",
    );
    expect(everything.json.length).toBeGreaterThanOrEqual(72);

    // The citation engine's key of the imported case now resolves in documents.
    const doc = await call(server, someone.token, "POST", "/api/documents", {
      title: "Cites",
      text: "See Doe v. Roe, 999 F.4th 1 (9th Cir. 2024).",
    });
    const cites = await call(
      server,
      someone.token,
      "GET",
      `/api/documents/${doc.json.id}/citations`,
    );
    expect(cites.json.citations[0].authority).toMatchObject({
      known: true,
      key: "case/999/F.4th/1",
    });
  });

  it("glossa sources add / list / import / export work on the server's store, and the server sees them", async () => {
    const add = await cli([
      "add",
      "--key",
      "local/filing/complaint-2019",
      "--title",
      "Complaint, Innovation Law Lab v. Nielsen",
      "--kind",
      "filing",
      "--url",
      "https://example.org/complaint.pdf",
    ]);
    expect(add.err).toBe("");
    expect(add.code).toBe(0);
    expect(add.out).toBe(
      "Added local/filing/complaint-2019 (filing): Complaint, Innovation Law Lab v. Nielsen\n",
    );

    const viaApi = await call(
      server,
      someone.token,
      "GET",
      `/api/sources/${enc("local/filing/complaint-2019")}`,
    );
    expect(viaApi.status).toBe(200);
    expect(viaApi.json.addedBy.id).toBe("cli");

    const dup = await cli([
      "add",
      "--key",
      "local/filing/complaint-2019",
      "--title",
      "X",
      "--kind",
      "filing",
    ]);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/already exists/);
    const bad = await cli(["add", "--title", "X", "--kind", "poem"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/kind must be one of/);
    expect((await cli(["add", "--title", "X"])).code).toBe(2);
    expect((await cli(["frobnicate"])).code).toBe(2);
    expect((await cli(["list", "--colour"])).code).toBe(2);

    const list = await cli(["list"]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(
      /local\/filing\/complaint-2019\s+filing\s+Complaint, Innovation Law Lab v\. Nielsen\s+command line/,
    );
    expect(list.out).toMatch(
      /local\/exhibit\/declaration-of-a-b\s+exhibit\s+Declaration of A\.B\.\s+Sam Someone/,
    );
    expect(list.out).toMatch(/\n4 authorities\n$/);
    const json = JSON.parse((await cli(["list", "--json"])).out);
    expect(json).toHaveLength(4);

    const file = path.join(server.dataDir, "zotero.json");
    writeFileSync(
      file,
      JSON.stringify([
        { id: "z1", type: "report", title: "Human Rights Watch report on MPP" },
        { id: "z2" },
      ]),
    );
    const imported = await cli(["import", file]);
    expect(imported.code).toBe(1);
    expect(imported.out).toContain("Added local/report/human-rights-watch-report-on-mpp (report)");
    expect(imported.out).toContain("1 added, 1 not imported.");
    expect(imported.err).toMatch(/Item 1 \(z2\) not imported/);
    expect((await cli(["import", path.join(server.dataDir, "nope.json")])).err).toMatch(
      /no such file/,
    );

    const exported = JSON.parse((await cli(["export"])).out);
    expect(exported).toHaveLength(5);
    const search = await call(
      server,
      someone.token,
      "GET",
      `/api/sources?q=${enc("human rights watch")}`,
    );
    expect(search.json.results[0].key).toBe("local/report/human-rights-watch-report-on-mpp");
  });

  it("keeps team authorities across a restart", async () => {
    server = await server.restart();
    const token = (
      await server.glossa.tokens.sign({
        userId: someone.id,
        name: someone.name,
        email: someone.email,
      })
    ).token;
    const r = await call(
      server,
      token,
      "GET",
      `/api/sources/${enc("local/exhibit/declaration-of-a-b")}`,
    );
    expect(r.status).toBe(200);
    expect(r.json.addedBy.name).toBe("Sam Someone");
  });
});
