import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CloseEvents } from "@glossa/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../utils/server.ts";
import { createDatabase } from "../utils/services.ts";
import { http, serverContent, sleep } from "./fixture.ts";
import { frames, RawClient, textEdit } from "./rawClient.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/// Runs the real `glossa` command line in its own process.
async function glossa(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "apps/server/src/cli.ts", ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/// An editor keeps writing; returns when its connection to the letter is
/// cut, with the time from `revoke()` resolving.
/// (Measured from `revoke()` resolving: for the CLI that is when the
/// process exits, so the figure is an upper bound on what remains.)
async function cutOff(
  server: TestServer,
  token: string,
  docName: string,
  revoke: () => Promise<void>,
): Promise<number> {
  const c = await RawClient.open(server.wsUrl);
  expect((await c.auth(docName, token)).ok).toBe(true);
  const copy = await c.load(docName);
  let n = 0;
  const timer = setInterval(() => c.send(frames.update(docName, textEdit(copy, `[c${n++}]`))), 20);
  await sleep(150);
  await revoke();
  const t = Date.now();
  while (c.of(docName, "close").length === 0 && c.isOpen && Date.now() - t < 5000) await sleep(5);
  const ms = Date.now() - t;
  await sleep(20);
  await server.glossa.persistence.drained(docName);
  const at = await serverContent(server, docName);
  await sleep(300);
  clearInterval(timer);
  await server.glossa.persistence.drained(docName);
  expect(await serverContent(server, docName)).toBe(at);
  expect((c.of(docName, "close")[0] as { reason: string } | undefined)?.reason).toBe(
    CloseEvents.Forbidden.reason,
  );
  c.close();
  return ms;
}

describe("security: the command line and other instances change access live", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f().catch(() => {});
  });

  it("glossa user add / share / unshare work on a running server's data; unshare cuts within 1 s", async () => {
    const server = await startTestServer();
    cleanup.push(() => server.destroy());
    const env = { DATA_DIR: server.dataDir, GLOSSA_QUIET: "1" };
    const add = await glossa(
      env,
      "user",
      "add",
      "carla@example.org",
      "--name",
      "Carla",
      "--password",
      "carla-password-1",
    );
    expect(add.code).toBe(0);
    const title = (await server.glossa.store.getDocument(server.letterId))!.title;
    const share = await glossa(env, "share", title, "carla@example.org", "editor");
    expect(share.code).toBe(0);
    expect(share.stdout).toContain("is now editor");
    const login = await http(server, "POST", "/api/login", null, {
      email: "carla@example.org",
      password: "carla-password-1",
    });
    expect(login.status).toBe(200);
    const token = login.body!.token as string;
    const ms = await cutOff(server, token, `doc/${server.letterId}`, async () => {
      const r = await glossa(env, "unshare", server.letterId, "carla@example.org");
      expect(r.code).toBe(0);
    });
    console.log(`CLI unshare → cut-off ${ms} ms`);
    expect(ms).toBeLessThan(1000);
    const bad = await glossa(env, "share", "No such title", "carla@example.org", "viewer");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("No document has the id or title");
    expect((await glossa(env, "share", title, "carla@example.org", "boss")).code).toBe(2);
    const link = await glossa(env, "signin-link", "carla@example.org");
    expect(link.stdout).toMatch(/^http:\/\/127\.0\.0\.1:4321\/#signin=/);
  });

  it("on PostgreSQL, a share removed on one instance cuts the connection on another within 1 s", async () => {
    const { url: DATABASE_URL, drop } = await createDatabase("glossa_sec");
    cleanup.push(drop);
    const a = await startTestServer({ env: { DATABASE_URL } });
    cleanup.push(() => a.destroy());
    const b = await startTestServer({ env: { DATABASE_URL } });
    cleanup.push(() => b.destroy());
    expect(b.letterId).toBe(a.letterId);
    const editor = await a.addUser("Dana Instance", { role: "editor" });
    const ms = await cutOff(b, editor.token, `doc/${a.letterId}`, async () => {
      const r = await http(
        a,
        "DELETE",
        `/api/documents/${a.letterId}/shares/${editor.id}`,
        a.ownerToken,
      );
      expect(r.status).toBe(200);
    });
    console.log(`instance A unshare → cut-off on instance B ${ms} ms`);
    expect(ms).toBeLessThan(1000);
    // What it wrote before the cut was kept (and is what instance A sees).
    expect((await a.glossa.documents.content(a.letterId)).textContent).toContain("[c1]");
  });
});
