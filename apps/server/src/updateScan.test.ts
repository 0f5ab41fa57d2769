import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { frameUpdate, ScanError, scanUpdate } from "./updateScan.ts";

/// Seeded PRNG (mulberry32).
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = ["a", "héllo", "日本語", "emoji 😀 here", "", "x".repeat(300)];

/// A document touched by several clients through every kind of Yjs content:
/// strings (multi-byte, surrogate pairs), formats, embeds, any, binary,
/// subdocuments, map keys, nested types, deletions (GC'd or kept).
function randomDoc(r: () => number, gc: boolean): { doc: Y.Doc; steps: Uint8Array[] } {
  const doc = new Y.Doc({ gc });
  const steps: Uint8Array[] = [];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  for (let round = 0; round < 3; round++) {
    doc.clientID = 1 + Math.floor(r() * 1_000_000);
    const sv = Y.encodeStateVector(doc);
    doc.transact(() => {
      const f = doc.getXmlFragment("prosemirror");
      for (let i = 0; i < 1 + Math.floor(r() * 6); i++) {
        const op = r();
        if (op < 0.3) {
          const p = new Y.XmlElement(pick(["paragraph", "heading", "blockquote"]));
          p.setAttribute("level", String(Math.floor(r() * 3)));
          p.insert(0, [new Y.XmlText(pick(TEXTS))]);
          f.insert(Math.floor(r() * (f.length + 1)), [p]);
        } else if (op < 0.45) {
          const t = doc.getText("t");
          t.insert(Math.floor(r() * (t.length + 1)), pick(TEXTS), r() < 0.5 ? { bold: true } : {});
          if (t.length > 2) t.format(0, 2, { italic: r() < 0.5 ? null : { x: 1 } });
          if (r() < 0.3) t.insertEmbed(0, { image: "x.png" });
        } else if (op < 0.6) {
          const a = doc.getArray<unknown>("a");
          a.push([
            1,
            -7,
            2.5,
            2 ** 40,
            null,
            true,
            "s",
            { o: [1, { n: null }] },
            new Uint8Array([1, 2, 3]),
          ]);
          if (r() < 0.3) a.push([new Y.Doc({ guid: `sub${r()}` })]);
          if (r() < 0.3) a.push([new Y.Map()]);
        } else if (op < 0.75) {
          const m = doc.getMap<unknown>("m");
          m.set(pick(["k", "é", "key"]), pick([1, "v", { a: 1 }, [2]]));
        } else if (f.length > 0) {
          f.delete(Math.floor(r() * f.length), 1);
        } else {
          const t = doc.getText("t");
          if (t.length > 1) t.delete(0, Math.ceil(t.length / 2));
        }
      }
    });
    steps.push(Y.encodeStateAsUpdate(doc, sv));
  }
  return { doc, steps };
}

function mutate(r: () => number, u: Uint8Array): Uint8Array {
  const b = Array.from(u);
  for (let i = 0; i < 1 + Math.floor(r() * 3); i++) {
    const at = Math.floor(r() * (b.length + 1));
    const kind = Math.floor(r() * 4);
    if (kind === 0 && b.length) b[at % b.length]! ^= 1 << Math.floor(r() * 8);
    else if (kind === 1) b.splice(at, 0, Math.floor(r() * 256));
    else if (kind === 2 && b.length) b.splice(at % b.length, 1 + Math.floor(r() * 3));
    else b.length = Math.min(b.length, at);
  }
  return new Uint8Array(b);
}

/// What Yjs itself reads from `u`, or null when it cannot decode it.
function yjsReads(u: Uint8Array) {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(u);
  } catch {
    return null;
  }
  const clients = new Map<number, { from: number; to: number }>();
  for (const s of decoded.structs) {
    const c = clients.get(s.id.client) ?? { from: s.id.clock, to: 0 };
    c.from = Math.min(c.from, s.id.clock);
    c.to = Math.max(c.to, s.id.clock + s.length);
    clients.set(s.id.client, c);
  }
  const deletions: { client: number; clock: number; len: number }[] = [];
  for (const [client, items] of decoded.ds.clients)
    for (const d of items) deletions.push({ client, clock: d.clock, len: d.len });
  const roots = new Set<string>();
  for (const s of decoded.structs)
    if (s instanceof Y.Item && typeof s.parent === "string") roots.add(s.parent);
  const types = decoded.structs.filter(
    (s) => s instanceof Y.Item && s.content instanceof Y.ContentType,
  ).length;
  return { structs: decoded.structs.length, types, deletions, clients, roots };
}

describe("scanUpdate", () => {
  it("reads what Yjs decodes, from every kind of content, without decoding", () => {
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const { doc, steps } = randomDoc(r, seed % 2 === 0);
      for (const u of [...steps, Y.encodeStateAsUpdate(doc)]) {
        const want = yjsReads(u)!;
        const got = scanUpdate(u, undefined, true);
        expect(got.structs).toBe(want.structs);
        expect(got.types).toBe(want.types);
        expect(got.deleteRanges).toBe(want.deletions.length);
        expect(got.deletions).toEqual(want.deletions);
        expect(got.clients).toEqual(want.clients);
        expect(got.roots).toEqual(want.roots);
        compared++;
      }
      doc.destroy();
    }
    expect(compared).toBe(240);
  });

  it("never refuses bytes Yjs decodes, and agrees with it on what they hold (mutated updates)", () => {
    let decodable = 0;
    let refusedByBoth = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(1000 + seed);
      const { doc, steps } = randomDoc(r, true);
      for (const step of steps) {
        for (let k = 0; k < 10; k++) {
          const u = mutate(r, step);
          const want = yjsReads(u);
          let got: ReturnType<typeof scanUpdate> | null = null;
          try {
            got = scanUpdate(u, undefined, true);
          } catch (err) {
            expect(err).toBeInstanceOf(ScanError);
          }
          if (!want) {
            if (!got) refusedByBoth++;
            continue;
          }
          decodable++;
          expect(got, "the scan refused an update Yjs decodes").not.toBeNull();
          expect(got!.structs).toBe(want.structs);
          expect(got!.types).toBe(want.types);
          expect(got!.deletions).toEqual(want.deletions);
          expect(got!.clients).toEqual(want.clients);
        }
      }
      doc.destroy();
    }
    // Both outcomes were exercised.
    expect(decodable).toBeGreaterThan(100);
    expect(refusedByBoth).toBeGreaterThan(100);
    // 15,000 mutated updates: under a second alone, past vitest's 5 s default on a loaded machine.
  }, 60_000);

  it("stops at a limit: too many structs before reading any of them", () => {
    const doc = new Y.Doc();
    const ps = Array.from({ length: 12_000 }, () => new Y.XmlElement("paragraph"));
    doc.getXmlFragment("prosemirror").insert(0, ps);
    const u = Y.encodeStateAsUpdate(doc);
    // Truncated right after the declared count: still refused for the count.
    const err = (() => {
      try {
        scanUpdate(u.subarray(0, 12), { structs: 10_000, deleteRanges: 10_000 });
      } catch (e) {
        return e as ScanError;
      }
      return null;
    })();
    expect(err?.kind).toBe("limit");
    expect(() => scanUpdate(u, { structs: 12_000, deleteRanges: 0 })).not.toThrow();
  });

  it("stops at a limit: too many new types (blocks and text nodes)", () => {
    const doc = new Y.Doc();
    const ps = Array.from({ length: 1_001 }, () => new Y.XmlElement("paragraph"));
    doc.getXmlFragment("prosemirror").insert(0, ps);
    (ps[0] as Y.XmlElement).insert(0, [new Y.XmlText("one")]);
    const u = Y.encodeStateAsUpdate(doc);
    const scan = scanUpdate(u);
    expect(scan.types).toBe(1_002);
    expect(scan.structs).toBe(1_003);
    const err = (() => {
      try {
        scanUpdate(u, { structs: 10_000, deleteRanges: 0, types: 1_001 });
      } catch (e) {
        return e as ScanError;
      }
      return null;
    })();
    expect(err?.kind).toBe("types");
    expect(() => scanUpdate(u, { structs: 10_000, deleteRanges: 0, types: 1_002 })).not.toThrow();
  });

  it("stops at a limit: too many deleted ranges", () => {
    const doc = new Y.Doc();
    const t = doc.getText("prosemirror");
    t.insert(0, "d".repeat(2_001));
    const sv = Y.encodeStateVector(doc);
    doc.transact(() => {
      for (let i = 2_000; i >= 0; i -= 2) t.delete(i, 1);
    });
    const u = Y.encodeStateAsUpdate(doc, sv);
    expect(scanUpdate(u).deleteRanges).toBe(1_001);
    expect(() => scanUpdate(u, { structs: 10, deleteRanges: 1_000 })).toThrow(ScanError);
  });

  it("flags a struct of clock length 0, which Yjs never writes", () => {
    const doc = new Y.Doc();
    doc.getXmlFragment("prosemirror").insert(0, [new Y.XmlText("abc")]);
    expect(scanUpdate(Y.encodeStateAsUpdate(doc)).emptyStruct).toBe(false);
    const e = encoding.createEncoder();
    for (const n of [1, 1, 7, 0]) encoding.writeVarUint(e, n); // one struct of client 7
    encoding.writeUint8(e, 4); // ContentString, parent a root
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, "prosemirror");
    encoding.writeVarString(e, "");
    encoding.writeVarUint(e, 0);
    const scan = scanUpdate(encoding.toUint8Array(e));
    expect(scan.structs).toBe(1);
    expect(scan.emptyStruct).toBe(true);
  });

  it("refuses strings that are not UTF-8, like Yjs", () => {
    const doc = new Y.Doc();
    doc.getText("prosemirror").insert(0, "abc");
    const u = Y.encodeStateAsUpdate(doc);
    const bad = Uint8Array.from(u);
    const at = bad.indexOf(0x61); // "a"
    bad[at] = 0xff;
    expect(() => Y.decodeUpdate(bad)).toThrow();
    expect(() => scanUpdate(bad)).toThrow(ScanError);
  });
});

describe("frameUpdate", () => {
  it("finds the update of a sync step 2 or update message, else nothing", () => {
    const name = new TextEncoder().encode("doc/x");
    const update = Uint8Array.from([3, 1, 2, 3]);
    const frame = (type: number, step: number) =>
      Uint8Array.from([name.length, ...name, type, step, update.length, ...update]);
    expect(frameUpdate(frame(0, 2))).toEqual(update);
    expect(frameUpdate(frame(0, 1))).toEqual(update);
    expect(frameUpdate(frame(4, 2))).toEqual(update);
    expect(frameUpdate(frame(0, 0))).toBeNull(); // sync step 1: a state vector
    expect(frameUpdate(frame(1, 2))).toBeNull(); // awareness
    expect(frameUpdate(frame(0, 2).subarray(0, 9))).toBeNull(); // truncated
  });
});
