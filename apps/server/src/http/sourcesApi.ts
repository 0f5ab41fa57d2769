import { capabilities } from "@glossa/protocol";
import {
  AUTHORITY_KINDS,
  type Authority,
  type AuthorityKind,
  authoritiesToCsl,
  type Catalog,
  CatalogError,
  escapeHtml,
  locatePinpoint,
  renderText,
  tableOfAuthorities,
  toaToBlocks,
  toaToHtml,
} from "@glossa/sources";
import type { TokenClaims } from "../auth/tokens.ts";
import {
  documentCitations,
  linkKey,
  locateIn,
  reviewDocument,
  toaSources,
} from "../sources/documentSources.ts";
import type { Provenance, Reach, SourceCatalog } from "../sources/SourceCatalog.ts";
import { access, readAnnotations } from "./annotationsApi.ts";
import type { ApiContext } from "./api.ts";
import { DOCX_TYPE, safeFilename, toaToDocx } from "./exports.ts";
import {
  badRequest,
  caller,
  checkedBody,
  forbidden,
  type Handlers,
  HttpError,
  notFound,
  sendJson,
} from "./http.ts";
import { toaForExport } from "./toaWords.ts";

const CSL_TYPE = "application/vnd.citationstyles.csl+json; charset=utf-8";

const STATUS: Record<CatalogError["code"], number> = {
  invalid: 400,
  "not-found": 404,
  conflict: 409,
  "read-only": 403,
  forbidden: 403,
};

function catalogError(err: unknown): unknown {
  if (!(err instanceof CatalogError)) return err;
  return new HttpError(STATUS[err.code], err.code.replace(/-/g, "_"), err.message);
}

/// An integer query parameter between `min` and `max`, `def` when absent.
function intParam(ctx: ApiContext, name: string, def: number, min: number, max: number): number {
  const raw = ctx.url.searchParams.get(name);
  if (raw === null || raw === "") return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw badRequest(`"${name}" must be a whole number from ${min} to ${max}.`);
  return n;
}

function kindsParam(ctx: ApiContext): AuthorityKind[] | undefined {
  const raw = ctx.url.searchParams.get("kind");
  if (!raw) return undefined;
  const kinds = raw.split(",").map((k) => k.trim());
  const bad = kinds.filter((k) => !AUTHORITY_KINDS.includes(k as AuthorityKind));
  if (bad.length)
    throw badRequest(
      `Unknown kind ${bad.map((k) => `"${k}"`).join(", ")}; kinds are ${AUTHORITY_KINDS.join(", ")}.`,
    );
  return kinds as AuthorityKind[];
}

/// An authority without its text, as lists show it.
function summary(service: SourceCatalog, a: Authority) {
  const p: Provenance | undefined = a.origin === "team" ? service.provenanceOf(a.key) : undefined;
  return {
    key: a.key,
    kind: a.kind,
    title: a.title,
    canonical: a.canonical,
    jurisdiction: a.jurisdiction,
    ...(a.date ? { date: a.date } : {}),
    ...(a.caseName ? { caseName: a.caseName } : {}),
    urls: a.urls,
    hasText: Boolean(a.text),
    origin: a.origin,
    ...(p ?? {}),
  };
}

function sendBody(
  ctx: ApiContext,
  type: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): void {
  ctx.res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store", ...headers });
  ctx.res.end(body);
}

/// Refuses callers who may not change the team's authorities. The catalog is
/// the whole instance's, while roles are per document: owners and editors
/// of at least one document (and the administrator) add to it; people who
/// only annotate or read do not. Editing and deleting one is further limited
/// to the person who added it and the administrator (`reach`, checked by
/// the catalog inside its write).
async function mayCurate(ctx: ApiContext): Promise<{ claims: TokenClaims; reach: Reach }> {
  const claims = await caller(ctx);
  const user = await ctx.store.getUser(claims.userId);
  if (user?.admin) return { claims, reach: "any" };
  const docs = await ctx.store.listDocumentsFor(claims.userId);
  if (docs.some((d) => capabilities(d.role).curateSources)) return { claims, reach: "own" };
  throw forbidden(
    "Only owners and editors may add, edit or delete the team's authorities; your role lets you search and link them.",
  );
}

/// Whether the caller may edit and delete the team authority `key` (what
/// the app shows buttons for); false for built-ins and for people who may
/// not curate at all.
async function mayChange(ctx: ApiContext, key: string): Promise<boolean> {
  try {
    const { claims, reach } = await mayCurate(ctx);
    return ctx.sources.mayChange(key, claims.userId, reach);
  } catch (err) {
    if (err instanceof HttpError && err.status === 403) return false;
    throw err;
  }
}

/// A key from the path, checked like the catalog checks keys.
function keyParam(key: string | undefined): string {
  const k = key ?? "";
  if (!k || k.length > 300) throw badRequest("The key must have 1 to 300 characters.");
  return k;
}

async function catalogOf(ctx: ApiContext): Promise<{ service: SourceCatalog; catalog: Catalog }> {
  const service = ctx.sources;
  return { service, catalog: await service.catalog() };
}

/// `GET /api/sources/:key`: one authority with its text, the pinpoint
/// located, who added it and whether the caller may change it; a deleted
/// team authority as it was.
async function readSource(ctx: ApiContext, key: string): Promise<void> {
  await caller(ctx);
  const { service, catalog } = await catalogOf(ctx);
  const resolution = catalog.resolve(key);
  if (!resolution) {
    // A deleted team authority still reads as what links to it cited.
    const gone = await service.retiredOf(key);
    if (gone) {
      const { authority, ...who } = gone;
      sendJson(ctx.res, 200, {
        authority,
        ...who,
        deleted: { by: gone.deletedBy, at: gone.deletedAt },
        resolution: {
          requested: key,
          key: authority.key,
          via: "exact",
          pinpoint: [],
          canonical: authority.canonical,
          urls: authority.urls,
        },
        text: authority.text ? renderText(authority.text).text : null,
        location: null,
      });
      return;
    }
    throw notFound(`No authority in the catalog answers to "${key.slice(0, 300)}".`);
  }
  const { authority, pinpoint } = resolution;
  const asked = ctx.url.searchParams.get("pinpoint");
  if (asked !== null && asked.length > 200)
    throw badRequest('"pinpoint" may have at most 200 characters.');
  const location = asked?.trim()
    ? locateIn(authority, asked)
    : pinpoint.length
      ? locatePinpoint(authority, pinpoint)
      : null;
  const narrowed = asked?.trim()
    ? (catalog.resolve(linkKey(catalog, { key: authority.key, pinpoint: asked })) ?? resolution)
    : resolution;
  const team = authority.origin === "team";
  sendJson(ctx.res, 200, {
    authority,
    ...(team ? (service.provenanceOf(authority.key) ?? {}) : {}),
    ...(team ? { mayChange: await mayChange(ctx, authority.key) } : {}),
    resolution: {
      requested: resolution.requested,
      key: resolution.key,
      via: resolution.via,
      pinpoint: narrowed.pinpoint,
      canonical: narrowed.canonical,
      ...(narrowed.ina ? { ina: narrowed.ina } : {}),
      urls: narrowed.urls,
    },
    text: authority.text ? renderText(authority.text).text : null,
    location,
  });
}

/// `GET /api/citation-forms`: the short names the team gave its authorities
/// ("A.B. Decl."), for the editor's live detection; anyone signed in may read
/// them, as they may read the authorities.
export function citationFormRoutes(router: Handlers<ApiContext>): Handlers<ApiContext> {
  return router.on("GET", "/api/citation-forms", async (ctx) => {
    await caller(ctx);
    const { catalog } = await catalogOf(ctx);
    sendJson(ctx.res, 200, { forms: catalog.citationForms() });
  });
}

/// Mounts the catalog endpoints (`/api/sources…`) and the document endpoints
/// built on it (citations, table of authorities, review) on `router`.
export function sourceRoutes(router: Handlers<ApiContext>): Handlers<ApiContext> {
  catalogReadRoutes(router);
  teamAuthorityRoutes(router);
  documentSourceRoutes(router);
  return router;
}

/// Searching the catalog and reading one authority.
function catalogReadRoutes(router: Handlers<ApiContext>): void {
  router
    .on("GET", "/api/sources", async (ctx) => {
      await caller(ctx);
      const { service, catalog } = await catalogOf(ctx);
      const q = ctx.url.searchParams.get("q")?.trim() ?? "";
      if (q.length > 400) throw badRequest('"q" may have at most 400 characters.');
      const kinds = kindsParam(ctx);
      const format = ctx.url.searchParams.get("format") ?? "json";
      if (format !== "json" && format !== "csl")
        throw badRequest('"format" must be "json" or "csl".');
      if (format === "csl") {
        const scope = ctx.url.searchParams.get("scope") ?? "team";
        if (scope !== "team" && scope !== "all")
          throw badRequest('"scope" must be "team" or "all".');
        let list = q
          ? catalog
              .search(q, { limit: intParam(ctx, "limit", 50, 1, 500), kinds })
              .map((h) => h.authority)
          : scope === "all"
            ? catalog.all()
            : catalog.teamAuthorities();
        if (kinds) list = list.filter((a) => kinds.includes(a.kind));
        sendBody(ctx, CSL_TYPE, JSON.stringify(authoritiesToCsl(list), null, 2), {
          "Content-Disposition": `attachment; filename="glossa-sources${q ? "-search" : scope === "all" ? "-all" : ""}.json"`,
        });
        return;
      }
      if (q) {
        const limit = intParam(ctx, "limit", 10, 1, 100);
        const hits = catalog.search(q, { limit, kinds });
        sendJson(ctx.res, 200, {
          query: q,
          results: hits.map((h) => ({
            ...summary(service, h.authority),
            score: Math.round(h.score * 100) / 100,
            tier: h.tier,
            matched: h.matched,
            pinpoint: h.pinpoint,
            cite: h.canonical,
          })),
        });
        return;
      }
      const limit = intParam(ctx, "limit", 50, 1, 500);
      const offset = intParam(ctx, "offset", 0, 0, 1_000_000);
      const all = catalog.all().filter((a) => !kinds || kinds.includes(a.kind));
      sendJson(ctx.res, 200, {
        total: all.length,
        offset,
        results: all.slice(offset, offset + limit).map((a) => summary(service, a)),
      });
    })
    .on("GET", "/api/sources/:key", (ctx, { key }) => readSource(ctx, key!));
}

/// Adding, importing, editing and deleting the team's authorities.
function teamAuthorityRoutes(router: Handlers<ApiContext>): void {
  router
    .on("POST", "/api/sources", async (ctx) => {
      const { claims } = await mayCurate(ctx);
      const body = await checkedBody<object>(ctx.req);
      const service = ctx.sources;
      let authority: Authority;
      try {
        authority = await service.add(body, { id: claims.userId, name: claims.name });
      } catch (err) {
        throw catalogError(err);
      }
      sendJson(ctx.res, 201, { authority, ...service.provenanceOf(authority.key) });
    })
    .on("POST", "/api/sources/import", async (ctx) => {
      const { claims } = await mayCurate(ctx);
      const body = await checkedBody<unknown[]>(ctx.req);
      const service = ctx.sources;
      const { added, errors } = await service.importCsl(body, {
        id: claims.userId,
        name: claims.name,
      });
      sendJson(ctx.res, 200, {
        added: added.map((a) => ({ key: a.key, kind: a.kind, title: a.title })),
        errors,
      });
    })
    .on("PATCH", "/api/sources/:key", async (ctx, { key }) => {
      const { claims, reach } = await mayCurate(ctx);
      const k = keyParam(key);
      const body = await checkedBody<object>(ctx.req);
      const service = ctx.sources;
      let authority: Authority;
      try {
        authority = await service.update(k, body, { id: claims.userId, name: claims.name }, reach);
      } catch (err) {
        throw catalogError(err);
      }
      sendJson(ctx.res, 200, { authority, ...service.provenanceOf(authority.key) });
    })
    .on("DELETE", "/api/sources/:key", async (ctx, { key }) => {
      const { claims, reach } = await mayCurate(ctx);
      const k = keyParam(key);
      const service = ctx.sources;
      try {
        const { deletedBy, deletedAt } = await service.remove(
          k,
          { id: claims.userId, name: claims.name },
          reach,
        );
        sendJson(ctx.res, 200, { key: k, deletedBy, deletedAt });
      } catch (err) {
        throw catalogError(err);
      }
    });
}

/// Per document: citations found, the table of authorities, the review.
function documentSourceRoutes(router: Handlers<ApiContext>): void {
  router
    .on("GET", "/api/documents/:id/citations", async (ctx, { id }) => {
      await access(ctx, id!);
      const { catalog } = await catalogOf(ctx);
      const { paragraphs } = await readAnnotations(ctx, id!);
      const citations = documentCitations(catalog, paragraphs);
      sendJson(ctx.res, 200, {
        paragraphs: paragraphs.blocks.filter((b) => b.paragraph !== null).length,
        citations,
      });
    })
    .on("GET", "/api/documents/:id/authorities", async (ctx, { id }) => {
      const { claims } = await access(ctx, id!);
      const format = ctx.url.searchParams.get("format") ?? "json";
      if (!["json", "html", "docx"].includes(format))
        throw badRequest('"format" must be "json", "html" or "docx".');
      const passimAfter = intParam(ctx, "passim", 5, 1, 1000);
      const { catalog } = await catalogOf(ctx);
      const { annotations, paragraphs } = await readAnnotations(ctx, id!);
      const citations = documentCitations(catalog, paragraphs);
      const { inputs, omitted } = toaSources(catalog, paragraphs, citations, annotations);
      const toa = tableOfAuthorities(inputs, { catalog, passimAfter });
      const record = await ctx.store.getDocument(id!);
      const docTitle = record?.title ?? "document";
      const { title, ...w } = await toaForExport(ctx, claims.userId, toa, format === "json");
      if (format === "json") {
        sendJson(ctx.res, 200, { title, document: { id, title: docTitle }, ...toa, omitted });
      } else if (format === "html") {
        const html = `<!doctype html>\n<html lang="${w.lang}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(`${title} — ${docTitle}`)}</title>\n</head>\n<body>\n${toaToHtml(w.toa, title)}\n</body>\n</html>\n`;
        sendBody(ctx, "text/html; charset=utf-8", html, {
          "Content-Disposition": `inline; filename="${safeFilename(docTitle, "table of authorities", "html")}"`,
        });
      } else {
        const docx = await toaToDocx(toaToBlocks(w.toa, title), {
          title: `${title} — ${docTitle}`,
        });
        sendBody(ctx, DOCX_TYPE, docx, {
          "Content-Disposition": `attachment; filename="${safeFilename(docTitle, "table of authorities", "docx")}"`,
          "Content-Length": String(docx.length),
        });
      }
    })
    .on("GET", "/api/documents/:id/review", async (ctx, { id }) => {
      await access(ctx, id!);
      const { catalog } = await catalogOf(ctx);
      const { annotations, paragraphs } = await readAnnotations(ctx, id!);
      const citations = documentCitations(catalog, paragraphs);
      sendJson(ctx.res, 200, reviewDocument(catalog, paragraphs, citations, annotations));
    });
}
