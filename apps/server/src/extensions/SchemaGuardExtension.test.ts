import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { structureStats } from "../structure.ts";
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

/// The top level of a large document is not walked per change (issue 10: one
/// walk over 100,000s of blocks per update of the attacker's document).
describe("TextGuard on a document of 5,000 blocks", () => {
  const fragmentOf = (d: Y.Doc) => d.getXmlFragment("prosemirror");
  const paragraph = (text: string) => {
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText(text)]);
    return p;
  };
  /// A live document, its guard with its copy built, and a client's copy.
  let stored: Uint8Array | undefined;
  const setup = () => {
    if (!stored) {
      const d = new Y.Doc();
      fragmentOf(d).insert(
        0,
        Array.from({ length: 5_000 }, (_, i) => paragraph(`p${i}`)),
      );
      stored = Y.encodeStateAsUpdate(d);
    }
    const live = new Y.Doc();
    Y.applyUpdate(live, stored);
    const guard = new TextGuard(live);
    const client = new Y.Doc();
    Y.applyUpdate(client, stored);
    // The first check builds the copy (one walk of the document, once).
    const first = edit(client, (f) => f.insert(0, [paragraph("first")]));
    guard.check(first, {});
    Y.applyUpdate(live, first);
    return { live, guard, client };
  };
  const edit = (client: Y.Doc, change: (f: Y.XmlFragment) => void) => {
    const sv = Y.encodeStateVector(client);
    change(fragmentOf(client));
    return Y.encodeStateAsUpdate(client, sv);
  };
  const visits = (run: () => void) => {
    const before = structureStats.topLevelVisits;
    run();
    return structureStats.topLevelVisits - before;
  };

  it("checks a new block by itself: 1 top-level item visited, not 5,001", () => {
    const { guard, client } = setup();
    const u = edit(client, (f) => f.insert(2_500, [paragraph("new")]));
    expect(visits(() => guard.check(u, {}))).toBe(1);
  }, 60_000);

  it("still refuses what cannot stand at the top, text outside a block, and an empty document", () => {
    const bad: ((f: Y.XmlFragment) => void)[] = [
      (f) => f.insert(5, [new Y.XmlElement("list_item")]),
      (f) => f.insert(5, [new Y.XmlElement("nonsense")]),
      (f) => f.insert(5, [new Y.XmlText("loose")]),
      (f) => f.delete(0, f.length),
    ];
    for (const change of bad) {
      const { guard, client } = setup();
      expect(() => guard.check(edit(client, change), {})).toThrow(UpdateRejected);
    }
  }, 60_000);
});
