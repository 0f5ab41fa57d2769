import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { Outbox } from "./outbox.ts";
import { Cursor } from "./updates/scan.ts";

/// A frame's sync step and update.
function read(frame: Uint8Array): { step: number; update: Uint8Array } {
  const c = new Cursor(frame);
  c.skipBytes();
  expect(c.uint()).toBe(0);
  const step = c.uint();
  const at = c.skipBytes();
  return { step, update: frame.subarray(at, c.pos) };
}

/// `n` paragraphs of text pasted into a copy of `base`: the update.
function paste(base: Y.Doc, n: number, from = 0): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(doc);
  const ps = Array.from({ length: n }, (_, i) => {
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText(`Paragraph ${from + i}.`)]);
    return p;
  });
  doc.getXmlFragment("prosemirror").insert(0, ps);
  return Y.encodeStateAsUpdate(doc, sv);
}

function outbox() {
  const frames: { step: number; update: Uint8Array }[] = [];
  const box = new Outbox({ name: () => "doc/abcdef", send: (f) => frames.push(read(f)) });
  return { box, frames };
}

describe("Outbox", () => {
  afterEach(() => vi.useRealTimers());

  it("sends nothing of the changes made while the sync reply is awaited (the reply holds them), then the reply, then what follows, in order", () => {
    const { box, frames } = outbox();
    const base = new Y.Doc();
    box.update(paste(base, 1)); // before any sync: the reply will carry it
    box.asked();
    box.update(paste(base, 1));
    expect(frames).toEqual([]);
    const reply = paste(base, 3);
    box.reply(reply);
    const after = paste(base, 2, 10);
    box.update(after);
    expect(frames.map((f) => f.step)).toEqual([1, 2]);
    expect(frames[0]!.update).toEqual(reply);
    expect(frames[1]!.update).toEqual(after);
    box.reset();
    box.update(paste(base, 1));
    expect(frames).toHaveLength(2);
  });

  it("cuts a reply of 40,000 blocks into parts, the first as the reply, paced under the account's blocks budget, that give the same document", () => {
    vi.useFakeTimers();
    const { box, frames } = outbox();
    const base = new Y.Doc();
    base.getXmlFragment("prosemirror").insert(0, [new Y.XmlElement("paragraph")]);
    const reply = paste(base, 20_000);
    box.asked();
    box.reply(reply);
    // The burst (80 % of 20,000 blocks) at once, the rest as it refills.
    const first = frames.length;
    expect(first).toBeGreaterThanOrEqual(1);
    expect(box.waiting).toBeGreaterThan(0);
    vi.advanceTimersByTime(60_000);
    expect(box.waiting).toBe(0);
    expect(frames.length).toBeGreaterThan(first);
    expect(frames.map((f) => f.step)).toEqual([1, ...frames.slice(1).map(() => 2)]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    for (const f of frames) Y.applyUpdate(doc, f.update);
    const whole = new Y.Doc();
    Y.applyUpdate(whole, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(whole, reply);
    expect(doc.getXmlFragment("prosemirror").toString()).toBe(
      whole.getXmlFragment("prosemirror").toString(),
    );
  }, 60_000);
});
