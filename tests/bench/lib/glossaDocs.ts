/// The benchmark's documents on a Glossa server (serverWorker.ts, in the
/// server's process): `count` letters, each shared with `share` as editor.
import type { Glossa } from "@glossa/server";
import type { Node } from "prosemirror-model";

/// The letter as ProseMirror per scale, for a call without a template (its
/// module loads y-prosemirror, which the server itself loads on first use).
const letters = new Map<number, { title: string; doc: Node }>();

/// With a template (the letter's Yjs update, base64) each document stores it
/// as it is, as bare Hocuspocus' does (`createWithParts`: no conversion to
/// ProseMirror); without one, the letter at `scale` is created from text.
export async function glossaCreateDocs(
  glossa: Glossa,
  ownerId: string,
  a: { count: number; scale: number; template?: string; share?: string[] },
): Promise<string[]> {
  const { count, scale, template, share = [] } = a;
  const state = template ? new Uint8Array(Buffer.from(template, "base64")) : null;
  let letter = letters.get(scale);
  if (!state && !letter) {
    letter = (await import("./letter.ts")).letterDoc(scale);
    letters.set(scale, letter);
  }
  const title = letter?.title ?? `Letter (×${scale})`;
  const ids = [];
  for (let i = 0; i < count; i++) {
    const rec = state
      ? await glossa.documents.createWithParts(title, state, null, ownerId)
      : await glossa.documents.create(title, letter!.doc, ownerId);
    for (const userId of share) {
      await glossa.store.setShare({
        documentId: rec.id,
        userId,
        role: "editor",
        grantedBy: ownerId,
        grantedAt: new Date().toISOString(),
      });
    }
    ids.push(rec.id);
  }
  return ids;
}
