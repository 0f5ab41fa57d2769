import { ENDPOINTS } from "@glossa/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { type ApiResponse, call } from "./helpers.ts";

const enc = encodeURIComponent;

/// The web app's client takes its types from the response schemas
/// (`api()` in apps/web/src/api.ts), so the answers it reads must match them
/// in their fuller forms too, not only in the plain ones the OpenAPI walk
/// meets: each real answer here is validated against the schema ENDPOINTS
/// gives its endpoint, and shown to hold the part the walk does not reach.
describe("answers the web app reads, in their fuller forms", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  /// Null when `r` is the success `pattern` describes, else what differs.
  function problems(method: string, pattern: string, r: ApiResponse): unknown {
    const e = ENDPOINTS.find((x) => x.method === method && x.path === pattern)!;
    if (r.status !== e.ok.status) return `${r.status} ${r.text.slice(0, 300)}`;
    const parsed = e.ok.schema!.safeParse(r.json);
    return parsed.success ? null : parsed.error.issues;
  }

  it("the review with a finding of each check", async () => {
    const t = server.ownerToken;
    const text = [
      "The Convention also says that a refugee “shall be welcomed with open arms by every State.”",
      "See Doe v. Roe, 999 F.4th 1 (9th Cir. 2024).",
      "Mexico must end its cooperation.",
    ].join("\n\n");
    const id = (await call(server, t, "POST", "/api/documents", { title: "Review", text })).json
      .id as string;
    const ann = `/api/documents/${id}/annotations`;
    const quoted = await call(server, t, "POST", ann, {
      exact: "The Convention also says",
      kind: "claim",
    });
    await call(server, t, "POST", `${ann}/${quoted.json.id}/links`, {
      key: "treaty/refugee-convention-1951/art-33",
      pinpoint: "1",
      relation: "supports",
    });
    await call(server, t, "POST", ann, { exact: "Mexico must end its cooperation", kind: "claim" });
    const r = await call(server, t, "GET", `/api/documents/${id}/review`);
    expect(problems("GET", "/api/documents/:id/review", r)).toBeNull();
    expect(r.json.items.map((i: { check: string }) => i.check).sort()).toEqual([
      "claim-without-source",
      "quotation-mismatch",
      "unknown-authority",
    ]);
  });

  it("a search with ranks, an authority at a pinpoint, a deleted team authority", async () => {
    const t = server.ownerToken;
    const search = await call(server, t, "GET", `/api/sources?q=${enc("8 U.S.C. 1225")}`);
    expect(problems("GET", "/api/sources", search)).toBeNull();
    expect(search.json.results[0]).toMatchObject({ tier: "citation", cite: expect.any(String) });
    const list = await call(server, t, "GET", "/api/sources?limit=3");
    expect(problems("GET", "/api/sources", list)).toBeNull();
    expect(list.json.total).toBeGreaterThan(3);

    const at = await call(server, t, "GET", `/api/sources/${enc("usc/8/1225")}?pinpoint=(b)(2)`);
    expect(problems("GET", "/api/sources/:key", at)).toBeNull();
    expect(at.json.location).toMatchObject({ exact: true });

    const made = await call(server, t, "POST", "/api/sources", {
      kind: "exhibit",
      title: "Declaration of A.B.",
      citationForms: ["A.B. Decl."],
    });
    expect(problems("POST", "/api/sources", made)).toBeNull();
    const key = made.json.authority.key as string;
    const edited = await call(server, t, "PATCH", `/api/sources/${enc(key)}`, {
      title: "Declaration of A.B. (corrected)",
    });
    expect(problems("PATCH", "/api/sources/:key", edited)).toBeNull();
    expect(edited.json.editedBy).toMatchObject({ name: expect.any(String) });
    const team = await call(server, t, "GET", `/api/sources/${enc(key)}`);
    expect(problems("GET", "/api/sources/:key", team)).toBeNull();
    expect(team.json.mayChange).toBe(true);
    await call(server, t, "DELETE", `/api/sources/${enc(key)}`);
    const gone = await call(server, t, "GET", `/api/sources/${enc(key)}`);
    expect(problems("GET", "/api/sources/:key", gone)).toBeNull();
    expect(gone.json.deleted).toMatchObject({ at: expect.any(String) });
  });

  it("a document made from a file, with what the import read", async () => {
    const r = await call(server, server.ownerToken, "POST", "/api/documents", "Imported words.", {
      "Content-Type": "text/plain",
      "X-Filename": "words.txt",
    });
    expect(problems("POST", "/api/documents", r)).toBeNull();
    expect(r.json).toMatchObject({ format: expect.any(String), warnings: expect.any(Array) });
  });
});
