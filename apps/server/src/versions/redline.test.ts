import { describe, expect, it } from "vitest";
import type { TextChange } from "./compare.ts";
import { insertAt, redlineMarks } from "./redline.ts";

const eli = { id: "eli", name: "Eli" };
const rita = { id: "rita", name: "Rita" };

describe("redlineMarks", () => {
  const changes: TextChange[] = [
    { op: "equal", text: "Mexico has " },
    { op: "delete", text: "historically" },
    { op: "insert", text: "long", author: rita },
    { op: "equal", text: " held.\n\n" },
    { op: "delete", text: "Gone words.\n\n" },
    { op: "equal", text: "End." },
  ];

  it("lays insertions on the newer text and deletions as points in it", () => {
    const m = redlineMarks(changes);
    expect(m.inserts).toEqual([{ start: 11, end: 15, author: rita }]);
    expect(m.deletes.map((d) => [d.at, d.text])).toEqual([
      [11, "historically"],
      [23, "Gone words.\n\n"],
    ]);
    expect(insertAt(m.inserts, 11)).toBe(m.inserts[0]);
    expect(insertAt(m.inserts, 15)).toBeNull();
  });

  it("names deleters from the record, else the person replacing there, else nobody", () => {
    const unrecorded = redlineMarks(changes);
    expect(unrecorded.deletes.map((d) => d.author)).toEqual([rita, null]);
    // "Gone words.\n\n" starts at older offset 30: "Gone " deleted by Eli, "words." by Rita.
    const older = "Mexico has historically held.\n\nGone words.\n\nEnd.";
    const recorded = redlineMarks(changes, (o) =>
      older.slice(o, o + 1) === "\n" ? undefined : o >= 31 && o < 36 ? eli : o >= 36 ? rita : null,
    );
    expect(recorded.deletes.map((d) => [d.text, d.author?.name ?? null])).toEqual([
      ["historically", "Rita"],
      ["Gone ", "Eli"],
      ["words.\n\n", "Rita"],
    ]);
  });
});
