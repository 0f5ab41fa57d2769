import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/// How a sealed value begins: version 1, AES-256-GCM.
export const SEALED_PREFIX = "gcm1:";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/// Seals short secrets that must be read back in clear (a webhook's signing
/// secret: the receiver checks an HMAC made with it, so a hash would not
/// do). AES-256-GCM with a random 96-bit nonce per value; the key is derived
/// with HKDF-SHA256 from the server's secret and a purpose, so it is never
/// stored itself; `context` (the webhook's id) is authenticated with the
/// value, so a sealed secret copied onto another row does not open there.
/// Sealed form: `gcm1:` + base64url(nonce ‖ tag ‖ ciphertext).
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /// A box whose key is derived from `serverSecret` for `purpose`.
  static derive(serverSecret: Uint8Array, purpose: string): SecretBox {
    return new SecretBox(Buffer.from(hkdfSync("sha256", serverSecret, "glossa", purpose, 32)));
  }

  /// True when `value` is in the sealed form (not a secret stored in clear).
  static isSealed(value: string): boolean {
    return value.startsWith(SEALED_PREFIX);
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]);
    return `${SEALED_PREFIX}${sealed.toString("base64url")}`;
  }

  /// The clear value of `sealed`; throws when it was not sealed with this
  /// key and context, or was altered.
  open(sealed: string, context: string): string {
    if (!SecretBox.isSealed(sealed)) throw new Error("The value is not sealed.");
    const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), "base64url");
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error("The sealed value is truncated.");
    const decipher = createDecipheriv("aes-256-gcm", this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  }
}
