// Compaction's merge, run in a worker thread so that merging a large
// document's history never stalls the event loop (and with it every "saved"
// acknowledgement). Plain JavaScript: workers are not compiled by the test
// runner or the bundler. Message: { id, parts: Uint8Array[] } → { id, merged } or { id, error }.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";

parentPort.on("message", ({ id, parts }) => {
  try {
    const ydoc = new Y.Doc();
    for (const part of parts) Y.applyUpdate(ydoc, part);
    const merged = Y.encodeStateAsUpdate(ydoc);
    ydoc.destroy();
    parentPort.postMessage({ id, merged }, [merged.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err?.stack ?? err) });
  }
});
