import { isRole, type Role } from "@glossa/protocol";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import { pairKey } from "../auth/rateLimit.ts";
import { consumeResetCode, createResetCode, createSession, sessionIsLive } from "../auth/tokens.ts";
import type { UserRecord } from "../storage/index.ts";
import type { ApiContext } from "./api.ts";
import {
  badRequest,
  caller,
  checkedBody,
  forbidden,
  type Handlers,
  HttpError,
  notFound,
  sendJson,
  unauthorized,
} from "./http.ts";

export type Body = Record<string, unknown> | null;

/// The body the endpoint's request schema checked (packages/api).
export function body(ctx: ApiContext): Promise<Body> {
  return checkedBody<Body>(ctx.req);
}

export const str = (v: unknown, name: string, max: number): string => {
  if (typeof v !== "string" || v.trim() === "") throw badRequest(`"${name}" is required.`);
  if (v.length > max) throw badRequest(`"${name}" may have at most ${max} characters.`);
  return v.trim();
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/// A normalised email address, or a 400.
export function emailOf(v: unknown): string {
  const email = str(v, "email", 320).toLowerCase();
  if (!EMAIL.test(email)) throw badRequest("That does not look like an email address.");
  return email;
}

export function roleOf(v: unknown): Role {
  if (!isRole(v)) throw badRequest('"role" must be one of owner, editor, annotator, viewer.');
  return v;
}

/// An optional future ISO time from the body (`null`/absent for none).
export function futureTime(v: unknown, name: string, maxDays?: number): string | null {
  if (v === undefined || v === null || v === "") return null;
  const t = typeof v === "string" ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(t)) throw badRequest(`"${name}" must be a date and time (ISO 8601).`);
  if (t <= Date.now()) throw badRequest(`"${name}" must be in the future.`);
  if (maxDays && t > Date.now() + maxDays * 86_400_000) {
    throw badRequest(`"${name}" may be at most ${maxDays} days from now.`);
  }
  return new Date(t).toISOString();
}

export async function newPasswordHash(v: unknown): Promise<string> {
  const password = str(v, "password", 1024);
  try {
    return await hashPassword(password);
  } catch (err) {
    throw badRequest((err as Error).message);
  }
}

export function clientAddress(ctx: ApiContext): string {
  return ctx.req.socket.remoteAddress ?? "unknown";
}

/// Refuses with 429 while `key` of a limiter is over its budget.
export async function checkLimit(
  ctx: ApiContext,
  which: "pair" | "address",
  key: string,
): Promise<void> {
  const wait = await ctx.loginLimits[which].retryAfter(key);
  if (wait > 0) {
    ctx.res.setHeader("Retry-After", String(wait));
    throw new HttpError(
      429,
      "too_many_attempts",
      wait < 120
        ? `Too many failed attempts. Please wait ${wait} second(s) and try again.`
        : `Too many failed attempts. Please wait ${Math.ceil(wait / 60)} minute(s) and try again.`,
    );
  }
}

/// Guards a password check against guessing: per client address, and per
/// account at that address (exponential backoff), never per account alone,
/// so a stranger's wrong guesses do not lock the owner out. Call `failed()`
/// on a wrong password, `succeeded()` on success.
export async function loginGuard(ctx: ApiContext, email: string) {
  const limits = ctx.loginLimits;
  const address = clientAddress(ctx);
  const pair = pairKey(email, address);
  await checkLimit(ctx, "address", address);
  await checkLimit(ctx, "pair", pair);
  return {
    async failed() {
      await limits.pair.fail(pair);
      await limits.address.fail(address);
    },
    async succeeded() {
      await limits.pair.reset(pair);
    },
  };
}

/// Answers with a fresh token for `userId`: in session `sid` (renewal), or
/// in a new session (sign-in).
export async function issueSession(
  ctx: ApiContext,
  userId: string,
  sid?: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const user = await ctx.store.getUser(userId);
  if (!user) throw unauthorized();
  let session = sid;
  if (session) {
    await ctx.store.touchSession(session, new Date().toISOString());
  } else {
    const agent = String(ctx.req.headers["user-agent"] ?? "");
    session = (await createSession(ctx.store, user.id, agent)).id;
  }
  const { token, expiresAt } = await ctx.tokens.sign({
    userId: user.id,
    name: user.name,
    email: user.email,
    sid: session,
  });
  sendJson(ctx.res, 200, {
    token,
    expiresAt,
    user: { id: user.id, name: user.name, email: user.email },
    ...extra,
  });
}

async function requireAdmin(ctx: ApiContext): Promise<UserRecord> {
  const claims = await caller(ctx);
  const user = await ctx.store.getUser(claims.userId);
  if (!user?.admin) throw forbidden("Only the administrator can do this.");
  return user;
}

/// Accounts, sessions and password resets (docs/design.md §6); sharing and
/// invitations are `sharingRoutes` (`sharingApi.ts`), registered right after.
export function accountRoutes(router: Handlers<ApiContext>): Handlers<ApiContext> {
  signedInAccountRoutes(router);
  sessionRoutes(router);
  adminAccountRoutes(router);
  return router;
}

/// The signed-in account: who it is, signing out, changing the password.
function signedInAccountRoutes(router: Handlers<ApiContext>): void {
  router
    .on("GET", "/api/account", async (ctx) => {
      const claims = await caller(ctx);
      const user = await ctx.store.getUser(claims.userId);
      if (!user) throw unauthorized();
      sendJson(ctx.res, 200, {
        id: user.id,
        name: user.name,
        email: user.email,
        admin: user.admin === true,
        hasPassword: user.passwordHash !== null,
      });
    })
    .on("POST", "/api/logout", async (ctx) => {
      const claims = await caller(ctx);
      await ctx.store.revokeSession(claims.userId, claims.sid);
      sendJson(ctx.res, 200, { ok: true });
    })
    .on("POST", "/api/account/password", changePassword);
}

/// `POST /api/account/password`: the current password first (guarded against
/// guessing) when the account has one; other sessions are signed out.
async function changePassword(ctx: ApiContext): Promise<void> {
  const claims = await caller(ctx);
  const b = await body(ctx);
  const user = await ctx.store.getUser(claims.userId);
  if (!user) throw unauthorized();
  if (user.passwordHash) {
    const guard = await loginGuard(ctx, user.email);
    const current = typeof b?.currentPassword === "string" ? b.currentPassword : "";
    if (!(await verifyPassword(current, user.passwordHash))) {
      await guard.failed();
      throw new HttpError(403, "invalid_credentials", "Your current password is not correct.");
    }
    await guard.succeeded();
  }
  await ctx.store.setPassword(user.id, await newPasswordHash(b?.newPassword));
  const revoked = await ctx.store.revokeUserSessions(user.id, claims.sid);
  sendJson(ctx.res, 200, { ok: true, otherSessionsSignedOut: revoked });
}

/// The caller's signed-in sessions: listing and signing them out.
function sessionRoutes(router: Handlers<ApiContext>): void {
  router
    .on("GET", "/api/sessions", async (ctx) => {
      const claims = await caller(ctx);
      // API tokens are sessions too, listed apart (GET /api/tokens).
      const tokens = new Set((await ctx.store.listApiTokens(claims.userId)).map((t) => t.id));
      const sessions = (await ctx.store.listSessions(claims.userId)).filter(
        (s) => sessionIsLive(s, claims.userId) && !tokens.has(s.id),
      );
      sendJson(ctx.res, 200, {
        sessions: sessions.map((s) => ({
          id: s.id,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          expiresAt: s.expiresAt,
          userAgent: s.userAgent,
          current: s.id === claims.sid,
        })),
      });
    })
    .on("DELETE", "/api/sessions", async (ctx) => {
      const claims = await caller(ctx);
      const n = await ctx.store.revokeUserSessions(claims.userId, claims.sid);
      sendJson(ctx.res, 200, { ok: true, revoked: n });
    })
    .on("DELETE", "/api/sessions/:id", async (ctx, { id }) => {
      const claims = await caller(ctx);
      if (!(await ctx.store.revokeSession(claims.userId, id!))) {
        throw notFound("There is no such session.");
      }
      sendJson(ctx.res, 200, { ok: true });
    });
}

/// The administrator's list of accounts and password-reset links, and
/// redeeming such a link (anyone holding it).
function adminAccountRoutes(router: Handlers<ApiContext>): void {
  router
    .on("GET", "/api/users", async (ctx) => {
      await requireAdmin(ctx);
      const users = await ctx.store.listUsers();
      sendJson(ctx.res, 200, {
        users: users.map((u) => ({
          id: u.id,
          name: u.name,
          email: u.email,
          admin: u.admin === true,
          hasPassword: u.passwordHash !== null,
          createdAt: u.createdAt,
        })),
      });
    })
    .on("POST", "/api/users/:id/reset-link", async (ctx, { id }) => {
      await requireAdmin(ctx);
      const user = await ctx.store.getUser(id!);
      if (!user) throw notFound("There is no such account.");
      const code = await createResetCode(ctx.store, user.id);
      sendJson(ctx.res, 201, {
        path: `/#reset=${code}`,
        expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      });
    })
    .on("POST", "/api/password/reset", resetPassword);
}

/// `POST /api/password/reset`: a reset code and a new password; unknown or
/// spent codes count against the address.
async function resetPassword(ctx: ApiContext): Promise<void> {
  await checkLimit(ctx, "address", clientAddress(ctx));
  const b = await body(ctx);
  const hash = await newPasswordHash(b?.password);
  const userId = await consumeResetCode(ctx.store, b?.code);
  if (!userId) {
    await ctx.loginLimits.address.fail(clientAddress(ctx));
    throw new HttpError(
      410,
      "invalid_code",
      "This reset link has already been used or has expired. Ask for a new one.",
    );
  }
  await ctx.store.setPassword(userId, hash);
  await ctx.store.revokeUserSessions(userId);
  await issueSession(ctx, userId);
}
