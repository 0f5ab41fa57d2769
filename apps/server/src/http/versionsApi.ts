import { capabilities, type Role } from "@glossa/protocol";
import { docText } from "@glossa/schema";
import { VersionNotFound } from "../versions/VersionService.ts";
import { access, asHttpError } from "./annotationsApi.ts";
import type { ApiContext } from "./api.ts";
import { badRequest, checkedBody, forbidden, type Handlers, notFound, sendJson } from "./http.ts";

/// Refuses callers whose role may not save or restore versions.
function mayManage(role: Role, what: string): void {
  if (!capabilities(role).manageVersions)
    throw forbidden(
      `Your role on this document (${role}) may read its history but not ${what}; owners and editors can.`,
    );
}

const VERSION_ID = /^[A-Za-z0-9_-]{6,64}$/;

/// A version id from a request (`"current"` allowed when `current`): 400 when
/// missing, 404 when it cannot be one.
export function versionId(v: string | null | undefined, name: string, current = false): string {
  if (current && v === "current") return v;
  if (!v) throw badRequest(`"${name}" is required: a version id${current ? ' or "current"' : ""}.`);
  if (!VERSION_ID.test(v))
    throw notFound(`There is no version ${JSON.stringify(v)} of this document.`);
  return v;
}

/// Runs `fn`, answering 404 for a version that is not there.
export async function found<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof VersionNotFound) throw notFound(err.message);
    throw err;
  }
}

/// Mounts the version endpoints: list, save, view, compare, restore.
export function versionRoutes(router: Handlers<ApiContext>): Handlers<ApiContext> {
  return router
    .on("GET", "/api/documents/:id/versions", async (ctx, { id }) => {
      const { role } = await access(ctx, id!);
      const versions = await ctx.versions.list(id!);
      sendJson(ctx.res, 200, { versions, canManage: capabilities(role).manageVersions });
    })
    .on("POST", "/api/documents/:id/versions", async (ctx, { id }) => {
      const { role, user } = await access(ctx, id!);
      mayManage(role, "save versions");
      const body = await checkedBody<{ name: string }>(ctx.req);
      if (!body.name.trim()) throw badRequest('"name" is required: a name for this version.');
      if (body.name.length > 200) throw badRequest('"name" may have at most 200 characters.');
      const version = await ctx.versions.save(id!, user, body.name);
      void ctx.webhooks.emit(id!, "version.saved", user, { version });
      sendJson(ctx.res, 201, version);
    })
    .on("GET", "/api/documents/:id/compare", async (ctx, { id }) => {
      await access(ctx, id!);
      const from = versionId(ctx.url.searchParams.get("from"), "from", true);
      const to = versionId(ctx.url.searchParams.get("to") ?? "current", "to", true);
      const result = await found(() => ctx.versions.compare(id!, from, to));
      sendJson(ctx.res, 200, result);
    })
    .on("GET", "/api/documents/:id/versions/:vid", async (ctx, { id, vid }) => {
      await access(ctx, id!);
      const v = await found(() => ctx.versions.get(id!, versionId(vid, "version")));
      sendJson(ctx.res, 200, {
        version: v.version,
        doc: v.doc.toJSON(),
        text: docText(v.doc),
        annotations: v.annotations,
      });
    })
    .on("POST", "/api/documents/:id/versions/:vid/restore", async (ctx, { id, vid }) => {
      const { role, user } = await access(ctx, id!);
      mayManage(role, "restore versions");
      const result = await found(() =>
        ctx.versions.restore(id!, versionId(vid, "version"), user),
      ).catch((err: unknown) => {
        throw asHttpError(err);
      });
      sendJson(ctx.res, 200, result);
    });
}
