import { importLetter } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import { EditorState } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { selectorFor } from "./anchor.ts";
import { addAnnotationMark, annotationIdsInDoc, findAnnotationRanges } from "./marks.ts";
import {
  createAnnotation,
  linkSource,
  replyToAnnotation,
  resolveAnnotation,
} from "./operations.ts";
import { listAnnotations, MemoryAnnotationStore } from "./store.ts";
import { context, find, paragraphs } from "./testing.ts";
import { commitW3CImport, exportW3C, GLOSSA_CONTEXT, importW3C, W3C_CONTEXT } from "./w3c.ts";

/// Mulberry32.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const importer = { id: "imp", name: "Importer" };
const KINDS = ["comment", "claim", "question", "issue", "highlight"];

/// The letter with `n` annotations on random spans, some with replies.
function annotatedLetter(n: number, seed = 1) {
  const random = rng(seed);
  let state = EditorState.create({ doc: importLetter(readSampleLetter()).doc });
  const store = new MemoryAnnotationStore();
  const ctx = context("editor");
  const bob = { ...context("annotator", "bob", "Bob"), now: ctx.now };
  const blocks: { from: number; size: number }[] = [];
  state.doc.descendants((node, pos) => {
    if (node.isTextblock && node.content.size > 3)
      blocks.push({ from: pos + 1, size: node.content.size });
    return !node.isTextblock;
  });
  for (let i = 0; i < n; i++) {
    const b = blocks[Math.floor(random() * blocks.length)]!;
    const start = Math.floor(random() * (b.size - 2));
    const len = 1 + Math.floor(random() * Math.min(60, b.size - start - 1));
    const from = b.from + start;
    const to = from + len;
    const id = `ann-${String(i).padStart(4, "0")}`;
    const ok = addAnnotationMark(
      from,
      to,
      id,
    )(state, (tr) => {
      state = state.apply(tr);
    });
    expect(ok).toBe(true);
    const kind = KINDS[i % KINDS.length]!;
    createAnnotation(store, ctx, {
      id,
      kind,
      selector: selectorFor(state.doc, from, to),
      ...(kind === "highlight" ? {} : { body: `Note ${i}` }),
    });
    if (i % 3 === 0) replyToAnnotation(store, bob, id, `Reply to ${i}, @Alice`, ["alice"]);
    if (i % 4 === 0) resolveAnnotation(store, bob, id);
    if (kind === "claim")
      linkSource(store, ctx, id, {
        key: "usc/8/1225",
        pinpoint: "(b)(2)(C)",
        relation: "supports",
      });
  }
  return { state, store };
}

describe("W3C export", () => {
  it("writes Web Annotation JSON-LD with both selectors, motivations and replies", () => {
    const doc = paragraphs("The policy returns asylum seekers to Mexico.");
    const store = new MemoryAnnotationStore();
    const ctx = context("editor");
    const r = find(doc, "asylum seekers");
    const a = createAnnotation(store, ctx, {
      kind: "question",
      selector: selectorFor(doc, r.from, r.to),
      body: "Who?",
    });
    replyToAnnotation(store, ctx, a.id, "All of them.");
    const out = exportW3C(listAnnotations(store), {
      documentIri: "https://glossa.test/doc/letter",
    }) as {
      "@context": unknown;
      first: { items: Record<string, unknown>[] };
    };
    expect(out["@context"]).toEqual([W3C_CONTEXT, GLOSSA_CONTEXT]);
    const [root, reply] = out.first.items;
    expect(root).toMatchObject({
      type: "Annotation",
      motivation: "questioning",
      body: { type: "TextualBody", value: "Who?", format: "text/plain" },
      target: {
        source: "https://glossa.test/doc/letter",
        selector: [
          {
            type: "TextQuoteSelector",
            exact: "asylum seekers",
            prefix: "The policy returns ",
            suffix: " to Mexico.",
          },
          { type: "TextPositionSelector", start: 19, end: 33 },
        ],
      },
    });
    expect(reply).toMatchObject({
      motivation: "replying",
      target: root!.id,
      references: [root!.id],
    });
  });

  it("round-trips the annotated letter into a fresh copy with every annotation on the same words", () => {
    const { state, store } = annotatedLetter(50, 7);
    const json = JSON.stringify(
      exportW3C(listAnnotations(store), { documentIri: "urn:doc:letter" }),
    );
    const fresh = EditorState.create({ doc: importLetter(readSampleLetter()).doc });
    const result = importW3C(json, fresh.doc, { importer, keepIds: true });
    expect(result.rejected).toEqual([]);
    expect(result.unplaced).toEqual([]);
    expect(result.notes).toEqual([]);
    expect(result.placed).toHaveLength(50);
    const store2 = new MemoryAnnotationStore();
    const after = fresh.apply(commitW3CImport(result, store2, fresh));
    for (const id of annotationIdsInDoc(state.doc))
      expect(findAnnotationRanges(after.doc, id), id).toEqual(findAnnotationRanges(state.doc, id));
    const before = listAnnotations(store);
    const again = listAnnotations(store2);
    expect(
      again.map((a) => [
        a.id,
        a.kind,
        a.status,
        !!a.resolved,
        a.messages.map((m) => [m.author.id, m.body]),
      ]),
    ).toEqual(
      before.map((a) => [
        a.id,
        a.kind,
        a.status,
        !!a.resolved,
        a.messages.map((m) => [m.author.id, m.body]),
      ]),
    );
    expect(again.every((a) => a.links.length === (a.kind === "claim" ? 1 : 0))).toBe(true);
  });

  it("W3C → Glossa → W3C loses nothing: the second export equals the first", () => {
    const { store } = annotatedLetter(40, 11);
    const options = {
      documentIri: "https://glossa.test/d/letter",
      collectionIri: "https://glossa.test/api/documents/letter/annotations?format=w3c",
    };
    const first = exportW3C(listAnnotations(store), options);
    const fresh = EditorState.create({ doc: importLetter(readSampleLetter()).doc });
    const result = importW3C(JSON.stringify(first), fresh.doc, { importer, keepIds: true });
    expect(result.rejected).toEqual([]);
    const store2 = new MemoryAnnotationStore();
    fresh.apply(commitW3CImport(result, store2, fresh));
    const second = exportW3C(listAnnotations(store2), options);
    expect(second).toEqual(first);
  });

  it("exports an empty document as a collection with an id and no page, and reads it back", () => {
    const out = exportW3C([], { documentIri: "https://glossa.test/d/empty" });
    expect(out).toEqual({
      "@context": [W3C_CONTEXT, GLOSSA_CONTEXT],
      id: "https://glossa.test/d/empty#annotations",
      type: "AnnotationCollection",
      total: 0,
    });
    const back = importW3C(out, paragraphs("Nothing here."), { importer });
    expect(back).toEqual({ placed: [], unplaced: [], rejected: [], notes: [] });
  });

  it("reports what it cannot place and keeps it detached", () => {
    const doc = paragraphs("the law of the sea", "the law of the sea");
    const items = [
      {
        type: "Annotation",
        target: { selector: { type: "TextQuoteSelector", exact: "law" } },
        bodyValue: "Which?",
      },
      {
        type: "Annotation",
        target: { selector: [{ type: "TextQuoteSelector", exact: "treaty of Westphalia" }] },
      },
    ];
    const result = importW3C(items, doc, { importer });
    expect(result.placed).toEqual([]);
    expect(result.unplaced.map((u) => [u.reason, u.annotation.detached?.reason])).toEqual([
      ["ambiguous", "ambiguous"],
      ["notFound", "not-found"],
    ]);
    expect(result.unplaced[0]!.annotation.messages[0]!.body).toBe("Which?");
  });
});

describe("W3C import", () => {
  const doc = paragraphs("The policy returns asylum seekers to Mexico while their cases proceed.");

  it("reads Hypothesis-style annotations with references and nested oa:hasReply", () => {
    const input = {
      rows: [
        {
          id: "h1",
          user: "acct:ana@hypothes.is",
          user_info: { display_name: "Ana Álvarez" },
          created: "2024-03-01T10:00:00Z",
          text: "Source?",
          tags: ["asylum"],
          target: [
            {
              source: "x",
              selector: [
                {
                  type: "TextQuoteSelector",
                  exact: "asylum seekers",
                  prefix: "returns ",
                  suffix: " to",
                },
              ],
            },
          ],
          "oa:hasReply": [
            {
              type: "Annotation",
              creator: { name: "Bo" },
              created: "2024-03-03T00:00:00Z",
              body: { type: "TextualBody", value: "Nested" },
            },
          ],
        },
        {
          id: "h2",
          user: "acct:bo@hypothes.is",
          created: "2024-03-02T10:00:00Z",
          text: "INA § 235",
          references: ["h1"],
        },
        { id: "h3", text: "orphan reply", references: ["nowhere"] },
      ],
    };
    const result = importW3C(input, doc, { importer });
    expect(result.rejected).toEqual([]);
    expect(result.notes).toEqual([
      expect.stringMatching(/answers "nowhere", which is not in the import/),
    ]);
    const [p] = result.placed;
    expect(p!.exact).toBe(true);
    expect(p!.annotation).toMatchObject({
      kind: "comment",
      tags: ["asylum"],
      author: { id: "acct:ana@hypothes.is", name: "Ana Álvarez" },
    });
    expect(p!.annotation.messages.map((m) => m.body)).toEqual(["Source?", "INA § 235", "Nested"]);
  });

  it("refuses hostile input with clear errors", () => {
    expect(importW3C("{nope", doc, { importer }).rejected[0]!.problems[0]!.message).toMatch(
      /is not JSON/,
    );
    expect(importW3C(42, doc, { importer }).rejected[0]!.problems[0]!.message).toMatch(
      /is not a Web Annotation/,
    );
    expect(
      importW3C("x".repeat(10 * 1024 * 1024 + 1), doc, { importer }).rejected[0]!.problems[0]!
        .message,
    ).toMatch(/larger than/);
    const bad = importW3C(
      [
        null,
        { type: "Annotation", target: {} },
        { type: "Annotation", target: { selector: { type: "TextQuoteSelector", exact: 5 } } },
        {
          type: "Annotation",
          bodyValue: "x".repeat(40_000),
          target: { selector: { type: "TextQuoteSelector", exact: "policy" } },
        },
        { type: "Annotation", motivation: "replying", body: { value: "hi" } },
        { __proto__: { target: 1 }, type: "Annotation" },
      ],
      doc,
      { importer },
    );
    expect(bad.placed).toEqual([]);
    expect(bad.rejected.map((r) => r.problems.map((p) => `${p.path} ${p.message}`))).toEqual([
      ["items[0]. is not an object"],
      ["items[1].target has no TextQuoteSelector to anchor by"],
      [
        "items[2].target.selector.exact must be a non-empty string",
        "items[2].target has no TextQuoteSelector to anchor by",
      ],
      ["items[3].bodyValue is too long (40000 characters, at most 32768)"],
      ["items[4].target a reply must name the annotation it answers"],
      ["items[5].target has no TextQuoteSelector to anchor by"],
    ]);
  });

  it("keeps tags to the vocabulary and maps motivations onto kinds", () => {
    const result = importW3C(
      {
        type: "AnnotationPage",
        items: [
          {
            type: "Annotation",
            motivation: ["assessing"],
            body: [
              { type: "TextualBody", purpose: "tagging", value: "Asylum" },
              { type: "TextualBody", purpose: "tagging", value: "cats" },
              {
                type: "SpecificResource",
                purpose: "linking",
                source: "https://uscode.house.gov/8/1225",
              },
            ],
            target: { selector: { type: "TextQuoteSelector", exact: "Mexico" } },
          },
        ],
      },
      doc,
      { importer, vocabulary: { tags: [{ id: "asylum", label: "Asylum" }] } },
    );
    expect(result.placed[0]!.annotation).toMatchObject({
      kind: "claim",
      status: "unsupported",
      tags: ["asylum"],
      links: [{ key: "https://uscode.house.gov/8/1225", relation: "cites" }],
    });
    expect(result.notes).toEqual([expect.stringMatching(/"cats" is not in the vocabulary/)]);
  });
});
