/**
 * The crawl policy both fetchers obey: the origin map, the private-address guard, robots.txt,
 * per-host politeness with a global cap, and what an HTTP status means (retry, throttle, defer, fail).
 * Share one policy between the HTTP and the browser fetcher so a host sees one queue.
 */
import type { FetchSettings } from "../config/source.js";
import { type AddressGuard, createAddressGuard } from "./address-guard.js";
import { parseRetryAfter } from "./backoff.js";
import { isChallengeStatus, looksLikeChallenge } from "./challenge.js";
import {
  DeferredError,
  HttpStatusError,
  isRetryableStatus,
  RedirectError,
  RetryableError,
  RobotsDisallowedError,
  ThrottledError,
} from "./errors.js";
import { createAgents, type RawResponse, requestOnce } from "./http-request.js";
import { type CrawlLogger, silentLogger } from "./log.js";
import { type OriginMap, parseOriginMap } from "./origin-map.js";
import { createPoliteness, type Politeness } from "./politeness.js";
import { createRobotsCache, type RobotsCache } from "./robots.js";
import type { Page } from "./types.js";

export interface CrawlPolicyOptions {
  /** User-Agent header; its product token is matched against robots.txt. (REPWATCH_USER_AGENT) */
  userAgent: string;
  /** REPWATCH_ORIGIN_MAP: `https://host=http://127.0.0.1:port/host,…`. */
  originMap?: string | undefined;
  /** REPWATCH_ALLOW_ADDRESSES: `ip:port` pairs the private-address guard lets through. */
  allowAddresses?: string | undefined;
  /** Turn the private-address guard off entirely (never in production). @default true */
  addressGuard?: boolean;
  /** Requests in flight across all hosts. @default 16 */
  globalConcurrency?: number;
  /** A Retry-After longer than this defers the source to the next run (DeferredError). @default 60000 */
  retryAfterCapMs?: number;
  /** TCP/TLS connect deadline, ms. @default 10000 */
  connectTimeoutMs?: number;
  /** Response-headers deadline, ms. @default min(15000, settings.timeoutMs) */
  headersTimeoutMs?: number;
  /** robots.txt cache lifetime, ms (≤ 24 h). @default 24 h */
  robotsCacheMs?: number;
  /** How long an unavailable robots.txt (5xx/network) blocks its host before we try again. @default 10 min */
  robotsFailureCacheMs?: number;
  log?: CrawlLogger | undefined;
}

export interface CrawlPolicy {
  readonly userAgent: string;
  readonly map: OriginMap;
  readonly guard: AddressGuard;
  readonly robots: RobotsCache;
  readonly politeness: Politeness;
  readonly log: CrawlLogger;
  /** Default request headers (User-Agent, Accept, Accept-Encoding). */
  readonly baseHeaders: Record<string, string>;
  /** One physical request for a logical URL: guard, deadlines, decoded size limit; no redirects. */
  send(
    logicalUrl: string,
    settings: Pick<FetchSettings, "timeoutMs" | "maxBytes">,
    headers: Record<string, string>,
    signal?: AbortSignal,
    method?: string,
    body?: Buffer,
  ): Promise<RawResponse>;
  /** Where a redirect goes, as a logical URL (a Location at the physical base maps back). */
  redirectTarget(from: string, location: string): string;
  /** Throw unless robots.txt allows the URL; returns the Crawl-delay to respect (ms). */
  checkRobots(url: string, settings: Pick<FetchSettings, "ignoreRobots">): Promise<number>;
  /** Throw the CrawlError an error status means (retry, throttle, defer, captcha, plain failure). */
  throwForStatus(url: string, status: number, headers: Record<string, string>, page: Page): never;
  close(): void;
}

const ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.5";

export function createCrawlPolicy(opts: CrawlPolicyOptions): CrawlPolicy {
  const map = parseOriginMap(opts.originMap);
  const guard = createAddressGuard({
    allowAddresses: opts.allowAddresses,
    enabled: opts.addressGuard ?? true,
  });
  const agents = createAgents();
  const politeness = createPoliteness(opts.globalConcurrency ?? 16);
  const log = opts.log ?? silentLogger;
  const retryAfterCapMs = opts.retryAfterCapMs ?? 60_000;
  const baseHeaders = {
    "user-agent": opts.userAgent,
    accept: ACCEPT,
    "accept-encoding": "gzip, deflate, br",
  };
  const loggedIgnore = new Set<string>();

  const send: CrawlPolicy["send"] = (logicalUrl, settings, headers, signal, method, body) =>
    requestOnce({
      url: new URL(map.toPhysical(logicalUrl)),
      logicalUrl,
      headers,
      guard,
      agents,
      signal,
      method,
      body,
      connectTimeoutMs: Math.min(opts.connectTimeoutMs ?? 10_000, settings.timeoutMs),
      headersTimeoutMs: Math.min(opts.headersTimeoutMs ?? 15_000, settings.timeoutMs),
      totalTimeoutMs: settings.timeoutMs,
      maxBytes: settings.maxBytes,
    });

  const redirectTarget = (from: string, location: string): string =>
    map.toLogical(new URL(location, from).href, new URL(from).protocol);

  const robots = createRobotsCache({
    userAgent: opts.userAgent,
    cacheMs: opts.robotsCacheMs,
    failureCacheMs: opts.robotsFailureCacheMs,
    async load(robotsUrl) {
      let url = robotsUrl;
      const limits = { timeoutMs: 10_000, maxBytes: 512 * 1024 };
      for (let hop = 0; hop <= 5; hop++) {
        const res = await send(url, limits, baseHeaders);
        const location = res.headers.location;
        if (res.status >= 300 && res.status < 400 && location) {
          url = redirectTarget(url, location);
          continue;
        }
        return { status: res.status, body: res.body.toString("utf8") };
      }
      throw new RedirectError("robots.txt: more than 5 redirects", { url: robotsUrl });
    },
  });

  return {
    userAgent: opts.userAgent,
    map,
    guard,
    robots,
    politeness,
    log,
    baseHeaders,
    send,
    redirectTarget,
    async checkRobots(url, settings) {
      // The guard first: a refused address must not turn into "robots.txt unavailable".
      guard.checkUrl(new URL(map.toPhysical(url)), url);
      if (settings.ignoreRobots) {
        const host = new URL(url).host;
        if (!loggedIgnore.has(host)) {
          loggedIgnore.add(host);
          log.warn({ host, url }, "robots.txt ignored for this source (fetch.ignoreRobots: true)");
        }
        return 0;
      }
      const d = await robots.check(url);
      if (d.allowed) return d.crawlDelayMs ?? 0;
      const origin = new URL(url).origin;
      if (d.reason === "unavailable") {
        throw new DeferredError(`robots.txt of ${origin} unavailable (${d.detail}); retry later`, undefined, {
          url,
        });
      }
      throw new RobotsDisallowedError(`robots.txt disallows ${url} (${d.detail})`, { url });
    },
    throwForStatus(url, status, headers, page) {
      const details = { url, status, page };
      // An anti-bot wall: retrying only digs deeper. Hand the page over for blocked detection.
      if (isChallengeStatus(status) && looksLikeChallenge(page.body)) {
        throw new HttpStatusError(`HTTP ${status}: anti-bot/captcha page`, details);
      }
      if (isRetryableStatus(status)) {
        const retryAfterMs = parseRetryAfter(headers["retry-after"]);
        if (retryAfterMs !== undefined && retryAfterMs > retryAfterCapMs) {
          throw new DeferredError(
            `HTTP ${status} with Retry-After ${Math.round(retryAfterMs / 1000)} s, longer than the cap of ` +
              `${Math.round(retryAfterCapMs / 1000)} s: deferred to the next run`,
            retryAfterMs,
            details,
          );
        }
        if (retryAfterMs !== undefined)
          throw new ThrottledError(`HTTP ${status}, Retry-After`, retryAfterMs, details);
        throw new RetryableError(`HTTP ${status}`, details);
      }
      throw new HttpStatusError(`HTTP ${status}`, details);
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
