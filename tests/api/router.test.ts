import { ENDPOINTS } from "@glossa/api";
import { allowFor, api, checkRoutes, Handlers, httpApp } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { call } from "./helpers.ts";

/// A copy of the server's handler table, less `drop` (a "METHOD /path").
function handlersWithout(drop?: string): Handlers<never> {
  const copy = new Handlers<never>();
  for (const r of api.list())
    if (`${r.method} ${r.path}` !== drop) copy.on(r.method, r.path, async () => {});
  return copy;
}

/// The Hono route table is the server's handlers, each a row of ENDPOINTS
/// (packages/api): held to it here and by a running server on its first
/// request (which loads ENDPOINTS), so the description cannot drift from the
/// routes the server answers.
describe("HTTP router (Hono, routes from ENDPOINTS)", () => {
  it("mounts every endpoint and refuses a handler table that differs from ENDPOINTS", () => {
    // biome-ignore lint/suspicious/noExplicitAny: the table's context type is irrelevant here
    expect(() => httpApp(api as any)).not.toThrow();
    expect(() => checkRoutes(api.list(), ENDPOINTS)).not.toThrow();
    expect(() => checkRoutes(handlersWithout("GET /api/trash").list(), ENDPOINTS)).toThrow(
      "No handler for GET /api/trash.",
    );
    const extra = handlersWithout().on("GET", "/api/secret", async () => {});
    expect(() => checkRoutes(extra.list(), ENDPOINTS)).toThrow(
      "GET /api/secret is not in ENDPOINTS.",
    );
    expect(() => handlersWithout().on("GET", "/api/me", async () => {})).toThrow(
      "Two handlers for GET /api/me.",
    );
  });

  it("derives Allow from ENDPOINTS, every pattern a path matches", () => {
    expect(allowFor("/api/sources/import", api.list())).toEqual([
      "DELETE",
      "GET",
      "HEAD",
      "OPTIONS",
      "PATCH",
      "POST",
    ]);
    expect(allowFor("/api/documents/", api.list())).toEqual([]);
    expect(allowFor("/nowhere", api.list())).toEqual([]);
    for (const e of ENDPOINTS)
      expect(allowFor(e.path.replace(/:\w+/g, "x"), api.list())).toContain(e.method);
  });

  describe("on a running server", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(async () => {
      await server?.destroy();
    });

    it("answers paths exactly: a trailing slash or doubled slash is a JSON 404, not a route", async () => {
      for (const p of ["/api/me/", "/api//me", "/api/documents/"]) {
        const r = await call(server, server.ownerToken, "GET", p);
        expect(r.status, p).toBe(404);
        expect(r.json.error.code, p).toBe("not_found");
      }
      expect((await call(server, server.ownerToken, "GET", "/api/me")).status).toBe(200);
    });

    it("routes a literal segment before a parameter, and decodes parameters", async () => {
      // `/api/sources/import` is POST only; GET of that path is the authority "import".
      const get = await call(server, server.ownerToken, "GET", "/api/sources/import");
      expect(get.status).toBe(404);
      expect(get.json.error.message).not.toMatch(/not allowed/);
      const key = await call(server, server.ownerToken, "GET", "/api/sources/usc%2F8%2F1225");
      expect(key.status).toBe(200);
      expect(key.json.authority.key).toBe("usc/8/1225");
    });
  });
});
