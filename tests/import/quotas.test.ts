import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";

/// The per-account quotas on the import endpoints (issue 10): documents per
/// account, the size a document may have (as for live edits:
/// TEXT_LIMITS.documentClocks / documentStructs) and imports per minute. A
/// refused import answers a JSON error in words and stores nothing.
describe("import quotas", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { ACCOUNT_IMPORTS_PER_MINUTE: "3", ACCOUNT_MAX_DOCUMENTS: "3" },
    });
  });
  afterAll(() => server.destroy());

  const importFile = (
    user: TestUser,
    body: BodyInit,
    into: string | null = null,
    type = "text/plain",
  ) =>
    fetch(`${server.url}/api/documents${into ? `/${into}/import` : ""}?filename=brief.txt`, {
      method: "POST",
      headers: { Authorization: `Bearer ${user.token}`, "Content-Type": type },
      body,
    }).then(async (r) => ({
      status: r.status,
      retryAfter: r.headers.get("retry-after"),
      json: (await r.json()) as { id?: string; error?: { code: string; message: string } },
    }));
  const owned = async (user: TestUser) =>
    (await server.glossa.store.listDocumentsFor(user.id)).length;
  const content = async (user: TestUser, id: string) =>
    (
      await fetch(`${server.url}/api/documents/${id}/content`, {
        headers: { Authorization: `Bearer ${user.token}` },
      }).then((r) => r.json())
    ).text as string;

  /// 41 paragraphs of 500,000 characters: 20,500,000, over a document's 20,000,000.
  const huge = () => Array.from({ length: 41 }, () => "a".repeat(500_000)).join("\n\n");

  it("a file longer than a document may be is refused (413 document_too_large), nothing stored", async () => {
    const user = await server.addUser("Quota long");
    const before = await owned(user);
    const r = await importFile(user, huge());
    expect(r.status).toBe(413);
    expect(r.json.error?.code).toBe("document_too_large");
    expect(r.json.error?.message).toMatch(/20,000,000.*Split it into several files/);
    expect(await owned(user)).toBe(before);
  }, 120_000);

  it("the same file put into an empty document is refused too, and the document is unchanged", async () => {
    const user = await server.addUser("Quota into");
    const created = await fetch(`${server.url}/api/documents`, {
      method: "POST",
      headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Untitled document", text: "" }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const text = await content(user, created.id);
    const r = await importFile(user, huge(), created.id);
    expect(r.status).toBe(413);
    expect(r.json.error?.code).toBe("document_too_large");
    expect(await content(user, created.id)).toBe(text);
  }, 120_000);

  it("imports per minute per account: the 4th of 3 allowed is refused (429 import_rate, Retry-After), nothing stored; another account is not", async () => {
    const user = await server.addUser("Quota rate");
    const other = await server.addUser("Quota other");
    for (let i = 0; i < 2; i++)
      expect((await importFile(user, `Brief ${i}.\n\nSome words.`)).status).toBe(201);
    // An import into an empty document counts too.
    const empty = await fetch(`${server.url}/api/documents`, {
      method: "POST",
      headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "Untitled document", text: "" }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    expect((await importFile(user, "Into it.", empty.id)).status).toBe(200);
    const before = await owned(user);
    const r = await importFile(user, "One too many.");
    expect(r.status).toBe(429);
    expect(r.json.error?.code).toBe("import_rate");
    expect(r.json.error?.message).toMatch(/imported 3 files in the last minute/);
    expect(Number(r.retryAfter)).toBeGreaterThan(0);
    expect(await owned(user)).toBe(before);
    expect((await importFile(other, "Someone else.")).status).toBe(201);
  });

  it("documents per account apply to imports: over the limit, 429 document_limit, nothing stored", async () => {
    const user = await server.addUser("Quota count");
    for (let i = 0; i < 3; i++)
      await fetch(`${server.url}/api/documents`, {
        method: "POST",
        headers: { Authorization: `Bearer ${user.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ title: `D${i}`, text: "Words." }),
      });
    expect(await owned(user)).toBe(3);
    const r = await importFile(user, "A fourth document.");
    expect(r.status).toBe(429);
    expect(r.json.error?.code).toBe("document_limit");
    expect(await owned(user)).toBe(3);
  });
});
