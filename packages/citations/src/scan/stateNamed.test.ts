/// The state-code cites a bare "section 484" is read against are the scan's
/// own, held by its scanner's memory (no registry beside it).
import { describe, expect, it } from "vitest";
import { Scanner } from "./scanner.ts";
import { bareStateSection, stateNamedAfter } from "./stateNamed.ts";

describe("state-code cites of a scan", () => {
  it("are held by the scanner's memory, and only by its own", () => {
    const text = "section 496(a) of the California Penal Code and section 484";
    const s = new Scanner(text, {});
    expect(s.mem.states).toBeNull();
    stateNamedAfter(s, 0, 8, false);
    const bare = text.lastIndexOf("section");
    bareStateSection(s, bare, bare + 8, false);
    expect(s.out.map((c) => c.key)).toEqual([
      "state/Cal. Penal Code/496/a",
      "state/Cal. Penal Code/484",
    ]);
    expect(s.mem.states?.byCode.get("Cal. Penal Code")?.key).toBe("state/Cal. Penal Code/496/a");
    expect(s.mem.states?.upTo).toBe(1);
    // Another scan of the same text starts with none.
    const t = new Scanner(text, {});
    bareStateSection(t, bare, bare + 8, false);
    expect(t.out).toEqual([]);
  });
});
