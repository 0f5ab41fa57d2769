/// The server converts documents with y-prosemirror, which it loads on first
/// use (apps/server/src/ydoc.ts `loadConversions`, issue 16: idle memory):
/// its own asynchronous paths load it before converting. Tests also call its
/// synchronous functions directly (`verifyAnchors`, `ydocToPm`,
/// `AnnotationService.apply` on documents they made): loaded here for them.
import { loadConversions } from "@glossa/server";

await loadConversions();
