import { DOMParser, type Element, type Node } from "@xmldom/xmldom";
import { unzip } from "../api/helpers.ts";

/// WordprocessingML namespace.
export const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Parses XML, throwing on anything not well-formed (xmldom only warns by default).
export function parseXml(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, msg) => {
      if (level !== "warning") errors.push(msg);
    },
  }).parseFromString(xml, "text/xml");
  if (errors.length) throw new Error(`not well-formed XML: ${errors.join("; ")}`);
  return doc as unknown as Document;
}

/// The parts of a .docx read back with a zip reader, and its main document parsed.
export function readDocx(bytes: Uint8Array): {
  files: Map<string, Buffer>;
  document: Document;
  comments: Document | null;
} {
  const files = unzip(bytes);
  const main = files.get("word/document.xml");
  if (!main) throw new Error("no word/document.xml");
  const c = files.get("word/comments.xml");
  return {
    files,
    document: parseXml(main.toString("utf8")),
    comments: c ? parseXml(c.toString("utf8")) : null,
  };
}

/// Elements named `w:<name>` under `root`, in document order.
export function all(root: Node | Document, name: string): Element[] {
  return Array.from(
    (root as unknown as Element).getElementsByTagNameNS(W, name) as unknown as Element[],
  );
}

const children = (e: Element): Element[] =>
  Array.from(e.childNodes as unknown as Node[]).filter((n): n is Element => n.nodeType === 1);

/// The body's paragraphs (not those of tables or text boxes).
export function bodyParagraphs(doc: Document): Element[] {
  const body = all(doc, "body")[0]!;
  return children(body).filter((e) => e.localName === "p");
}

/// How a paragraph's mark is tracked: `w:pPr/w:rPr/w:ins` or `w:del`.
export function markChange(p: Element): { type: "ins" | "del"; author: string } | null {
  const ppr = children(p).find((e) => e.localName === "pPr");
  const rpr = ppr && children(ppr).find((e) => e.localName === "rPr");
  const change = rpr && children(rpr).find((e) => e.localName === "ins" || e.localName === "del");
  if (!change) return null;
  return { type: change.localName as "ins" | "del", author: change.getAttributeNS(W, "author")! };
}

/// The text of a paragraph with every change accepted (`accept`) or rejected.
export function paragraphText(p: Element, accept: boolean): string {
  let out = "";
  const walk = (e: Element, inIns: boolean, inDel: boolean) => {
    for (const c of children(e)) {
      const name = c.localName;
      if (name === "pPr" || name === "rPr") continue;
      if (name === "ins") walk(c, true, inDel);
      else if (name === "del") walk(c, inIns, true);
      else if (name === "t" || name === "delText") {
        if (accept ? !inDel : !inIns) out += c.textContent ?? "";
      } else if (name === "br") {
        if (accept ? !inDel : !inIns) out += "\n";
      } else walk(c, inIns, inDel);
    }
  };
  walk(p, false, false);
  return out;
}

/// The document's text with every change accepted or rejected, textblocks
/// joined by a blank line: a paragraph whose mark is deleted (accepting) or
/// inserted (rejecting) runs on into the next, as Word does.
export function documentText(paragraphs: readonly Element[], accept: boolean): string {
  let out = "";
  paragraphs.forEach((p, i) => {
    out += paragraphText(p, accept);
    const mark = markChange(p);
    const joins = mark && (accept ? mark.type === "del" : mark.type === "ins");
    if (i + 1 < paragraphs.length && !joins) out += "\n\n";
  });
  return out;
}

/// Checks the WordprocessingML rules of tracked changes and returns every
/// change: `w:ins` holds runs with `w:t` (never `w:delText`), `w:del` holds
/// runs with `w:delText` (never `w:t`); each has an author, an ISO date and a
/// `w:id` no other change or comment uses. Throws on the first breach.
export function trackedChanges(doc: Document): {
  type: "ins" | "del";
  author: string;
  date: string;
  text: string;
}[] {
  const out: { type: "ins" | "del"; author: string; date: string; text: string }[] = [];
  const ids = new Set<string>();
  for (const c of all(doc, "commentRangeStart")) ids.add(`c${c.getAttributeNS(W, "id")}`);
  for (const type of ["ins", "del"] as const) {
    for (const e of all(doc, type)) {
      const id = e.getAttributeNS(W, "id");
      const author = e.getAttributeNS(W, "author");
      const date = e.getAttributeNS(W, "date");
      if (!id || !author || !date) throw new Error(`w:${type} without w:id, w:author or w:date`);
      if (Number.isNaN(Date.parse(date))) throw new Error(`w:${type} date "${date}"`);
      if (ids.has(id) || ids.has(`c${id}`)) throw new Error(`w:id ${id} used twice`);
      ids.add(id);
      const parent = e.parentNode as Element;
      if (parent.localName === "rPr") {
        out.push({ type, author, date, text: "¶" });
        continue;
      }
      if (parent.localName !== "p" && parent.localName !== "hyperlink")
        throw new Error(`w:${type} inside w:${parent.localName}`);
      let text = "";
      for (const r of children(e)) {
        if (r.localName !== "r") throw new Error(`w:${type} holds w:${r.localName}, not w:r`);
        const parts = children(r);
        if (type === "del" && parts.some((x) => x.localName === "t"))
          throw new Error("w:del holds w:t instead of w:delText");
        if (type === "ins" && parts.some((x) => x.localName === "delText"))
          throw new Error("w:ins holds w:delText");
        for (const x of parts) {
          if (x.localName === "t" || x.localName === "delText") text += x.textContent ?? "";
          if (x.localName === "br") text += "\n";
        }
      }
      out.push({ type, author, date, text });
    }
  }
  return out;
}
