import { randomBytes } from "node:crypto";
import { compareRoles, DOCUMENT_ID, type Role } from "@glossa/protocol";
import { hashCode, randomId } from "../auth/tokens.ts";
import { newId } from "../documents.ts";
import { type InviteRecord, isExpired, type UserRecord } from "../storage/index.ts";
import {
  type Body,
  body,
  checkLimit,
  clientAddress,
  emailOf,
  futureTime,
  issueSession,
  newPasswordHash,
  roleOf,
  str,
} from "./accountsApi.ts";
import type { ApiContext } from "./api.ts";
import {
  badRequest,
  bearer,
  caller,
  forbidden,
  type Handlers,
  HttpError,
  notFound,
  sendJson,
  unauthorized,
} from "./http.ts";

/// Longest an invitation link may stay valid.
const MAX_INVITE_DAYS = 90;
const DEFAULT_INVITE_DAYS = 7;

/// The caller's role on a document, which must be owner: 404 when the caller
/// has no access (nothing is revealed), 403 when not an owner.
async function ownerOf(ctx: ApiContext, id: string, userId: string): Promise<void> {
  const role = DOCUMENT_ID.test(id) ? await ctx.store.getRole(id, userId) : null;
  if (!role) throw notFound("No such document, or you do not have access to it.");
  if (role !== "owner") throw forbidden("Only an owner of this document can manage sharing.");
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

/// Sharing a document and its invitations (docs/design.md §6), registered
/// right after `accountRoutes`.
export function sharingRoutes(router: Handlers<ApiContext>): Handlers<ApiContext> {
  shareRoutes(router);
  inviteManagementRoutes(router);
  invitationRoutes(router);
  return router;
}

/// Who has a role on a document: listing, granting, removing (owners only).
function shareRoutes(router: Handlers<ApiContext>): void {
  router
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
    .on("POST", "/api/documents/:id/shares", grantShare)
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
    });
}

/// `POST /api/documents/:id/shares`: a role for an account by its email, or
/// a one-use invitation bound to that address when there is no account yet.
async function grantShare(ctx: ApiContext, { id }: Record<string, string>): Promise<void> {
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
}

/// An owner's invitation links: making and withdrawing them.
function inviteManagementRoutes(router: Handlers<ApiContext>): void {
  router
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
    });
}

/// Opening an invitation link: what it grants, and accepting it.
function invitationRoutes(router: Handlers<ApiContext>): void {
  router
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
    .on("POST", "/api/invites/accept", acceptInvite);
}

/// `POST /api/invites/accept`: signed in, or creating an account; the
/// invitation is used up before the account is created and the role granted.
async function acceptInvite(ctx: ApiContext): Promise<void> {
  const b = await body(ctx);
  const invite = await findInvite(ctx, b?.code);
  const signedIn = bearer(ctx.req) ? await caller(ctx) : null;
  const user = signedIn
    ? await signedInInvitee(ctx, invite, signedIn.userId)
    : await newInvitee(ctx, invite, b);
  if (!(await ctx.store.useInvite(invite.id, new Date().toISOString()))) {
    throw new HttpError(410, "invite_invalid", "This invitation has just been used up.");
  }
  if (!signedIn) await ctx.store.createUser(user);
  await grantInvitedRole(ctx, invite, user);
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
}

/// The signed-in account accepting an invitation, which must be the one the
/// invitation is bound to, if any.
async function signedInInvitee(
  ctx: ApiContext,
  invite: InviteRecord,
  userId: string,
): Promise<UserRecord> {
  const user = await ctx.store.getUser(userId);
  if (!user) throw unauthorized();
  if (invite.email && invite.email !== user.email) {
    throw forbidden(`This invitation is for ${invite.email}. Sign out and open the link again.`);
  }
  return user;
}

/// The account to create for an invitation accepted signed out (not stored
/// yet): 409 when the address already has one.
async function newInvitee(ctx: ApiContext, invite: InviteRecord, b: Body): Promise<UserRecord> {
  const email = invite.email ?? emailOf(b?.email);
  if (await ctx.store.getUserByEmail(email)) {
    throw new HttpError(
      409,
      "account_exists",
      "An account with this email already exists. Sign in first, then open the invitation link again.",
    );
  }
  const name = str(b?.name, "name", 100);
  const hash = await newPasswordHash(b?.password);
  return { id: newId(), email, name, passwordHash: hash, createdAt: new Date().toISOString() };
}

/// Gives the invitation's role unless the person already has as much or more
/// (accepting never lowers a role), and tells the webhooks.
async function grantInvitedRole(
  ctx: ApiContext,
  invite: InviteRecord,
  user: UserRecord,
): Promise<void> {
  const current = await ctx.store.getRole(invite.documentId, user.id);
  if (current && compareRoles(invite.role, current) <= 0) return;
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
