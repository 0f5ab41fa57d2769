import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ENDPOINTS, ErrorResponse, openApiPath } from "@glossa/api";
import { api } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { call } from "./helpers.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const key = (method: string, p: string) => `${method} ${p}`;

/// Every query parameter the server's source reads, by name, with where:
/// `searchParams.get("x")`, a `params.get("x")` of them, and the handlers'
/// readers `intParam(ctx, "x", …)` and `flag(ctx, "x", …)`. Any other use of
/// `searchParams` is returned as unrecognised (a new way of reading one must
/// be taught here, not slip past).
/// Lines that touch `searchParams` without naming a parameter: the readers
/// `intParam` and `flag` (their callers are read above), the export's
/// `params`, and the schema layer's own walk (http.ts `validateQuery`).
const KNOWN_READERS = [
  /const raw = ctx\.url\.searchParams\.get\(name\);/,
  /const params = ctx\.url\.searchParams;/,
  /for \(const \[name, value\] of url\.searchParams\)/,
];

function queryReads(): { names: Map<string, string>; unrecognised: string[] } {
  const dir = path.join(ROOT, "apps/server/src");
  const names = new Map<string, string>();
  const unrecognised: string[] = [];
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  );
  const reads = /(?:searchParams|\bparams)\.get\("([^"]+)"\)|\b(?:intParam|flag)\(ctx, "([^"]+)"/g;
  for (const f of files) {
    const lines = readFileSync(path.join(dir, f), "utf8").split("\n");
    lines.forEach((line, i) => {
      for (const m of line.matchAll(reads)) names.set(m[1] ?? m[2]!, `${f}:${i + 1}`);
      const other = line.replace(/searchParams\.get\("[^"]+"\)/g, "");
      if (/searchParams/.test(other) && !KNOWN_READERS.some((r) => r.test(line)))
        unrecognised.push(`${f}:${i + 1}: ${line.trim()}`);
    });
  }
  return { names, unrecognised };
}

/// The OpenAPI description against the router, docs/api.md and the real
/// answers of a running server.
describe("OpenAPI description", () => {
  let server: TestServer;
  let editor: TestUser;
  // biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is inspected freely
  let doc: any;
  /// Real values for each path parameter.
  const params: Record<string, string> = {};
  /// The answers of the writes made in setup, by endpoint.
  const writes: [string, string, Awaited<ReturnType<typeof call>>][] = [];

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.addUser("Erin Editor", { role: "editor" });
    doc = (await call(server, null, "GET", "/api/openapi.json")).json;
    const t = server.ownerToken;
    const letter = server.letterId;
    const ann = await call(server, t, "POST", `/api/documents/${letter}/annotations`, {
      exact: "complementary protection",
      kind: "claim",
      body: "x",
    });
    const link = await call(
      server,
      t,
      "POST",
      `/api/documents/${letter}/annotations/${ann.json.id}/links`,
      {
        key: "usc/8/1225",
        relation: "cites",
      },
    );
    const version = await call(server, t, "POST", `/api/documents/${letter}/versions`, {
      name: "v1",
    });
    const invite = await call(server, t, "POST", `/api/documents/${letter}/invites`, {
      role: "viewer",
    });
    const token = await call(server, t, "POST", "/api/tokens", { name: "walk" });
    const hook = await call(server, t, "POST", "/api/webhooks", {
      url: "https://hooks.example.org/x",
      events: ["version.saved"],
    });
    Object.assign(params, {
      id: letter,
      aid: ann.json.id,
      linkId: link.json.id ?? link.json.link?.id ?? "nolink",
      vid: version.json.id,
      inviteId: invite.json.id ?? invite.json.invite?.id ?? "noinvite",
      userId: editor.id,
      key: "usc/8/1225",
    });
    params.tokenId = token.json.id;
    params.hookId = hook.json.id;
    const reply = await call(
      server,
      t,
      "POST",
      `/api/documents/${letter}/annotations/${ann.json.id}/replies`,
      { body: "a reply" },
    );
    const share = await call(server, t, "POST", `/api/documents/${letter}/shares`, {
      email: "someone.new@example.org",
      role: "viewer",
    });
    const shareOld = await call(server, t, "POST", `/api/documents/${letter}/shares`, {
      email: editor.email,
      role: "viewer",
    });
    writes.push(
      ["POST", "/api/documents/:id/shares", shareOld],
      ["POST", "/api/documents/:id/annotations", ann],
      ["POST", "/api/documents/:id/annotations/:aid/links", link],
      ["POST", "/api/documents/:id/annotations/:aid/replies", reply],
      ["POST", "/api/documents/:id/versions", version],
      ["POST", "/api/documents/:id/invites", invite],
      ["POST", "/api/documents/:id/shares", share],
      ["POST", "/api/tokens", token],
      ["POST", "/api/webhooks", hook],
    );
  });
  afterAll(async () => {
    await server?.destroy();
  });

  const fill = (p: string) =>
    p.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      if (name === "id" && p.startsWith("/api/tokens")) return params.tokenId!;
      if (name === "id" && p.startsWith("/api/webhooks")) return params.hookId!;
      return encodeURIComponent(params[name] ?? "x");
    });

  it("describes exactly the endpoints the router mounts, in OpenAPI 3.1", () => {
    expect(doc.openapi).toBe("3.1.0");
    const described = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths as Record<string, object>))
      for (const m of Object.keys(ops)) described.add(key(m.toUpperCase(), p));
    const mounted = new Set([
      ...api.list().map((r) => key(r.method, openApiPath(r.path))),
      "GET /readyz",
      "GET /metrics",
    ]);
    expect([...described].sort()).toEqual([...mounted].sort());
    expect(ENDPOINTS).toHaveLength(mounted.size);
  });

  it("describes every query parameter the server reads, as the schema layer checks it", () => {
    const described = new Map<string, string[]>();
    for (const e of ENDPOINTS) {
      const op = doc.paths[openApiPath(e.path)][e.method.toLowerCase()];
      const inQuery: string[] = (op.parameters ?? [])
        // biome-ignore lint/suspicious/noExplicitAny: an OpenAPI parameter
        .filter((p: any) => p.in === "query")
        // biome-ignore lint/suspicious/noExplicitAny: an OpenAPI parameter
        .map((p: any) => p.name);
      // The description is the schema the server checks: the same names.
      expect(inQuery.sort(), key(e.method, e.path)).toEqual(
        Object.keys(e.query?.shape ?? {}).sort(),
      );
      for (const n of inQuery) described.set(n, [...(described.get(n) ?? []), e.path]);
    }
    const { names, unrecognised } = queryReads();
    expect(unrecognised).toEqual([]);
    expect(names.size).toBeGreaterThanOrEqual(19);
    const undescribed = [...names]
      .filter(([n]) => !described.has(n))
      .map(([n, at]) => `${n} (${at})`);
    expect(undescribed).toEqual([]);
    expect(ENDPOINTS.filter((e) => e.query).length).toBeGreaterThanOrEqual(10);
  });

  it("is matched by the endpoint index of docs/api.md", () => {
    const md = readFileSync(path.join(ROOT, "docs/api.md"), "utf8");
    const index = md.slice(md.indexOf("## Endpoint index"));
    const listed = new Set(
      [...index.matchAll(/^\| `(GET|POST|PATCH|DELETE) ([^`]+)` \|/gm)].map((m) =>
        key(m[1]!, m[2]!),
      ),
    );
    expect([...listed].sort()).toEqual(ENDPOINTS.map((e) => key(e.method, e.path)).sort());
  });

  it("answers every endpoint as described: real responses validated against the schemas", async () => {
    let succeeded = 0;
    for (const e of ENDPOINTS) {
      const p = fill(e.path);
      // Without a token: 401 in the one error shape, wherever a token is needed.
      if (e.auth) {
        const anon = await call(
          server,
          null,
          e.method,
          p,
          e.method === "GET" || e.method === "DELETE" ? undefined : {},
        );
        expect(anon.status, key(e.method, e.path)).toBe(401);
        expect(ErrorResponse.safeParse(anon.json).success, key(e.method, e.path)).toBe(true);
      }
      if (e.method !== "GET") continue;
      // Reads as the owner: success matches the success schema, refusals the error shape.
      const r = await call(server, server.ownerToken, "GET", p);
      const what = `${key(e.method, e.path)} → ${r.status} ${r.text.slice(0, 200)}`;
      const documented = Object.keys(doc.paths[openApiPath(e.path)].get.responses).map(Number);
      expect(documented, what).toContain(r.status);
      if (r.status === e.ok.status) succeeded++;
      if (r.status === e.ok.status && e.ok.schema) {
        const parsed = e.ok.schema.safeParse(r.json);
        expect(parsed.success ? null : parsed.error.issues, what).toBeNull();
      } else if (r.status >= 400) {
        expect(ErrorResponse.safeParse(r.json).success, what).toBe(true);
      }
    }
    // The walk reached real things, not only refusals (all GETs but /metrics from a test… and a few).
    expect(succeeded).toBeGreaterThanOrEqual(
      ENDPOINTS.filter((x) => x.method === "GET").length - 4,
    );
  });

  it("answers writes as described: their real responses validated against the schemas", () => {
    for (const [method, p, r] of writes) {
      const e = ENDPOINTS.find((x) => x.method === method && x.path === p)!;
      const what = `${key(method, p)} → ${r.status} ${r.text.slice(0, 200)}`;
      const ok = r.status === e.alsoOk?.status ? e.alsoOk : e.ok;
      expect(r.status, what).toBe(ok.status);
      const parsed = ok.schema!.safeParse(r.json);
      expect(parsed.success ? null : parsed.error.issues, what).toBeNull();
    }
  });
});
