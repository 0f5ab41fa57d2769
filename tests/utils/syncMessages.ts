import * as decoding from "lib0/decoding";

/// A Hocuspocus sync message (type 0 or 4) with a step-2 reply or an update
/// (y-protocols step 1 or 2) for a text document: a client's message that
/// carries text content.
export function carriesText(data: Uint8Array): boolean {
  const d = decoding.createDecoder(data);
  const doc = decoding.readVarString(d);
  const type = decoding.readVarUint(d);
  if (doc.endsWith("/annotations") || (type !== 0 && type !== 4)) return false;
  const step = decoding.readVarUint(d);
  return step === 1 || step === 2;
}
