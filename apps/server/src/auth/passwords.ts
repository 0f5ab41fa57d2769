import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize("NFKC"),
      salt,
      KEYLEN,
      { N: n, r, p, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/// Hashes a password with scrypt: `scrypt$N$r$p$salt$hash` (base64url).
export async function hashPassword(password: string): Promise<string> {
  if (password.length < 10) throw new RangeError("A password must have at least 10 characters.");
  if (password.length > 1024) throw new RangeError("A password may have at most 1024 characters.");
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ["scrypt", N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/// A hash of a random password, checked against when there is no account
/// or no password, so that a sign-in takes as long whether the account
/// exists or not (issue 10, item 6).
let dummy: Promise<string> | null = null;

/// Checks a password against a stored hash in constant time; without a
/// stored hash it still does the work of one check, and answers false.
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (password.length > 1024) return false;
  if (!stored) {
    dummy ??= hashPassword(randomBytes(16).toString("base64url"));
    await verifyPassword(password, await dummy);
    return false;
  }
  const [alg, n, r, p, salt, hash] = stored.split("$");
  if (alg !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(
    password,
    Buffer.from(salt, "base64url"),
    Number(n),
    Number(r),
    Number(p),
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}
