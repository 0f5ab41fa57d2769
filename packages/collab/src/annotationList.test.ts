import { annotationAuth, createAnnotation, replyToAnnotation } from "@glossa/annotations";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { AnnotationList } from "./annotationList.ts";
import { YMapAnnotationStore } from "./yAnnotationStore.ts";

const alice = { auth: annotationAuth("editor", { id: "alice", name: "Alice" }) };
const selector = {
  quote: { exact: "asylum seekers", prefix: "returns ", suffix: " to Mexico" },
  position: { start: 10, end: 24 },
};

describe("AnnotationList", () => {
  it("lists once per transaction received, and keeps the same snapshot until then", () => {
    // The server's copy writes; the client's copy receives its updates.
    const server = new Y.Doc();
    const client = new Y.Doc();
    server.on("update", (u: Uint8Array) => Y.applyUpdate(client, u));
    const written = new YMapAnnotationStore(server);
    const list = new AnnotationList(new YMapAnnotationStore(client));
    let heard = 0;
    list.subscribe(() => heard++);

    const empty = list.getSnapshot();
    expect(empty).toEqual([]);
    expect(list.getSnapshot()).toBe(empty);

    // Head, first message and audit entry: several records, one transaction.
    const a = createAnnotation(written, alice, {
      kind: "comment",
      selector,
      body: "Which ones?",
      tags: [],
    });
    expect(heard).toBe(1);
    const one = list.getSnapshot();
    expect(one.map((x) => x.id)).toEqual([a.id]);
    expect(list.getSnapshot()).toBe(one);

    replyToAnnotation(written, alice, a.id, "Those in MPP", []);
    expect(heard).toBe(2);
    expect(list.getSnapshot()).not.toBe(one);
    expect(list.getSnapshot()[0]!.messages.map((m) => m.body)).toEqual([
      "Which ones?",
      "Those in MPP",
    ]);

    // Other parts of the document do not concern it; nor does a destroyed list.
    client.getMap("other").set("x", 1);
    expect(heard).toBe(2);
    list.destroy();
    replyToAnnotation(written, alice, a.id, "Thanks", []);
    expect(heard).toBe(2);
  });
});
