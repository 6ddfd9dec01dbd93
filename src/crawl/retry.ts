/** The retry loop both fetchers share: the error class decides (see errors.ts). */
import { backoffDelay, sleep } from "./backoff.js";
import { CrawlError, FatalRequestError, RetryableError, ThrottledError } from "./errors.js";
import type { CrawlLogger } from "./log.js";

export interface RetryPolicy {
  /** Retries after a retryable failure (throttled waits do not count). @default 3 */
  maxRetries?: number;
  /** First backoff step, ms (doubles each retry, with jitter). @default 1000 */
  backoffBaseMs?: number;
  /** Longest backoff step, ms. @default 30000 */
  backoffMaxMs?: number;
  /** Throttled waits (Retry-After honoured) per fetch before giving up. @default 5 */
  maxThrottleWaits?: number;
}

/** Run `attempt` until it succeeds, a non-retryable error comes, or the retries run out. */
export async function withRetries<T>(
  url: string,
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  log: CrawlLogger,
  signal?: AbortSignal,
): Promise<T> {
  const maxRetries = policy.maxRetries ?? 3;
  const maxThrottleWaits = policy.maxThrottleWaits ?? 5;
  let retries = 0;
  let throttles = 0;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (signal?.aborted) throw signal.reason ?? err;
      if (err instanceof ThrottledError && throttles < maxThrottleWaits) {
        throttles++;
        log.info({ url, waitMs: err.retryAfterMs, status: err.status }, "throttled: waiting for Retry-After");
        await sleep(err.retryAfterMs, signal);
        continue;
      }
      if (err instanceof RetryableError && !(err instanceof ThrottledError) && retries < maxRetries) {
        const waitMs = backoffDelay(retries, policy.backoffBaseMs ?? 1000, policy.backoffMaxMs ?? 30_000);
        retries++;
        log.debug({ url, waitMs, retry: retries, err: err.message }, "retrying");
        await sleep(waitMs, signal);
        continue;
      }
      if (err instanceof CrawlError) throw err;
      throw new FatalRequestError(`unexpected failure: ${(err as Error)?.message ?? String(err)}`, {
        url,
        cause: err,
      });
    }
  }
}
