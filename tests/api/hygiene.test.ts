import { readFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { ERROR_CODES } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { call } from "./helpers.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/// A raw GET with exactly the headers given (fetch adds and decodes
/// Accept-Encoding by itself).
function raw(
  server: TestServer,
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${pathname}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/// HTTP conventions every endpoint shares: one error shape and set of codes,
/// `Allow` on 405, reserved paths never answered by the app, unknown fields
/// refused, compressed and cached static files, CORS off unless configured.
describe("HTTP hygiene", () => {
  let server: TestServer;
  const ORIGIN = "https://tools.example.org";

  beforeAll(async () => {
    server = await startTestServer({ env: { CORS_ORIGINS: ORIGIN } });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it("answers 405 with Allow listing the methods the path accepts", async () => {
    const r = await call(server, server.ownerToken, "PUT", `/api/documents/${server.letterId}`);
    expect(r.status).toBe(405);
    expect(r.json.error.code).toBe("method_not_allowed");
    expect(r.headers.get("allow")).toBe("DELETE, GET, HEAD, OPTIONS, PATCH");
    const ready = await call(server, null, "POST", "/readyz", {});
    expect(ready.status).toBe(405);
    expect(ready.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    const page = await call(server, null, "DELETE", "/some/page");
    expect(page.status).toBe(405);
    expect(page.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    // HEAD is answered wherever GET is.
    expect(
      (await raw(server, "HEAD", "/api/me", { Authorization: `Bearer ${server.ownerToken}` }))
        .status,
    ).toBe(200);
  });

  it("never answers the app's page on reserved paths", async () => {
    for (const p of ["/metrics/", "/readyz/x", "/healthz/x", "/api", "/api/nothing", "/collab"]) {
      const r = await call(server, null, "GET", p);
      expect(r.status, p).toBe(404);
      expect(r.headers.get("content-type"), p).toMatch(/^application\/json/);
      expect(r.json.error.code).toBe("not_found");
    }
    for (const p of ["/readyz", "/metrics"]) {
      const r = await call(server, null, "GET", p);
      expect(r.status, p).toBe(200);
      expect(r.text, p).not.toMatch(/<html/i);
    }
  });

  it("refuses an unknown field in POST /api/documents, naming it, and creates nothing", async () => {
    const before = (await call(server, server.ownerToken, "GET", "/api/documents")).json.documents
      .length;
    const r = await call(server, server.ownerToken, "POST", "/api/documents", {
      title: "Memo",
      text: "Hello.",
      fromat: "letter",
    });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("bad_request");
    expect(r.json.error.message).toContain('"fromat"');
    const array = await call(server, server.ownerToken, "POST", "/api/documents", "[1]");
    expect(array.status).toBe(400);
    expect(array.json.error.code).toBe("bad_request");
    const after = (await call(server, server.ownerToken, "GET", "/api/documents")).json.documents
      .length;
    expect(after).toBe(before);
  });

  it("codes errors once: invalid input is bad_request, a missing quote is a 409 quote_not_found", async () => {
    const base = `/api/documents/${server.letterId}/annotations`;
    const bad = await call(server, server.ownerToken, "POST", base, {
      kind: "comment",
      exact: "Mexico",
      body: 42,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("bad_request");
    const missing = await call(server, server.ownerToken, "POST", base, {
      kind: "comment",
      exact: "words that are nowhere in the letter",
      body: "x",
    });
    expect(missing.status).toBe(409);
    expect(missing.json.error.code).toBe("quote_not_found");
  });

  it("lists every error code in docs/api.md with its status", () => {
    const doc = readFileSync(path.join(ROOT, "docs/api.md"), "utf8");
    const table = new Map<string, number>();
    for (const m of doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)) table.set(m[1]!, Number(m[2]));
    expect(Object.fromEntries(table)).toEqual(ERROR_CODES);
  });

  it("compresses the app's files by Accept-Encoding and caches hashed assets for a year", async () => {
    const index = await raw(server, "GET", "/", { "Accept-Encoding": "gzip, br" });
    expect(index.status).toBe(200);
    expect(index.headers["content-encoding"]).toBe("br");
    expect(index.headers["cache-control"]).toBe("no-cache");
    expect(index.headers.vary).toMatch(/Accept-Encoding/);
    const html = brotliDecompressSync(index.body).toString("utf8");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const plain = await raw(server, "GET", script!);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const br = await raw(server, "GET", script!, { "Accept-Encoding": "br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    const gz = await raw(server, "GET", script!, { "Accept-Encoding": "gzip;q=1, br;q=0" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    // No source maps for the public, and no reference to one.
    expect(plain.body.toString("utf8")).not.toContain("sourceMappingURL");
    expect((await raw(server, "GET", `${script}.map`)).status).toBe(404);
    // A missing asset is a 404, not the app's page.
    expect((await raw(server, "GET", "/assets/nothing-here.js")).status).toBe(404);
  });

  it("answers CORS only to configured origins, with preflight", async () => {
    const pre = await raw(server, "OPTIONS", "/api/documents", {
      Origin: ORIGIN,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization, content-type",
    });
    expect(pre.status).toBe(204);
    expect(pre.headers["access-control-allow-origin"]).toBe(ORIGIN);
    expect(pre.headers["access-control-allow-methods"]).toContain("POST");
    expect(pre.headers["access-control-allow-headers"]).toMatch(/Authorization/);
    const get = await call(server, server.ownerToken, "GET", "/api/me", undefined, {
      Origin: ORIGIN,
    });
    expect(get.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const other = await raw(server, "OPTIONS", "/api/documents", {
      Origin: "https://evil.example.com",
      "Access-Control-Request-Method": "POST",
    });
    expect(other.status).toBe(204);
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    expect(other.headers["access-control-allow-methods"]).toBeUndefined();
    expect(other.headers.allow).toContain("POST");
  });

  it("keeps CORS off when no origin is configured", async () => {
    const plain = await startTestServer();
    try {
      const pre = await raw(plain, "OPTIONS", "/api/documents", {
        Origin: ORIGIN,
        "Access-Control-Request-Method": "GET",
      });
      expect(pre.headers["access-control-allow-origin"]).toBeUndefined();
      const get = await call(plain, plain.ownerToken, "GET", "/api/me", undefined, {
        Origin: ORIGIN,
      });
      expect(get.status).toBe(200);
      expect(get.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await plain.destroy();
    }
  });
});
