/** The sravni.ru replica's reviews of "Банк Ромашка": a selection of the shared invented stories. */
import { type PlatformReview, selectReviews, visibleAt } from "../bank-stories.js";

export interface SravniReview extends PlatformReview {
  id: number;
  /** What the review is about ("Дебетовая карта", "Вклад", …). */
  product: string;
  /** Review status: "Проверен", "Решено", "Не решено". */
  status: string;
}

export const BANK = { slug: "bank-romashka", name: "Банк Ромашка", rating: 3.5 } as const;
export const PAGE_SIZE = 10;

const PRODUCTS = [
  "Дебетовая карта",
  "Кредитная карта",
  "Вклад",
  "Ипотека",
  "Потребительский кредит",
  "Обслуживание",
];
const selection = selectReviews({ offset: 23, count: 19, stages: 2 });

export const REVIEWS: SravniReview[] = selection.map((r) => ({
  ...r,
  id: 1_384_200 + (selection.length - r.index) * 3,
  product: PRODUCTS[r.index % PRODUCTS.length]!,
  status: r.reply ? (r.rating <= 2 ? "Решено" : "Проверен") : "Проверен",
}));

export function visibleReviews(stage: number): SravniReview[] {
  return visibleAt(REVIEWS, stage);
}
