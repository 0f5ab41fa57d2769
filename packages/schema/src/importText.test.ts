import { describe, expect, it } from "vitest";
import { importLetter, importPlainText, parseAddressee, parseDateLine } from "./index.ts";
import { readSampleLetter } from "./sample.ts";

describe("importLetter on the sample letter", () => {
  const letter = importLetter(readSampleLetter());
  const types = () => {
    const out: string[] = [];
    letter.doc.forEach((n) => {
      out.push(n.type.name);
    });
    return out;
  };

  it("drops the web page's navigation lines", () => {
    expect(letter.dropped).toEqual(["Go to Press Releases library", "Press Releases"]);
    expect(letter.doc.textContent).not.toContain("Go to Press Releases");
  });

  it("reads title, date and salutation", () => {
    expect(letter.title).toBe(
      'Civil society letter to Mexican government regarding concerns over "Remain in Mexico" plan',
    );
    expect(letter.date).toBe("2018-12-21");
    expect(types().slice(0, 3)).toEqual(["title", "date_line", "salutation"]);
    expect(letter.doc.child(2).textContent).toBe(
      "Dear President López Obrador, Secretary Sanchez, and Secretary Ebrard:",
    );
  });

  it("keeps the five body paragraphs, then the closing", () => {
    const t = types();
    expect(t.slice(3, 8)).toEqual(Array(5).fill("paragraph"));
    expect(t[8]).toBe("closing");
    expect(letter.doc.child(3).textContent).toContain(
      "section 235(b)(2)(C) of the Immigration and Nationality Act (INA)",
    );
  });

  it("finds the eight signatory organisations with their abbreviations", () => {
    expect(letter.signatories).toHaveLength(8);
    const abbrs: (string | null)[] = [];
    letter.doc.forEach((n) => {
      if (n.type.name === "signatory") abbrs.push(n.attrs.abbreviation);
    });
    expect(abbrs).toEqual(["AAMX", "HRF", "IMUMI", "KIND", "LAWG", null, "WOLA", "WRC"]);
    expect(letter.signatories[5]).toBe("Sin Fronteras IAP");
  });

  it("finds the addressees with their offices, and those copied", () => {
    expect(letter.addressees.filter((a) => !a.copy)).toEqual([
      { name: "Andrés Manuel López Obrador", office: "President", copy: false },
      { name: "Olga Sanchez Cordero", office: "Secretary of the Interior", copy: false },
      { name: "Marcelo Ebrard Causabon", office: "Secretary of Foreign Affairs", copy: false },
    ]);
    const copies = letter.addressees.filter((a) => a.copy);
    expect(copies).toHaveLength(4);
    expect(copies[3]).toEqual({
      name: "Martha Bárcena",
      office: "Ambassador to the United States",
      copy: true,
    });
  });

  it("loses no text", () => {
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    const source = words(readSampleLetter()).slice(7); // minus the navigation words
    const imported = words(
      (() => {
        const parts: string[] = [];
        letter.doc.forEach((n) => {
          parts.push(n.textContent);
        });
        return parts.join(" ");
      })(),
    );
    expect(imported).toEqual(source);
  });
});

describe("parsers", () => {
  it("reads dates in English and Spanish", () => {
    expect(parseDateLine("December 21, 2018")).toBe("2018-12-21");
    expect(parseDateLine("21 de diciembre de 2018")).toBe("2018-12-21");
    expect(parseDateLine("21 December 2018")).toBe("2018-12-21");
    expect(parseDateLine("Sometime in 2018")).toBeNull();
  });
  it("splits addressees", () => {
    expect(parseAddressee("Alejandro Encinas, Undersecretary on Human Rights")).toEqual({
      name: "Alejandro Encinas",
      office: "Undersecretary on Human Rights",
    });
  });
  it("rejects empty input and imports plain text", () => {
    expect(() => importLetter("  \n\n ")).toThrow(RangeError);
    const doc = importPlainText("one\n\ntwo", "T");
    expect(doc.childCount).toBe(3);
  });
});
