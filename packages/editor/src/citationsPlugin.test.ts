import { schema } from "@glossa/schema";
import { EditorState } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import {
  allCitations,
  citationsAt,
  citationsKey,
  citationsPlugin,
  renderCitationCard,
  setCitationForms,
  sourceLabel,
} from "./citationsPlugin.ts";

const p = (...content: Array<string | ReturnType<typeof schema.node>>) =>
  schema.node(
    "paragraph",
    null,
    content.map((c) => (typeof c === "string" ? schema.text(c) : c)),
  );

const make = (scanned: number[] = []) => {
  const doc = schema.node("doc", null, [
    p("We object to section 235(b)(2)(C) of the Immigration and Nationality Act (INA)."),
    p("Unrelated paragraph."),
    p("See 8 U.S.C. § 1231(b)(3)", schema.node("hard_break"), "and 8 C.F.R. § 208.16."),
  ]);
  return EditorState.create({
    doc,
    plugins: [citationsPlugin({ onScan: (pos) => scanned.push(pos) })],
  });
};

describe("citationsPlugin", () => {
  it("finds citations per textblock with document positions", () => {
    const state = make();
    const all = allCitations(state);
    expect(all.map((c) => c.citation.key)).toEqual([
      "ina/235/b/2/C",
      "usc/8/1231/b/3",
      "cfr/8/208.16",
    ]);
    for (const c of all) {
      expect(state.doc.textBetween(c.from, c.to, "", "\n")).toBe(c.citation.text);
    }
    const decos = citationsKey.getState(state)!.decorations.find();
    expect(decos).toHaveLength(3);
    expect(decos[0]!.spec.citation.key).toBe("ina/235/b/2/C");
  });

  it("maps untouched blocks and re-scans only the edited one", () => {
    const scanned: number[] = [];
    let state = make(scanned);
    expect(scanned).toHaveLength(3);
    scanned.length = 0;
    // Type at the very start of the document: every later block shifts.
    state = state.apply(state.tr.insertText("Dear all. ", 1));
    expect(scanned).toEqual([0]);
    const all = allCitations(state);
    expect(all).toHaveLength(3);
    for (const c of all)
      expect(state.doc.textBetween(c.from, c.to, "", "\n")).toBe(c.citation.text);

    // Turn the unrelated paragraph into a citation.
    scanned.length = 0;
    const second = state.doc.child(0).nodeSize;
    state = state.apply(
      state.tr.insertText(" See INA § 208.", second + 1 + "Unrelated paragraph.".length),
    );
    expect(scanned).toEqual([second]);
    expect(allCitations(state).map((c) => c.citation.key)).toEqual([
      "ina/235/b/2/C",
      "ina/208",
      "usc/8/1231/b/3",
      "cfr/8/208.16",
    ]);
    expect(citationsKey.getState(state)!.decorations.find()).toHaveLength(4);
  });

  it("drops citations broken by an edit and survives deleting a block", () => {
    let state = make();
    const c = allCitations(state)[0]!;
    state = state.apply(state.tr.delete(c.from + 3, c.from + 8));
    expect(allCitations(state).map((x) => x.citation.key)).toEqual([
      "usc/8/1231/b/3",
      "cfr/8/208.16",
    ]);
    const first = state.doc.child(0).nodeSize;
    state = state.apply(state.tr.delete(0, first));
    const all = allCitations(state);
    expect(all.map((x) => x.citation.key)).toEqual(["usc/8/1231/b/3", "cfr/8/208.16"]);
    for (const x of all)
      expect(state.doc.textBetween(x.from, x.to, "", "\n")).toBe(x.citation.text);
  });

  it("answers citationsAt inside, at the edges and outside", () => {
    const state = make();
    const [c] = allCitations(state);
    expect(citationsAt(state, c!.from).map((x) => x.citation.key)).toEqual(["ina/235/b/2/C"]);
    expect(citationsAt(state, c!.to)).toHaveLength(1);
    expect(citationsAt(state, c!.from - 2)).toEqual([]);
    expect(citationsAt(state, state.doc.content.size)).toEqual([]);
  });

  it("throws when the plugin is missing", () => {
    const bare = EditorState.create({ schema });
    expect(() => allCitations(bare)).toThrow(RangeError);
  });
});

/// Just enough of a DOM for the card: createElement, attributes, children, text.
class FakeElement {
  className = "";
  textContent: string | null = null;
  readonly attributes = new Map<string, string>();
  readonly children: FakeElement[] = [];
  constructor(readonly tagName: string) {}
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  appendChild(child: FakeElement) {
    this.children.push(child);
    return child;
  }
  set innerHTML(_v: string) {
    throw new Error("innerHTML must not be used");
  }
  all(): FakeElement[] {
    return [this, ...this.children.flatMap((c) => c.all())];
  }
}
const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag),
} as unknown as Document;

describe("renderCitationCard", () => {
  it("shows canonical form, equivalents and official links", () => {
    const [c] = allCitations(make());
    const card = renderCitationCard(c!.citation, fakeDocument) as unknown as FakeElement;
    const nodes = card.all();
    const texts = nodes.map((n) => n.textContent).filter(Boolean);
    expect(texts).toContain("INA § 235(b)(2)(C)");
    expect(texts).toContain("8 U.S.C. § 1225(b)(2)(C)");
    const links = nodes.filter((n) => n.tagName === "a");
    expect(links.map((a) => a.attributes.get("href"))).toEqual([
      "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title8-section1225&num=0&edition=prelim",
      "https://www.law.cornell.edu/uscode/text/8/1225#b_2_C",
      "https://www.govinfo.gov/link/uscode/8/1225?link-type=html",
    ]);
    expect(links.map((a) => a.textContent)).toEqual([
      "U.S. Code (House OLRC)",
      "Cornell LII",
      "GovInfo",
    ]);
    expect(links.every((a) => a.attributes.get("rel") === "noopener noreferrer")).toBe(true);
  });

  it("renders text, never markup", () => {
    const [c] = allCitations(make());
    const evil = {
      ...c!.citation,
      canonical: "<img src=x onerror=alert(1)>",
      urls: ["javascript:alert(1)"],
    };
    const card = renderCitationCard(evil, fakeDocument) as unknown as FakeElement;
    expect(card.all().some((n) => n.textContent === "<img src=x onerror=alert(1)>")).toBe(true);
    expect(card.all().filter((n) => n.tagName === "a")).toHaveLength(0);
    expect(sourceLabel("https://www.ecfr.gov/current/title-8")).toBe("eCFR");
  });
});

describe("the document's date and the team's forms (issue 13)", () => {
  const dated = (date: string) =>
    EditorState.create({
      doc: schema.node("doc", null, [
        schema.node("date_line", null, [schema.text(date)]),
        p("The Board denied withholding under INA § 243(h)."),
      ]),
      plugins: [citationsPlugin()],
    });

  it("reads INA § 243(h) in a letter dated before 1 April 1997 as it stood then", () => {
    let state = dated("June 1, 1995");
    const [c] = allCitations(state);
    expect(c!.citation.dated?.now).toBe("ina/241/b/3");
    const card = renderCitationCard(c!.citation, fakeDocument) as unknown as FakeElement;
    const texts = card.all().map((n) => n.textContent);
    expect(texts).toContain("As it stood before 1997-04-01");
    expect(texts).toContain("withholding of deportation (IIRIRA §§ 305(a)(3), 307(a))");
    expect(texts).toContain("Now");
    expect(texts).toContain("INA § 241(b)(3)");
    expect(
      card
        .all()
        .find((n) => n.tagName === "a")!
        .attributes.get("href"),
    ).toContain("section1231&");
    // Changing the date line re-reads every citation.
    const line = state.doc.child(0);
    state = state.apply(state.tr.insertText("June 1, 2001", 1, 1 + line.content.size));
    expect(allCitations(state)[0]!.citation.dated).toBeUndefined();
  });

  it("finds a team's short names once the editor is taught them", () => {
    let state = EditorState.create({
      doc: schema.node("doc", null, [p("See A.B. Decl. ¶ 12 and Compl. at 4.")]),
      plugins: [citationsPlugin()],
    });
    expect(allCitations(state)).toHaveLength(0);
    const forms = [
      { form: "A.B. Decl.", key: "local/filing/ab-decl", canonical: "Declaration of A.B." },
      { form: "Compl.", key: "local/filing/complaint" },
    ];
    state = state.apply(setCitationForms(state.tr, forms));
    expect(
      allCitations(state).map((c) => [c.citation.kind, c.citation.key, c.citation.text]),
    ).toEqual([
      ["team", "local/filing/ab-decl", "A.B. Decl. ¶ 12"],
      ["team", "local/filing/complaint", "Compl. at 4"],
    ]);
    // Later edits keep the forms.
    state = state.apply(state.tr.insertText("Also Compl. ¶ 9. ", 1));
    expect(allCitations(state).map((c) => c.citation.text)).toContain("Compl. ¶ 9");
  });
});
