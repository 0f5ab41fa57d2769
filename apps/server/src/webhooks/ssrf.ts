import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

/// Addresses a webhook may not reach unless its host is allow-listed
/// (WEBHOOK_ALLOW_HOSTS): loopback, private, link-local (cloud metadata),
/// carrier-grade NAT, unique-local, multicast and unspecified ranges.
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv6");

/// True when `address` (IPv4 or IPv6, IPv4-mapped included) is not public.
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class BlockedAddressError extends Error {}

/// A `lookup` for http.request that refuses private addresses for hosts
/// not in `allowHosts`: the check happens on the address actually
/// connected to, so a DNS answer that changes after the URL was checked
/// (rebinding) cannot reach the inside.
export function guardedLookup(allowHosts: readonly string[]) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number | string },
    callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dnsLookup(hostname, { all: true, family: Number(options.family) || 0 }, (err, addresses) => {
      if (err) return callback(err, "");
      const allowed = allowHosts.includes(hostname.toLowerCase());
      const usable = allowed ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (usable.length === 0)
        return callback(
          new BlockedAddressError(
            `${hostname} resolves to a private or loopback address; webhooks may not reach it (WEBHOOK_ALLOW_HOSTS allows hosts).`,
          ),
          "",
        );
      if (options.all) callback(null, usable);
      else callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/// Checks a webhook URL when it is registered: http(s), no credentials, and
/// (unless allow-listed) not an IP literal in a private range. Names are
/// checked again at every delivery, on the address used. Returns a reason,
/// or null when the URL is acceptable.
export function refuseUrl(raw: string, allowHosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must start with https://.";
  if (url.username || url.password) return "may not carry a user name or password.";
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (allowHosts.includes(host)) return null;
  if (host === "localhost" || host.endsWith(".localhost"))
    return "points at this machine; webhooks may not reach it.";
  if (isIP(host) && isPrivateAddress(host))
    return "points at a private or loopback address; webhooks may not reach it.";
  return null;
}
