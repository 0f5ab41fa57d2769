import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { eventually, startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { createDatabase } from "../utils/services.ts";
import { startTcpProxy, type TcpProxy } from "../utils/tcpProxy.ts";
import { connect, sessionText, typeBefore } from "../versions/helpers.ts";

/// The journal's statement (PostgresStore.appendUpdates): the proxy freezes
/// the one PostgreSQL connection that sends it, the others keep answering.
const JOURNAL_INSERT = "INSERT INTO journal";

/// HTTP endpoints that change a live document answer success only once the
/// change is on disk (docs/api.md, "Errors"): a version restore and a W3C
/// import, while PostgreSQL does not commit the journal (frozen behind a
/// TCP proxy), answer 503 `not_saved`, then the change is written when it
/// answers again.
describe("HTTP writes to a live document wait for the journal", () => {
  let server: TestServer;
  let proxy: TcpProxy;
  let dropDb: () => Promise<void>;
  let editor: TestUser;
  let url: (p: string) => string;

  beforeAll(async () => {
    const db = await createDatabase();
    dropDb = db.drop;
    const target = new URL(db.url);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    target.port = String(proxy.port);
    server = await startTestServer({ env: { DATABASE_URL: target.href, LOG_LEVEL: "silent" } });
    editor = await server.addUser("Vera Version", { role: "editor" });
    url = (p) => `/api/documents/${server.letterId}${p}`;
  });
  afterEach(() => proxy?.thaw());
  afterAll(async () => {
    proxy?.thaw();
    await server?.destroy();
    await proxy?.close();
    await dropDb?.();
  });

  it("a version restore is not answered 200 before the restored text is on disk", async () => {
    const v1 = await call(server, editor.token, "POST", url("/versions"), { name: "As received" });
    expect(v1.status).toBe(201);
    // Words typed after the version: the restore takes them out.
    const session = connect(server, editor, server.letterId);
    await eventually(() => expect(session.text.isSynced).toBe(true));
    typeBefore(session, "Remain in Mexico", "[typed after v1] ");
    await eventually(() => expect(session.saveState.status).toBe("saved"), 15_000);

    const stuck = proxy.freezeOn(JOURNAL_INSERT);
    const restore = call(server, editor.token, "POST", url(`/versions/${v1.json.id}/restore`));
    await stuck;
    const r = await restore;
    expect(r.status, r.text).toBe(503);
    expect(r.json.error.code).toBe("not_saved");
    expect(r.headers.get("retry-after")).toBeTruthy();
    // Done in memory: every live client has the restored text already…
    await eventually(() => expect(sessionText(session)).not.toContain("[typed after v1]"));
    // …and the history does not say "Restored" of text that is not on disk.
    const history = await call(server, editor.token, "GET", url("/versions"));
    expect(history.json.versions.map((v: { kind: string }) => v.kind)).not.toContain("restore");

    // The database answers again: the restore is written and survives a restart.
    proxy.thaw();
    await eventually(() => expect(session.saveState.status).toBe("saved"), 15_000);
    session.destroy();
    const again = await call(server, editor.token, "POST", url(`/versions/${v1.json.id}/restore`));
    expect(again.status, again.text).toBe(200);
    expect(again.json.restored.kind).toBe("restore");
    server = await server.restart();
    const content = await call(server, editor.token, "GET", url("/content"));
    expect(content.text).toContain("Remain in Mexico");
    expect(content.text).not.toContain("[typed after v1]");
  }, 120_000);

  it("a W3C import is not answered 200 before its annotations are on disk", async () => {
    const w3c = [
      {
        type: "Annotation",
        motivation: "commenting",
        bodyValue: "[imported while stuck]",
        target: {
          source: "urn:x",
          selector: [{ type: "TextQuoteSelector", exact: "insurmountable barriers" }],
        },
      },
    ];
    const stuck = proxy.freezeOn(JOURNAL_INSERT);
    const imported = call(server, editor.token, "POST", url("/annotations/import"), w3c);
    await stuck;
    const r = await imported;
    expect(r.status, r.text).toBe(503);
    expect(r.json.error.code).toBe("not_saved");

    proxy.thaw();
    // A comment answered 201 is on disk with everything accepted before it.
    const after = { exact: "insurmountable barriers", kind: "comment", body: "after" };
    await eventually(
      async () =>
        expect((await call(server, editor.token, "POST", url("/annotations"), after)).status).toBe(
          201,
        ),
      15_000,
    );
    server = await server.restart();
    const list = await call(server, editor.token, "GET", url("/annotations?limit=500"));
    expect(list.text.split("[imported while stuck]").length - 1).toBe(1);
  }, 120_000);
});
