/// The sample letter (packages/schema/samples) as the benchmark's document,
/// at 1× or repeated `scale` times, and its Yjs encoding.
import { importLetter, schema } from "@glossa/schema";
import { readSampleLetter } from "@glossa/schema/sample";
import { loadConversions, pmDocToUpdate } from "@glossa/server";
import type { Node } from "prosemirror-model";

// letterUpdate converts with y-prosemirror, which the server loads on first use.
await loadConversions();

/// The letter; with `scale` > 1 its blocks repeated `scale` times.
export function letterDoc(scale = 1): { title: string; doc: Node } {
  const letter = importLetter(readSampleLetter());
  if (scale <= 1) return letter;
  const blocks: Node[] = [];
  for (let i = 0; i < scale; i++)
    letter.doc.forEach((b) => {
      blocks.push(b);
    });
  return {
    title: `${letter.title} (×${scale})`,
    doc: schema.topNodeType.createChecked(null, blocks),
  };
}

/// The letter as a Yjs update of a fresh document (what Glossa journals first).
export function letterUpdate(scale = 1): Uint8Array {
  return pmDocToUpdate(letterDoc(scale).doc);
}
