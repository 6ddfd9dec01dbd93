/**
 * The private-address guard: every physical request (and every redirect hop) is checked against
 * private, loopback, link-local, metadata and other special-purpose addresses, on by default.
 * `REPWATCH_ALLOW_ADDRESSES` (`127.0.0.1:8080,[::1]:9000`) lets exactly those `ip:port` pairs through.
 *
 * Host names are checked after DNS resolution, inside the socket's `lookup`, so the address that is
 * checked is the address that is connected to (no DNS-rebinding gap). Obfuscated IPv4 forms such as
 * `0x7f000001`, `2130706433` or `127.1` are normalised by the WHATWG URL parser before we see them.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { BlockList, isIP } from "node:net";
import { AddressBlockedError } from "./errors.js";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["2001:db8::", 32],
  ["2002::", 16],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** Whether an IP address is private/loopback/link-local/metadata/special (IPv4-mapped IPv6 included). */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  if (family === 0) return false;
  if (family === 4) return blocked.check(bare, "ipv4");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1]) return blocked.check(mapped[1], "ipv4");
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(bare);
  if (mappedHex?.[1] && mappedHex[2]) {
    const hi = Number.parseInt(mappedHex[1], 16);
    const lo = Number.parseInt(mappedHex[2], 16);
    return blocked.check(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, "ipv4");
  }
  return blocked.check(bare, "ipv6");
}

export interface AddressGuard {
  /** Whether the guard is on (it is unless explicitly disabled). */
  readonly enabled: boolean;
  /** Whether `ip:port` may be connected to. */
  allows(ip: string, port: number): boolean;
  /** Throw AddressBlockedError when the URL's host is a literal IP that is refused. */
  checkUrl(url: URL, logicalUrl?: string): void;
  /** A `lookup` for http.request/net.connect that refuses resolved private addresses for `port`. */
  lookupFor(port: number, logicalUrl?: string): typeof dnsLookup;
}

/** Parse `ip:port,[v6]:port` (an entry without a port allows every port of that address). */
export function parseAllowAddresses(value: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const raw of (value ?? "").split(",")) {
    const part = raw.trim().toLowerCase();
    if (!part) continue;
    const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(part) ?? /^([^:]+)(?::(\d+))?$/.exec(part);
    if (!m?.[1] || isIP(m[1]) === 0) {
      throw new Error(`allowed address "${raw.trim()}": expected "<ip>:<port>" or "[<ipv6>]:<port>"`);
    }
    out.add(m[2] ? `${m[1]}|${m[2]}` : `${m[1]}|*`);
  }
  return out;
}

function defaultPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

export function createAddressGuard(opts: { allowAddresses?: string; enabled?: boolean } = {}): AddressGuard {
  const allow = parseAllowAddresses(opts.allowAddresses);
  const enabled = opts.enabled ?? true;
  const allows = (ip: string, port: number): boolean => {
    if (!enabled) return true;
    const bare = ip.replace(/^\[|\]$/g, "").toLowerCase();
    if (allow.has(`${bare}|${port}`) || allow.has(`${bare}|*`)) return true;
    return !isPrivateAddress(bare);
  };
  const refuse = (ip: string, port: number, logicalUrl?: string): AddressBlockedError =>
    new AddressBlockedError(
      `refused to connect to ${ip}:${port}: private, loopback, link-local or metadata address ` +
        `(allow it explicitly with REPWATCH_ALLOW_ADDRESSES=${ip.includes(":") ? `[${ip}]` : ip}:${port})`,
      { url: logicalUrl },
    );
  return {
    enabled,
    allows,
    checkUrl(url, logicalUrl) {
      const host = url.hostname.replace(/^\[|\]$/g, "");
      if (isIP(host) === 0) {
        if (enabled && (host === "localhost" || host.endsWith(".localhost")))
          throw refuse(host, defaultPort(url), logicalUrl);
        return;
      }
      const port = defaultPort(url);
      if (!allows(host, port)) throw refuse(host, port, logicalUrl);
    },
    lookupFor(port, logicalUrl) {
      const guarded = (
        hostname: string,
        options: LookupOptions | number | ((...a: unknown[]) => void),
        callback?: (...a: unknown[]) => void,
      ): void => {
        const cb = (typeof options === "function" ? options : callback) as (
          err: NodeJS.ErrnoException | null,
          address: string | LookupAddress[],
          family?: number,
        ) => void;
        const o: LookupOptions = typeof options === "object" ? options : {};
        dnsLookup(hostname, { ...o, all: true }, (err, addresses) => {
          if (err) return cb(err, o.all ? [] : "");
          const list = addresses as LookupAddress[];
          const bad = list.find((a) => !allows(a.address, port));
          if (bad) return cb(refuse(bad.address, port, logicalUrl) as unknown as NodeJS.ErrnoException, "");
          if (o.all) return cb(null, list);
          const first = list[0];
          if (!first) return cb(new Error(`no address for ${hostname}`) as NodeJS.ErrnoException, "");
          cb(null, first.address, first.family);
        });
      };
      return guarded as unknown as typeof dnsLookup;
    },
  };
}
