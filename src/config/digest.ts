/**
 * `rules/digest.yaml`: the weekly digest for marketers — when it goes out (cron in a time zone, which
 * also sets where weeks begin), which brands get one, which competitors stand beside them, and the
 * Slack channels (with the people to mention) it is posted to. The file is optional: without it every
 * brand not marked `competitor` gets a digest on disk, weeks in UTC, nothing posted.
 */
import { z } from "zod";
import { CronExpression, Slug, TimeZone } from "./common.js";

const EnvVarName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, "expected an environment variable name like SLACK_BOT_TOKEN");

/** A Slack user (`U…`/`W…`) or user group (`S…`) to mention in the summary. */
export const DigestRecipient = z
  .string()
  .regex(/^[UWS][A-Z0-9]{7,}$/, "expected a Slack user id (U0123ABCD) or user-group id (S0123ABCD)");

export const DigestChannel = z
  .object({
    /** Slack channel id (channel details → About → Channel ID). Invite the bot; it needs files:write. */
    channel: z
      .string()
      .regex(/^[CG][A-Z0-9]{7,}$/, "expected a Slack channel id like C0123456789 (channel details → About)"),
    /** Brands whose digest goes here. @default every digest brand */
    brands: z.array(Slug).optional(),
    /** People or user groups mentioned in the summary message. @default [] */
    recipients: z.array(DigestRecipient).default([]),
    /** Environment variable holding the bot token. @default "SLACK_BOT_TOKEN" */
    tokenEnv: EnvVarName.default("SLACK_BOT_TOKEN"),
    /** Timeout of one Web API request (the PDF upload too), in ms. @default 20000 */
    timeoutMs: z.number().int().min(50).max(300_000).default(20_000),
    /** Tries per step (summary, each upload step) within one run. @default 3 */
    attempts: z.number().int().min(1).max(10).default(3),
    /** Longest `Retry-After` (seconds) waited out within a run. @default 30 */
    maxWaitSeconds: z.number().int().min(0).max(600).default(30),
  })
  .strict();
export type DigestChannel = z.infer<typeof DigestChannel>;

export const DigestLimits = z
  .object({
    /** Top negative mentions listed. @default 8 */
    negatives: z.number().int().min(1).max(50).default(8),
    /** Unanswered negatives listed (all are counted). @default 10 */
    unanswered: z.number().int().min(0).max(100).default(10),
    /** Complaint terms shown. @default 12 */
    terms: z.number().int().min(1).max(50).default(12),
  })
  .strict();
export type DigestLimits = z.infer<typeof DigestLimits>;

export const DigestFile = z
  .object({
    /** When the digest is due: a cron expression in `timezone`. @default "0 9 * * 1" (Monday 09:00) */
    schedule: CronExpression.default("0 9 * * 1"),
    /** IANA time zone of the schedule and of the week boundaries (Monday 00:00 there). @default "UTC" */
    timezone: TimeZone.default("UTC"),
    /** Brands that get a digest. @default every brand not marked `competitor: true` */
    brands: z.array(Slug).optional(),
    /** Brands shown side by side with each digest brand. @default every brand marked `competitor: true` */
    competitors: z.array(Slug).optional(),
    /** Weeks in the trend charts, the reported week included. @default 12 */
    trendWeeks: z.number().int().min(2).max(52).default(12),
    /** How long the lists are. */
    limits: DigestLimits.default({ negatives: 8, unanswered: 10, terms: 12 }),
    /** Directory the HTML, PDF, Markdown and JSON files are written to (`--out` overrides). @default "digest-out" */
    out: z.string().min(1).default("digest-out"),
    /** Slack channels the digest is posted to (a summary, and the PDF in its thread). @default [] */
    channels: z.array(DigestChannel).default([]),
  })
  .strict();
export type DigestFile = z.infer<typeof DigestFile>;

/** The configuration when rules/digest.yaml is absent. */
export const DEFAULT_DIGEST: DigestFile = DigestFile.parse({});
