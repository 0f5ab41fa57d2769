import { createHmac, timingSafeEqual } from "node:crypto";

/// The `Glossa-Signature` header of a delivery: `t=<unix seconds>,v1=<hex
/// HMAC-SHA256 of "<t>.<body>" keyed with the webhook's secret>` (the scheme
/// Stripe uses; docs/api.md shows how to check it).
export function sign(secret: string, body: string, at = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", secret).update(`${at}.${body}`).digest("hex");
  return `t=${at},v1=${mac}`;
}

/// Checks a signature header against a body: true when a `v1` matches and
/// `t` is within `toleranceSeconds` of now (replays of old deliveries fail).
export function verify(
  secret: string,
  body: string,
  header: string,
  toleranceSeconds = 300,
  now = Math.floor(Date.now() / 1000),
): boolean {
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(now - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  return parts
    .filter(([k]) => k === "v1")
    .some(([, v]) => {
      const given = Buffer.from(v ?? "");
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
