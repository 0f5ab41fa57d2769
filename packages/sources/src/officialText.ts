import { officialXmlText } from "./provenance.ts";

// How the copies of official texts kept as test fixtures are read: each
// fixture stays byte for byte what its source published (plus comments that
// say where each excerpt starts), and these readers give the words as
// printed. tests/sources/fixtures/official/SOURCES.md names each file's origin.

/// A Markdown mirror of an official publication (the Netherlands' treaty
/// texts, mirrored by statengeneraal/laws-markdown): comments and HTML tags
/// dropped, heading marks (`####Definition` runs the mark on) and emphasis
/// asterisks removed, a link read as its text.
export function officialMarkdownText(md: string): string {
  return md
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^#+/gm, " ")
    .replace(/\*/g, "");
}

/// Text extracted from a published PDF: lines beginning with `#` are the
/// fixture's own notes; every other line is the publisher's text.
export function officialPlainText(txt: string): string {
  return txt
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .join("\n");
}

interface CorpusBlock {
  x: string;
  r?: { x: string; s?: string }[];
}

/// Paragraph objects of an eCFR section as a text corpus keeps them, one
/// JSON object a line (`//` lines are the fixture's notes): `x` is the
/// paragraph as printed and `r` its runs. A run-in heading — the italic run
/// right after the paragraph's marker, "(a) Consideration of … removal. An
/// asylum officer …" — closes with a period that is layout, not wording
/// (Glossa stores the heading apart from the text), as the USLM reader drops ".—".
export function officialEcfrCorpusText(jsonl: string): string {
  const out: string[] = [];
  for (const line of jsonl.split("\n")) {
    if (!line.trim() || line.startsWith("//")) continue;
    const block = JSON.parse(line) as CorpusBlock;
    const runs = block.r ?? [{ x: block.x }];
    const isHeading = (i: number) =>
      i === 1 && runs[1]!.s === "i" && /^\([A-Za-z0-9]+\) $/.test(runs[0]!.x);
    out.push(runs.map((r, i) => (isHeading(i) ? r.x.replace(/\.$/, "") : r.x)).join(""));
  }
  return out.join("\n");
}

/// The words of a fixture as printed, by its kind: USLM XML (`.xml`), a
/// Markdown mirror (`.md`), eCFR corpus paragraphs (`.jsonl`) or text
/// extracted from a PDF (anything else).
export function officialTextOf(fixture: string, raw: string): string {
  if (fixture.endsWith(".xml")) return officialXmlText(raw);
  if (fixture.endsWith(".md")) return officialMarkdownText(raw);
  if (fixture.endsWith(".jsonl")) return officialEcfrCorpusText(raw);
  return officialPlainText(raw);
}
