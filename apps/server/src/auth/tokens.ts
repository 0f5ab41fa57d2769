import { createHash, randomBytes } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import type { Store } from "../storage/index.ts";

/// Who a verified token speaks for.
export interface TokenClaims {
  userId: string;
  name: string;
  email: string;
}

/// Signs and verifies Glossa's short-lived sign-in tokens (HS256 JWT). The
/// signing secret is created once and kept in the store, so every instance
/// sharing the store accepts the same tokens.
export class TokenService {
  private constructor(
    private readonly key: Uint8Array,
    readonly ttlSeconds: number,
  ) {}

  static async open(store: Store, ttlSeconds: number): Promise<TokenService> {
    let secret = await store.getSetting("token-secret");
    if (!secret) {
      await store.setSetting("token-secret", randomBytes(32).toString("base64url"));
      // Another instance may have raced us; whatever is stored wins.
      secret = (await store.getSetting("token-secret"))!;
    }
    return new TokenService(Buffer.from(secret, "base64url"), ttlSeconds);
  }

  async sign(claims: TokenClaims): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = Math.floor(Date.now() / 1000) + this.ttlSeconds;
    const token = await new SignJWT({ name: claims.name, email: claims.email })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(claims.userId)
      .setIssuedAt()
      .setExpirationTime(expiresAt)
      .setIssuer("glossa")
      .sign(this.key);
    return { token, expiresAt };
  }

  /// Returns the claims of a valid, unexpired token, or null.
  async verify(token: unknown): Promise<TokenClaims | null> {
    if (typeof token !== "string" || token.length === 0 || token.length > 4096) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: "glossa",
        algorithms: ["HS256"],
      });
      if (typeof payload.sub !== "string") return null;
      return {
        userId: payload.sub,
        name: String(payload.name ?? ""),
        email: String(payload.email ?? ""),
      };
    } catch {
      return null;
    }
  }
}

const codeKey = (code: string) => `signin-code:${createHash("sha256").update(code).digest("hex")}`;

/// Creates a one-time sign-in code for a user, valid for `ttlSeconds`. Only
/// its hash is stored; the code itself is shown once (printed at start).
export async function createSignInCode(
  store: Store,
  userId: string,
  ttlSeconds = 24 * 3600,
): Promise<string> {
  const code = randomBytes(24).toString("base64url");
  await store.setSetting(
    codeKey(code),
    JSON.stringify({ userId, expires: Date.now() + ttlSeconds * 1000 }),
  );
  return code;
}

/// Consumes a one-time code: returns its user id once, then never again.
export async function consumeSignInCode(store: Store, code: unknown): Promise<string | null> {
  if (typeof code !== "string" || code.length > 200) return null;
  const key = codeKey(code);
  const raw = await store.getSetting(key);
  if (!raw) return null;
  await store.deleteSetting(key);
  const { userId, expires } = JSON.parse(raw) as { userId: string; expires: number };
  return expires > Date.now() ? userId : null;
}
