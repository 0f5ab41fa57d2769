import { readSampleLetter } from "@glossa/schema/sample";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { call } from "./helpers.ts";

/// Importing W3C annotations over real HTTP: bad and unplaceable items
/// reported, good ones kept; who may import. (Moved from annotations.test.ts,
/// which keeps the export and round trip.)
describe("annotations API: import", () => {
  let server: TestServer;
  let annotator: TestUser;
  let editor: TestUser;
  let doc: string;
  const base = () => `/api/documents/${doc}/annotations`;

  beforeAll(async () => {
    server = await startTestServer();
    doc = server.letterId;
    annotator = await server.addUser("Ana Annotator", { role: "annotator" });
    editor = await server.addUser("Eli Editor", { role: "editor" });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it("imports reporting bad and unplaceable items without losing good ones; only owners and editors import", async () => {
    const target = (exact: string) => ({
      source: "urn:x",
      selector: [{ type: "TextQuoteSelector", exact }],
    });
    const first = {
      type: "Annotation",
      motivation: "commenting",
      bodyValue: "good",
      target: target("due process"),
    };
    const items = [
      first,
      { type: "Annotation", motivation: "commenting", bodyValue: "no target" },
      {
        type: "Annotation",
        motivation: "questioning",
        target: target("words not in the letter at all"),
      },
      "not even an object",
    ];
    const copy = await call(server, editor.token, "POST", "/api/documents", {
      format: "letter",
      text: readSampleLetter(),
    });
    const url = `/api/documents/${copy.json.id}/annotations`;
    const r = await call(server, editor.token, "POST", `${url}/import`, items);
    expect(r.status).toBe(200);
    expect(r.json.placed).toHaveLength(0);
    // "due process" appears twice in the letter: kept, detached, reported.
    expect(r.json.unplaced.map((u: { reason: string }) => u.reason).sort()).toEqual([
      "ambiguous",
      "notFound",
    ]);
    expect(r.json.rejected.map((x: { index: number }) => x.index)).toEqual([1, 3]);
    expect(r.json.rejected[0].problems[0].message).toMatch(/no TextQuoteSelector/);

    const good = await call(server, editor.token, "POST", `${url}/import`, [
      { ...first, target: target("due process, counsel") },
      items[1],
    ]);
    expect(good.json.placed).toHaveLength(1);
    expect(good.json.placed[0]).toMatchObject({ quote: "due process, counsel", paragraph: 2 });
    expect(good.json.rejected).toHaveLength(1);
    const list = await call(server, editor.token, "GET", url);
    const placed = list.json.annotations.find(
      (a: { id: string }) => a.id === good.json.placed[0].id,
    );
    expect(placed.anchor).toMatchObject({ status: "attached", text: "due process, counsel" });
    expect(list.json.annotations.filter((a: { detached: unknown }) => a.detached)).toHaveLength(2);

    const whole = await call(server, editor.token, "POST", `${url}/import`, { hello: "world" });
    expect(whole.status).toBe(400);
    expect(whole.json.error.message).toMatch(/Nothing was imported/);
    const bad = await call(server, editor.token, "POST", `${url}/import`, "{oops");
    expect(bad.status).toBe(400);
    const byAnnotator = await call(server, annotator.token, "POST", `${base()}/import`, items);
    expect(byAnnotator.status).toBe(403);
  });
});
