import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { TextGuard, UpdateRejected, validateTextUpdate } from "./SchemaGuardExtension.ts";

/// A V1 update with no structs and one deleted range (client 5, clock 0, `len`).
const deletion = (len: number) => new Uint8Array([0, 1, 5, 1, 0, len]);

describe("validateTextUpdate", () => {
  it("refuses a deletion of nothing (found by the guard fuzz: the stored state could no longer be encoded as V2)", () => {
    expect(() => validateTextUpdate(deletion(0))).toThrow(UpdateRejected);
  });

  it("accepts a real deletion", () => {
    expect(() => validateTextUpdate(deletion(1))).not.toThrow();
  });
});

describe("TextGuard", () => {
  it("accepts a new top-level paragraph as the first change it checks (the scratch root is typed before applying)", () => {
    const live = new Y.Doc();
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("first")]);
    live.getXmlFragment("prosemirror").insert(0, [p]);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
    const sv = Y.encodeStateVector(client);
    const q = new Y.XmlElement("paragraph");
    q.insert(0, [new Y.XmlText("second")]);
    const f = client.getXmlFragment("prosemirror");
    f.insert(f.length, [q]);
    const guard = new TextGuard(live);
    expect(() => guard.check(Y.encodeStateAsUpdate(client, sv), {})).not.toThrow();
  });
});
