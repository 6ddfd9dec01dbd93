/** The Yandex Market replica's reviews of the "Ласточка" coffee: a selection of the invented coffee stories. */
import { type PlatformReview, selectReviews, visibleAt } from "../bank-stories.js";
import { COFFEE_STORIES, RU_SHOPPERS } from "../cafe-stories.js";

export interface MarketReview extends PlatformReview {
  id: number;
  /** "Опыт использования" */
  usage: string;
}

export const PRODUCT = {
  path: "product--kofe-v-zernakh-lastochka-espresso-1-kg/1779845123",
  name: "Кофе в зёрнах Ласточка «Эспрессо», 1 кг",
  rating: 4.1,
} as const;
export const SHOP = { name: "Ласточка — кофейная обжарка" } as const;
export const PAGE_SIZE = 10;

const USAGE = ["менее месяца", "несколько месяцев", "более года"];
const selection = selectReviews({
  offset: 0,
  count: 14,
  stages: 1,
  stories: COFFEE_STORIES,
  authors: RU_SHOPPERS,
});

export const REVIEWS: MarketReview[] = selection.map((r) => ({
  ...r,
  id: 182_740_000 + (selection.length - r.index) * 7,
  usage: USAGE[r.index % USAGE.length]!,
}));

export function visibleReviews(stage: number): MarketReview[] {
  return visibleAt(REVIEWS, stage);
}
