/**
 * robots.txt per RFC 9309, parsed by `robots-parser`:
 * - 2xx: obey it (and its `Crawl-delay`); cached `cacheMs` (≤ 24 h);
 * - 4xx (404, 410, 403…): no robots.txt, allow everything;
 * - 5xx or network error: disallow everything for now and try again after `failureCacheMs`;
 * - up to 5 redirects followed (by the `load` function given).
 */
import robotsParserModule from "robots-parser";
import { AddressBlockedError } from "./errors.js";

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS (`module.exports = fn`); its typings describe an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, body: string) => Robot;

export interface RobotsDecision {
  allowed: boolean;
  /** `Crawl-delay` for our user agent, ms. */
  crawlDelayMs?: number;
  /** Why it is not allowed: "disallowed" by a rule, or robots.txt "unavailable" (5xx / network). */
  reason?: "disallowed" | "unavailable";
  /** robots.txt line of the matching rule, or the HTTP status / error of an unavailable robots.txt. */
  detail?: string;
}

export interface RobotsResponse {
  status: number;
  body: string;
}

export interface RobotsOptions {
  /** Fetch a robots.txt (logical URL), following ≤ 5 redirects. Throws on a network error. */
  load(robotsUrl: string): Promise<RobotsResponse>;
  /** User-agent product token matched against `User-agent:` lines, e.g. "repwatch". */
  userAgent: string;
  /** How long a fetched robots.txt is trusted. @default 24 h */
  cacheMs?: number;
  /** How long a 5xx/network failure is remembered before trying again. @default 10 min */
  failureCacheMs?: number;
  now?: () => number;
}

type Rules =
  | { kind: "parsed"; robot: Robot }
  | { kind: "allow-all" }
  | { kind: "unavailable"; detail: string }
  | { kind: "refused"; error: AddressBlockedError };

interface Entry {
  expiresAt: number;
  rules: Promise<Rules>;
}

const DAY = 24 * 60 * 60 * 1000;

export interface RobotsCache {
  check(logicalUrl: string): Promise<RobotsDecision>;
  /** Forget everything (tests, long-running daemons after a config reload). */
  clear(): void;
}

/** The product token of a User-Agent string: `repwatch/0.1 (+https://…)` → `repwatch`. */
export function productToken(userAgent: string): string {
  return (userAgent.trim().split(/[/\s]/)[0] ?? "").toLowerCase() || "*";
}

export function createRobotsCache(opts: RobotsOptions): RobotsCache {
  const cacheMs = Math.min(opts.cacheMs ?? DAY, DAY);
  const failureCacheMs = opts.failureCacheMs ?? 10 * 60 * 1000;
  const now = opts.now ?? Date.now;
  const token = productToken(opts.userAgent);
  const cache = new Map<string, Entry>();

  const load = async (origin: string): Promise<Rules> => {
    const url = `${origin}/robots.txt`;
    try {
      const res = await opts.load(url);
      if (res.status >= 200 && res.status < 300)
        return { kind: "parsed", robot: robotsParser(url, res.body) };
      if (res.status >= 400 && res.status < 500) return { kind: "allow-all" };
      return { kind: "unavailable", detail: `robots.txt answered HTTP ${res.status}` };
    } catch (err) {
      // A refused address is not "robots.txt unavailable": the page itself will be refused too.
      if (err instanceof AddressBlockedError) return { kind: "refused", error: err };
      return { kind: "unavailable", detail: `robots.txt failed: ${(err as Error).message}` };
    }
  };

  const rulesFor = (origin: string): Promise<Rules> => {
    const t = now();
    const hit = cache.get(origin);
    if (hit && hit.expiresAt > t) return hit.rules;
    const entry: Entry = { expiresAt: t + cacheMs, rules: load(origin) };
    cache.set(origin, entry);
    void entry.rules.then((r) => {
      if (r.kind === "unavailable") entry.expiresAt = now() + failureCacheMs;
      if (r.kind === "refused") cache.delete(origin);
    });
    return entry.rules;
  };

  return {
    async check(logicalUrl) {
      const u = new URL(logicalUrl);
      if (u.pathname === "/robots.txt") return { allowed: true };
      const rules = await rulesFor(u.origin);
      if (rules.kind === "allow-all") return { allowed: true };
      if (rules.kind === "refused") throw rules.error;
      if (rules.kind === "unavailable")
        return { allowed: false, reason: "unavailable", detail: rules.detail };
      const allowed = rules.robot.isAllowed(u.href, token) !== false;
      const delay = rules.robot.getCrawlDelay(token);
      const decision: RobotsDecision = { allowed };
      if (typeof delay === "number" && delay > 0) decision.crawlDelayMs = Math.round(delay * 1000);
      if (!allowed) {
        decision.reason = "disallowed";
        decision.detail = `robots.txt line ${rules.robot.getMatchingLineNumber(u.href, token)}`;
      }
      return decision;
    },
    clear() {
      cache.clear();
    },
  };
}
