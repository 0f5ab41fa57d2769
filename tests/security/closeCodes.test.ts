import { readFileSync } from "node:fs";
import { CloseEvents } from "@glossa/protocol";
import { AlreadyOpen, ProtocolViolation, TooManyConnections } from "@glossa/server";
import { describe, expect, it } from "vitest";

/// docs/protocol.md §8 lists every close code the server sends: this reads
/// the constants and the table, so neither can change without the other.
const SERVER: Record<string, { code: number }> = {
  ...CloseEvents,
  ProtocolViolation,
  AlreadyOpen,
  TooManyConnections,
};

function table(): Map<string, number> {
  const md = readFileSync(new URL("../../docs/protocol.md", import.meta.url), "utf8");
  const section = md.slice(md.indexOf("## 8. Close events"), md.indexOf("## 9."));
  const rows = new Map<string, number>();
  for (const m of section.matchAll(/^\| (\d{4}) \| ([A-Za-z]+)\s*\|/gm))
    rows.set(m[2]!, Number(m[1]));
  return rows;
}

describe("close-code table in docs/protocol.md", () => {
  it("names every server close event with its code, and nothing else", () => {
    const rows = table();
    for (const [name, event] of Object.entries(SERVER)) {
      expect(rows.get(name), `${name} in docs/protocol.md §8`).toBe(event.code);
    }
    expect([...rows.keys()].sort()).toEqual(Object.keys(SERVER).sort());
  });

  it("gives each Glossa close event its own code (4400 is shared by two refusals of a message)", () => {
    const { AlreadyOpen: shared, ...others } = CloseEvents;
    const codes = Object.values(others).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(shared.code).toBe(ProtocolViolation.code);
  });
});
