/**
 * Invented Trustpilot reviews of the invented "Romashka Bank" (the demo brand "Банк Ромашка"), written
 * in English and a few in Russian, as expats and travellers write them. Any likeness to real people or
 * banks is accidental.
 */
import { type PlatformReview, type Story, selectReviews, visibleAt } from "../bank-stories.js";

export const COMPANY = {
  displayName: "Romashka Bank",
  identifyingName: "romashka-bank.ru",
  businessUnitId: "64f0c0ffee0000a1b2c3d4e5",
  trustScore: 2.9,
  stars: 3,
} as const;

const STORIES: Story[] = [
  {
    rating: 1,
    title: "Card blocked abroad, nobody answers",
    text: [
      "My card was blocked on the second day of my trip to Tbilisi. The chat bot kept sending me the same link, the hotline put me on hold for 40 minutes.",
      "I had to borrow money from friends. Romashka Bank, please hire people who can actually unblock a card.",
    ],
    pros: "",
    cons: "",
    reply:
      "Hello! We are sorry for the trouble. Card operations abroad were paused by our security system; the card works again. We have passed your feedback to the support team.",
  },
  {
    rating: 5,
    title: "Easy account opening for a foreigner",
    text: [
      "Opened an account with my residence permit in one visit. The manager spoke English and explained the fees.",
    ],
    pros: "",
    cons: "",
  },
  {
    rating: 4,
    title: "Good app, slow transfers",
    text: [
      "The mobile app is clean and fast. International transfers take three days, which is too long in 2026.",
    ],
    pros: "",
    cons: "",
  },
  {
    rating: 2,
    title: "Hidden fee on currency exchange",
    text: [
      "The exchange rate in the app looked fine, but there was an extra 1.5% commission I only saw in the statement.",
    ],
    pros: "",
    cons: "",
    reply:
      "Thank you for your review. The conversion fee is listed in the tariff; we will make it visible in the app before confirmation.",
  },
  {
    rating: 5,
    title: "Отличный банк",
    text: ["Пользуюсь картой Банка Ромашка третий год, проблем не было. Кэшбэк приходит вовремя."],
    pros: "",
    cons: "",
  },
  {
    rating: 1,
    title: "Scam-level customer service",
    text: [
      "They closed my account without a reason and kept my balance for 45 days. Every call ends with 'your request is being processed'.",
    ],
    pros: "",
    cons: "",
  },
  {
    rating: 3,
    title: "Average",
    text: ["Nothing special. Branch staff are polite, but the queue at the Tverskaya branch is always long."],
    pros: "",
    cons: "",
  },
  {
    rating: 4,
    title: "Mortgage approved quickly",
    text: [
      "We got our mortgage approved in five days. Paperwork was heavy, but the manager guided us through it.",
    ],
    pros: "",
    cons: "",
    reply: "Congratulations on your new home! Thank you for choosing Romashka Bank.",
  },
  {
    rating: 2,
    title: "App crashes on every update",
    text: ["After each update the app logs me out and I must confirm my identity again. Annoying."],
    pros: "",
    cons: "",
  },
  {
    rating: 5,
    title: "Helpful support in English",
    text: ["Support replied in English within ten minutes and fixed my SWIFT transfer details."],
    pros: "",
    cons: "",
  },
  {
    rating: 1,
    title: "Не вернули деньги за отменённую покупку",
    text: [
      "Магазин отменил заказ месяц назад, а банк до сих пор не вернул деньги на карту. Поддержка отвечает шаблонами.",
    ],
    pros: "",
    cons: "",
  },
];

const AUTHORS = [
  "Daniel K.",
  "Maria Ivanova",
  "Tom Becker",
  "Aigerim S.",
  "Lucas",
  "Olga",
  "Peter Novak",
  "Sophie L.",
  "Andrey",
  "Kemal Y.",
  "Julia",
];

const COUNTRIES = ["DE", "RU", "GB", "KZ", "FR", "RU", "CZ", "FR", "RU", "TR", "US"];

export interface TrustpilotReview extends PlatformReview {
  id: string;
  countryCode: string;
  verified: boolean;
}

/** 25 reviews from the start (pages of 20: 20 + 5), 2 more on top per stage (stages 1, 2). */
export const REVIEWS: TrustpilotReview[] = selectReviews({
  offset: 2,
  step: 3,
  count: 25,
  stages: 2,
  stories: STORIES,
  authors: AUTHORS,
}).map((r) => ({
  ...r,
  pros: "",
  cons: "",
  id: (0x6560a0000000n + BigInt(1_000 - r.index)).toString(16).padStart(24, "6"),
  countryCode: COUNTRIES[r.index % COUNTRIES.length]!,
  verified: r.index % 3 !== 1,
}));

export function visibleReviews(stage: number): TrustpilotReview[] {
  return visibleAt(REVIEWS, stage);
}
