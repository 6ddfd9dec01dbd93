/**
 * The HTTP fetcher: node:http(s) + our own decoding, under the crawl policy (robots.txt, per-host
 * politeness, address guard on every redirect hop, origin map: logical URLs in, logical URLs out),
 * with retries decided by the error class, charset decoding and conditional requests.
 */
import type { FetchSettings } from "../config/source.js";
import { decodeBody } from "./charset.js";
import { HttpStatusError, RedirectError } from "./errors.js";
import type { RawResponse } from "./http-request.js";
import type { CrawlLogger } from "./log.js";
import { type CrawlPolicy, type CrawlPolicyOptions, createCrawlPolicy } from "./policy.js";
import { type RetryPolicy, withRetries } from "./retry.js";
import type { RobotsCache } from "./robots.js";
import type { Fetcher, FetchOptions, Page } from "./types.js";
import {
  checksumOf,
  conditionalHeaders,
  createMemoryValidatorStore,
  type ValidatorStore,
} from "./validators.js";

export type { CrawlLogger } from "./log.js";
export { silentLogger } from "./log.js";

export interface HttpFetcherOptions extends CrawlPolicyOptions, RetryPolicy {
  /** Redirect hops per fetch. @default 10 */
  maxRedirects?: number;
  /** ETag/Last-Modified/checksum memory. @default in-memory, 10 000 URLs */
  validators?: ValidatorStore;
  /** Share a policy (robots cache, host queues) with the browser fetcher; the options above then only
   * set retries, redirects and validators. */
  policy?: CrawlPolicy;
}

export interface HttpFetcher extends Fetcher {
  readonly robots: RobotsCache;
  readonly policy: CrawlPolicy;
}

/** Decode a raw response into a Page (logical `url`). */
export function toPage(url: string, res: RawResponse, settings: Pick<FetchSettings, "charset">): Page {
  const contentType = res.headers["content-type"] ?? "";
  const decoded = decodeBody(res.body, contentType, settings.charset);
  return {
    url,
    status: res.status,
    headers: res.headers,
    body: decoded.text,
    contentType,
    fetchedAt: new Date().toISOString(),
    charset: decoded.charset,
  };
}

export function createHttpFetcher(opts: HttpFetcherOptions): HttpFetcher {
  const ownPolicy = !opts.policy;
  const policy = opts.policy ?? createCrawlPolicy(opts);
  const validators = opts.validators ?? createMemoryValidatorStore();
  const maxRedirects = opts.maxRedirects ?? 10;
  const log: CrawlLogger = policy.log;

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
      const crawlDelayMs = await policy.checkRobots(url, settings);
      const host = new URL(url).host;
      const hostPolicy = {
        concurrency: settings.concurrency,
        minIntervalMs: Math.max(settings.minIntervalMs, crawlDelayMs),
      };
      const memory = options.validators ?? validators;
      const prior = options.conditional ? memory.get(url) : undefined;
      const headers = { ...policy.baseHeaders, ...settings.headers, ...conditionalHeaders(prior) };
      const res = await policy.politeness.run(
        host,
        hostPolicy,
        () => policy.send(url, settings, headers, signal),
        signal,
      );
      const { status } = res;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && status !== 304) {
        if (!location) throw new HttpStatusError(`HTTP ${status} without Location`, { url, status });
        if (hop >= maxRedirects)
          throw new RedirectError(`more than ${maxRedirects} redirects`, { url, status });
        const next = policy.redirectTarget(url, location);
        if (seen.has(next)) throw new RedirectError(`redirect loop: ${url} → ${next}`, { url, status });
        seen.add(next);
        log.debug({ from: url, to: next, status }, "redirect");
        url = next;
        continue;
      }
      if (status === 304 && options.conditional) {
        return { ...toPage(url, { ...res, body: Buffer.alloc(0) }, settings), unchanged: true };
      }
      if (status >= 200 && status < 300) {
        const page = toPage(url, res, settings);
        if (options.conditional || options.validators) {
          const checksum = checksumOf(res.body);
          if (prior?.checksum === checksum) page.unchanged = true;
          memory.set(url, {
            ...(res.headers.etag ? { etag: res.headers.etag } : {}),
            ...(res.headers["last-modified"] ? { lastModified: res.headers["last-modified"] } : {}),
            checksum,
          });
        }
        return page;
      }
      policy.throwForStatus(url, status, res.headers, toPage(url, res, settings));
    }
  };

  return {
    robots: policy.robots,
    policy,
    fetch(url, settings, signal, options = {}) {
      const logicalUrl = new URL(url).href;
      return withRetries(logicalUrl, () => attempt(logicalUrl, settings, signal, options), opts, log, signal);
    },
    async close() {
      if (ownPolicy) policy.close();
    },
  };
}
