import type { Extension } from "@hocuspocus/server";
import type { GlossaContext } from "../context.ts";
import { trimMallocSoon } from "../mallocTrim.ts";

/// Gives the memory of an unloaded document back to the system: its Yjs
/// structures are garbage for V8, but the buffers malloc held for it (update
/// bytes, SQLite's pages, socket frames) stay in glibc's arenas as free
/// fragments until trimmed (mallocTrim.ts).
export class MallocTrimExtension implements Extension<GlossaContext> {
  extensionName = "glossa-malloc-trim";
  priority = -1000;

  async afterUnloadDocument(): Promise<void> {
    trimMallocSoon();
  }
}
