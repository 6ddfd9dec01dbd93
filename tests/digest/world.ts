/**
 * A seeded, deterministic digest world: an invented bank ("Банк Ромашка") and two competitors over
 * N weeks on review sites, maps, employer boards, a forum and a feed, with ratings, replies, risk
 * flags, complaint reasons, a map rating that drops in the last weeks, a review attack, crawl runs
 * (one platform blocked, one never crawled in the last week) and a storm. Used by the digest tests
 * (small) and bench/digest.ts (1,000,000 mentions): mentions are generated lazily, in batches.
 *
 * Any likeness to real banks or people is accidental.
 */
import type { Brand } from "../../src/config/brands.js";
import { DigestFile } from "../../src/config/digest.js";
import {
  type MentionKind,
  mentionIdOf,
  type Reason,
  type ScoredMention,
  type SentimentLabel,
} from "../../src/domain/mention.js";
import type { CrawlRun, OutboxIntent } from "../../src/store/store.js";

export const PLATFORMS: { id: string; name: string; kind: MentionKind; weight: number; rated: boolean }[] = [
  { id: "otzovik", name: "Otzovik", kind: "review", weight: 26, rated: true },
  { id: "banki-ru", name: "Banki.ru", kind: "review", weight: 18, rated: true },
  { id: "yandex-maps", name: "Yandex Maps", kind: "map", weight: 20, rated: true },
  { id: "2gis", name: "2GIS", kind: "map", weight: 10, rated: true },
  { id: "pravda-sotrudnikov", name: "Pravda Sotrudnikov", kind: "employer", weight: 6, rated: true },
  { id: "dreamjob", name: "Dreamjob", kind: "employer", weight: 4, rated: true },
  { id: "banki-forum", name: "Banki.ru forum", kind: "forum", weight: 10, rated: false },
  { id: "google-alerts", name: "Google Alerts", kind: "feed", weight: 6, rated: false },
];

export const BRANDS = [
  { id: "romashka", name: "Банк Ромашка", competitor: false, scale: 1 },
  { id: "vasilek", name: "Банк Василёк", competitor: true, scale: 0.7 },
  { id: "landysh", name: "Ландыш Банк", competitor: true, scale: 0.45 },
];

const COMPLAINTS = [
  "хамство",
  "навязали страховку",
  "очередь",
  "не вернули деньги",
  "зависает приложение",
  "скрытые комиссии",
  "никому не советую",
  "заблокировали карту",
  "обман",
  "долго ждать",
];
const CONS = ["задержки зарплаты", "переработки", "серая зарплата", "токсичное руководство", "нет роста"];
const PRAISE = ["вежливые сотрудники", "удобное приложение", "быстро", "рекомендую", "хороший процент"];
const RISKS = ["legal-threat", "fraud-accusation", "media-threat"];
const NEG_TITLES = [
  "Заблокировали карту без объяснений",
  "Хамство в отделении на Ленина",
  "Навязали страховку при оформлении кредита",
  "Деньги не вернули уже месяц",
  "Очередь на час, работает одно окно",
  "Приложение снова не работает",
];
const POS_TITLES = ["Быстро открыли вклад", "Вежливый менеджер", "Удобное приложение", "Хороший банк"];
/** Scraped text is hostile: this one must arrive escaped in every report. */
export const HOSTILE_TITLE = `"><img src=x onerror=alert(1)><script>alert('xss')</script>\u202Eгадость`;

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WorldOptions {
  /** Monday 00:00 (UTC instant) of the reported week. */
  weekStart: Date;
  /** Weeks generated, the reported one last. */
  weeks: number;
  /** Mentions of the main brand in the reported week (other weeks vary around 80–100% of it). */
  perWeek: number;
  seed?: number;
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function platformOf(r: () => number) {
  const total = PLATFORMS.reduce((s, p) => s + p.weight, 0);
  let x = r() * total;
  for (const p of PLATFORMS) {
    x -= p.weight;
    if (x < 0) return p;
  }
  return PLATFORMS[0]!;
}

export type WorldBrand = { id: string; name: string; competitor: boolean; scale: number };

/** One generated mention number `n` of `brand` at `at` (epoch ms); `ageWeeks` 0 = the reported week. */
export function mention(
  r: () => number,
  brand: WorldBrand,
  n: number,
  at: number,
  ageWeeks: number,
): ScoredMention {
  const p = platformOf(r);
  // the reported weeks are worse: more negatives, and maps drop
  const trouble = brand.id === "romashka" ? Math.max(0, 3 - ageWeeks) * 0.05 : 0;
  const mapDrop = p.kind === "map" ? trouble * 1.6 : 0;
  const negP = 0.22 + trouble + mapDrop;
  const x = r();
  const label: SentimentLabel = x < negP ? "negative" : x < negP + 0.2 ? "neutral" : "positive";
  const rating = !p.rated
    ? undefined
    : label === "negative"
      ? 1 + Math.floor(r() * 2)
      : label === "neutral"
        ? 3
        : 4 + Math.floor(r() * 2);
  const reasons: Reason[] =
    p.kind === "employer"
      ? [
          {
            term: pick(r, label === "negative" ? CONS : PRAISE),
            weight: label === "negative" ? -2.5 : 2,
            field: "text",
          },
        ]
      : label === "negative"
        ? [
            { term: pick(r, COMPLAINTS), weight: -2.5, field: "text" },
            ...(r() < 0.5 ? [{ term: pick(r, COMPLAINTS), weight: -1.5, field: "text" as const }] : []),
          ]
        : [{ term: pick(r, PRAISE), weight: 2, field: "text" }];
  if (p.kind === "employer") reasons.push({ term: pick(r, CONS), weight: -2, field: "cons" });
  const title = label === "negative" ? pick(r, NEG_TITLES) : pick(r, POS_TITLES);
  const key = `${p.id}:${brand.id}-${n}`;
  return {
    platform: p.id,
    externalId: `${brand.id}-${n}`,
    url: `https://${p.id}.example/review/${brand.id}-${n}`,
    author: `user_${Math.floor(r() * 50_000)}`,
    publishedAt: new Date(at).toISOString(),
    ...(rating === undefined ? {} : { rating }),
    title,
    text: `${title}. ${reasons.map((x) => x.term).join(", ")} — ${brand.name}, отделение №${n % 40}.`,
    ...(p.kind === "employer" ? { cons: reasons.at(-1)!.term } : {}),
    ...(label === "negative" && r() < 0.35
      ? { reply: { text: "Здравствуйте! Разберёмся, напишите нам." } }
      : {}),
    likes: Math.floor(r() ** 3 * 40),
    language: "ru",
    key,
    id: mentionIdOf(brand.id, key),
    brandId: brand.id,
    kind: p.kind,
    analysis: {
      label,
      score: label === "negative" ? -0.7 : label === "positive" ? 0.6 : 0,
      confidence: 0.8,
      lang: "ru",
      reasons,
      risks: label === "negative" && r() < 0.08 ? [{ flag: pick(r, RISKS), trigger: "суд" }] : [],
    },
  };
}

/** Every mention of the world, in batches of `batch`, oldest week first. */
export function* worldMentions(o: WorldOptions, batch = 5_000): Generator<ScoredMention[]> {
  const r = rng(o.seed ?? 42);
  let buf: ScoredMention[] = [];
  let n = 0;
  for (let w = o.weeks - 1; w >= 0; w--) {
    const start = o.weekStart.getTime() - w * WEEK;
    for (const brand of BRANDS) {
      const count = Math.round(o.perWeek * brand.scale * (w === 0 ? 1 : 0.8 + 0.2 * r()));
      for (let i = 0; i < count; i++) {
        buf.push(mention(r, brand, n++, start + Math.floor(r() * WEEK), w));
        if (buf.length >= batch) {
          yield buf;
          buf = [];
        }
      }
    }
  }
  // the hostile one and a review attack (three near-identical texts, three accounts, two sites)
  const at = o.weekStart.getTime() + 2 * DAY + 3_600_000;
  const hostile = mention(rng(7), BRANDS[0]!, n++, at, 0);
  hostile.title = HOSTILE_TITLE;
  hostile.text = `${HOSTILE_TITLE} <a href="javascript:alert(1)">клик</a> и ещё ${"\u200B"}скрытое`;
  hostile.analysis = {
    ...hostile.analysis,
    label: "negative",
    risks: [
      { flag: "legal-threat", trigger: "суд" },
      { flag: "media-threat", trigger: "СМИ" },
    ],
  };
  hostile.rating = 1;
  hostile.platform = "otzovik";
  hostile.kind = "review";
  buf.push(hostile);
  buf.push(...attackMentions(o.weekStart));
  yield buf;
}

export const ATTACK_TEXT =
  "Ужасный банк, деньги списали без спроса, поддержка молчит, никому не советую связываться с ними никогда";

export function attackMentions(weekStart: Date): ScoredMention[] {
  return ["otzovik", "banki-ru", "otzovik"].map((platform, i) => {
    const key = `${platform}:attack-${i}`;
    return {
      platform,
      externalId: `attack-${i}`,
      url: `https://${platform}.example/review/attack-${i}`,
      author: `fresh_account_${i}`,
      publishedAt: new Date(weekStart.getTime() + 3 * DAY + i * 600_000).toISOString(),
      rating: 1,
      title: "Никому не советую",
      text: ATTACK_TEXT,
      language: "ru",
      key,
      id: mentionIdOf("romashka", key),
      brandId: "romashka",
      kind: "review" as const,
      analysis: {
        label: "negative" as const,
        score: -0.9,
        confidence: 0.9,
        lang: "ru",
        reasons: [{ term: "никому не советую", weight: -4, field: "text" as const }],
        risks: [],
        fingerprint: "a1b2c3d4e5f60718",
      },
    };
  });
}

/** Crawl runs of the reported week: 2GIS blocked from Thursday on, Dreamjob never crawled. */
export function worldRuns(weekStart: Date): CrawlRun[] {
  const runs: CrawlRun[] = [];
  for (const p of PLATFORMS) {
    if (p.id === "dreamjob") continue;
    for (let h = 0; h < 7 * 24; h += 6) {
      const startedAt = new Date(weekStart.getTime() + h * 3_600_000).toISOString();
      const blocked = p.id === "2gis" && h >= 3 * 24;
      runs.push({
        id: `${p.id}-${h}`,
        sourceId: p.id,
        brandId: "romashka",
        startedAt,
        status: blocked ? "blocked" : "ok",
        pages: 1,
        items: 10,
        new: 1,
        changed: 0,
        alerts: 0,
        ...(blocked ? { error: "captcha page: «Подтвердите, что вы не робот»" } : {}),
      });
    }
  }
  return runs;
}

/** The incidents the alert stage would have enqueued during the week. */
export function worldIncidents(weekStart: Date): { rows: OutboxIntent[]; at: Date } {
  const day = new Date(weekStart.getTime() + 3 * DAY).toISOString().slice(0, 10);
  const row = (id: string, ruleId: string): OutboxIntent => ({
    key: `${id}#${ruleId}#slack-reputation`,
    mentionId: id,
    ruleId,
    notifierId: "slack-reputation",
    severity: "warning",
    change: "new",
  });
  return {
    rows: [row(`storm:romashka:${day}`, "storm"), row("attack:romashka/otzovik:attack-0", "review-attack")],
    at: new Date(weekStart.getTime() + 3 * DAY + 3_600_000),
  };
}

/** A configuration view matching the world (brands with targets on every platform). */
export function worldConfig(digest: Record<string, unknown> = {}) {
  const brands = BRANDS.map(
    (b): Brand => ({
      id: b.id,
      name: b.name,
      aliases: [],
      exclusions: [],
      context: [],
      contextWindow: 12,
      all: [],
      none: [],
      near: [],
      inflect: true,
      fuzzy: true,
      competitor: b.competitor,
      targets: PLATFORMS.map((p) => ({ source: p.id, id: b.id })),
    }),
  );
  return {
    brands,
    sources: new Map(PLATFORMS.map((p) => [p.id, { name: p.name }])),
    alerts: {
      attack: {
        notify: ["slack-reputation"],
        severity: "warning" as const,
        windowHours: 48,
        minSize: 3,
        maxDistance: 3,
        minWords: 8,
      },
    },
    digest: DigestFile.parse({ timezone: "Europe/Moscow", ...digest }),
  };
}
