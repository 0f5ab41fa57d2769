import { createHash, randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { isExpired, type SessionRecord, type Store } from "../storage/index.ts";
import { API_TOKEN_PREFIX, type TokenScope, verifyApiToken } from "./apiTokens.ts";

/// Who a verified token speaks for, and the session it belongs to.
export interface TokenClaims {
  userId: string;
  name: string;
  email: string;
  /// Session id: revoking the session invalidates the token at once.
  sid: string;
  /// When the token expires, in Unix seconds.
  expiresAt?: number;
  /// Set for an API token: the documents and the highest role it may use.
  scope?: TokenScope;
}

/// How long a session may be renewed before its owner signs in again.
export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 3600;

/// A new random id for sessions and invitations.
export function randomId(): string {
  return randomBytes(16).toString("base64url");
}

/// Starts a session for a user (sign-in, sign-in link, invitation, CLI).
export async function createSession(
  store: Store,
  userId: string,
  userAgent = "",
): Promise<SessionRecord> {
  const now = new Date();
  const session: SessionRecord = {
    id: randomId(),
    userId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000).toISOString(),
    revokedAt: null,
    userAgent: userAgent.slice(0, 200),
  };
  await store.createSession(session);
  return session;
}

/// True when a session exists for `userId` and is neither revoked nor expired.
export function sessionIsLive(session: SessionRecord | null | undefined, userId: string): boolean {
  return (
    !!session && session.userId === userId && !session.revokedAt && !isExpired(session.expiresAt)
  );
}

/// The server's secret: 32 random bytes created on first start and kept in
/// the store's settings (`token-secret`), shared by every instance on the
/// store. Tokens are signed with it; keys for secrets sealed at rest
/// (webhooks/secretBox.ts) are derived from it.
export async function serverSecret(store: Store): Promise<Buffer> {
  let secret = await store.getSetting("token-secret");
  if (!secret) {
    await store.setSetting("token-secret", randomBytes(32).toString("base64url"));
    // Another instance may have raced us; whatever is stored wins.
    secret = (await store.getSetting("token-secret"))!;
  }
  return Buffer.from(secret, "base64url");
}

/// Signs and verifies Glossa's short-lived sign-in tokens (HS256 JWT). The
/// signing secret is created once and kept in the store, so every instance
/// sharing the store accepts the same tokens. Every token names a server-side
/// session (`sid`); a token is valid only while its session is.
export class TokenService {
  private constructor(
    private readonly key: Uint8Array,
    readonly ttlSeconds: number,
    private readonly store: Store,
  ) {}

  static async open(store: Store, ttlSeconds: number): Promise<TokenService> {
    return new TokenService(await serverSecret(store), ttlSeconds, store);
  }

  /// Signs a token for a session; without `sid`, starts a new session first.
  async sign(
    claims: Omit<TokenClaims, "sid"> & { sid?: string },
  ): Promise<{ token: string; expiresAt: number; sid: string }> {
    const sid = claims.sid ?? (await createSession(this.store, claims.userId)).id;
    const expiresAt = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    const token = await new SignJWT({ name: claims.name, email: claims.email, sid })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(claims.userId)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .setIssuer("glossa")
      .sign(this.key);
    return { token, expiresAt, sid };
  }

  /// Returns the claims of a valid, unexpired token whose session is live,
  /// or null.
  async verify(token: unknown): Promise<TokenClaims | null> {
    if (typeof token === "string" && token.startsWith(API_TOKEN_PREFIX))
      return this.verifyApi(token);
    const claims = await this.verifySignature(token);
    if (!claims) return null;
    const session = await this.store.getSession(claims.sid);
    return sessionIsLive(session, claims.userId) ? claims : null;
  }

  /// An API token's claims: its owner, its session (same id) and its scope.
  private async verifyApi(token: string): Promise<TokenClaims | null> {
    const found = await verifyApiToken(this.store, token);
    if (!found) return null;
    const user = await this.store.getUser(found.record.userId);
    if (!user) return null;
    const exp = Date.parse(found.session.expiresAt);
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      sid: found.record.id,
      expiresAt: exp < Date.parse("9000-01-01") ? Math.floor(exp / 1000) : undefined,
      scope: {
        tokenId: found.record.id,
        documents: found.record.documents,
        ceiling: found.record.ceiling,
      },
    };
  }

  /// Checks signature, issuer and expiry only (not the session).
  async verifySignature(token: unknown): Promise<TokenClaims | null> {
    if (typeof token !== "string" || token.length === 0 || token.length > 4096) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: "glossa",
        algorithms: ["HS256"],
      });
      if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
      return {
        userId: payload.sub,
        name: String(payload.name ?? ""),
        email: String(payload.email ?? ""),
        sid: payload.sid,
        expiresAt: typeof payload.exp === "number" ? payload.exp : undefined,
      };
    } catch {
      return null;
    }
  }
}

/// SHA-256 of a one-time code, as stored (codes themselves never are).
export const hashCode = (code: string) => createHash("sha256").update(code).digest("hex");

/// The kinds of one-time code, by the prefix of their setting's key.
const CODE_PREFIX = { signIn: "signin-code", reset: "reset-code" } as const;
type CodeKind = keyof typeof CODE_PREFIX;

const codeKey = (kind: CodeKind, code: string) => `${CODE_PREFIX[kind]}:${hashCode(code)}`;

/// Creates a one-time code of `kind` for a user, valid for `ttlSeconds`. Only
/// its hash is stored, with the user and the expiry.
async function createCode(
  store: Store,
  kind: CodeKind,
  userId: string,
  ttlSeconds: number,
): Promise<string> {
  const code = randomBytes(24).toString("base64url");
  await store.setSetting(
    codeKey(kind, code),
    JSON.stringify({ userId, expires: Date.now() + ttlSeconds * 1000 }),
  );
  return code;
}

/// Consumes a one-time code of `kind`: returns its user id once, then never again.
async function consumeCode(store: Store, kind: CodeKind, code: unknown): Promise<string | null> {
  if (typeof code !== "string" || code.length > 200) return null;
  const key = codeKey(kind, code);
  const raw = await store.getSetting(key);
  if (!raw) return null;
  await store.deleteSetting(key);
  const { userId, expires } = JSON.parse(raw) as { userId: string; expires: number };
  return expires > Date.now() ? userId : null;
}

/// Creates a one-time sign-in code for a user, valid for `ttlSeconds`. Only
/// its hash is stored; the code itself is shown once (printed at start).
export function createSignInCode(
  store: Store,
  userId: string,
  ttlSeconds = 24 * 3600,
): Promise<string> {
  return createCode(store, "signIn", userId, ttlSeconds);
}

/// Consumes a one-time sign-in code: returns its user id once, then never again.
export function consumeSignInCode(store: Store, code: unknown): Promise<string | null> {
  return consumeCode(store, "signIn", code);
}

/// Creates a one-time password-reset code for a user, valid for `ttlSeconds`
/// (issued by an administrator; only its hash is stored).
export function createResetCode(
  store: Store,
  userId: string,
  ttlSeconds = 24 * 3600,
): Promise<string> {
  return createCode(store, "reset", userId, ttlSeconds);
}

/// Consumes a password-reset code: returns its user id once, then never again.
export function consumeResetCode(store: Store, code: unknown): Promise<string | null> {
  return consumeCode(store, "reset", code);
}
