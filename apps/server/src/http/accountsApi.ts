import { randomBytes } from "node:crypto";
import { compareRoles, DOCUMENT_ID, isRole, type Role } from "@glossa/protocol";
import { hashPassword, verifyPassword } from "../auth/passwords.ts";
import { pairKey } from "../auth/rateLimit.ts";
import {
  consumeResetCode,
  createResetCode,
  createSession,
  hashCode,
  randomId,
  sessionIsLive,
} from "../auth/tokens.ts";
import { newId } from "../documents.ts";
import { type InviteRecord, isExpired, type UserRecord } from "../storage/index.ts";
import type { ApiContext } from "./api.ts";
import {
  badRequest,
  bearer,
  caller,
  forbidden,
  HttpError,
  notFound,
  type Router,
  readJson,
  sendJson,
  unauthorized,
} from "./http.ts";

/// Longest an invitation link may stay valid.
const MAX_INVITE_DAYS = 90;
const DEFAULT_INVITE_DAYS = 7;

type Body = Record<string, unknown> | null;

async function body(ctx: ApiContext): Promise<Body> {
  return (await readJson(ctx.req, 16 * 1024)) as Body;
}

const str = (v: unknown, name: string, max: number): string => {
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

function roleOf(v: unknown): Role {
  if (!isRole(v)) throw badRequest('"role" must be one of owner, editor, annotator, viewer.');
  return v;
}

/// An optional future ISO time from the body (`null`/absent for none).
function futureTime(v: unknown, name: string, maxDays?: number): string | null {
  if (v === undefined || v === null || v === "") return null;
  const t = typeof v === "string" ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(t)) throw badRequest(`"${name}" must be a date and time (ISO 8601).`);
  if (t <= Date.now()) throw badRequest(`"${name}" must be in the future.`);
  if (maxDays && t > Date.now() + maxDays * 86_400_000) {
    throw badRequest(`"${name}" may be at most ${maxDays} days from now.`);
  }
  return new Date(t).toISOString();
}

async function newPasswordHash(v: unknown): Promise<string> {
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

/// The caller's role on a document, which must be owner: 404 when the caller
/// has no access (nothing is revealed), 403 when not an owner.
async function ownerOf(ctx: ApiContext, id: string, userId: string): Promise<void> {
  const role = DOCUMENT_ID.test(id) ? await ctx.store.getRole(id, userId) : null;
  if (!role) throw notFound("No such document, or you do not have access to it.");
  if (role !== "owner") throw forbidden("Only an owner of this document can manage sharing.");
}

async function requireAdmin(ctx: ApiContext): Promise<UserRecord> {
  const claims = await caller(ctx);
  const user = await ctx.store.getUser(claims.userId);
  if (!user?.admin) throw forbidden("Only the administrator can do this.");
  return user;
}

/// The person behind a request, as webhook events name them.
const actorOf = (claims: { userId: string; name: string }) => ({
  id: claims.userId,
  name: claims.name,
});

/// Refuses to leave a document without an owner.
async function keepAnOwner(ctx: ApiContext, documentId: string, userId: string): Promise<void> {
  const owners = (await ctx.store.listShares(documentId)).filter(
    (s) => s.role === "owner" && !isExpired(s.expiresAt),
  );
  if (owners.length === 1 && owners[0]!.userId === userId) {
    throw new HttpError(
      409,
      "last_owner",
      "A document needs at least one owner. Make someone else an owner first.",
    );
  }
}

function inviteJson(i: InviteRecord) {
  return {
    id: i.id,
    role: i.role,
    email: i.email,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    uses: i.uses,
    maxUses: i.maxUses,
    active: inviteUsable(i),
  };
}

function inviteUsable(i: InviteRecord): boolean {
  return !i.revokedAt && !isExpired(i.expiresAt) && (i.maxUses === null || i.uses < i.maxUses);
}

/// Creates an invitation and returns it with its link path (shown once).
async function createInvite(
  ctx: ApiContext,
  opts: {
    documentId: string;
    role: Role;
    email: string | null;
    expiresAt: string | null;
    maxUses: number | null;
    by: string;
  },
): Promise<{ invite: ReturnType<typeof inviteJson>; path: string }> {
  const code = randomBytes(24).toString("base64url");
  const now = new Date();
  const invite: InviteRecord = {
    id: randomId(),
    codeHash: hashCode(code),
    documentId: opts.documentId,
    role: opts.role,
    email: opts.email,
    createdBy: opts.by,
    createdAt: now.toISOString(),
    expiresAt:
      opts.expiresAt ?? new Date(now.getTime() + DEFAULT_INVITE_DAYS * 86_400_000).toISOString(),
    uses: 0,
    maxUses: opts.maxUses,
    revokedAt: null,
  };
  await ctx.store.createInvite(invite);
  // The code travels in the fragment, which browsers never send to servers.
  return { invite: inviteJson(invite), path: `/#invite=${code}` };
}

async function findInvite(ctx: ApiContext, code: unknown): Promise<InviteRecord> {
  const address = clientAddress(ctx);
  await checkLimit(ctx, "address", address);
  const invite =
    typeof code === "string" && code.length <= 200
      ? await ctx.store.getInviteByCodeHash(hashCode(code))
      : null;
  if (!invite || !inviteUsable(invite)) {
    if (!invite) await ctx.loginLimits.address.fail(address);
    throw new HttpError(
      410,
      "invite_invalid",
      "This invitation has expired, was withdrawn or has already been used. Ask the document's owner for a new one.",
    );
  }
  const doc = await ctx.store.getDocument(invite.documentId);
  if (doc?.deletedAt) {
    throw new HttpError(
      410,
      "in_trash",
      "The document of this invitation has been moved to the trash. Ask its owner to restore it.",
    );
  }
  return invite;
}

/// Accounts, sessions, sharing and invitations (docs/design.md §6).
export function accountRoutes(router: Router<ApiContext>): Router<ApiContext> {
  return (
    router
      // ---- the signed-in account
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
      .on("POST", "/api/account/password", async (ctx) => {
        const claims = await caller(ctx);
        const b = await body(ctx);
        const user = await ctx.store.getUser(claims.userId);
        if (!user) throw unauthorized();
        if (user.passwordHash) {
          const guard = await loginGuard(ctx, user.email);
          const current = typeof b?.currentPassword === "string" ? b.currentPassword : "";
          if (!(await verifyPassword(current, user.passwordHash))) {
            await guard.failed();
            throw new HttpError(
              403,
              "invalid_credentials",
              "Your current password is not correct.",
            );
          }
          await guard.succeeded();
        }
        await ctx.store.setPassword(user.id, await newPasswordHash(b?.newPassword));
        const revoked = await ctx.store.revokeUserSessions(user.id, claims.sid);
        sendJson(ctx.res, 200, { ok: true, otherSessionsSignedOut: revoked });
      })
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
      })
      // ---- administrator: accounts and password-reset links
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
      .on("POST", "/api/password/reset", async (ctx) => {
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
      })
      // ---- sharing a document (owners only)
      .on("GET", "/api/documents/:id/shares", async (ctx, { id }) => {
        const claims = await caller(ctx);
        await ownerOf(ctx, id!, claims.userId);
        const shares = await ctx.store.listShares(id!);
        const people = await Promise.all(shares.map((s) => ctx.store.getUser(s.userId)));
        sendJson(ctx.res, 200, {
          shares: shares
            .map((s, i) => ({ s, u: people[i] }))
            .filter(({ s, u }) => u && !isExpired(s.expiresAt))
            .map(({ s, u }) => ({
              userId: s.userId,
              name: u!.name,
              email: u!.email,
              role: s.role,
              grantedAt: s.grantedAt,
              expiresAt: s.expiresAt ?? null,
              you: s.userId === claims.userId,
            })),
          invites: (await ctx.store.listInvites(id!)).filter(inviteUsable).map(inviteJson),
        });
      })
      .on("POST", "/api/documents/:id/shares", async (ctx, { id }) => {
        const claims = await caller(ctx);
        await ownerOf(ctx, id!, claims.userId);
        const b = await body(ctx);
        const email = emailOf(b?.email);
        const role = roleOf(b?.role);
        const expiresAt = futureTime(b?.expiresAt, "expiresAt");
        const user = await ctx.store.getUserByEmail(email);
        if (!user) {
          // No account yet: an invitation bound to that address, for one use.
          const created = await createInvite(ctx, {
            documentId: id!,
            role,
            email,
            expiresAt: null,
            maxUses: 1,
            by: claims.userId,
          });
          sendJson(ctx.res, 201, { invited: true, ...created });
          return;
        }
        if (role !== "owner" || expiresAt) await keepAnOwner(ctx, id!, user.id);
        await ctx.store.setShare({
          documentId: id!,
          userId: user.id,
          role,
          grantedBy: claims.userId,
          grantedAt: new Date().toISOString(),
          expiresAt,
        });
        const share = { userId: user.id, name: user.name, email: user.email, role, expiresAt };
        void ctx.webhooks.emit(id!, "share.changed", actorOf(claims), { change: "granted", share });
        sendJson(ctx.res, 200, { invited: false, share });
      })
      .on("DELETE", "/api/documents/:id/shares/:userId", async (ctx, { id, userId }) => {
        const claims = await caller(ctx);
        await ownerOf(ctx, id!, claims.userId);
        await keepAnOwner(ctx, id!, userId!);
        if (!(await ctx.store.removeShare(id!, userId!))) {
          throw notFound("This person has no access to remove.");
        }
        void ctx.webhooks.emit(id!, "share.changed", actorOf(claims), {
          change: "removed",
          share: { userId },
        });
        sendJson(ctx.res, 200, { ok: true });
      })
      .on("POST", "/api/documents/:id/invites", async (ctx, { id }) => {
        const claims = await caller(ctx);
        await ownerOf(ctx, id!, claims.userId);
        const b = await body(ctx);
        const role = roleOf(b?.role);
        const maxUses = b?.maxUses === undefined || b?.maxUses === null ? null : Number(b.maxUses);
        if (maxUses !== null && (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > 1000)) {
          throw badRequest('"maxUses" must be a whole number from 1 to 1000.');
        }
        const created = await createInvite(ctx, {
          documentId: id!,
          role,
          email: b?.email ? emailOf(b.email) : null,
          expiresAt: futureTime(b?.expiresAt, "expiresAt", MAX_INVITE_DAYS),
          maxUses,
          by: claims.userId,
        });
        sendJson(ctx.res, 201, created);
      })
      .on("DELETE", "/api/documents/:id/invites/:inviteId", async (ctx, { id, inviteId }) => {
        const claims = await caller(ctx);
        await ownerOf(ctx, id!, claims.userId);
        if (!(await ctx.store.revokeInvite(id!, inviteId!))) {
          throw notFound("There is no such active invitation.");
        }
        sendJson(ctx.res, 200, { ok: true });
      })
      // ---- accepting an invitation
      .on("POST", "/api/invites/lookup", async (ctx) => {
        const b = await body(ctx);
        const invite = await findInvite(ctx, b?.code);
        const doc = await ctx.store.getDocument(invite.documentId);
        if (!doc) throw notFound("The document of this invitation no longer exists.");
        const inviter = invite.createdBy ? await ctx.store.getUser(invite.createdBy) : null;
        sendJson(ctx.res, 200, {
          documentTitle: doc.title,
          role: invite.role,
          email: invite.email,
          invitedBy: inviter?.name ?? null,
          expiresAt: invite.expiresAt,
        });
      })
      .on("POST", "/api/invites/accept", async (ctx) => {
        const b = await body(ctx);
        const invite = await findInvite(ctx, b?.code);
        const signedIn = bearer(ctx.req) ? await caller(ctx) : null;
        let user: UserRecord | null = null;
        let hash: string | null = null;
        if (signedIn) {
          user = await ctx.store.getUser(signedIn.userId);
          if (!user) throw unauthorized();
          if (invite.email && invite.email !== user.email) {
            throw forbidden(
              `This invitation is for ${invite.email}. Sign out and open the link again.`,
            );
          }
        } else {
          const email = invite.email ?? emailOf(b?.email);
          if (await ctx.store.getUserByEmail(email)) {
            throw new HttpError(
              409,
              "account_exists",
              "An account with this email already exists. Sign in first, then open the invitation link again.",
            );
          }
          const name = str(b?.name, "name", 100);
          hash = await newPasswordHash(b?.password);
          user = {
            id: newId(),
            email,
            name,
            passwordHash: hash,
            createdAt: new Date().toISOString(),
          };
        }
        if (!(await ctx.store.useInvite(invite.id, new Date().toISOString()))) {
          throw new HttpError(410, "invite_invalid", "This invitation has just been used up.");
        }
        if (!signedIn) await ctx.store.createUser(user);
        const current = await ctx.store.getRole(invite.documentId, user.id);
        if (!current || compareRoles(invite.role, current) > 0) {
          await ctx.store.setShare({
            documentId: invite.documentId,
            userId: user.id,
            role: invite.role,
            grantedBy: invite.createdBy,
            grantedAt: new Date().toISOString(),
            expiresAt: null,
          });
          void ctx.webhooks.emit(
            invite.documentId,
            "share.changed",
            actorOf({ userId: user.id, name: user.name }),
            {
              change: "invitation accepted",
              share: {
                userId: user.id,
                name: user.name,
                email: user.email,
                role: invite.role,
                expiresAt: null,
              },
            },
          );
        }
        if (signedIn) {
          sendJson(ctx.res, 200, {
            documentId: invite.documentId,
            role: (await ctx.store.getRole(invite.documentId, user.id)) ?? invite.role,
          });
          return;
        }
        await issueSession(ctx, user.id, undefined, {
          documentId: invite.documentId,
          role: invite.role,
        });
      })
  );
}
