/**
 * The Slack Web API through the real `WebClient`, with our policy instead of its defaults (no timeout,
 * ten retries over ~30 minutes, which would also repeat a post whose answer was lost):
 * - a request timeout, and no automatic retries: the caller decides, knowing whether a post may exist;
 * - rate limits rejected (`rejectRateLimitedCalls`) so the caller can wait out a short `Retry-After`;
 * - every failure turned into one of the send errors of ../errors.ts.
 *
 *   failure                                   | error               | why
 *   ------------------------------------------+---------------------+-----------------------------------
 *   ok:false, transient code (internal_error, | RetryLaterError     | Slack did not take it
 *     service_unavailable, request_timeout…)  |                     |
 *   ok:false, any other code                  | PermanentSendError  | retrying cannot help; the message
 *     (channel_not_found, invalid_auth…)      |                     | says what to fix
 *   HTTP 429 with Retry-After                 | RateLimitedError    | not taken; wait `retryAfter` s
 *   HTTP 429 without Retry-After              | RetryLaterError     | not taken; try on a later run
 *   HTTP 5xx, timeout, connection dropped     | UncertainSendError  | it may have been taken
 */
import { ErrorCode, LogLevel, type Logger as SlackLogger, WebClient } from "@slack/web-api";
import type { Logger } from "../../util/logger.js";
import { PermanentSendError, RetryLaterError, UncertainSendError } from "../errors.js";

export class RateLimitedError extends RetryLaterError {
  override name = "RateLimitedError";
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Slack rate limit: retry after ${retryAfterSeconds}s`,
      new Date(Date.now() + retryAfterSeconds * 1000),
    );
  }
}

const TRANSIENT = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
  "rate_limited",
  "team_added_to_org",
]);

const HINTS: Record<string, string> = {
  channel_not_found:
    "the channel does not exist or the bot cannot see it: check `channel` in rules/alerts.yaml",
  not_in_channel: "the bot is not a member of the channel: /invite the app to it",
  is_archived: "the channel is archived",
  invalid_auth: "the bot token is not valid: check the token variable (SLACK_BOT_TOKEN)",
  not_authed: "no bot token was sent: set SLACK_BOT_TOKEN",
  account_inactive: "the bot token belongs to a deleted app or user: reinstall the app",
  token_revoked: "the bot token was revoked: reinstall the app and update SLACK_BOT_TOKEN",
  token_expired: "the bot token expired: update SLACK_BOT_TOKEN",
  missing_scope: "the app lacks a scope: it needs chat:write, channels:history and files:write",
  no_permission: "the app lacks permission for this channel",
  restricted_action: "a workspace setting prevents the bot from posting in this channel",
  msg_too_long: "the message is too long",
  invalid_blocks: "Slack rejected the message blocks",
};

export interface SlackApi {
  /** One request, no retry; failures classified (see the table above). */
  call<T = Record<string, unknown>>(method: string, args: Record<string, unknown>): Promise<T>;
}

export interface SlackApiOptions {
  token: string;
  /** Base URL of the Web API. @default "https://slack.com/api/" */
  apiUrl?: string;
  timeoutMs: number;
  log?: Logger;
}

function slackLogger(log: Logger | undefined): SlackLogger {
  const fwd =
    (level: "debug" | "warn") =>
    (...msg: unknown[]) =>
      log?.[level]({ slack: true }, msg.map(String).join(" "));
  return {
    debug: fwd("debug"),
    info: fwd("debug"),
    warn: fwd("debug"),
    error: fwd("warn"),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}

export function classifySlackError(method: string, err: unknown): Error {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };
  switch (e?.code) {
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? "unknown_error";
      if (TRANSIENT.has(code)) return new RetryLaterError(`Slack ${method}: ${code} (temporary)`);
      const hint = HINTS[code];
      return new PermanentSendError(`Slack ${method}: ${code}${hint ? ` — ${hint}` : ""}`);
    }
    case ErrorCode.RateLimitedError:
      return new RateLimitedError(e.retryAfter ?? 1);
    case ErrorCode.HTTPError:
      return new UncertainSendError(`Slack ${method}: HTTP ${e.statusCode}`);
    case ErrorCode.RequestError: {
      const cause = (err as { original?: Error }).original;
      const what = cause?.name === "TimeoutError" ? "timed out" : (cause?.message ?? "request failed");
      return new UncertainSendError(`Slack ${method}: ${what}`);
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/Retry header did not contain a valid timeout/.test(message))
    return new RetryLaterError(`Slack ${method}: rate limited without Retry-After`);
  return new UncertainSendError(`Slack ${method}: ${message}`);
}

export function createSlackApi(opts: SlackApiOptions): SlackApi {
  const client = new WebClient(opts.token, {
    slackApiUrl: opts.apiUrl,
    timeout: opts.timeoutMs,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: slackLogger(opts.log),
  });
  return {
    async call<T>(method: string, args: Record<string, unknown>): Promise<T> {
      try {
        return (await client.apiCall(method, args)) as T;
      } catch (err) {
        throw classifySlackError(method, err);
      }
    },
  };
}
