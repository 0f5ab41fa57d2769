import {
  type Annotation,
  describeProblems,
  importW3CSteps,
  type Person,
  randomId,
  selectorFor,
  type W3CImportResult,
  writeAnnotation,
} from "@glossa/annotations";
import { capabilities } from "@glossa/protocol";
import { anchorItemsMap } from "../annotations/anchorIdentity.ts";
import type { BatchDocs } from "../annotations/batchCreate.ts";
import { BATCH_SLICE, type Carried, carry, inSlices, whereNow } from "../annotations/batchWrite.ts";
import { KeyedStore } from "../annotations/keyedStore.ts";
import { addAnnotationFormat } from "../annotations/yMarks.ts";
import { access, asHttpError } from "./annotationsApi.ts";
import type { ApiContext } from "./api.ts";
import { badRequest, checkedBody, forbidden, type Handlers, sendJson } from "./http.ts";

/// Imports a W3C collection into the live document `docId` for `importer`.
/// Locating the quotes (`importW3CSteps`) and then writing — records in one
/// transaction of the annotations document, marks in one of the text — go a
/// slice per turn of the event loop (`inSlices`, issue 16: 10,000 were one
/// synchronous step). A malformed body is refused before anything is
/// written (malformed items are skipped and reported, as before). An import
/// whose quotes were all located in the first slice and that holds at most
/// `BATCH_SLICE.oneStep` annotations is written in one transaction per
/// document, in the same turn. The text is live meanwhile: each placed
/// quote is carried across the yields (`carry`) and marked where its words
/// are now (`whereNow`); one whose words were changed or deleted meanwhile
/// is still imported, detached (`text-changed`, answered among `unplaced`
/// with reason `changed`). If the server dies mid-way, the slices written
/// are in the journal and the rest is not; importing the same collection
/// again imports it all again with new ids (ids are the import's own, so
/// a retry cannot tell its items from earlier ones): check the list first.
export function importInto(ctx: ApiContext, docId: string, importer: Person, input: unknown) {
  const service = ctx.annotations;
  return service.withDocuments(docId, async ({ text, fragment, store }) => {
    // Text only (its marks may be stale): the quotes are looked up in it.
    const at = () => ({ doc: service.pmDoc(text), index: service.textIndex(text) });
    const result: W3CImportResult = { placed: [], unplaced: [], rejected: [], notes: [] };
    const steps = importW3CSteps(input, at, { importer }, result);
    const carried: Carried[] = [];
    let locateSlices = 0;
    await inSlices("locate", (n) => {
      locateSlices++;
      let done = 0;
      let more = true;
      while (done < n) {
        if (steps.next().done) {
          more = false;
          break;
        }
        done++;
      }
      // Positions of this slice's text, carried before the event loop turns.
      const relative =
        more ||
        locateSlices > 1 ||
        result.placed.length + result.unplaced.length > BATCH_SLICE.oneStep;
      const doc = service.pmDoc(text);
      const layout = relative ? service.layout(text) : null;
      for (let i = carried.length; i < result.placed.length; i++) {
        const p = result.placed[i]!;
        carried.push(carry(doc, layout, p.from, p.to, relative));
      }
      return { done, more };
    });
    const whole = result.rejected.find((r) => r.index === -1);
    if (whole) return { whole, result, paragraphs: new Map<Annotation, number | null>() };
    const writer = new ImportWriter(ctx, { text, fragment, store }, importer, result, carried);
    await inSlices("write", (n) => writer.write(n), writer.total <= BATCH_SLICE.oneStep);
    writer.finish();
    return { whole: null, result, paragraphs: writer.paragraphs };
  });
}

/// The write phase of an import: placed annotations (with their carried
/// positions) then unplaced ones, a slice at a time.
class ImportWriter {
  private readonly entries: { annotation: Annotation; placed: number | null }[];
  private written = 0;
  /// Placed ones whose words were changed meanwhile (indexes into `placed`).
  private readonly changed = new Set<number>();
  private readonly keyed: KeyedStore;
  private readonly origin: { source: string; context: { annotationActor: string } };
  /// The paragraph of each placed annotation, in the text it was marked in.
  readonly paragraphs = new Map<Annotation, number | null>();

  constructor(
    private readonly ctx: ApiContext,
    private readonly docs: BatchDocs,
    importer: Person,
    private readonly result: W3CImportResult,
    private readonly carried: Carried[],
  ) {
    this.entries = [
      ...result.placed.map((p, i) => ({ annotation: p.annotation, placed: i })),
      ...result.unplaced.map((u) => ({ annotation: u.annotation, placed: null })),
    ];
    // Each write reads the annotation's records: from an index, not a scan.
    const { store } = docs;
    this.keyed = new KeyedStore(store, ctx.annotations.caches.recordKeys(store.ymap));
    this.origin = { source: "local", context: { annotationActor: importer.id } };
  }

  get total(): number {
    return this.entries.length;
  }

  write(n: number): { done: number; more: boolean } {
    const service = this.ctx.annotations;
    const { text, fragment, store } = this.docs;
    const doc = service.pmDoc(text);
    const slice = this.entries.slice(this.written, this.written + n);
    this.written += slice.length;
    const marks: { id: string; from: number; to: number }[] = [];
    this.keyed.transact(() => {
      for (const { annotation, placed } of slice) {
        if (placed !== null) {
          const p = this.result.placed[placed]!;
          const c = this.carried[placed]!;
          const where = whereNow(c, text, doc, () => service.layout(text));
          if (!where) {
            this.changed.add(placed);
            detach(annotation);
          } else {
            if (doc !== c.doc)
              annotation.selector = selectorFor(doc, where.from, where.to, service.textIndex(text));
            p.from = where.from;
            p.to = where.to;
            const paragraph = service.textIndex(text).blockAtPos(where.from)?.paragraph;
            this.paragraphs.set(annotation, paragraph ?? null);
            marks.push({ id: annotation.id, ...where });
          }
        }
        writeAnnotation(this.keyed, annotation);
      }
    });
    const layout = service.layout(text);
    this.keyed.transact(() => {
      text.transact(() => {
        const items = anchorItemsMap(store.ymap.doc!);
        for (const m of marks) addAnnotationFormat(fragment, m.from, m.to, m.id, items, layout);
      }, this.origin);
    });
    return { done: slice.length, more: this.written < this.entries.length };
  }

  /// Moves the placed annotations whose words changed to `unplaced`.
  finish(): void {
    if (!this.changed.size) return;
    const { result } = this;
    const moved = result.placed.filter((_, i) => this.changed.has(i));
    result.placed = result.placed.filter((_, i) => !this.changed.has(i));
    for (const p of moved)
      result.unplaced.push({ annotation: p.annotation, reason: "changed", candidates: 0 });
  }
}

/// Marks an annotation about to be written detached: its words were changed
/// or deleted while the import was under way.
function detach(a: Annotation): void {
  const now = new Date().toISOString();
  a.detached = { at: now, reason: "text-changed" };
  a.audit.push({
    id: randomId(),
    who: null,
    action: "detached",
    at: now,
    detail: "its words were changed while the import was under way",
  });
}

/// Importing a W3C collection.
export function annotationImportRoutes(router: Handlers<ApiContext>): void {
  router.on("POST", "/api/documents/:id/annotations/import", async (ctx, { id }) => {
    const actor = await access(ctx, id!);
    if (!capabilities(actor.role).importAnnotations)
      throw forbidden(
        "Only owners and editors may import annotations (an import writes other people's names on threads).",
      );
    const input = await checkedBody<unknown>(ctx.req);
    try {
      ctx.annotations.writable();
    } catch (err) {
      throw asHttpError(err);
    }
    const outcome = await importInto(ctx, id!, actor.user, input);
    if (outcome.whole)
      throw badRequest(
        `Nothing was imported: the body ${describeProblems(outcome.whole.problems).replace(/^input /, "")}.`,
      );
    // Answered as imported only once both documents are on disk.
    await ctx.annotations.whenStored(id!).catch((err: unknown) => {
      throw asHttpError(err);
    });
    const { result, paragraphs } = outcome;
    sendJson(ctx.res, 200, {
      placed: result.placed.map((p) => ({
        id: p.annotation.id,
        kind: p.annotation.kind,
        quote: p.annotation.selector.quote.exact,
        from: p.from,
        to: p.to,
        exact: p.exact,
        paragraph: paragraphs.get(p.annotation) ?? null,
      })),
      unplaced: result.unplaced.map((u) => ({
        id: u.annotation.id,
        kind: u.annotation.kind,
        quote: u.annotation.selector.quote.exact,
        reason: u.reason,
        candidates: u.candidates,
      })),
      rejected: result.rejected,
      notes: result.notes,
    });
  });
}
