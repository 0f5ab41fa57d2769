import { describe, expect, it } from "vitest";
import { annotationAuth, checkRecordWrite } from "./auth.ts";
import { LIMITS, type Selector, validateAnnotation } from "./model.ts";
import {
  AnnotationError,
  createAnnotation,
  deleteAnnotation,
  deleteMessage,
  editMessage,
  linkSource,
  parseMentions,
  reopenAnnotation,
  replyToAnnotation,
  resolveAnnotation,
  setClaimStatus,
  setTags,
  unlinkSource,
} from "./operations.ts";
import {
  listAnnotations,
  MemoryAnnotationStore,
  readAnnotation,
  recordKey,
  validateRecord,
} from "./store.ts";
import { context } from "./testing.ts";

const selector: Selector = {
  quote: { exact: "asylum seekers", prefix: "returns ", suffix: " to Mexico" },
  position: { start: 100, end: 114 },
};

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof AnnotationError) return e.code;
    throw e;
  }
  return "ok";
};

describe("operations", () => {
  it("create, reply, edit, resolve, reopen, with an audit trail", () => {
    const store = new MemoryAnnotationStore();
    const alice = context("editor", "alice", "Alice");
    const bob = { ...context("annotator", "bob", "Bob"), now: alice.now }; // one clock
    const a = createAnnotation(store, alice, {
      kind: "comment",
      selector,
      body: "Which ones?",
      tags: [],
    });
    expect(a).toMatchObject({ kind: "comment", status: null, resolved: null, detached: null });
    expect(a.messages.map((m) => m.body)).toEqual(["Which ones?"]);
    const r = replyToAnnotation(store, bob, a.id, "Those in MPP, @Alice", ["alice"]);
    expect(code(() => editMessage(store, alice, a.id, r.id, "hijack"))).toBe("forbidden");
    expect(code(() => deleteMessage(store, alice, a.id, r.id))).toBe("forbidden");
    const e = editMessage(store, bob, a.id, r.id, "Those returned under MPP");
    expect(e.editedAt).toBeDefined();
    resolveAnnotation(store, bob, a.id);
    expect(readAnnotation(store, a.id)!.resolved).toMatchObject({ by: { id: "bob" } });
    reopenAnnotation(store, alice, a.id);
    const after = readAnnotation(store, a.id)!;
    expect(after.resolved).toBeNull();
    expect(after.messages.map((m) => m.body)).toEqual(["Which ones?", "Those returned under MPP"]);
    expect(after.audit.map((x) => `${x.who?.id}:${x.action}`)).toEqual([
      "alice:created",
      "bob:replied",
      "bob:edited",
      "bob:resolved",
      "alice:reopened",
    ]);
    deleteMessage(store, bob, a.id, r.id);
    expect(readAnnotation(store, a.id)!.messages).toHaveLength(1);
    expect(validateAnnotation(readAnnotation(store, a.id))).toEqual([]);
  });

  it("claims move from unsupported to sourced when a supporting source is linked", () => {
    const store = new MemoryAnnotationStore();
    const ctx = context("owner");
    const a = createAnnotation(store, ctx, { kind: "claim", selector });
    expect(a.status).toBe("unsupported");
    const l = linkSource(store, ctx, a.id, { key: "usc/8/1225/b/2/C", relation: "supports" });
    expect(readAnnotation(store, a.id)!.status).toBe("sourced");
    expect(
      code(() => linkSource(store, ctx, a.id, { key: "usc/8/1225/b/2/C", relation: "supports" })),
    ).toBe("conflict");
    setClaimStatus(store, ctx, a.id, "verified");
    unlinkSource(store, ctx, a.id, l.id);
    const b = createAnnotation(store, ctx, { kind: "question", selector });
    expect(code(() => setClaimStatus(store, ctx, b.id, "verified"))).toBe("conflict");
    expect(readAnnotation(store, a.id)!.audit.map((x) => x.action)).toEqual([
      "created",
      "linked",
      "status",
      "status",
      "unlinked",
    ]);
  });

  it("viewers may not annotate; only authors and editors delete", () => {
    const store = new MemoryAnnotationStore();
    const viewer = context("viewer", "vera", "Vera");
    expect(code(() => createAnnotation(store, viewer, { kind: "comment", selector }))).toBe(
      "forbidden",
    );
    const ann = context("annotator", "ann", "Ann");
    const other = context("annotator", "otto", "Otto");
    const a = createAnnotation(store, ann, { kind: "issue", selector, body: "Typo" });
    expect(code(() => replyToAnnotation(store, viewer, a.id, "hi"))).toBe("forbidden");
    expect(code(() => deleteAnnotation(store, other, a.id))).toBe("forbidden");
    deleteAnnotation(store, context("editor", "ed", "Ed"), a.id);
    expect(listAnnotations(store)).toEqual([]);
    expect(listAnnotations(store, { includeDeleted: true })[0]!.audit.at(-1)!.action).toBe(
      "deleted",
    );
    expect(code(() => replyToAnnotation(store, ann, a.id, "late"))).toBe("conflict");
    expect(code(() => replyToAnnotation(store, ann, "nope-nope", "x"))).toBe("not-found");
  });

  it("validates input with clear errors", () => {
    const store = new MemoryAnnotationStore();
    const ctx = { ...context("editor"), vocabulary: { tags: [{ id: "asylum", label: "Asylum" }] } };
    let err: AnnotationError | undefined;
    try {
      createAnnotation(store, ctx, {
        kind: "rant",
        selector: { quote: { exact: "", prefix: "", suffix: "" }, position: { start: 5, end: 2 } },
        body: "x".repeat(LIMITS.body + 1),
        tags: ["nonsense"],
      });
    } catch (e) {
      err = e as AnnotationError;
    }
    expect(err?.code).toBe("invalid");
    expect(err!.problems.map((p) => p.path)).toEqual([
      "kind",
      "selector.quote.exact",
      "selector.position",
      "tags[0]",
      "body.body",
    ]);
    expect(err!.message).toContain("body.body is too long (32769 characters, at most 32768)");
    const a = createAnnotation(store, ctx, { kind: "comment", selector, tags: ["asylum"] });
    expect(code(() => replyToAnnotation(store, ctx, a.id, "   "))).toBe("invalid");
    expect(code(() => replyToAnnotation(store, ctx, a.id, "bell\u0007"))).toBe("invalid");
    expect(code(() => setTags(store, ctx, a.id, ["asylum", "asylum"]))).toBe("invalid");
  });

  it("keeps concurrent writers' changes apart: one record per field and message", () => {
    const store = new MemoryAnnotationStore();
    const ctx = context("editor");
    const a = createAnnotation(store, ctx, { kind: "claim", selector, body: "Check" });
    replyToAnnotation(store, ctx, a.id, "one");
    resolveAnnotation(store, ctx, a.id);
    const keys = store
      .list()
      .map(([k]) => k.replace(/alice-id-\d+/g, "*"))
      .sort();
    expect(keys).toEqual([
      "*",
      "*/log/*",
      "*/log/*",
      "*/log/*",
      "*/m/*",
      "*/m/*",
      "*/resolved",
      "*/status",
    ]);
  });

  it("notifies observers once per transaction", () => {
    const store = new MemoryAnnotationStore();
    const seen: number[] = [];
    const stop = store.observe((c) => seen.push(c.keys.length));
    createAnnotation(store, context("editor"), { kind: "comment", selector, body: "x" });
    stop();
    createAnnotation(store, context("editor", "zed", "Zed"), { kind: "comment", selector });
    expect(seen).toEqual([3]);
  });

  it("parses mentions", () => {
    const people = [
      { id: "ana", name: "Ana" },
      { id: "ana-r", name: "Ana Ruiz" },
      { id: "bo", name: "Bo" },
    ];
    expect(parseMentions("Ask @Ana Ruiz and @bo, not @Bob or email@ana", people)).toEqual([
      "ana-r",
      "bo",
      "ana",
    ]);
  });
});

describe("checkRecordWrite", () => {
  const setup = () => {
    const store = new MemoryAnnotationStore();
    const alice = context("editor", "alice", "Alice");
    const a = createAnnotation(store, alice, { kind: "comment", selector, body: "Mine" });
    return { store, alice, a, msg: a.messages[0]! };
  };

  it("lets authors write their own records and refuses the rest", () => {
    const { store, a, msg } = setup();
    const alice = annotationAuth("annotator", { id: "alice", name: "Alice" });
    const mallory = annotationAuth("annotator", { id: "mallory", name: "Mallory" });
    const viewer = annotationAuth("viewer", { id: "vic", name: "Vic" });
    const mkey = recordKey(a.id, "message", msg.id);
    const before = store.get(mkey);
    const edited = { ...before!, body: "Edited", editedAt: "2025-01-02T00:00:00.000Z" };
    expect(checkRecordWrite(alice, mkey, before, edited, a)).toEqual([]);
    expect(checkRecordWrite(mallory, mkey, before, edited, a)[0]!.message).toMatch(
      /only the author/,
    );
    expect(checkRecordWrite(mallory, mkey, before, undefined, a)[0]!.message).toMatch(
      /only the author/,
    );
    const forged = { ...before!, id: "forged-1", author: { id: "alice", name: "Alice" } };
    expect(
      checkRecordWrite(mallory, recordKey(a.id, "message", "forged-1"), undefined, forged, a)[0]!
        .message,
    ).toMatch(/author must be the person/);
    expect(
      checkRecordWrite(
        viewer,
        recordKey(a.id, "resolved"),
        undefined,
        { type: "resolved", resolved: null },
        a,
      ),
    ).not.toEqual([]);
    expect(
      checkRecordWrite(mallory, a.id, store.get(a.id), store.get(a.id), a)[0]!.message,
    ).toMatch(/head cannot/);
    const log = store.list(`${a.id}/log/`)[0]!;
    expect(checkRecordWrite(alice, log[0], log[1], undefined, a)[0]!.message).toMatch(
      /audit entries/,
    );
    expect(checkRecordWrite(alice, "x/../y", undefined, {}, a)[0]!.message).toMatch(
      /not an annotation record key/,
    );
  });

  it("validates record shapes", () => {
    expect(
      validateRecord("ann-0001/status", { type: "status", status: "true" })[0]!.message,
    ).toMatch(/one of/);
    expect(validateRecord("ann-0001/status", { type: "tags", tags: [] })[0]!.message).toMatch(
      /must be "status"/,
    );
    expect(validateRecord("ann-0001/tags", { type: "tags", tags: [], extra: 1 })[0]!.path).toBe(
      "ann-0001/tags.extra",
    );
    expect(
      validateRecord("ann-0001/m/msg-0001", { type: "message", id: "msg-0002" })[0]!.message,
    ).toMatch(/match the id/);
    expect(validateRecord("__proto__", {})).toHaveLength(1);
  });
});
