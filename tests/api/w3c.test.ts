import { readFileSync } from "node:fs";
import path from "node:path";
import { readSampleLetter } from "@glossa/schema/sample";
import Ajv from "ajv-draft-04";
import jsonld from "jsonld";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "../utils/server.ts";
import { call } from "./helpers.ts";

/// Issue 15: the W3C Web Annotation export of the annotated letter, over
/// real HTTP, against the MUST schemas of the W3C test suite
/// (fixtures/web-annotation-tests, origin and licence in its SOURCES.md).
const SUITE = path.join(
  import.meta.dirname,
  "..",
  "annotations",
  "fixtures",
  "web-annotation-tests",
);
const readJson = (f: string) => JSON.parse(readFileSync(path.join(SUITE, f), "utf8"));

/// The assertions a `*Musts.test` file lists, compiled with their shared definitions.
function musts(testFile: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const d of [
    "annotations",
    "bodyTarget",
    "choiceSet",
    "collections",
    "id",
    "otherProperties",
    "specificResource",
  ])
    ajv.addSchema(readJson(`definitions/${d}.json`));
  const files = readJson(testFile).assertions as string[];
  return files.map((f) => {
    const schema = readJson(f);
    expect(schema.assertionType, f).toBe("must");
    expect(schema.expectedResult, f).toBe("valid");
    return { file: f, validate: ajv.compile(schema) };
  });
}

function failures(checks: ReturnType<typeof musts>, value: unknown): string[] {
  return checks
    .filter((c) => !c.validate(value))
    .map((c) => `${c.file}: ${JSON.stringify(c.validate.errors?.slice(0, 2))}`);
}

describe("W3C Web Annotation export", () => {
  let server: TestServer;
  let editor: TestUser;
  let annotator: TestUser;
  const annotationMusts = musts("annotations/annotationMusts.test");
  const collectionMusts = musts("collections/collectionMusts.test");

  beforeAll(async () => {
    server = await startTestServer();
    editor = await server.addUser("Eli Editor", { role: "editor" });
    annotator = await server.addUser("Ana Annotator", { role: "annotator" });
    // Annotate the letter: a claim with a tag, a link and a reply; a comment; a question.
    const base = `/api/documents/${server.letterId}/annotations`;
    const claim = await call(server, annotator.token, "POST", base, {
      exact: "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)",
      kind: "claim",
      body: "Also cite 8 U.S.C. § 1225(b)(2)(C).",
      tags: ["mpp"],
    });
    expect(claim.status).toBe(201);
    const url = `${base}/${claim.json.id}`;
    expect(
      (
        await call(server, annotator.token, "POST", `${url}/links`, {
          key: "usc/8/1225",
          pinpoint: "b/2/C",
          relation: "supports",
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(server, editor.token, "POST", `${url}/replies`, { body: "Agreed." })).status,
    ).toBe(201);
    for (const [exact, kind, body] of [
      ["non-refoulement", "comment", "Which instrument?"],
      ["complementary protection", "question", "Define it."],
    ])
      expect(
        (await call(server, annotator.token, "POST", base, { exact, kind, body })).status,
      ).toBe(201);
  });
  afterAll(async () => {
    await server?.destroy();
  });

  const exportOf = async (docId: string) => {
    const r = await call(
      server,
      editor.token,
      "GET",
      `/api/documents/${docId}/annotations?format=w3c`,
    );
    expect(r.status).toBe(200);
    return r.json;
  };

  it("passes every MUST schema of the W3C test suite: the collection and each annotation", async () => {
    const out = await exportOf(server.letterId);
    expect(failures(collectionMusts, out)).toEqual([]);
    const items = out.first.items as unknown[];
    expect(items.length).toBe(4); // three annotations and one reply
    for (const item of items) expect(failures(annotationMusts, item)).toEqual([]);
  });

  it("the schemas catch a broken export (they can fail)", async () => {
    const out = await exportOf(server.letterId);
    const item = structuredClone(out.first.items[0]);
    item["@context"] = "http://example.org/other.jsonld";
    item.bodyValue = "both body and bodyValue";
    expect(failures(annotationMusts, item).length).toBeGreaterThanOrEqual(2);
    expect(failures(collectionMusts, { ...out, id: 42, first: undefined })).not.toEqual([]);
  });

  it("names the collection and its page, and targets the document's URL with both selectors", async () => {
    const out = await exportOf(server.letterId);
    expect(out.id).toBe(`${server.url}/api/documents/${server.letterId}/annotations?format=w3c`);
    expect(out.first).toMatchObject({
      id: `${out.id}#page-1`,
      type: "AnnotationPage",
      partOf: out.id,
    });
    const claim = out.first.items.find((i: { motivation: string }) => i.motivation === "assessing");
    expect(claim.target.source).toBe(`${server.url}/d/${server.letterId}`);
    expect(claim.target.selector.map((s: { type: string }) => s.type)).toEqual([
      "TextQuoteSelector",
      "TextPositionSelector",
    ]);
    // The document URL is the app's page for it.
    const page = await fetch(claim.target.source);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
  });

  it("an empty document exports a valid collection with an id and no page", async () => {
    const doc = await call(server, editor.token, "POST", "/api/documents", {
      format: "letter",
      text: readSampleLetter(),
    });
    expect(doc.status).toBe(201);
    const out = await exportOf(doc.json.id);
    expect(out).toMatchObject({ type: "AnnotationCollection", total: 0 });
    expect(out.id).toContain(doc.json.id);
    expect(out.first).toBeUndefined();
    expect(failures(collectionMusts, out)).toEqual([]);
  });

  it("JSON-LD processors keep Glossa's terms (second @context entry)", async () => {
    const out = await exportOf(server.letterId);
    // The W3C context from the W3C's repository, so the test needs no network.
    const anno = readJson("anno.json");
    const documentLoader = async (url: string) => {
      if (url.replace(/^https:/, "http:") !== "http://www.w3.org/ns/anno.jsonld")
        throw new Error(`unexpected context ${url}`);
      return { contextUrl: undefined, documentUrl: url, document: anno };
    };
    const expanded: unknown = await jsonld.expand(out, { documentLoader } as never);
    const text = JSON.stringify(expanded);
    expect(text).toContain("urn:glossa:vocab:glossa");
    expect(text).toContain("urn:glossa:vocab:references");
    expect(text).toContain('"kind":"claim"');
    expect(text).toContain('"key":"usc/8/1225"');
  });
});
