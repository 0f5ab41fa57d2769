import { describe, expect, it } from "vitest";
import { CloseEvents } from "./closeEvents.ts";
import { encodeStateless, parseStatelessMessage, type StatelessMessage } from "./messages.ts";

describe("stateless messages", () => {
  const messages: StatelessMessage[] = [
    { type: "saved", stateVector: "AQID" },
    { type: "saved", stateVector: "AQID", scope: "own" },
    { type: "saved", stateVector: "AQID", scope: "all" },
    {
      type: "annotation",
      requestId: "r1",
      command: { op: "create", kind: "comment", from: 1, to: 4, quote: "abc" },
    },
    { type: "annotation-result", requestId: "r1", ok: true, id: "ann-1" },
    { type: "annotation-result", requestId: "r2", ok: false, error: "No." },
    { type: "error", code: "storage", message: "Not saved yet." },
    { type: "keepalive" },
  ];

  it("decode(encode(m)) is m for every kind", () => {
    for (const m of messages) expect(parseStatelessMessage(encodeStateless(m))).toEqual(m);
  });

  it("refuses unknown types, bad fields and oversized payloads", () => {
    expect(parseStatelessMessage('{"type":"nope"}')).toBeNull();
    expect(
      parseStatelessMessage('{"type":"annotation","requestId":"r","command":{"op":"x"}}'),
    ).toBeNull();
    expect(parseStatelessMessage("not json")).toBeNull();
    expect(parseStatelessMessage('{"type":"saved","stateVector":"AA==","scope":"x"}')).toBeNull();
    expect(
      parseStatelessMessage(encodeStateless({ type: "saved", stateVector: "A".repeat(70_000) })),
    ).toBeNull();
  });
});

describe("close events", () => {
  it("use application codes (4000–4999) or standard ones, each with a reason", () => {
    for (const [name, e] of Object.entries(CloseEvents)) {
      expect(e.reason.length, name).toBeGreaterThan(0);
      expect((e.code >= 4000 && e.code <= 4999) || e.code === 1012, name).toBe(true);
    }
  });
});
