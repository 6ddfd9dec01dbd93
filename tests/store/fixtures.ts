/**
 * Test fixtures shared by the store tests (and usable by any other test): valid ScoredMentions with
 * deterministic content. Mention `i` of brand "acme" on "otzovik" is published `i` hours after
 * 2024-03-04T00:00:00Z (a Monday), so mentions 0..167 fall in the week of 2024-03-04.
 */
import {
  type Analysis,
  mentionIdOf,
  naturalKeyOf,
  RawMention,
  type ScoredMention,
  type SentimentLabel,
} from "../../src/domain/mention.js";
import type { AlertDecider, AlertIntent } from "../../src/store/store.js";

export const FIXTURE_EPOCH = Date.parse("2024-03-04T00:00:00.000Z");
const HOUR = 3_600_000;

const TEXTS = [
  "Ужасный сервис, деньги так и не вернули. Менеджер хамил, никому не советую.",
  "Обычный магазин, доставка вовремя, ничего особенного.",
  "Отличная компания! Быстро, вежливо, всё понятно. Рекомендую друзьям.",
  "Товар пришёл с браком, поддержка отвечает шаблонами уже третью неделю.",
  "Цены нормальные, но очередь на кассе огромная.",
];

function labelOf(rating: number): SentimentLabel {
  return rating <= 2 ? "negative" : rating === 3 ? "neutral" : "positive";
}

/** Overrides may replace any field; `key`/`id` are recomputed from platform/externalId/brandId unless given. */
export type ScoredMentionOverrides = Partial<Omit<ScoredMention, "analysis">> & {
  analysis?: Partial<Analysis>;
};

/** A valid ScoredMention number `i` (brand "acme", platform "otzovik", Russian text). */
export function makeScoredMention(i: number, overrides: ScoredMentionOverrides = {}): ScoredMention {
  const rating = (i % 5) + 1;
  const label = labelOf(rating);
  const { analysis: analysisOverrides, ...rest } = overrides;
  const base = {
    platform: "otzovik",
    externalId: `r${i}`,
    url: `https://otzovik.com/review_${1_000_000 + i}.html`,
    author: `user_${i}`,
    publishedAt: new Date(FIXTURE_EPOCH + i * HOUR).toISOString(),
    rating,
    title: `Отзыв №${i} о компании Акме`,
    text: `${TEXTS[i % TEXTS.length]} (отзыв ${i})`,
    language: "ru",
    brandId: "acme",
    kind: "review" as const,
    ...rest,
  };
  const key = rest.key ?? naturalKeyOf(base);
  const mention: ScoredMention = {
    ...base,
    key,
    id: rest.id ?? mentionIdOf(base.brandId, key),
    analysis: {
      label,
      score: label === "negative" ? -0.7 : label === "positive" ? 0.6 : 0,
      confidence: 0.8,
      lang: "ru",
      reasons: [{ term: label === "negative" ? "ужасный" : "отличный", weight: 1, field: "text" }],
      risks: [],
      ...analysisOverrides,
    },
  };
  RawMention.parse(mention); // a fixture that is not a valid mention is a bug in the test
  return mention;
}

/** Mentions `from` .. `from + count - 1`. */
export function makeScoredMentions(
  count: number,
  from = 0,
  overrides: ScoredMentionOverrides = {},
): ScoredMention[] {
  return Array.from({ length: count }, (_, k) => makeScoredMention(from + k, overrides));
}

/** A decider that alerts on negative mentions via two notifiers, recording every call. */
export function recordingDecider(
  intents: AlertIntent[] = [
    { ruleId: "negative", notifierId: "slack-orm", severity: "warning" },
    { ruleId: "negative", notifierId: "console", severity: "info" },
  ],
): AlertDecider & { calls: { id: string; change: "new" | "changed"; version: number }[] } {
  const calls: { id: string; change: "new" | "changed"; version: number }[] = [];
  const decide = ((m, change) => {
    calls.push({ id: m.id, change, version: m.version });
    return m.analysis.label === "negative" ? intents : [];
  }) as AlertDecider & { calls: typeof calls };
  decide.calls = calls;
  return decide;
}

/** Decider that never alerts. */
export const noAlerts: AlertDecider = () => [];
