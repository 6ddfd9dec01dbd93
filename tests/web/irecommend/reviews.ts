/** The irecommend.ru replica's reviews of the bank's debit card: a selection of the shared invented stories. */
import { type PlatformReview, selectReviews, visibleAt } from "../bank-stories.js";
import { slugOf } from "../replica-kit.js";

export interface IrecommendReview extends PlatformReview {
  /** Review node path slug: /content/<slug>. */
  slug: string;
}

export const PRODUCT = {
  slug: "debetovaya-karta-bank-romashka-keshbek",
  name: "Дебетовая карта Банк Ромашка «Кэшбэк»",
  rating: 3.6,
} as const;
export const PAGE_SIZE = 10;

const selection = selectReviews({ offset: 11, count: 22, stages: 2 });

export const REVIEWS: IrecommendReview[] = selection.map((r) => ({
  ...r,
  // irecommend review URLs are transliterated titles; the suffix keeps them unique like the site's "-2", "-3".
  slug: `${slugOf(r.title)}-${selection.length - r.index}`,
}));

export function visibleReviews(stage: number): IrecommendReview[] {
  return visibleAt(REVIEWS, stage);
}
