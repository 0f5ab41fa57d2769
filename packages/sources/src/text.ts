import type { Authority, AuthorityText, TextNode } from "./types.ts";

/// Where one node of an authority's text lies in its rendered string.
/// `start`–`end` cover the node with its descendants; `bodyStart` is where
/// its own wording (after marker and heading) begins.
export interface TextSpan {
  path: string[];
  depth: number;
  start: number;
  end: number;
  bodyStart: number;
}

/// An authority's text flattened to one string, one line per marker,
/// heading and paragraph, with the span of every node.
export interface RenderedText {
  text: string;
  spans: TextSpan[];
}

/// The range of an authority's rendered text that a pinpoint refers to.
/// `exact` is false when only an ancestor was found (the catalog has
/// (b)(2) but not (b)(2)(Z)); `found` lists the path that matched.
export interface PinpointLocation {
  start: number;
  end: number;
  path: string[];
  found: string[];
  exact: boolean;
  text: string;
}

const cache = new WeakMap<AuthorityText, RenderedText>();

/// Renders the text tree of an authority. Nodes with neither heading, text
/// nor rendered children are left out.
export function renderText(text: AuthorityText): RenderedText {
  const hit = cache.get(text);
  if (hit) return hit;
  let out = "";
  const spans: TextSpan[] = [];
  if (text.intro) out += `${text.intro}\n`;
  const walk = (node: TextNode, path: string[], depth: number): boolean => {
    const p = [...path, node.label];
    const start = out.length;
    const marker = node.marker ?? `(${node.label})`;
    let line = marker;
    if (node.heading) line += ` ${node.heading}`;
    const inline = !node.heading && node.text;
    if (inline) line += ` ${node.text}`;
    out += `${line}\n`;
    let bodyStart = inline ? start + marker.length + 1 : out.length;
    if (!inline && node.text) {
      bodyStart = out.length;
      out += `${node.text}\n`;
    }
    let any = Boolean(node.heading || node.text);
    for (const child of node.children ?? []) any = walk(child, p, depth + 1) || any;
    if (!any) {
      out = out.slice(0, start);
      return false;
    }
    spans.push({ path: p, depth, start, end: out.length - 1, bodyStart });
    return true;
  };
  for (const node of text.nodes) walk(node, [], 0);
  spans.sort((a, b) => a.start - b.start);
  const rendered = { text: out.replace(/\n$/, ""), spans };
  cache.set(text, rendered);
  return rendered;
}

const ORDINALS: Record<string, string> = {
  primero: "1",
  primer: "1",
  segundo: "2",
  tercero: "3",
  tercer: "3",
  cuarto: "4",
  quinto: "5",
  sexto: "6",
  séptimo: "7",
  octavo: "8",
  noveno: "9",
  décimo: "10",
  first: "1",
  second: "2",
  third: "3",
  fourth: "4",
  fifth: "5",
};

/// A pinpoint read from any of the forms people write: `(b)(2)(C)`,
/// `1225(b)(2)(C)`, `b/2/C`, `b_2_C` (LII anchors), `art. 22(8)`, `22.8`,
/// `para. 2`, `párrafo segundo`, `fr. V`, `concl. III(3)`. `article` and
/// `section` hold a leading article or section number, which callers compare
/// with the authority's own.
export interface ParsedPinpoint {
  path: string[];
  article?: string;
  section?: string;
}

/// Parses a pinpoint string (see `ParsedPinpoint`). Unreadable input gives an empty path.
export function parsePinpoint(input: string | readonly string[]): ParsedPinpoint {
  if (typeof input !== "string") return { path: [...input] };
  const s = input.trim().replace(/^§+\s*/, "");
  if (!s) return { path: [] };
  if (/^[\w.-]+(?:[/_][\w.-]+)+$/.test(s)) {
    const segs = s.split(/[/_]/);
    const out: ParsedPinpoint = { path: segs };
    const art = /^art-(\w+)$/.exec(segs[0]!);
    if (art) {
      out.article = art[1]!;
      out.path = segs.slice(1);
    }
    return out;
  }
  const out: ParsedPinpoint = { path: [] };
  const re =
    /(\bart(?:icle|ículo|\.)?\s*(\d+[A-Za-z]?|[IVX]+)\b)|(\bfr(?:acción|acc\.|\.)?\s*([IVXL]+)\b)|(\bconcl(?:usion|usión|\.)?\s*([IVX]+)\b)|((?:¶|\bpara(?:graph)?\.?|\bpárr(?:afo|\.)?)\s*(\d+|[a-zé]+))|(\(([A-Za-z0-9]{1,8})\))|(^\d+[A-Za-z]?(?:[.-]\d+)?(?=\(|$))|(^[IVX]+(?=\())/gi;
  for (const m of s.matchAll(re)) {
    if (m[2]) out.article = m[2];
    else if (m[4]) out.path.push(`fr-${m[4].toUpperCase()}`);
    else if (m[6]) out.path.push(m[6].toUpperCase());
    else if (m[8]) {
      const n = ORDINALS[m[8].toLowerCase()] ?? m[8];
      out.path.push(/^p[aá]rr/i.test(m[7]!) ? `parr-${n}` : `para-${n}`);
    } else if (m[10]) out.path.push(m[10]);
    else if (m[11]) {
      const dotted = /^(\d+)\.(\d+)$/.exec(m[11]);
      if (dotted && !s.includes("(")) {
        out.article = dotted[1]!;
        out.path.push(dotted[2]!);
      } else out.section = m[11];
    } else if (m[12]) out.path.push(m[12]);
  }
  return out;
}

function findChild(nodes: readonly TextNode[] | undefined, seg: string): TextNode | undefined {
  if (!nodes) return undefined;
  // A paragraph may be labelled "2", "parr-2" (Mexican keys) or "para-2".
  const para = /^par[ra]-(\d+)$/.exec(seg);
  const n = para ? para[1]! : seg;
  const candidates = [seg, n, `parr-${n}`, `para-${n}`];
  for (const c of candidates) {
    const hit = nodes.find((n) => n.label === c);
    if (hit) return hit;
  }
  const lower = seg.toLowerCase();
  return nodes.find((n) => n.label.toLowerCase() === lower);
}

/// Finds the range of `authority`'s text that `pinpoint` designates, e.g.
/// `(b)(2)(C)` within 8 U.S.C. § 1225. An empty pinpoint covers the whole
/// text. Returns null when the authority has no text or not even the first
/// level of the pinpoint is in it.
export function locatePinpoint(
  authority: Authority,
  pinpoint: string | readonly string[],
): PinpointLocation | null {
  if (!authority.text) return null;
  const rendered = renderText(authority.text);
  const parsed = parsePinpoint(pinpoint);
  let path = parsed.path;
  // Drop a leading segment that repeats the authority itself (`art-33/1`, `1225(b)`).
  const own = authority.key.split("/").at(-1) ?? "";
  if (path[0] && (path[0] === own || `art-${path[0]}` === own)) path = path.slice(1);
  if (!path.length) {
    return {
      start: 0,
      end: rendered.text.length,
      path: [],
      found: [],
      exact: true,
      text: rendered.text,
    };
  }
  const found: string[] = [];
  let nodes: readonly TextNode[] | undefined = authority.text.nodes;
  for (const seg of path) {
    const node = findChild(nodes, seg);
    if (!node) break;
    found.push(node.label);
    nodes = node.children;
  }
  // A structure-only node is not rendered: fall back to its nearest rendered ancestor.
  let span: TextSpan | undefined;
  while (found.length && !span) {
    const want = found.join("/");
    span = rendered.spans.find((s) => s.path.join("/") === want);
    if (!span) found.pop();
  }
  if (!span) return null;
  return {
    start: span.start,
    end: span.end,
    path,
    found,
    exact: found.length === path.length,
    text: rendered.text.slice(span.start, span.end),
  };
}
