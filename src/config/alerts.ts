/**
 * `rules/alerts.yaml`: where alerts go (`notifiers`), which mentions alert (`rules`), and the alerts
 * beyond single mentions (`storm`, `attack`, `sourceHealth`). Secrets (tokens, signing keys) are never
 * written here: a notifier names the environment variable that holds them.
 */
import { z } from "zod";
import { MentionKind, SentimentLabel } from "../domain/mention.js";
import { HttpUrl, Slug, TimeZone } from "./common.js";

const EnvVarName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, "expected an environment variable name like SLACK_BOT_TOKEN");

export const Severity = z.enum(["info", "warning", "critical"]);
export type Severity = z.infer<typeof Severity>;

export const ConsoleNotifierConfig = z.object({ id: Slug, type: z.literal("console") }).strict();
export type ConsoleNotifierConfig = z.infer<typeof ConsoleNotifierConfig>;

export const SlackNotifierConfig = z
  .object({
    id: Slug,
    type: z.literal("slack"),
    /**
     * Channel id (channel details → About → Channel ID). Ids survive renames, and the duplicate check
     * (`conversations.history`) needs one. Invite the bot to the channel.
     */
    channel: z
      .string()
      .regex(/^[CG][A-Z0-9]{7,}$/, "expected a Slack channel id like C0123456789 (channel details → About)"),
    /** Environment variable holding the bot token (`xoxb-…`). @default "SLACK_BOT_TOKEN" */
    tokenEnv: EnvVarName.default("SLACK_BOT_TOKEN"),
    /** More alerts than this for the channel in one run: one summary message, the alerts in its thread. @default 5 */
    batchOver: z.number().int().min(1).default(5),
    /** Timeout of one Web API request, in ms. @default 10000 */
    timeoutMs: z.number().int().min(50).max(120_000).default(10_000),
    /** Tries per alert within one run (timeouts, 5xx, short rate limits); then it waits for the next run. @default 3 */
    attempts: z.number().int().min(1).max(10).default(3),
    /** Longest `Retry-After` (seconds) waited out within a run; a longer one defers to a later run. @default 30 */
    maxWaitSeconds: z.number().int().min(0).max(600).default(30),
  })
  .strict();
export type SlackNotifierConfig = z.infer<typeof SlackNotifierConfig>;

export const WebhookNotifierConfig = z
  .object({
    id: Slug,
    type: z.literal("webhook"),
    /** Receives a JSON POST per alert. */
    url: HttpUrl,
    /** Environment variable holding the HMAC-SHA256 signing secret (header `X-Repwatch-Signature`). */
    secretEnv: EnvVarName,
    /** Timeout of one request, in ms. @default 10000 */
    timeoutMs: z.number().int().min(50).max(120_000).default(10_000),
    /** Tries per alert within one run. @default 3 */
    attempts: z.number().int().min(1).max(10).default(3),
  })
  .strict();
export type WebhookNotifierConfig = z.infer<typeof WebhookNotifierConfig>;

export const NotifierConfig = z.discriminatedUnion("type", [
  ConsoleNotifierConfig,
  SlackNotifierConfig,
  WebhookNotifierConfig,
]);
export type NotifierConfig = z.infer<typeof NotifierConfig>;

const Clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time "HH:MM" (24-hour)');
export const Weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
export type Weekday = z.infer<typeof Weekday>;

/**
 * A daily quiet period in a time zone: alerts due in it are held (never dropped) and go out when it
 * ends. `from` after `to` spans midnight (22:00 → 08:00).
 */
export const QuietHours = z
  .object({
    from: Clock,
    to: Clock,
    timezone: TimeZone,
    /** Days on which a quiet period starts. @default every day */
    days: z.array(Weekday).min(1).optional(),
  })
  .strict()
  .refine((q) => q.from !== q.to, { message: "`from` and `to` must differ", path: ["to"] });
export type QuietHours = z.infer<typeof QuietHours>;

/** All given conditions must hold (AND); an absent condition matches everything. */
export const AlertMatch = z
  .object({
    brands: z.array(Slug).optional(),
    platforms: z.array(Slug).optional(),
    kinds: z.array(MentionKind).optional(),
    /** Sentiment labels that alert. */
    sentiment: z.array(SentimentLabel).optional(),
    /** Sentiment score at most this (-1 … 1). */
    maxScore: z.number().min(-1).max(1).optional(),
    /** Sentiment score at least this (-1 … 1). */
    minScore: z.number().min(-1).max(1).optional(),
    /** Rating at most this (1..5); a mention without a rating never matches. */
    maxRating: z.number().min(1).max(5).optional(),
    /** Rating at least this (1..5); a mention without a rating never matches. */
    minRating: z.number().min(1).max(5).optional(),
    /** Any of these risk flags (ids from rules/risk.yaml) was raised. */
    risks: z.array(Slug).min(1).optional(),
    /**
     * Any of these words or phrases occurs in the title, text, pros or cons: case-insensitive, ё = е,
     * at the start of a word ("суд" matches "суда", not "посуда").
     */
    keywords: z.array(z.string().min(1)).min(1).optional(),
    /** Detected languages (ISO 639-1, e.g. ru, en, bg). */
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/, "expected a language code like ru")).optional(),
    /** Alert on new mentions, edited ones, or both. An edit updates the original Slack message. @default ["new"] */
    on: z
      .array(z.enum(["new", "changed"]))
      .min(1)
      .default(["new"]),
  })
  .strict();
export type AlertMatch = z.infer<typeof AlertMatch>;

const UserGroupId = z
  .string()
  .regex(/^S[A-Z0-9]{6,}$/, "expected a Slack user group id like S0123ABCD (not a @handle)");

export const AlertRule = z
  .object({
    id: Slug,
    description: z.string().optional(),
    match: AlertMatch.prefault({}),
    /** Notifier ids (from `notifiers`): each is one channel or endpoint. */
    notify: z.array(Slug).min(1),
    /** @default "warning" */
    severity: Severity.default("warning"),
    /** Slack user group to mention (critical rules only), e.g. the on-call ORM team. */
    mention: UserGroupId.optional(),
    quietHours: QuietHours.optional(),
  })
  .strict()
  .refine((r) => r.mention === undefined || r.severity === "critical", {
    message: "only a critical rule may mention a user group",
    path: ["mention"],
  });
export type AlertRule = z.infer<typeof AlertRule>;

/**
 * A storm: negative mentions of one brand far above its normal rate. One storm message per brand and
 * channel (per UTC day); the negative alerts that follow go into its thread while the storm lasts.
 */
export const StormConfig = z
  .object({
    notify: z.array(Slug).min(1),
    /** This many negative mentions of a brand within the last hour is a storm. @default 10 */
    perHour: z.number().int().min(1).default(10),
    /** Or: the last 24 hours are this many standard deviations above the brand's daily mean… @default 3 */
    sigma: z.number().positive().default(3),
    /** …over this many days before today. @default 14 */
    trailingDays: z.number().int().min(3).max(90).default(14),
    /** …and hold at least this many negatives (a quiet brand's 3σ can be two reviews). @default 5 */
    minPerDay: z.number().int().min(1).default(5),
    /** @default "critical" */
    severity: Severity.default("critical"),
    quietHours: QuietHours.optional(),
  })
  .strict();
export type StormConfig = z.infer<typeof StormConfig>;

/** A review attack: near-duplicate texts across sites or accounts within a window. One incident message. */
export const AttackConfig = z
  .object({
    notify: z.array(Slug).min(1),
    /** Look-back window on publication time, hours. @default 72 */
    windowHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(72),
    /** Near-duplicates needed for an attack. @default 3 */
    minSize: z.number().int().min(2).default(3),
    /** Fingerprints (64-bit SimHash) at most this many bits apart are near-duplicates. @default 3 */
    maxDistance: z.number().int().min(0).max(16).default(3),
    /** Shorter texts are ignored (short texts look alike by chance). @default 8 */
    minWords: z.number().int().min(1).default(8),
    /** @default "warning" */
    severity: Severity.default("warning"),
    quietHours: QuietHours.optional(),
  })
  .strict();
export type AttackConfig = z.infer<typeof AttackConfig>;

/** Source health: a source failing K runs in a row → one message; one more when it recovers. */
export const SourceHealthConfig = z
  .object({
    /** Usually an ops channel. */
    notify: z.array(Slug).min(1),
    /** Failing runs in a row before the message (K). @default 3 */
    after: z.number().int().min(1).default(3),
    /** Run statuses that count as failing. @default ["blocked", "broken"] */
    statuses: z
      .array(z.enum(["blocked", "broken", "failed", "degraded"]))
      .min(1)
      .default(["blocked", "broken"]),
    /** @default "warning" */
    severity: Severity.default("warning"),
  })
  .strict();
export type SourceHealthConfig = z.infer<typeof SourceHealthConfig>;

export const AlertsFile = z
  .object({
    notifiers: z.array(NotifierConfig).min(1),
    rules: z.array(AlertRule),
    storm: StormConfig.optional(),
    attack: AttackConfig.optional(),
    sourceHealth: SourceHealthConfig.optional(),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.notifiers.forEach((n, i) => {
      if (ids.has(n.id))
        ctx.addIssue({
          code: "custom",
          path: ["notifiers", i, "id"],
          message: `duplicate notifier id "${n.id}"`,
        });
      ids.add(n.id);
    });
    for (const section of ["storm", "attack", "sourceHealth"] as const) {
      file[section]?.notify.forEach((n, i) => {
        if (!ids.has(n))
          ctx.addIssue({ code: "custom", path: [section, "notify", i], message: `unknown notifier "${n}"` });
      });
    }
  });
export type AlertsFile = z.infer<typeof AlertsFile>;
