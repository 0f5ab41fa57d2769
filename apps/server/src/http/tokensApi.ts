import { DOCUMENT_ID, isRole, ROLES } from "@glossa/protocol";
import { createApiToken, describeToken } from "../auth/apiTokens.ts";
import type { ApiContext } from "./api.ts";
import {
  badRequest,
  caller,
  type Handlers,
  notFound,
  onlyFields,
  readJson,
  sendJson,
} from "./http.ts";

/// Most tokens one person may hold (revoked ones included: they are the record).
const MAX_TOKENS = 100;
/// Longest a token may live, in days (unset: until revoked).
const MAX_DAYS = 3650;

async function objectBody(ctx: ApiContext): Promise<Record<string, unknown>> {
  const b = await readJson(ctx.req, 64 * 1024);
  if (b === null || typeof b !== "object" || Array.isArray(b))
    throw badRequest("The request body must be a JSON object.");
  return b as Record<string, unknown>;
}

/// Mounts API tokens for scripts (docs/api.md "API tokens"): list, create
/// (the token is in this answer only), revoke. A person only: API tokens
/// cannot manage tokens (`caller` refuses them on /api/tokens).
export function tokenRoutes(router: Handlers<ApiContext>): Handlers<ApiContext> {
  return router
    .on("GET", "/api/tokens", async (ctx) => {
      const claims = await caller(ctx);
      const tokens = await ctx.store.listApiTokens(claims.userId);
      const sessions = new Map(
        (await ctx.store.getSessions(tokens.map((t) => t.id))).map((s) => [s.id, s]),
      );
      sendJson(ctx.res, 200, {
        tokens: tokens.map((t) => describeToken(t, sessions.get(t.id) ?? null)),
      });
    })
    .on("POST", "/api/tokens", async (ctx) => {
      const claims = await caller(ctx);
      const b = await objectBody(ctx);
      onlyFields(b, ["name", "documents", "role", "expiresAt"]);
      if (typeof b.name !== "string" || !b.name.trim())
        throw badRequest('"name" is required: say what the token is for.');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: taking them out is the point
      const name = b.name.trim().replace(/[\u0000-\u001f\u007f]+/g, " ");
      if (name.length > 100) throw badRequest('"name" may have at most 100 characters.');
      let documents: string[] | null = null;
      if (b.documents !== undefined && b.documents !== null) {
        if (
          !Array.isArray(b.documents) ||
          b.documents.length === 0 ||
          b.documents.length > 1000 ||
          !b.documents.every((d) => typeof d === "string")
        )
          throw badRequest(
            '"documents" must be a list of 1 to 1000 document ids, or null for all your documents.',
          );
        documents = [...new Set(b.documents as string[])];
        for (const id of documents) {
          if (!DOCUMENT_ID.test(id) || !(await ctx.store.getRole(id, claims.userId)))
            throw badRequest(`"documents": you have no document ${JSON.stringify(id)}.`);
        }
      }
      const role = b.role ?? "editor";
      if (!isRole(role)) throw badRequest(`"role" must be one of ${ROLES.join(", ")}.`);
      let expiresAt: string | null = null;
      if (b.expiresAt !== undefined && b.expiresAt !== null) {
        const t = typeof b.expiresAt === "string" ? Date.parse(b.expiresAt) : Number.NaN;
        if (!Number.isFinite(t) || t <= Date.now() || t > Date.now() + MAX_DAYS * 86_400_000)
          throw badRequest(
            `"expiresAt" must be a future ISO time within ${MAX_DAYS} days, or null for none.`,
          );
        expiresAt = new Date(t).toISOString();
      }
      if ((await ctx.store.listApiTokens(claims.userId)).length >= MAX_TOKENS)
        throw badRequest(`You have ${MAX_TOKENS} tokens; revoke some first.`);
      const made = await createApiToken(ctx.store, claims.userId, {
        name,
        documents,
        ceiling: role,
        expiresAt,
      });
      sendJson(ctx.res, 201, {
        token: made.token,
        ...describeToken(made.record, null),
        expiresAt,
      });
    })
    .on("DELETE", "/api/tokens/:id", async (ctx, { id }) => {
      const claims = await caller(ctx);
      const token = await ctx.store.getApiToken(id!);
      if (!token || token.userId !== claims.userId) throw notFound("You have no such token.");
      await ctx.store.revokeSession(claims.userId, token.id);
      const session = await ctx.store.getSession(token.id);
      sendJson(ctx.res, 200, describeToken(token, session));
    });
}
