import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { call } from "./helpers.ts";

/// A person's interface language kept with their account (issue 14):
/// `GET`/`PATCH /api/account/preferences`, and exports without `?lang=`.
describe("account preferences", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it("keeps each person's language apart, checks it, and gives it to exports without ?lang=", async () => {
    const ana = await server.addUser("Ana Idioma", { role: "viewer" });
    const ben = await server.addUser("Ben Language", { role: "viewer" });
    const prefs = (token: string) => call(server, token, "GET", "/api/account/preferences");
    const set = (token: string, body: unknown) =>
      call(server, token, "PATCH", "/api/account/preferences", body);
    const exportLang = async (token: string, query = "") => {
      const r = await call(
        server,
        token,
        "GET",
        `/api/documents/${server.letterId}/export?format=html${query}`,
      );
      expect(r.status).toBe(200);
      return /<html lang="([^"]+)">/.exec(r.text)?.[1];
    };

    expect((await call(server, null, "GET", "/api/account/preferences")).status).toBe(401);
    expect((await prefs(ana.token)).json).toEqual({ language: null });
    expect(await exportLang(ana.token)).toBe("en");

    const saved = await set(ana.token, { language: "es-MX" });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ language: "es-MX" });
    expect((await prefs(ana.token)).json).toEqual({ language: "es-MX" });
    // Another person's choice is theirs alone.
    expect((await prefs(ben.token)).json).toEqual({ language: null });
    expect(await exportLang(ana.token)).toBe("es-MX");
    expect(await exportLang(ben.token)).toBe("en");
    // The query still decides when given.
    expect(await exportLang(ana.token, "&lang=en")).toBe("en");
    // The table of authorities' files too (its JSON stays data, in English).
    const toa = async (token: string, query: string) =>
      call(server, token, "GET", `/api/documents/${server.letterId}/authorities?${query}`);
    const es = (await toa(ana.token, "format=html")).text;
    expect(es).toContain('<html lang="es-MX">');
    expect(es).toContain("Índice de autoridades");
    expect(es).toContain("Leyes");
    expect(es).not.toContain("Statutes");
    const en = (await toa(ana.token, "format=html&lang=en")).text;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("Statutes");
    expect((await toa(ben.token, "format=html")).text).toContain("Table of Authorities");
    expect((await toa(ana.token, "format=json")).json.title).toBe("Table of Authorities");
    expect((await toa(ana.token, "format=html&lang=fr")).status).toBe(400);

    // Only the languages the app speaks, only that field.
    for (const body of [
      { language: "fr" },
      { language: 3 },
      { language: "en", theme: "dark" },
      {},
    ]) {
      const r = await set(ana.token, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await prefs(ana.token)).json).toEqual({ language: "es-MX" });

    // null forgets the choice.
    expect((await set(ana.token, { language: null })).json).toEqual({ language: null });
    expect(await exportLang(ana.token)).toBe("en");
  });
});
