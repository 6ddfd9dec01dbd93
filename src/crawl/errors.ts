/**
 * Crawl errors: the class decides the policy (after crawlee's `errors.ts`).
 *
 * | class                 | retried?                         | crawl status |
 * |-----------------------|----------------------------------|--------------|
 * | RetryableError        | yes, exponential backoff+jitter  | failed       |
 * | ThrottledError        | yes, after `retryAfterMs`, no penalty (does not use up a retry) | failed |
 * | DeferredError         | no: the wait is longer than the cap; try again next run | deferred |
 * | FatalRequestError     | never (4xx, guard, robots, too large) | failed  |
 * | StopRunError          | never, and the whole run stops   | failed       |
 */

import type { Page } from "./types.js";

export interface CrawlErrorDetails {
  /** Logical URL the error is about. */
  url?: string;
  /** HTTP status of the last response, when there was one. */
  status?: number;
  /** The page the server answered with (a 403 captcha page, a 429 body), for blocked detection. */
  page?: Page;
  cause?: unknown;
}

export class CrawlError extends Error {
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly page: Page | undefined;
  constructor(message: string, details: CrawlErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.url = details.url;
    this.status = details.status;
    this.page = details.page;
  }
}

/** Transient failure (network error, timeout, 408/425/5xx): retry with backoff. */
export class RetryableError extends CrawlError {}

/** The server asked us to slow down (429/503 with Retry-After): wait, without counting a retry. */
export class ThrottledError extends RetryableError {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, details: CrawlErrorDetails = {}) {
    super(message, details);
    this.retryAfterMs = retryAfterMs;
  }
}

/** A wait longer than the cap (Retry-After, robots.txt unavailable): defer the source to the next run. */
export class DeferredError extends CrawlError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number, details: CrawlErrorDetails = {}) {
    super(message, details);
    this.retryAfterMs = retryAfterMs;
  }
}

/** Never retried: 4xx other than 408/425/429, a refused address, robots.txt, a body over the limit. */
export class FatalRequestError extends CrawlError {}

/** The server answered with an HTTP error status that is not retried (404, 410, 403 captcha…). */
export class HttpStatusError extends FatalRequestError {}

/** The target address is private/loopback/link-local/metadata and not explicitly allowed. */
export class AddressBlockedError extends FatalRequestError {}

/** robots.txt disallows this URL for our user agent. */
export class RobotsDisallowedError extends FatalRequestError {}

/** The decoded body went over `maxBytes`. */
export class BodyTooLargeError extends FatalRequestError {}

/** Too many redirects, or a redirect loop. */
export class RedirectError extends FatalRequestError {}

/** Stop the whole run (configuration error, browser cannot start, aborted). */
export class StopRunError extends CrawlError {}

export function isRetryable(err: unknown): err is RetryableError {
  return err instanceof RetryableError;
}

/** Whether an HTTP status is worth retrying: 408, 425, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}
