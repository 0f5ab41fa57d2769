/// The catalog's search index: each authority's words by field (name,
/// citation, doctrine, summary, text, key) with their weights, its names and
/// phrases folded for exact and prefix matches, and the document frequency
/// of every word (for tf-idf). Built on the first search after a change.
import type { Doctrine } from "./doctrine.ts";
import { inaCanonical } from "./keys.ts";
import { phraseForm, tokenize } from "./normalize.ts";
import type { Authority } from "./types.ts";

/// The words of one field of an authority and what a match there weighs.
export interface Field {
  tokens: Set<string>;
  weight: number;
  name: string;
}

/// One authority as the search sees it.
export interface IndexedDoc {
  authority: Authority;
  fields: Field[];
  names: string[];
  phrases: string[];
  /// The canonical citation and the INA form, folded, for exact matches.
  cites: string[];
}

/// Every authority by key, and how many authorities hold each word.
export interface SearchIndex {
  docs: Map<string, IndexedDoc>;
  df: Map<string, number>;
}

/// Indexes `authorities`, each also under the names of the `doctrines` that cite it.
export function buildSearchIndex(
  authorities: Iterable<Authority>,
  doctrines: readonly Doctrine[],
): SearchIndex {
  const doctrineNames = new Map<string, string[]>();
  for (const d of doctrines)
    for (const src of d.authorities) {
      const list = doctrineNames.get(src.key) ?? [];
      list.push(d.name, ...d.names);
      doctrineNames.set(src.key, list);
    }
  const docs = new Map<string, IndexedDoc>();
  const df = new Map<string, number>();
  for (const a of authorities) {
    const doc = indexed(a, doctrineNames.get(a.key) ?? []);
    const all = new Set<string>();
    for (const f of doc.fields) for (const t of f.tokens) all.add(t);
    for (const t of all) df.set(t, (df.get(t) ?? 0) + 1);
    docs.set(a.key, doc);
  }
  return { docs, df };
}

/// An authority's fields, names, phrases and citations.
function indexed(a: Authority, doctrineNames: readonly string[]): IndexedDoc {
  const equivalentsCites = (a.equivalents ?? []).map((k) => k.replace(/\//g, " "));
  const ina = a.key.startsWith("usc/8/") ? inaCanonical(a.key) : undefined;
  const names = [a.title, ...(a.aliases ?? []), ...(a.caseName ? [a.caseName] : [])];
  const textWords = a.text ? collectText(a) : "";
  const fields: Field[] = [
    { name: "name", weight: 5, tokens: new Set(names.flatMap(tokenize)) },
    {
      name: "citation",
      weight: 4,
      tokens: new Set(
        tokenize([a.canonical, ina ?? "", ...equivalentsCites, ...(a.parallel ?? [])].join(" ")),
      ),
    },
    { name: "doctrine", weight: 3, tokens: new Set(doctrineNames.flatMap(tokenize)) },
    { name: "summary", weight: 1.5, tokens: new Set(tokenize(a.summary ?? "")) },
    { name: "text", weight: 1, tokens: new Set(tokenize(textWords)) },
    { name: "key", weight: 2, tokens: new Set(tokenize(a.key.replace(/[/]/g, " "))) },
  ];
  return {
    authority: a,
    fields,
    names: names.map(phraseForm),
    phrases: [a.canonical, ina ?? "", textWords, a.summary ?? ""].map(phraseForm),
    cites: [a.canonical, ...(ina ? [ina] : []), ...(a.parallel ?? [])].map(phraseForm),
  };
}

/// The stored text's headings and words, as one string.
function collectText(a: Authority): string {
  const parts: string[] = [a.text?.heading ?? "", a.text?.intro ?? ""];
  const walk = (nodes: NonNullable<Authority["text"]>["nodes"]) => {
    for (const n of nodes) {
      parts.push(n.heading ?? "", n.text ?? "");
      if (n.children) walk(n.children);
    }
  };
  walk(a.text?.nodes ?? []);
  return parts.filter(Boolean).join(" ");
}
