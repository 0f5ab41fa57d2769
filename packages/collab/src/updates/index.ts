/// `@glossa/collab/updates`: Yjs update bytes read and cut without decoding
/// them, shared by the server (its limits, slicing and load) and the web
/// app's outbox (which cuts what it sends to the server's limits).
export { deleteSetOf, type Part, type PartLimits, partsOf } from "./parts.ts";
export {
  Cursor,
  frameUpdate,
  type RefVisitor,
  ScanError,
  type ScanLimits,
  scanStats,
  scanUpdate,
  skipStruct,
  type UpdateScan,
} from "./scan.ts";
export { dependencyOrder, sliceUpdate } from "./slices.ts";
