/**
 * Posting with a bounded retry budget and no duplicates:
 *
 *   outcome of an attempt            | next
 *   ---------------------------------+------------------------------------------------------------
 *   posted                           | done: receipt
 *   rate limited, Retry-After <= max | wait it out, try again (Slack did not take it)
 *   rate limited otherwise           | RetryLaterError: the row waits for a later run
 *   ok:false                         | PermanentSendError / RetryLaterError (see api.ts)
 *   ambiguous (timeout, 5xx, reset)  | look for the key in the channel first, post only if absent
 *   attempts used up                 | the last error: the row stays pending (looked up next run)
 *
 * A post whose earlier attempt may have succeeded (`mayExist`) starts with the look-up.
 */
import { UncertainSendError } from "../errors.js";
import { RateLimitedError, type SlackApi } from "./api.js";
import type { SlackMessage } from "./blocks.js";
import type { Found, Locator } from "./locate.js";

export interface RetryPolicy {
  attempts: number;
  maxWaitSeconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run `attempt` up to `policy.attempts` times, waiting out short rate limits; `onUncertain` after ambiguity. */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: () => Promise<T>,
  onUncertain: () => void = () => {},
): Promise<T> {
  let last: unknown;
  for (let i = 0; i < policy.attempts; i++) {
    try {
      return await attempt();
    } catch (err) {
      last = err;
      const more = i + 1 < policy.attempts;
      if (err instanceof RateLimitedError && err.retryAfterSeconds <= policy.maxWaitSeconds && more) {
        await sleep(err.retryAfterSeconds * 1000);
        continue;
      }
      if (err instanceof UncertainSendError) {
        onUncertain();
        continue;
      }
      throw err;
    }
  }
  throw last;
}

export interface PostRequest {
  channel: string;
  key: string;
  eventType: string;
  /** When the alert was enqueued (bounds the look-up). */
  since: Date;
  message: SlackMessage;
  threadTs?: string;
  mayExist: boolean;
}

export function createPoster(api: SlackApi, locator: Locator, policy: RetryPolicy) {
  return async function post(req: PostRequest): Promise<Found> {
    let look = req.mayExist;
    const parents = req.threadTs ? [req.threadTs] : [];
    return withRetries(
      policy,
      async () => {
        if (look) {
          const found = await locator.find(req.channel, req.key, req.since, parents);
          if (found) return found;
        }
        const res = await api.call<{ ts: string; message?: { thread_ts?: string } }>("chat.postMessage", {
          channel: req.channel,
          text: req.message.text,
          blocks: req.message.blocks,
          metadata: { event_type: req.eventType, event_payload: { key: req.key } },
          unfurl_links: false,
          unfurl_media: false,
          thread_ts: req.threadTs,
        });
        return { ts: res.ts, threadTs: req.threadTs ?? res.message?.thread_ts };
      },
      () => {
        look = true;
        locator.invalidate(req.channel);
      },
    );
  };
}
