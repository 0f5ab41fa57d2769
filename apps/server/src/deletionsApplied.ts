import * as Y from "yjs";

/// True when `update` adds nothing and every range it deletes is deleted in
/// `doc` (whoever deleted it): the question behind a client's `flush`
/// (docs/protocol.md §5). Reads only the update's delete set and the structs
/// of the client ids it names.
export function deletionsApplied(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  if (decoded.structs.length > 0) return false;
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) return false;
    for (const { clock, len } of ranges) {
      const end = clock + len;
      if (Y.getState(doc.store, client) < end) return false;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const s = structs[i]!;
        if (s.id.clock >= end) break;
        if (!s.deleted) return false;
      }
    }
  }
  return true;
}
