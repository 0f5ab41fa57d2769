import * as buf from "lib0/buffer";
import * as sha256 from "lib0/hash/sha256";

/// The Y.XmlText attribute key y-prosemirror uses for an overlapping mark:
/// `annotation--<hash of the mark's JSON>` (its `hashOfJSON`). Using the same
/// key means a client that re-syncs the paragraph writes nothing new.
export function annotationAttributeKey(id: string): string {
  const digest = sha256.digest(buf.encodeAny({ type: "annotation", attrs: { id } }));
  const N = 6;
  for (let i = N; i < digest.length; i++) digest[i % N] = digest[i % N]! ^ digest[i]!;
  return `annotation--${buf.toBase64(digest.slice(0, N))}`;
}
