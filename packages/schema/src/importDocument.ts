import type { Node } from "prosemirror-model";
import { importLetter, parseDateLine } from "./importText.ts";
import { schema } from "./schema.ts";

/// What the plain-text importer made of a text, and what kind of text it took it for.
export interface ImportedText {
  doc: Node;
  title: string;
  kind: "letter" | "memo";
}

const SALUTATION_LINE = /^(dear|to whom|estimad[oa]s?)\b.*[:,]$/im;
/// Memo header fields: "TO: …", "FROM: …", "DATE: …", "RE: …".
const MEMO_FIELD = /^(to|from|date|re|subject|cc|bcc|client|matter|file)\s*:\s*(.*)$/i;
const ROMAN = /^(?=[IVXLC]+\.)(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\.\s+\S/;
const LETTERED = /^[A-Z]\.\s+\S/;
const NUMBERED = /^(?:(\d{1,4})\.|\((\d{1,4})\)|¶\s*(\d{1,4})\.?)\s+(\S[\s\S]*)$/;

/// The heading level a line is written as, or null for body text: a short
/// line without a final full stop that is in capitals ("STATEMENT OF FACTS")
/// or numbered with a Roman numeral ("II. Argument") is a level-2 heading;
/// one lettered "A. The court erred" is level 3.
function headingLevel(para: string): 2 | 3 | null {
  if (para.includes("\n") || para.length > 120 || /[.;,]$/.test(para)) return null;
  if (ROMAN.test(para)) return 2;
  const letters = para.replace(/[^\p{L}]/gu, "");
  if (letters.length >= 3 && letters === letters.toUpperCase() && !MEMO_FIELD.test(para)) return 2;
  if (LETTERED.test(para) && para.split(/\s+/).length <= 14) return 3;
  return null;
}

function inline(text: string): Node[] {
  const out: Node[] = [];
  text.split("\n").forEach((part, i) => {
    if (i > 0) out.push(schema.nodes.hard_break!.create());
    if (part) out.push(schema.text(part));
  });
  return out;
}

/// Imports any plain text: a letter (it has a salutation such as "Dear …:")
/// through `importLetter`; anything else — memos, briefs, notes — as a
/// document with a title (the first short line, else `fallbackTitle`),
/// memo header fields as paragraphs (the DATE field as a date line),
/// headings (capitals, "II." or "A." lines without a full stop) and runs
/// of numbered paragraphs ("1.", "(2)", "¶ 3") as numbered lists that keep
/// their numbers. No text is dropped.
export function importText(text: string, fallbackTitle = "Untitled document"): ImportedText {
  const normalized = text.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  const firstSection = normalized.split(/\n[ \t]*\n(?:[ \t]*\n)+/)[0] ?? "";
  if (SALUTATION_LINE.test(firstSection)) {
    const letter = importLetter(normalized);
    return { doc: letter.doc, title: letter.title || fallbackTitle, kind: "letter" };
  }
  const paras = normalized
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/[ \t]+\n/g, "\n").trim())
    .filter((p) => p.length > 0);
  if (paras.length === 0) throw new RangeError("The text to import is empty.");
  const n = schema.nodes;
  const blocks: Node[] = [];
  let title = "";
  const first = paras[0]!;
  if (!first.includes("\n") && first.length <= 200 && !NUMBERED.test(first)) {
    title = first;
    paras.shift();
  } else title = fallbackTitle;
  blocks.push(n.title!.create(null, inline(title)));

  let list: { order: number; next: number; items: Node[] } | null = null;
  const flush = () => {
    if (list) blocks.push(n.ordered_list!.create({ order: list.order }, list.items));
    list = null;
  };
  for (const para of paras) {
    const numbered = NUMBERED.exec(para);
    if (numbered) {
      const num = Number(numbered[1] ?? numbered[2] ?? numbered[3]);
      if (list && num !== list.next) flush();
      list ??= { order: num, next: num, items: [] };
      list.items.push(n.list_item!.create(null, n.paragraph!.create(null, inline(numbered[4]!))));
      list.next = num + 1;
      continue;
    }
    flush();
    // A memo's header: each "FIELD: value" line is kept as its own line.
    const lines = para.split("\n");
    if (lines.every((l) => MEMO_FIELD.test(l))) {
      for (const line of lines) {
        const [, field, value] = MEMO_FIELD.exec(line)!;
        const iso = field!.toLowerCase() === "date" ? parseDateLine(value!) : null;
        blocks.push(
          iso
            ? n.date_line!.create({ iso }, inline(line))
            : n.paragraph!.create(null, inline(line)),
        );
      }
      continue;
    }
    const level = headingLevel(para);
    blocks.push(
      level ? n.heading!.create({ level }, inline(para)) : n.paragraph!.create(null, inline(para)),
    );
  }
  flush();
  const doc = n.doc!.create(null, blocks);
  doc.check();
  return { doc, title, kind: "memo" };
}
