import type { ServerResponse } from "node:http";
import { type Annotation, anchorReport, readAnnotation } from "@glossa/annotations";
import type { AnnotationService } from "../annotations/AnnotationService.ts";
import { KeyedStore } from "../annotations/keyedStore.ts";
import { badRequest } from "./http.ts";

// Reading annotations with where their marks stand now, for the API: from
// the server's anchor index and the text's layout, never a conversion of
// the whole document per request (issue 16).

/// An annotation as the API returns it: Glossa's model plus where its mark
/// stands now in the live text.
export interface AnnotationView extends Annotation {
  anchor: {
    status: "attached" | "detached" | "moved-suspicious";
    /// The text under the mark now.
    text: string;
    ranges: { from: number; to: number }[];
    remnant: boolean;
    block: number | null;
    paragraph: number | null;
  };
}

type Docs = Parameters<Parameters<AnnotationService["withDocuments"]>[1]>[0];

/// A function giving the view of an annotation of the loaded `docs`: its
/// mark found in the anchor index (brought up to date first) and placed by
/// the text's layout; O(its mark) per annotation.
export function viewer(
  service: AnnotationService,
  { text, fragment, store }: Docs,
): (a: Annotation) => AnnotationView {
  const index = service.anchorIndex(text, fragment, store.ymap);
  index.refresh();
  const layout = service.layout(text);
  return (a) => {
    const mark = index.locate(a.id, layout);
    const report = anchorReport(a, mark?.ranges ?? [], mark?.text ?? "");
    return {
      ...a,
      anchor: {
        status: report.status,
        text: report.text,
        ranges: report.ranges.map((r) => ({ from: r.from, to: r.to })),
        remnant: report.remnant,
        block: mark ? Math.max(0, mark.first.blockIndex) : null,
        paragraph: mark ? mark.first.paragraph : null,
      },
    };
  };
}

/// Annotation `aid` of `docId` with its anchor; null when absent or deleted.
export function readView(
  service: AnnotationService,
  docId: string,
  aid: string,
): Promise<AnnotationView | null> {
  return service.withDocuments(docId, async (docs) => {
    // Made in slices the first time (the document just loaded).
    const keys = await service.caches.readyRecordKeys(docs.store.ymap);
    const a = readAnnotation(new KeyedStore(docs.store, keys), aid);
    if (!a || a.deleted) return null;
    await service.readyIndex(docs.text, docs.fragment, docs.store.ymap);
    return viewer(service, docs)(a);
  });
}

/// Annotations per page of `GET …/annotations` unless `limit` says otherwise.
const PAGE_DEFAULT = 500;
const PAGE_MAX = 1000;

/// Annotations read and placed between two turns of the event loop.
const CHUNK = 100;

/// Sends one page of `docId`'s annotations, oldest first (by creation time,
/// then id), after `cursor`, as `{annotations, next}`: the order is kept by
/// the document's record index, only the page's annotations are read and
/// placed, and the answer is streamed CHUNK annotations at a time, giving
/// the event loop back between chunks.
export function sendPage(
  service: AnnotationService,
  res: ServerResponse,
  docId: string,
  options: { includeDeleted: boolean; limit: number; cursor: [string, string] | null },
): Promise<void> {
  return service.withDocuments(docId, async (docs) => {
    // Made in slices the first time (the document just loaded).
    const keys = await service.caches.readyRecordKeys(docs.store.ymap);
    const { ids, more } = keys.page(options.cursor, options.limit, options.includeDeleted);
    const keyed = new KeyedStore(docs.store, keys);
    const last = ids[ids.length - 1];
    const next = more && last ? Buffer.from(JSON.stringify(last)).toString("base64url") : null;
    await service.readyIndex(docs.text, docs.fragment, docs.store.ymap);
    res.writeHead(200, {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
    });
    res.write('{"annotations":[');
    let first = true;
    try {
      for (let i = 0; i < ids.length; i += CHUNK) {
        if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        if (res.destroyed) return;
        // Brought up to date for each chunk: the text may have changed meanwhile.
        const view = viewer(service, docs);
        const parts: string[] = [];
        for (const [, id] of ids.slice(i, i + CHUNK)) {
          const a = readAnnotation(keyed, id);
          if (a) parts.push(JSON.stringify(view(a)));
        }
        if (parts.length) res.write((first ? "" : ",") + parts.join(","));
        first &&= !parts.length;
      }
      res.end(`],"next":${JSON.stringify(next)}}`);
    } catch (err) {
      // The status is sent: the only way left to tell the client is to cut the answer.
      res.destroy(err as Error);
    }
  });
}

/// The `limit` and `cursor` of a list request (400 when malformed).
export function pageQuery(url: URL): { limit: number; cursor: [string, string] | null } {
  const rawLimit = url.searchParams.get("limit");
  const limit = rawLimit === null ? PAGE_DEFAULT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX)
    throw badRequest(`"limit" must be a whole number from 1 to ${PAGE_MAX}.`);
  const rawCursor = url.searchParams.get("cursor");
  if (rawCursor === null || rawCursor === "") return { limit, cursor: null };
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(rawCursor, "base64url").toString("utf8"));
  } catch {
    cursor = null;
  }
  if (
    !Array.isArray(cursor) ||
    cursor.length !== 2 ||
    typeof cursor[0] !== "string" ||
    typeof cursor[1] !== "string"
  )
    throw badRequest('"cursor" must be the "next" value of a previous page.');
  return { limit, cursor: [cursor[0], cursor[1]] };
}
