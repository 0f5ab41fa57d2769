import { PassThrough, Readable } from "node:stream";
import { runSources } from "@glossa/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../api/helpers.ts";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";

const enc = encodeURIComponent;

/// Adding, editing and deleting the team's own authorities: over HTTP with
/// roles checked by the server, and with `glossa sources edit|delete`.
describe("team authorities: add, edit, delete", () => {
  let server: TestServer;
  const users: Record<"editor" | "annotator" | "viewer" | "nobody", TestUser> = {} as never;

  const cli = async (args: string[]) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = "";
    let err = "";
    stdout.on("data", (d) => {
      out += d;
    });
    stderr.on("data", (d) => {
      err += d;
    });
    const code = await runSources(
      args,
      { stdin: Readable.from([]), stdout, stderr },
      { DATA_DIR: server.dataDir },
    );
    return { code, out, err };
  };

  beforeAll(async () => {
    server = await startTestServer();
    users.editor = await server.addUser("Eve Editor", { role: "editor" });
    users.annotator = await server.addUser("Ann Annotator", { role: "annotator" });
    users.viewer = await server.addUser("Vic Viewer", { role: "viewer" });
    users.nobody = await server.addUser("Nora Nobody");
  });
  afterAll(async () => {
    await server?.destroy();
  });

  const east = {
    kind: "case",
    title: "East Bay Sanctuary Covenant v. Trump",
    citation: "932 F.3d 742",
    court: "9th Cir.",
    date: "2018-12-07",
    url: "https://cdn.ca9.uscourts.gov/datastore/opinions/2018/12/07/18-17274.pdf",
    text: "The rule conflicts with the statute.\n\nSecond paragraph.",
  };

  it("refuses annotators, viewers and people with no document; the server checks, not the app", async () => {
    for (const who of ["annotator", "viewer", "nobody"] as const) {
      const token = users[who].token;
      const add = await call(server, token, "POST", "/api/sources", east);
      expect(add.status, who).toBe(403);
      expect(add.json.error).toMatchObject({ code: "forbidden", message: /owners and editors/ });
      expect((await call(server, token, "POST", "/api/sources/import", [])).status).toBe(403);
      expect(
        (await call(server, token, "PATCH", `/api/sources/${enc("local/x/y")}`, { title: "Z" }))
          .status,
      ).toBe(403);
      expect((await call(server, token, "DELETE", `/api/sources/${enc("local/x/y")}`)).status).toBe(
        403,
      );
      // Reading and searching stay open to them.
      expect((await call(server, token, "GET", "/api/sources?q=asylum")).status).toBe(200);
    }
    expect((await call(server, null, "POST", "/api/sources", east)).status).toBe(401);
  });

  it("an editor adds an authority by its citation; searching the citation finds it first", async () => {
    const r = await call(server, users.editor.token, "POST", "/api/sources", east);
    expect(r.status).toBe(201);
    expect(r.json.authority).toMatchObject({
      key: "case/932/F.3d/742",
      caseName: "East Bay Sanctuary Covenant v. Trump",
      canonical: "East Bay Sanctuary Covenant v. Trump, 932 F.3d 742 (9th Cir. 2018)",
      origin: "team",
      text: { scope: "full", lang: "en", intro: "The rule conflicts with the statute." },
    });
    expect(r.json.addedBy).toEqual({ id: users.editor.id, name: "Eve Editor" });
    const found = await call(
      server,
      users.viewer.token,
      "GET",
      `/api/sources?q=${enc("932 F.3d 742")}`,
    );
    expect(found.json.results[0]).toMatchObject({ key: "case/932/F.3d/742", tier: "citation" });
    const byName = await call(
      server,
      users.viewer.token,
      "GET",
      `/api/sources?q=${enc("East Bay Sanctuary Covenant v. Trump")}`,
    );
    expect(byName.json.results[0]).toMatchObject({ key: "case/932/F.3d/742", tier: "name" });
    expect(byName.json.results.every((x: { kind: string }) => x.kind === "case")).toBe(true);
  });

  it("edits: fields change, cleared fields go, the key stays, who edited is kept", async () => {
    const key = enc("case/932/F.3d/742");
    const r = await call(server, users.editor.token, "PATCH", `/api/sources/${key}`, {
      title: "East Bay Sanctuary Covenant v. Trump (stay denied)",
      summary: "Ninth Circuit denies a stay of the injunction against the asylum ban.",
      text: null,
    });
    expect(r.status).toBe(200);
    expect(r.json.authority.title).toBe("East Bay Sanctuary Covenant v. Trump (stay denied)");
    expect(r.json.authority.text).toBeUndefined();
    expect(r.json.authority.key).toBe("case/932/F.3d/742");
    expect(r.json).toMatchObject({
      addedBy: { id: users.editor.id },
      editedBy: { id: users.editor.id, name: "Eve Editor" },
    });
    const read = await call(server, users.viewer.token, "GET", `/api/sources/${key}`);
    expect(read.json).toMatchObject({ text: null, editedBy: { id: users.editor.id } });
    expect(read.json.authority.summary).toMatch(/denies a stay/);

    // Bad edits: a new key, an invalid URL, an unknown field, a built-in, a missing key.
    const bad = [
      [key, { key: "local/case/other" }, 400],
      [key, { url: "javascript:alert(1)" }, 400],
      [key, { colour: "red" }, 400],
      [key, [], 400],
      [enc("usc/8/1225"), { title: "Mine now" }, 403],
      [enc("local/report/none"), { title: "x" }, 404],
    ] as const;
    for (const [k, body, status] of bad) {
      const res = await call(server, users.editor.token, "PATCH", `/api/sources/${k}`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
    }
    const still = await call(server, users.viewer.token, "GET", `/api/sources/${key}`);
    expect(still.json.authority.urls[0].url).toMatch(/^https:\/\/cdn\.ca9/);
    expect(
      (await call(server, users.editor.token, "PATCH", `/api/sources/${key}`, "{oops")).status,
    ).toBe(400);
  });

  it("deletes: gone from search and lists, still readable by key for the links that cite it", async () => {
    const key = enc("case/932/F.3d/742");
    expect(
      (await call(server, users.editor.token, "DELETE", `/api/sources/${enc("usc/8/1225")}`))
        .status,
    ).toBe(403);
    const del = await call(server, users.editor.token, "DELETE", `/api/sources/${key}`);
    expect(del.status).toBe(200);
    expect(del.json).toMatchObject({
      key: "case/932/F.3d/742",
      deletedBy: { id: users.editor.id },
    });
    expect((await call(server, users.editor.token, "DELETE", `/api/sources/${key}`)).status).toBe(
      404,
    );
    const search = await call(
      server,
      users.viewer.token,
      "GET",
      `/api/sources?q=${enc("932 F.3d 742")}`,
    );
    expect(search.json.results).toEqual([]);
    const list = await call(server, users.viewer.token, "GET", "/api/sources?limit=500");
    expect(list.json.results.some((a: { key: string }) => a.key === "case/932/F.3d/742")).toBe(
      false,
    );
    const read = await call(server, users.viewer.token, "GET", `/api/sources/${key}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      authority: {
        key: "case/932/F.3d/742",
        title: "East Bay Sanctuary Covenant v. Trump (stay denied)",
      },
      deleted: { by: { id: users.editor.id } },
    });
    // Adding it again brings it back as a live authority.
    const again = await call(server, users.editor.token, "POST", "/api/sources", east);
    expect(again.status).toBe(201);
    const live = await call(server, users.viewer.token, "GET", `/api/sources/${key}`);
    expect(live.json.deleted).toBeUndefined();
  });

  it("glossa sources edit / delete work on the server's store, and the server sees them", async () => {
    const add = await cli([
      "add",
      "--kind",
      "report",
      "--title",
      "Delivered to Danger",
      "--url",
      "https://example.org/dd",
    ]);
    expect(add.code, add.err).toBe(0);
    const edit = await cli([
      "edit",
      "local/report/delivered-to-danger",
      "--summary",
      "Human Rights First report on returns to Mexico.",
      "--url",
      "",
    ]);
    expect(edit.code, edit.err).toBe(0);
    expect(edit.out).toMatch(/Edited local\/report\/delivered-to-danger/);
    const read = await call(
      server,
      users.viewer.token,
      "GET",
      `/api/sources/${enc("local/report/delivered-to-danger")}`,
    );
    expect(read.json.authority).toMatchObject({ summary: /Human Rights First/, urls: [] });
    expect(read.json.editedBy.name).toMatch(/^command line/);

    expect((await cli(["edit", "local/report/delivered-to-danger"])).code).toBe(2);
    expect((await cli(["edit", "usc/8/1225", "--title", "x"])).code).toBe(1);
    expect((await cli(["delete"])).code).toBe(2);
    expect((await cli(["delete", "usc/8/1225"])).err).toMatch(
      /built-in authority and cannot be removed/,
    );
    const del = await cli(["delete", "local/report/delivered-to-danger"]);
    expect(del.code, del.err).toBe(0);
    const search = await call(
      server,
      users.viewer.token,
      "GET",
      `/api/sources?q=${enc("Delivered to Danger")}`,
    );
    expect(search.json.results.some((a: { key: string }) => a.key.startsWith("local/"))).toBe(
      false,
    );
    expect((await cli(["delete", "local/report/delivered-to-danger"])).code).toBe(1);
  });
});
