/**
 * The HTTP fetcher: node:http(s) + our own decoding, with robots.txt, per-host politeness, retries
 * (the error class decides), Retry-After, redirects checked hop by hop against the address guard,
 * the origin map (logical URLs in, logical URLs out), charset decoding and conditional requests.
 */
import type { FetchSettings } from "../config/source.js";
import { createAddressGuard } from "./address-guard.js";
import { backoffDelay, parseRetryAfter, sleep } from "./backoff.js";
import { isChallengeStatus, looksLikeChallenge } from "./challenge.js";
import { decodeBody } from "./charset.js";
import {
  CrawlError,
  DeferredError,
  FatalRequestError,
  HttpStatusError,
  isRetryableStatus,
  RedirectError,
  RetryableError,
  RobotsDisallowedError,
  ThrottledError,
} from "./errors.js";
import { createAgents, type RawResponse, requestOnce } from "./http-request.js";
import { parseOriginMap } from "./origin-map.js";
import { createPoliteness } from "./politeness.js";
import { createRobotsCache, type RobotsCache } from "./robots.js";
import type { Fetcher, FetchOptions, Page } from "./types.js";
import {
  checksumOf,
  conditionalHeaders,
  createMemoryValidatorStore,
  type ValidatorStore,
} from "./validators.js";

/** A pino-compatible logger subset. */
export interface CrawlLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export const silentLogger: CrawlLogger = { debug() {}, info() {}, warn() {} };

export interface HttpFetcherOptions {
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
  /** Retries after a retryable failure (throttled waits do not count). @default 3 */
  maxRetries?: number;
  /** First backoff step, ms (doubles each retry, with jitter). @default 1000 */
  backoffBaseMs?: number;
  /** Longest backoff step, ms. @default 30000 */
  backoffMaxMs?: number;
  /** A Retry-After longer than this defers the source to the next run (DeferredError). @default 60000 */
  retryAfterCapMs?: number;
  /** Throttled waits (Retry-After honoured) per fetch before giving up. @default 5 */
  maxThrottleWaits?: number;
  /** Redirect hops per fetch. @default 10 */
  maxRedirects?: number;
  /** TCP/TLS connect deadline, ms. @default 10000 */
  connectTimeoutMs?: number;
  /** Response-headers deadline, ms. @default min(15000, settings.timeoutMs) */
  headersTimeoutMs?: number;
  /** robots.txt cache lifetime, ms (≤ 24 h). @default 24 h */
  robotsCacheMs?: number;
  /** How long an unavailable robots.txt (5xx/network) blocks its host before we try again. @default 10 min */
  robotsFailureCacheMs?: number;
  /** ETag/Last-Modified/checksum memory. @default in-memory, 10 000 URLs */
  validators?: ValidatorStore;
  log?: CrawlLogger;
}

export interface HttpFetcher extends Fetcher {
  readonly robots: RobotsCache;
}

const ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.5";

export function createHttpFetcher(opts: HttpFetcherOptions): HttpFetcher {
  const map = parseOriginMap(opts.originMap);
  const guard = createAddressGuard({
    allowAddresses: opts.allowAddresses,
    enabled: opts.addressGuard ?? true,
  });
  const agents = createAgents();
  const politeness = createPoliteness(opts.globalConcurrency ?? 16);
  const validators = opts.validators ?? createMemoryValidatorStore();
  const log = opts.log ?? silentLogger;
  const maxRetries = opts.maxRetries ?? 3;
  const backoffBaseMs = opts.backoffBaseMs ?? 1000;
  const backoffMaxMs = opts.backoffMaxMs ?? 30_000;
  const retryAfterCapMs = opts.retryAfterCapMs ?? 60_000;
  const maxThrottleWaits = opts.maxThrottleWaits ?? 5;
  const maxRedirects = opts.maxRedirects ?? 10;
  const baseHeaders = {
    "user-agent": opts.userAgent,
    accept: ACCEPT,
    "accept-encoding": "gzip, deflate, br",
  };
  const loggedIgnore = new Set<string>();

  const send = (
    logicalUrl: string,
    settings: FetchSettings,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ) =>
    requestOnce({
      url: new URL(map.toPhysical(logicalUrl)),
      logicalUrl,
      headers,
      guard,
      agents,
      signal,
      connectTimeoutMs: Math.min(opts.connectTimeoutMs ?? 10_000, settings.timeoutMs),
      headersTimeoutMs: Math.min(opts.headersTimeoutMs ?? 15_000, settings.timeoutMs),
      totalTimeoutMs: settings.timeoutMs,
      maxBytes: settings.maxBytes,
    });

  /** Where a redirect goes, as a logical URL (a Location at the physical base maps back). */
  const redirectTarget = (from: string, location: string): string => {
    const resolved = new URL(location, from);
    return map.toLogical(resolved.href, new URL(from).protocol);
  };

  const robots = createRobotsCache({
    userAgent: opts.userAgent,
    cacheMs: opts.robotsCacheMs,
    failureCacheMs: opts.robotsFailureCacheMs,
    async load(robotsUrl) {
      let url = robotsUrl;
      const settings = { timeoutMs: 10_000, maxBytes: 512 * 1024 } as FetchSettings;
      for (let hop = 0; hop <= 5; hop++) {
        const res = await send(url, settings, baseHeaders);
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

  /** robots.txt verdict for one URL; returns the crawl delay (ms) to respect. */
  const checkRobots = async (url: string, settings: FetchSettings): Promise<number> => {
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
    if (d.reason === "unavailable") {
      throw new DeferredError(
        `robots.txt of ${new URL(url).origin} unavailable (${d.detail}); retry later`,
        undefined,
        {
          url,
        },
      );
    }
    throw new RobotsDisallowedError(`robots.txt disallows ${url} (${d.detail})`, { url });
  };

  const toPage = (url: string, res: RawResponse, settings: FetchSettings, unchanged: boolean): Page => {
    const contentType = res.headers["content-type"] ?? "";
    const decoded = decodeBody(res.body, contentType, settings.charset);
    const page: Page = {
      url,
      status: res.status,
      headers: res.headers,
      body: decoded.text,
      contentType,
      fetchedAt: new Date().toISOString(),
      charset: decoded.charset,
    };
    if (unchanged) page.unchanged = true;
    return page;
  };

  /** One attempt: robots, politeness, and the redirect chain. Throws a CrawlError for every failure. */
  const attempt = async (
    logicalUrl: string,
    settings: FetchSettings,
    signal: AbortSignal | undefined,
    options: FetchOptions,
  ): Promise<Page> => {
    let url = logicalUrl;
    const seen = new Set<string>([url]);
    for (let hop = 0; ; hop++) {
      // The guard first: a refused address must not turn into "robots.txt unavailable".
      guard.checkUrl(new URL(map.toPhysical(url)), url);
      const crawlDelayMs = await checkRobots(url, settings);
      const host = new URL(url).host;
      const policy = {
        concurrency: settings.concurrency,
        minIntervalMs: Math.max(settings.minIntervalMs, crawlDelayMs),
      };
      const prior = options.conditional ? validators.get(url) : undefined;
      const headers = { ...baseHeaders, ...settings.headers, ...conditionalHeaders(prior) };
      const res = await politeness.run(host, policy, () => send(url, settings, headers, signal), signal);
      const { status } = res;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && status !== 304) {
        if (!location) throw new HttpStatusError(`HTTP ${status} without Location`, { url, status });
        if (hop >= maxRedirects)
          throw new RedirectError(`more than ${maxRedirects} redirects`, { url, status });
        const next = redirectTarget(url, location);
        if (seen.has(next)) throw new RedirectError(`redirect loop: ${url} → ${next}`, { url, status });
        seen.add(next);
        url = next;
        continue;
      }
      if (status === 304 && options.conditional)
        return toPage(url, { ...res, body: Buffer.alloc(0) }, settings, true);
      if (status >= 200 && status < 300) {
        let unchanged = false;
        if (options.conditional) {
          const checksum = checksumOf(res.body);
          unchanged = prior?.checksum === checksum;
          validators.set(url, {
            ...(res.headers.etag ? { etag: res.headers.etag } : {}),
            ...(res.headers["last-modified"] ? { lastModified: res.headers["last-modified"] } : {}),
            checksum,
          });
        }
        return toPage(url, res, settings, unchanged);
      }
      const page = toPage(url, res, settings, false);
      const details = { url, status, page };
      // An anti-bot wall: retrying only digs deeper. Hand the page over for blocked detection.
      if (isChallengeStatus(status) && looksLikeChallenge(page.body)) {
        throw new HttpStatusError(`HTTP ${status}: anti-bot/captcha page`, details);
      }
      if (isRetryableStatus(status)) {
        const retryAfterMs = parseRetryAfter(res.headers["retry-after"]);
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
    }
  };

  return {
    robots,
    async fetch(url, settings, signal, options = {}) {
      const logicalUrl = new URL(url).href;
      let retries = 0;
      let throttles = 0;
      for (;;) {
        try {
          return await attempt(logicalUrl, settings, signal, options);
        } catch (err) {
          if (signal?.aborted) throw signal.reason ?? err;
          if (err instanceof ThrottledError && throttles < maxThrottleWaits) {
            throttles++;
            log.info(
              { url, waitMs: err.retryAfterMs, status: err.status },
              "throttled: waiting for Retry-After",
            );
            await sleep(err.retryAfterMs, signal);
            continue;
          }
          if (err instanceof RetryableError && retries < maxRetries) {
            const waitMs = backoffDelay(retries, backoffBaseMs, backoffMaxMs);
            retries++;
            log.debug({ url, waitMs, retry: retries, err: err.message }, "retrying");
            await sleep(waitMs, signal);
            continue;
          }
          if (err instanceof CrawlError) throw err;
          throw new FatalRequestError(`unexpected failure: ${(err as Error)?.message ?? String(err)}`, {
            url: logicalUrl,
            cause: err,
          });
        }
      }
    },
    async close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
