import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";

const enc = encodeURIComponent;

/// Issue 13 on a real server: a team teaches the engine its own short names
/// for its authorities (with the same role checks as the authority), and a
/// document dated before 1 April 1997 reads INA § 243(h) as it stood then.
describe("team citation forms and the document's date", () => {
  let server: TestServer;
  let editor: TestUser;
  let annotator: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.addUser("Eve Editor", { role: "editor" });
    annotator = await server.addUser("Ann Annotator", { role: "annotator" });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  const decl = {
    key: "local/filing/declaration-of-a-b",
    kind: "filing",
    title: "Declaration of A.B.",
    canonical: "Declaration of A.B. (Mar. 3, 2019)",
    jurisdiction: "team",
    citationForms: ["A.B. Decl."],
  };
  const citations = async (token: string, text: string, format = "text") => {
    const body = { title: "Brief", text, format };
    const doc = await call(server, token, "POST", "/api/documents", body);
    expect(doc.status).toBe(201);
    const r = await call(server, token, "GET", `/api/documents/${doc.json.id}/citations`);
    expect(r.status).toBe(200);
    return r.json.citations as Array<{
      key: string;
      text: string;
      urls: string[];
      resolvedKey: string;
      dated?: Record<string, unknown>;
    }>;
  };

  it("finds a team's short form in documents, keyed to its authority", async () => {
    const before = await citations(editor.token, "As A.B. Decl. ¶ 12 explains, she fled.");
    expect(before).toEqual([]);
    const add = await call(server, editor.token, "POST", "/api/sources", decl);
    expect(add.status).toBe(201);
    expect(add.json.authority.citationForms).toEqual(["A.B. Decl."]);
    // The editor learns them from here (any signed-in person may read them).
    const forms = await call(server, annotator.token, "GET", "/api/citation-forms");
    expect(forms.json.forms).toEqual([
      { form: "A.B. Decl.", key: decl.key, canonical: decl.canonical, urls: [] },
    ]);
    expect((await call(server, null, "GET", "/api/citation-forms")).status).toBe(401);
    const [c] = await citations(editor.token, "As A.B. Decl. ¶ 12 explains, she fled.");
    expect(c).toMatchObject({
      kind: "team",
      key: decl.key,
      text: "A.B. Decl. ¶ 12",
      pinpoint: "¶ 12",
      canonical: "Declaration of A.B. (Mar. 3, 2019)",
      authority: { known: true, key: decl.key, title: "Declaration of A.B." },
    });
  });

  it("checks forms like the authority: roles, conflicts, forms the engine reads", async () => {
    const path = `/api/sources/${enc(decl.key)}`;
    const denied = await call(server, annotator.token, "PATCH", path, { citationForms: ["Decl."] });
    expect(denied.status).toBe(403);
    const taken = await call(server, editor.token, "POST", "/api/sources", {
      ...decl,
      key: "local/filing/other",
      title: "Other declaration",
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error.message).toMatch(/"A\.B\. Decl\."/);
    const engine = await call(server, editor.token, "PATCH", path, { citationForms: ["8 U.S.C."] });
    expect(engine.status).toBe(400);
    expect(engine.json.error.message).toMatch(/already read as a citation/);
    const more = await call(server, editor.token, "PATCH", path, {
      citationForms: ["A.B. Decl.", "Decl. of A.B."],
    });
    expect(more.status).toBe(200);
    const found = await citations(editor.token, "Decl. of A.B. at 3; A.B. Decl. ¶ 4.");
    expect(found.map((c) => [c.key, c.text])).toEqual([
      [decl.key, "Decl. of A.B. at 3"],
      [decl.key, "A.B. Decl. ¶ 4"],
    ]);
  });

  it("reads INA § 243(h) in a document dated 1995 as withholding of deportation, now § 241(b)(3)", async () => {
    const text =
      "Brief for the respondent\n\nJune 1, 1995\n\nThe Board denied withholding under INA § 243(h).";
    const [c] = await citations(editor.token, text, "letter");
    expect(c).toMatchObject({
      key: "ina/243/h",
      resolvedKey: "ina/241/b/3",
      dated: { asOf: "1995-06-01", source: "document", now: "ina/241/b/3" },
      authority: { known: true, key: "usc/8/1231", pinpoint: ["b", "3"] },
    });
    expect(c!.urls[0]).toContain("section1231&");
    const today = await citations(editor.token, "The Board denied withholding under INA § 243(h).");
    expect(today[0]!.dated).toBeUndefined();
    expect(today[0]!.resolvedKey).toBe("ina/243/h");
  });
});
