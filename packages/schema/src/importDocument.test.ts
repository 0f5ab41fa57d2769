import { describe, expect, it } from "vitest";
import { importText } from "./index.ts";

const outline = (text: string) => {
  const { doc, title, kind } = importText(text, "fallback");
  const out: string[] = [];
  doc.forEach((n) => {
    out.push(
      `${n.type.name}${n.attrs.level ? `:${n.attrs.level}` : ""}${n.attrs.order && n.type.name === "ordered_list" ? `@${n.attrs.order}` : ""} ${n.textContent}`,
    );
  });
  return { out, title, kind };
};

describe("importText", () => {
  it("reads a brief: headings, numbered paragraphs keeping their numbers", () => {
    const r = outline(
      "BRIEF FOR THE RESPONDENT\n\nSTATEMENT OF FACTS\n\n4. She fled in 2019.\n\n5. She sought asylum.\n\nB. The Board erred\n\n(7) A later point.",
    );
    expect(r.kind).toBe("memo");
    expect(r.title).toBe("BRIEF FOR THE RESPONDENT");
    expect(r.out).toEqual([
      "title BRIEF FOR THE RESPONDENT",
      "heading:2 STATEMENT OF FACTS",
      "ordered_list@4 She fled in 2019.She sought asylum.",
      "heading:3 B. The Board erred",
      "ordered_list@7 A later point.",
    ]);
  });

  it("keeps sentences as paragraphs, uses the fallback title, and sends letters to importLetter", () => {
    const r = outline("1. A numbered first line.\n\nThe END OF IT ALL.");
    expect(r.title).toBe("fallback");
    expect(r.out).toEqual([
      "title fallback",
      "ordered_list@1 A numbered first line.",
      "paragraph The END OF IT ALL.",
    ]);
    expect(outline("Letter\n\nDear Minister:\n\nBody.").kind).toBe("letter");
    expect(() => importText(" \n ")).toThrow(RangeError);
  });
});
