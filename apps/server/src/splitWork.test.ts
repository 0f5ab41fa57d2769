import { CloseEvents } from "@glossa/protocol";
import { importLetter, schema } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import type { Node } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { TEXT_LIMITS, validateTextUpdate } from "./extensions/SchemaGuardExtension.ts";
import { loadConversions, pmDocToUpdate, TEXT_FIELD } from "./ydoc.ts";

await loadConversions();

/// lib0 `writeVarUint`.
function varUint(out: number[], n: number): void {
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f));
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/// An update holding only a delete set: `ranges` of `client`, as given.
function deletions(client: number, ranges: [clock: number, len: number][]): Uint8Array {
  const out: number[] = [0, 1]; // no structs; one client in the delete set
  varUint(out, client);
  varUint(out, ranges.length);
  for (const [clock, len] of ranges) {
    varUint(out, clock);
    varUint(out, len);
  }
  return Uint8Array.from(out);
}

/// A server document holding one paragraph of `chars` characters, written by client 7.
function held(chars: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 7;
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText("d".repeat(chars))]);
  doc.getXmlFragment(TEXT_FIELD).insert(0, [p]);
  return doc;
}

const code = (f: () => unknown): number | null => {
  try {
    f();
    return null;
  } catch (err) {
    return (err as { code?: number }).code ?? -1;
  }
};

/// Every other character of the held text (clocks 2…) deleted, `n` ranges.
const everyOther = (n: number): [number, number][] =>
  Array.from({ length: n }, (_, i) => [3 + 2 * i, 1]);

describe("split work: updates that make Yjs split held text are bounded before applying", () => {
  it("refuses a delete set splitting a held text 20,000 times (MessageTooLarge); 1,000 pass", () => {
    const doc = held(40_010);
    const attack = deletions(7, everyOther(20_000));
    expect(code(() => validateTextUpdate(attack, doc))).toBe(CloseEvents.MessageTooLarge.code);
    expect(code(() => validateTextUpdate(deletions(7, everyOther(1_000)), doc))).toBeNull();
    // Nothing held is deleted by the two checks.
    expect(doc.getXmlFragment(TEXT_FIELD).toString()).toContain("d".repeat(40_000));
  });

  it("refuses items whose origins split held text 20,000 times", () => {
    const doc = held(40_010);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(client);
    const t = (client.getXmlFragment(TEXT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    // One character after every other held character, each its own item.
    client.transact(() => {
      for (let i = 0; i < 20_000; i++) t.insert(3 * i + 2, "x");
    });
    const attack = Y.encodeStateAsUpdate(client, sv);
    expect(code(() => validateTextUpdate(attack, doc))).toBe(CloseEvents.MessageTooLarge.code);
  });

  it("refuses overlapping deleted ranges (Yjs would walk the same structs once per range)", () => {
    const doc = held(1_000);
    const overlapping = deletions(7, [
      [10, 500],
      [20, 500],
    ]);
    expect(code(() => validateTextUpdate(overlapping, doc))).toBe(CloseEvents.InvalidChange.code);
    expect(
      code(() =>
        validateTextUpdate(
          deletions(7, [
            [10, 5],
            [20, 5],
          ]),
          doc,
        ),
      ),
    ).toBeNull();
  });

  it("passes honest edits: 2,000 scattered offline edits, a reconnect, select-all delete", () => {
    const letter = importLetter(readSampleLetter()).doc;
    const blocks: Node[] = [];
    for (let i = 0; i < 20; i++) letter.forEach((b) => void blocks.push(b));
    const base = pmDocToUpdate(schema.topNodeType.createChecked(null, blocks));
    const server = new Y.Doc();
    Y.applyUpdate(server, base);
    const client = new Y.Doc();
    Y.applyUpdate(client, base);
    const f = client.getXmlFragment(TEXT_FIELD);
    const texts: Y.XmlText[] = [];
    const walk = (n: Y.XmlFragment | Y.XmlElement) => {
      for (const c of n.toArray()) c instanceof Y.XmlText ? texts.push(c) : walk(c as Y.XmlElement);
    };
    walk(f);
    // A long offline session: 2,000 edits at random places (each splits held text).
    let a = 7;
    const r = () => {
      a = (a * 1103515245 + 12345) % 2147483648;
      return a / 2147483648;
    };
    const sv = Y.encodeStateVector(server);
    for (let i = 0; i < 2_000; i++) {
      const t = texts[Math.floor(r() * texts.length)]!;
      const at = Math.floor(r() * (t.length + 1));
      const op = r();
      if (op < 0.6) t.insert(at, "word ");
      else if (op < 0.9 && at > 0) t.delete(at - 1, 1);
      else t.delete(at, Math.min(t.length - at, 1 + Math.floor(r() * 50)));
    }
    const offline = Y.encodeStateAsUpdate(client, sv);
    expect(code(() => validateTextUpdate(offline, server))).toBeNull();
    Y.applyUpdate(server, offline);
    // Reconnecting later: the whole state, every deletion so far included.
    expect(code(() => validateTextUpdate(Y.encodeStateAsUpdate(client), server))).toBeNull();
    // Select all and delete.
    const before = Y.encodeStateVector(client);
    client.transact(() => {
      f.delete(0, f.length);
      f.insert(0, [new Y.XmlElement("paragraph")]);
    });
    expect(
      code(() => validateTextUpdate(Y.encodeStateAsUpdate(client, before), server)),
    ).toBeNull();
    expect(TEXT_LIMITS.updateSplitWork).toBeGreaterThan(0);
  });
});
