import { ANNOTATION_KINDS, CLAIM_STATUSES, LIMITS, LINK_RELATIONS } from "@glossa/annotations";
import {
  ENDPOINTS,
  type Endpoint,
  ErrorResponse,
  openApiPath,
  REQUEST_KINDS,
  REQUEST_LIMITS,
  REQUEST_RELATIONS,
  REQUEST_ROLES,
  REQUEST_STATUSES,
  SOURCE_SEARCH_TIERS,
} from "@glossa/api";
import { ROLES } from "@glossa/protocol";
import { SEARCH_TIERS } from "@glossa/sources";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { call } from "./helpers.ts";

const key = (e: Endpoint) => `${e.method} ${e.path}`;
/// Endpoints that may carry a body.
const WRITES = ENDPOINTS.filter((e) => e.method === "POST" || e.method === "PATCH");
/// Endpoints with a JSON request schema.
const BODIES = ENDPOINTS.filter((e) => e.body);
/// Endpoints that read a query string.
const QUERIES = ENDPOINTS.filter((e) => e.query);

/// Query values, to find one a parameter refuses (an over-long one last).
const QUERY_CANDIDATES = ["nope", "-1", "1.5", "99999999", "x".repeat(3000)];

/// Values of every JSON type, to find one a field refuses.
const CANDIDATES: unknown[] = [42, "x", true, ["x"], { x: 1 }, null];

const exampleOf = (e: Endpoint) => (e.body!.meta() as { example?: unknown } | undefined)?.example;
const shapeOf = (e: Endpoint) => (e.body as unknown as { shape?: Record<string, unknown> }).shape;

/// A value of another JSON type that `field` refuses on top of the example,
/// with the problem reported at that field; undefined when it takes anything.
function wrongValue(e: Endpoint, field: string): unknown {
  const example = exampleOf(e) as Record<string, unknown>;
  return CANDIDATES.find((v) => {
    const r = e.body!.safeParse({ ...example, [field]: v });
    return !r.success && r.error.issues.some((i) => i.path[0] === field);
  });
}

/// packages/api imports no Glossa package: its copies of the domain's lists
/// must say what the domain says.
describe("request schemas' lists", () => {
  it("are the roles, kinds, statuses, relations and limits of the domain", () => {
    expect([...REQUEST_ROLES]).toEqual([...ROLES]);
    expect([...REQUEST_KINDS]).toEqual(ANNOTATION_KINDS.map((k) => k.id));
    expect([...REQUEST_STATUSES]).toEqual([...CLAIM_STATUSES]);
    expect([...REQUEST_RELATIONS]).toEqual([...LINK_RELATIONS]);
    expect([...SOURCE_SEARCH_TIERS]).toEqual([...SEARCH_TIERS]);
    for (const [name, n] of Object.entries(REQUEST_LIMITS))
      expect(n, name).toBe(LIMITS[name as keyof typeof LIMITS]);
  });
});

/// Every endpoint that takes a body, from ENDPOINTS (a new one is covered
/// as soon as it is listed): its schema, then malformed JSON, another media
/// type, wrong types field by field, unknown fields and an oversized body,
/// each answered with its documented 4xx in the one error shape.
describe("request bodies", () => {
  let server: TestServer;
  // biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is inspected freely
  let doc: any;
  const fill = (p: string) =>
    p.replace(/:([A-Za-z]+)/g, (_, n: string) => (n === "id" ? server.letterId : "x"));

  beforeAll(async () => {
    server = await startTestServer();
    doc = (await call(server, null, "GET", "/api/openapi.json")).json;
  });
  afterAll(async () => {
    await server?.destroy();
  });

  /// Sends `body` to `e` (as its owner when it needs a token) and checks the
  /// answer: `status`, the error shape, the code, and that OpenAPI lists it.
  async function refused(
    e: Endpoint,
    body: unknown,
    status: number,
    what: string,
    headers: Record<string, string> = {},
    query?: Record<string, string> | URLSearchParams,
  ) {
    const token = e.auth ? server.ownerToken : null;
    const search = query ? `?${new URLSearchParams(query)}` : "";
    const r = await call(server, token, e.method, `${fill(e.path)}${search}`, body, headers);
    const label = `${key(e)} ${what} → ${r.status} ${r.text.slice(0, 160)}`;
    expect(r.status, label).toBe(status);
    expect(ErrorResponse.safeParse(r.json).success, label).toBe(true);
    const documented = doc.paths[openApiPath(e.path)][e.method.toLowerCase()].responses;
    expect(Object.keys(documented).map(Number), label).toContain(status);
    return r;
  }

  it("has a request schema, a size limit and a valid example for every endpoint that takes a body", () => {
    for (const e of ENDPOINTS) {
      if (e.method === "GET" || e.method === "DELETE") {
        expect(e.body ?? e.upload ?? e.noBody, key(e)).toBeUndefined();
        continue;
      }
      // A write either takes no body, or declares what it takes.
      expect(Boolean(e.noBody) !== Boolean(e.body || e.upload), key(e)).toBe(true);
      if (!e.body) continue;
      expect(e.maxBytes, key(e)).toBeGreaterThan(0);
      const example = exampleOf(e);
      expect(example, key(e)).toBeDefined();
      const parsed = e.body.safeParse(example);
      expect(parsed.success ? null : parsed.error.issues, key(e)).toBeNull();
      const described = doc.paths[openApiPath(e.path)][e.method.toLowerCase()].requestBody;
      expect(described.content["application/json"].schema, key(e)).toBeTruthy();
    }
    expect(BODIES.length).toBeGreaterThanOrEqual(23);
  });

  it("refuses malformed JSON and other media types", async () => {
    for (const e of WRITES.filter((x) => !x.noBody)) {
      if (e.body) {
        const r = await refused(e, '{"title": "unterminated', 400, "malformed");
        expect(r.json.error.code).toBe("bad_request");
        expect(r.json.error.message).toMatch(/not valid JSON/);
        const empty = await refused(e, "", 400, "empty");
        expect(empty.json.error.message).toMatch(/must be|is required|Nothing was imported/);
      }
      if (e.upload && !e.body) {
        // A file is expected: JSON is refused by the importer, as documented.
        const r = await call(server, server.ownerToken, e.method, fill(e.path), '{"title": "x');
        const documented = doc.paths[openApiPath(e.path)][e.method.toLowerCase()].responses;
        expect(Object.keys(documented).map(Number), key(e)).toContain(r.status);
        expect(r.status, key(e)).toBeGreaterThanOrEqual(400);
        expect(ErrorResponse.safeParse(r.json).success, key(e)).toBe(true);
      }
      if (e.upload) continue;
      const plain = await refused(e, "exact=x", 415, "form", {
        "Content-Type": "application/x-www-form-urlencoded",
      });
      expect(plain.json.error.code).toBe("unsupported_media_type");
    }
  });

  it("refuses a wrong type in each field, naming the field", async () => {
    let fields = 0;
    for (const e of BODIES) {
      const shape = shapeOf(e);
      if (!shape) {
        // A body that is not an object (a list, or one of several shapes).
        const r = await refused(e, JSON.stringify(42), 400, "a number");
        expect(r.json.error.code).toBe("bad_request");
        continue;
      }
      const root = await refused(e, "[1]", 400, "an array");
      expect(root.json.error.message).toMatch(/JSON object/);
      for (const field of Object.keys(shape)) {
        const v = wrongValue(e, field);
        if (v === undefined) continue;
        const body = { ...(exampleOf(e) as object), [field]: v };
        const r = await refused(e, body, 400, `${field}: ${JSON.stringify(v)}`);
        expect(r.json.error.code).toBe("bad_request");
        expect(r.json.error.message, `${key(e)} ${field}`).toContain(field);
        fields++;
      }
    }
    expect(fields).toBeGreaterThanOrEqual(60);
  });

  it("refuses unknown fields wherever the body is a closed object, naming them", async () => {
    let closed = 0;
    for (const e of BODIES.filter((x) => shapeOf(x))) {
      // Open objects (an authority, whose catalog names every problem at once,
      // and W3C JSON-LD) let their handler judge extra fields.
      if (e.body!.safeParse({ ...(exampleOf(e) as object), surprise: true }).success) continue;
      closed++;
      const unknown = await refused(e, { surprise: true }, 400, "unknown");
      expect(unknown.json.error.message).toContain('"surprise"');
      const wrong = await refused(
        e,
        { name: 42, title: 42, text: 42, url: 42, events: "x" },
        400,
        "wrong types",
      );
      expect(wrong.json.error.message).toMatch(/"[a-z]+"/i);
    }
    expect(closed).toBeGreaterThanOrEqual(19);
  });

  it("refuses a malformed value of every query parameter, naming it", async () => {
    let parameters = 0;
    for (const e of QUERIES) {
      for (const name of Object.keys(e.query!.shape)) {
        const bad = QUERY_CANDIDATES.find((v) => !e.query!.safeParse({ [name]: v }).success);
        expect(bad, `${key(e)} ?${name}`).toBeDefined();
        const r = await refused(
          e,
          undefined,
          400,
          `?${name}=${bad!.slice(0, 20)}`,
          {},
          {
            [name]: bad!,
          },
        );
        expect(r.json.error.code).toBe("bad_request");
        expect(r.json.error.message, `${key(e)} ?${name}`).toContain(`"${name}"`);
        parameters++;
      }
    }
    expect(QUERIES.length).toBeGreaterThanOrEqual(10);
    expect(parameters).toBeGreaterThanOrEqual(30);
  });

  it("refuses an unknown or repeated query parameter wherever a query is read", async () => {
    for (const e of QUERIES) {
      const unknown = await refused(e, undefined, 400, "?fromat=", {}, { fromat: "html" });
      expect(unknown.json.error.message).toContain('"fromat"');
      const first = Object.keys(e.query!.shape)[0]!;
      const twice = new URLSearchParams([
        [first, ""],
        [first, ""],
      ]);
      const repeated = await refused(e, undefined, 400, `?${first} twice`, {}, twice);
      expect(repeated.json.error.message).toContain(`"${first}"`);
    }
  });

  it("refuses a bad query only after the token (401 first)", async () => {
    const e = QUERIES.find((x) => x.auth)!;
    const r = await call(server, null, e.method, `${fill(e.path)}?fromat=1`);
    expect(r.status).toBe(401);
  });

  it("refuses a body over the endpoint's limit with 413", async () => {
    for (const e of BODIES) {
      const huge = await refused(e, { name: "x".repeat(e.maxBytes! + 10) }, 413, "oversized");
      expect(huge.json.error.code).toBe("too_large");
    }
  });
});
