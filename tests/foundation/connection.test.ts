import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestServer, type TestServer } from "../utils/server.ts";
import { connect } from "../versions/helpers.ts";

/// One websocket per session, kept: a session whose socket provider was
/// connected both at construction and on attach had a stale retry close the
/// live socket about a second later and reconnect, losing any request in
/// flight (an annotation sent then was never answered).
describe("the collaboration socket", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.destroy());

  it("stays open after connecting: no reconnect without a reason", async () => {
    const user = await server.addUser("Sam Steady", { role: "editor" });
    const session = connect(server, user, server.letterId);
    const statuses: string[] = [];
    session.socket.on("status", ({ status }: { status: string }) => statuses.push(status));
    await eventually(() =>
      expect(session.text.isSynced && session.annotations.isSynced).toBe(true),
    );
    const opened = statuses.length;
    // The stale retry fired after the provider's 1 s delay; wait well past it.
    await new Promise((r) => setTimeout(r, 2500));
    expect(statuses.slice(opened)).toEqual([]);
    expect(statuses.filter((s) => s === "connecting").length).toBeLessThanOrEqual(1);
    session.destroy();
  });
});
