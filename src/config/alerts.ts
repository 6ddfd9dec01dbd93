/** `rules/alerts.yaml`: which mentions alert, and where. */
import { z } from "zod";
import { MentionKind, SentimentLabel } from "../domain/mention.js";
import { Slug } from "./common.js";

export const ConsoleNotifierConfig = z.object({ id: Slug, type: z.literal("console") }).strict();

export const NotifierConfig = z.discriminatedUnion("type", [ConsoleNotifierConfig]);
export type NotifierConfig = z.infer<typeof NotifierConfig>;

/** All given conditions must hold (AND); an absent condition matches everything. */
export const AlertMatch = z
  .object({
    brands: z.array(Slug).optional(),
    platforms: z.array(Slug).optional(),
    kinds: z.array(MentionKind).optional(),
    /** Sentiment labels that alert. */
    sentiment: z.array(SentimentLabel).optional(),
    /** Alert when the rating is at most this (1..5). */
    maxRating: z.number().min(1).max(5).optional(),
    /** Alert on new mentions, edited ones, or both. @default ["new"] */
    on: z.array(z.enum(["new", "changed"])).default(["new"]),
  })
  .strict();
export type AlertMatch = z.infer<typeof AlertMatch>;

export const AlertRule = z
  .object({
    id: Slug,
    description: z.string().optional(),
    match: AlertMatch.prefault({}),
    /** Notifier ids (from `notifiers`). */
    notify: z.array(Slug).min(1),
    severity: z.enum(["info", "warning", "critical"]).default("warning"),
  })
  .strict();
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertsFile = z
  .object({
    notifiers: z.array(NotifierConfig).min(1),
    rules: z.array(AlertRule),
  })
  .strict();
export type AlertsFile = z.infer<typeof AlertsFile>;
export type ConsoleNotifierConfig = z.infer<typeof ConsoleNotifierConfig>;
