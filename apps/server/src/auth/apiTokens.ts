import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { compareRoles, type Role } from "@glossa/protocol";
import type { ApiTokenRecord, SessionRecord, Store } from "../storage/index.ts";

/// Every API token starts with this, so it is told from a sign-in token (a
/// JWT) at a glance, and secret scanners can find leaked ones.
export const API_TOKEN_PREFIX = "glsa_";

/// What an API token may reach: documents (null: all its owner's) and the
/// highest role it acts with.
export interface TokenScope {
  tokenId: string;
  documents: string[] | null;
  ceiling: Role;
}

/// Session expiry written for a token without one (the session row needs a time).
const NEVER = "9999-12-31T23:59:59.999Z";

/// How often the last use of a token is written (each use would be a write per request).
const TOUCH_EVERY_MS = 60_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/// The role a token acts with on `documentId`: the person's role capped at
/// the token's ceiling, or null outside its documents. Without a scope (a
/// person signed in), the role itself.
export function capRole(
  role: Role | null,
  scope: TokenScope | undefined,
  documentId: string,
): Role | null {
  if (!role || !scope) return role;
  if (scope.documents && !scope.documents.includes(documentId)) return null;
  return compareRoles(role, scope.ceiling) > 0 ? scope.ceiling : role;
}

/// The user-agent text of a token's session (lists tell tokens from browsers by it).
export const tokenSessionLabel = (name: string) => `API token: ${name}`.slice(0, 200);

/// Creates a token; returns it whole once (never stored: only its hash is).
export async function createApiToken(
  store: Store,
  userId: string,
  opts: { name: string; documents: string[] | null; ceiling: Role; expiresAt: string | null },
): Promise<{ token: string; record: ApiTokenRecord; expiresAt: string | null }> {
  // Hex, not base64url: an id that began with "-" (1 in 64) read as an option
  // on `glossa token revoke EMAIL ID`.
  const id = randomBytes(16).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const now = new Date().toISOString();
  const record: ApiTokenRecord = {
    id,
    userId,
    name: opts.name,
    secretHash: sha256(secret),
    documents: opts.documents,
    ceiling: opts.ceiling,
    createdAt: now,
  };
  const session: SessionRecord = {
    id,
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: opts.expiresAt ?? NEVER,
    revokedAt: null,
    userAgent: tokenSessionLabel(opts.name),
  };
  await store.createApiToken(record, session);
  return { token: `${API_TOKEN_PREFIX}${id}.${secret}`, record, expiresAt: opts.expiresAt };
}

/// A token as lists show it: never its secret or hash.
export function describeToken(t: ApiTokenRecord, session: SessionRecord | null) {
  return {
    id: t.id,
    name: t.name,
    documents: t.documents,
    ceiling: t.ceiling,
    createdAt: t.createdAt,
    expiresAt: session && session.expiresAt !== NEVER ? session.expiresAt : null,
    lastUsedAt: session && session.lastSeenAt !== t.createdAt ? session.lastSeenAt : null,
    revokedAt: session?.revokedAt ?? null,
  };
}

/// Checks a presented API token: known id, matching secret, live session.
/// Records its use (at most once a minute). Null for anything else.
export async function verifyApiToken(
  store: Store,
  token: string,
): Promise<{ record: ApiTokenRecord; session: SessionRecord } | null> {
  const m = /^glsa_([A-Za-z0-9_-]{10,64})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  if (!m) return null;
  const record = await store.getApiToken(m[1]!);
  if (!record) return null;
  const given = Buffer.from(sha256(m[2]!), "hex");
  if (!timingSafeEqual(given, Buffer.from(record.secretHash, "hex"))) return null;
  const session = await store.getSession(record.id);
  if (!session || session.userId !== record.userId || session.revokedAt) return null;
  if (Date.parse(session.expiresAt) <= Date.now()) return null;
  if (
    Date.now() - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS ||
    session.lastSeenAt === record.createdAt
  ) {
    await store.touchSession(record.id, new Date().toISOString());
  }
  return { record, session };
}

/// The store as an API token sees it: roles capped at the token's ceiling,
/// documents outside its scope absent. The HTTP API reads every role through
/// `getRole` / `getRoleInTrash` and lists through `listDocumentsFor` /
/// `listTrashFor`, so one wrapper scopes every endpoint.
export function scopedStore(store: Store, scope: TokenScope): Store {
  const inScope = (id: string) => !scope.documents || scope.documents.includes(id);
  const overrides: Partial<Store> = {
    getRole: async (documentId, userId) =>
      capRole(await store.getRole(documentId, userId), scope, documentId),
    getRoleInTrash: async (documentId, userId) =>
      capRole(await store.getRoleInTrash(documentId, userId), scope, documentId),
    listDocumentsFor: async (userId) =>
      (await store.listDocumentsFor(userId))
        .filter((d) => inScope(d.id))
        .map((d) => ({ ...d, role: capRole(d.role, scope, d.id)! })),
    listTrashFor: async (userId) =>
      scope.ceiling === "owner"
        ? (await store.listTrashFor(userId)).filter((d) => inScope(d.id))
        : [],
  };
  return new Proxy(store, {
    get(target, key) {
      if (key in overrides) return overrides[key as keyof Store];
      const v = Reflect.get(target, key, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
