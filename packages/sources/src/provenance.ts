import type { AuthorityText, TextNode } from "./types.ts";

/// One stored passage of an authority's text: the intro, a heading or a
/// node's wording, with the path of the node it belongs to.
export interface Passage {
  path: string;
  text: string;
}

/// A stored passage that is not in the official text word for word.
export interface TextDifference {
  path: string;
  stored: string;
  /// The longest run of the passage's words that the official text holds in order.
  matchedWords: number;
  /// The first stored word after that run, where the wording departs.
  departsAt: string;
}

/// Every passage of wording in a text, in reading order. Markers are left
/// out: they are numbering, and official texts print them differently.
export function passagesOf(text: AuthorityText): Passage[] {
  const out: Passage[] = [];
  if (text.heading) out.push({ path: "heading", text: text.heading });
  if (text.intro) out.push({ path: "intro", text: text.intro });
  const walk = (node: TextNode, path: string[]) => {
    const p = [...path, node.label];
    if (node.heading) out.push({ path: `${p.join("/")} heading`, text: node.heading });
    if (node.text) out.push({ path: p.join("/"), text: node.text });
    for (const child of node.children ?? []) walk(child, p);
  };
  for (const node of text.nodes) walk(node, []);
  return out;
}

/// Words as compared: runs of whitespace are one space and typographic
/// quotes and dashes equal their plain forms (official publications and
/// their XML differ in these glyphs only); everything else — spelling,
/// punctuation, capitals, accents — must be identical.
export function comparableWords(s: string): string[] {
  return s
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\u00a0/g, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/// The passages of `text` that the official text does not contain word for
/// word, in order (each passage is looked for after the previous one). An
/// empty list means every stored word is in the official text as stored.
export function compareWithOfficial(text: AuthorityText, official: string): TextDifference[] {
  const words = comparableWords(official);
  const joined = ` ${words.join(" ")} `;
  const diffs: TextDifference[] = [];
  let from = 0;
  for (const passage of passagesOf(text)) {
    const mine = comparableWords(passage.text);
    const at = joined.indexOf(` ${mine.join(" ")} `, from);
    if (at >= 0) {
      from = at + 1;
      continue;
    }
    // Report where the passage departs from the official wording.
    let n = mine.length - 1;
    while (n > 0 && !joined.includes(` ${mine.slice(0, n).join(" ")} `)) n--;
    diffs.push({ path: passage.path, stored: passage.text, matchedWords: n, departsAt: mine[n]! });
  }
  return diffs;
}

// Inline elements run on in the printed text: `<ref>section 1225(b)</ref>.`
// reads "section 1225(b).", so these tags vanish; every other tag (num,
// heading, content, p, chapeau, clause …) separates words.
const INLINE_TAGS = /<\/?(?:ref|date|i|b|inline|sup|sub|term|quotedContent|span|E)(?:\s[^>]*)?>/g;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/// The words of an official XML publication (the OLRC's USLM, GPO's eCFR
/// XML), as printed: comments and tags dropped, entities decoded. Fixtures
/// kept as verbatim XML excerpts are compared through this, so the copy in
/// the repository stays byte for byte what the publisher released.
export function officialXmlText(xml: string): string {
  return (
    xml
      .replace(/<!--[\s\S]*?-->/g, " ")
      // A run-in heading's closing ".—" is layout ("(a) Policy.—It shall …"), not wording.
      .replace(/\.?—((?:<\/[A-Za-z]+>)*<\/heading>)/g, "$1")
      .replace(/<\?[\s\S]*?\?>/g, " ")
      .replace(INLINE_TAGS, "")
      .replace(/<[^>]+>/g, " ")
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
        e[0] === "#"
          ? String.fromCodePoint(
              Number.parseInt(e.slice(e[1] === "x" ? 2 : 1), e[1] === "x" ? 16 : 10),
            )
          : (ENTITIES[e] ?? m),
      )
  );
}
