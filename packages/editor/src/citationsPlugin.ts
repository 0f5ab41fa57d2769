import {
  type Citation,
  type ExtractOptions,
  extractCitations,
  type TeamForm,
  tryCanonicalForKey,
} from "@glossa/citations";
import { blockText, documentDate } from "@glossa/schema";
import type { Node as PMNode } from "prosemirror-model";
import { type EditorState, Plugin, PluginKey, type Transaction } from "prosemirror-state";
import { Decoration, DecorationSet } from "prosemirror-view";

/// A citation placed in the document: `from`/`to` are document positions.
export interface CitationSpan {
  citation: Citation;
  from: number;
  to: number;
}

/// Citations of one textblock; offsets in `citations` are relative to the
/// block's text, which maps 1:1 onto positions from `pos + 1`.
interface BlockCitations {
  pos: number;
  size: number;
  citations: Citation[];
}

/// State of the citations plugin.
export interface CitationsState {
  /// Textblocks that hold at least one citation, in document order.
  blocks: readonly BlockCitations[];
  decorations: DecorationSet;
  /// The document's date (`documentDate`) and the team forms the scan used.
  asOf: string | null;
  forms: readonly TeamForm[];
}

/// Options of `citationsPlugin`.
export interface CitationsPluginOptions {
  /// Called with the position of every textblock the plugin scans (tests, metrics).
  onScan?: (pos: number) => void;
  /// A team's short names for its authorities, known when the editor starts.
  forms?: readonly TeamForm[];
}

/// Key of the citations plugin state (`citationsKey.getState(state)`).
export const citationsKey = new PluginKey<CitationsState>("glossaCitations");

const decorationsFor = (pos: number, citations: readonly Citation[]): Decoration[] =>
  citations.map((c) =>
    Decoration.inline(
      pos + 1 + c.start,
      pos + 1 + c.end,
      { class: "gl-citation", "data-key": c.key, "data-kind": c.kind, title: c.canonical },
      { citation: c },
    ),
  );

/// Changed ranges of a transaction, in the coordinates of its final document.
const changedRanges = (tr: Transaction): Array<[number, number]> => {
  const out: Array<[number, number]> = [];
  const maps = tr.mapping.maps;
  maps.forEach((map, i) => {
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      let from = newStart;
      let to = newEnd;
      for (let j = i + 1; j < maps.length; j++) {
        from = maps[j]!.map(from, -1);
        to = maps[j]!.map(to, 1);
      }
      out.push([from, to]);
    });
  });
  return out;
};

/// What every block's scan shares: the document's date (renumbered INA
/// sections are read as they stood then) and the team's citation forms.
interface ScanContext {
  asOf: string | null;
  forms: readonly TeamForm[];
}

type Scan = (node: PMNode, pos: number, inaBefore: boolean) => BlockCitations;

// Short forms need context from earlier blocks: once the document has
// cited the INA, a bare "section 235(b)(2)(C)" later on means the INA.
const citesIna = (b: BlockCitations) => b.citations.some((c) => c.kind === "ina");

/// Scans the textblocks a transaction touched; the others keep their
/// citations, their positions mapped through `tr.mapping`.
function applyChange(tr: Transaction, old: CitationsState, scan: Scan): CitationsState {
  const doc = tr.doc;
  const ranges = changedRanges(tr);
  const touches = (from: number, to: number) => ranges.some(([a, b]) => a <= to && b >= from);

  // Find the textblocks the changes touch (scanned below, in order).
  const touched = new Map<number, PMNode>();
  for (const [a, b] of ranges) {
    const from = Math.max(0, Math.min(a, doc.content.size));
    const to = Math.max(from, Math.min(b, doc.content.size));
    doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isTextblock) return true;
      touched.set(pos, node);
      return false;
    });
  }
  const fresh = new Map<number, BlockCitations>();

  // Keep, with mapped positions, the blocks no change touched.
  const kept: BlockCitations[] = [];
  for (const b of old.blocks) {
    const start = tr.mapping.mapResult(b.pos, 1);
    const end = tr.mapping.mapResult(b.pos + b.size, -1);
    if (start.deleted || end.deleted) continue;
    if (touched.has(start.pos) || touches(start.pos, end.pos)) continue;
    const node = doc.nodeAt(start.pos);
    if (!node?.isTextblock || node.nodeSize !== b.size) continue;
    kept.push(start.pos === b.pos ? b : { ...b, pos: start.pos });
  }

  for (const [pos, node] of [...touched].sort((x, y) => x[0] - y[0])) {
    const inaBefore =
      kept.some((b) => b.pos < pos && citesIna(b)) ||
      [...fresh.values()].some((b) => b.pos < pos && citesIna(b));
    fresh.set(pos, scan(node, pos, inaBefore));
  }

  let decorations = old.decorations.map(tr.mapping, doc);
  for (const b of fresh.values()) {
    decorations = decorations.remove(decorations.find(b.pos + 1, b.pos + b.size - 1));
  }
  for (const [a, b] of ranges) decorations = decorations.remove(decorations.find(a, b));
  const scanned = [...fresh.values()].filter((b) => b.citations.length > 0);
  decorations = decorations.add(
    doc,
    scanned.flatMap((b) => decorationsFor(b.pos, b.citations)),
  );
  const blocks = [...kept, ...scanned].sort((x, y) => x.pos - y.pos);
  return { ...old, blocks, decorations };
}

/// Finds citations in textblocks as the document changes. Only textblocks a
/// transaction touches are re-scanned (`applyChange`); a new document date or
/// new team forms (`setCitationForms`) re-scan everything. Decorations mark
/// each citation as `span.gl-citation` with `data-key` and `data-kind`.
export function citationsPlugin(options: CitationsPluginOptions = {}): Plugin<CitationsState> {
  const scanWith =
    (ctx: ScanContext): Scan =>
    (node, pos, inaBefore) => {
      options.onScan?.(pos);
      const opts: ExtractOptions = {};
      if (inaBefore) opts.defaultAct = "ina";
      if (ctx.asOf) opts.asOf = ctx.asOf;
      if (ctx.forms.length) opts.forms = ctx.forms;
      return { pos, size: node.nodeSize, citations: extractCitations(blockText(node), opts) };
    };

  const init = (doc: PMNode, forms: readonly TeamForm[]): CitationsState => {
    const ctx: ScanContext = { asOf: documentDate(doc), forms };
    const scan = scanWith(ctx);
    const blocks: BlockCitations[] = [];
    let ina = false;
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      const b = scan(node, pos, ina);
      ina ||= citesIna(b);
      if (b.citations.length) blocks.push(b);
      return false;
    });
    const decorations = DecorationSet.create(
      doc,
      blocks.flatMap((b) => decorationsFor(b.pos, b.citations)),
    );
    return { blocks, decorations, ...ctx };
  };

  return new Plugin<CitationsState>({
    key: citationsKey,
    state: {
      init: (_config, state) => init(state.doc, options.forms ?? []),
      apply(tr, old) {
        const forms = tr.getMeta(citationsKey) as readonly TeamForm[] | undefined;
        if (forms) return init(tr.doc, forms);
        if (!tr.docChanged) return old;
        if (documentDate(tr.doc) !== old.asOf) return init(tr.doc, old.forms);
        return applyChange(tr, old, scanWith(old));
      },
    },
    props: {
      decorations: (state) => citationsKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  });
}

/// Teaches the editor a team's citation forms (from its authorities) and
/// re-scans the document with them.
export function setCitationForms(tr: Transaction, forms: readonly TeamForm[]): Transaction {
  return tr.setMeta(citationsKey, forms);
}

const spansOf = (b: BlockCitations): CitationSpan[] =>
  b.citations.map((citation) => ({
    citation,
    from: b.pos + 1 + citation.start,
    to: b.pos + 1 + citation.end,
  }));

/// Every citation in the document, in document order.
export function allCitations(state: EditorState): CitationSpan[] {
  const s = citationsKey.getState(state);
  if (!s) throw new RangeError("citationsPlugin is not installed in this editor state.");
  return s.blocks.flatMap(spansOf);
}

/// The citations that cover `pos` (`from <= pos <= to`).
export function citationsAt(state: EditorState, pos: number): CitationSpan[] {
  const s = citationsKey.getState(state);
  if (!s) throw new RangeError("citationsPlugin is not installed in this editor state.");
  let lo = 0;
  let hi = s.blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = s.blocks[mid]!;
    if (pos < b.pos) hi = mid - 1;
    else if (pos > b.pos + b.size) lo = mid + 1;
    else return spansOf(b).filter((c) => c.from <= pos && pos <= c.to);
  }
  return [];
}

const SOURCE_NAMES: Record<string, string> = {
  "uscode.house.gov": "U.S. Code (House OLRC)",
  "www.law.cornell.edu": "Cornell LII",
  "www.govinfo.gov": "GovInfo",
  "www.ecfr.gov": "eCFR",
  "www.federalregister.gov": "FederalRegister.gov",
  "www.courtlistener.com": "CourtListener",
  "www.refworld.org": "Refworld",
  "www.ohchr.org": "OHCHR",
  "www.oas.org": "OAS",
  "www.diputados.gob.mx": "Cámara de Diputados",
  "constitution.congress.gov": "Constitution Annotated",
  "www.un.org": "United Nations",
  "www.unhcr.org": "UNHCR",
  "www.uscis.gov": "USCIS",
};

/// Label for an official source URL ("Cornell LII", "eCFR", …).
export function sourceLabel(url: string): string {
  const host = /^https?:\/\/([^/?#]+)/.exec(url)?.[1] ?? url;
  return SOURCE_NAMES[host] ?? host;
}

const keyLabel = (key: string): string => tryCanonicalForKey(key) ?? key;

/// What kind of authority a citation is, in the words lawyers use.
const KIND_LABEL: Record<Citation["kind"], string> = {
  usc: "U.S. Code",
  usc_chapter: "U.S. Code, chapter",
  ina: "INA",
  cfr: "Code of Federal Regulations",
  stat: "Statutes at Large",
  public_law: "Public law",
  fed_reg: "Federal Register",
  us_const: "U.S. Constitution",
  case_full: "Case",
  case_short: "Case (short form)",
  id: "Id.",
  supra: "Supra",
  journal: "Law review",
  state_statute: "State statute",
  treaty: "Treaty",
  mx_const: "Mexican Constitution",
  mx_statute: "Mexican statute",
  soft_law: "International guidance",
  team: "Team authority",
};

/// A hover/focus card for one citation: its canonical form, its equivalents
/// (as canonical forms) and links to the official texts; for a renumbered
/// provision cited from before its renumbering, what it was then and, as
/// "now", the provision that holds it today. Built with
/// `createElement`/`textContent` only; only https links are rendered.
export function renderCitationCard(citation: Citation, doc: Document): HTMLElement {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string) => {
    const e = doc.createElement(tag);
    e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const card = el("div", "gl-citation-card");
  card.setAttribute("role", "tooltip");
  card.setAttribute("data-key", citation.key);
  card.appendChild(el("div", "gl-citation-card-canonical", citation.canonical));
  const meta = [KIND_LABEL[citation.kind] ?? citation.kind];
  if (citation.pinpoint) meta.push(`at ${citation.pinpoint}`);
  if (citation.antecedent) meta.push(`refers to ${keyLabel(citation.antecedent)}`);
  card.appendChild(el("div", "gl-citation-card-meta", meta.join(" · ")));
  const dated = citation.dated;
  if (dated) {
    const then = el("div", "gl-citation-card-dated", `${dated.meaning} (${dated.by})`);
    then.setAttribute("data-as-of", dated.asOf);
    then.setAttribute("data-until", dated.until);
    card.appendChild(el("div", "gl-citation-card-heading", `As it stood before ${dated.until}`));
    card.appendChild(then);
  }
  if (citation.equivalents.length) {
    card.appendChild(el("div", "gl-citation-card-heading", dated ? "Now" : "Same provision as"));
    const list = el("ul", "gl-citation-card-equivalents");
    for (const key of citation.equivalents) {
      const li = el("li", "", keyLabel(key));
      li.setAttribute("data-key", key);
      list.appendChild(li);
    }
    card.appendChild(list);
  }
  const links = citation.urls.filter((u) => u.startsWith("https://"));
  if (links.length) {
    card.appendChild(
      el("div", "gl-citation-card-heading", dated ? "Official sources (now)" : "Official sources"),
    );
    const list = el("ul", "gl-citation-card-links");
    for (const url of links) {
      const a = el("a", "", sourceLabel(url));
      a.setAttribute("href", url);
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener noreferrer");
      const li = el("li", "");
      li.appendChild(a);
      list.appendChild(li);
    }
    card.appendChild(list);
  }
  return card;
}
