/** The banki.ru replica's reviews of "Банк Ромашка": a selection of the shared invented stories. */
import { type PlatformReview, selectReviews, visibleAt } from "../bank-stories.js";

export interface BankiReview extends PlatformReview {
  /** banki.ru response id (newer = larger). */
  id: number;
  /** "Зачтено" / "Не зачтено" / "Проверяется": whether the review counts towards the bank's rating. */
  status: string;
}

export const BANK = { slug: "romashka", name: "Банк Ромашка", rating: 3.4 } as const;
export const PAGE_SIZE = 10;

const STATUSES = ["Зачтено", "Проверяется", "Не зачтено", "Зачтено"];
const selection = selectReviews({ offset: 0, count: 23, stages: 2 });

export const REVIEWS: BankiReview[] = selection.map((r) => ({
  ...r,
  id: 12_650_500 + (selection.length - r.index),
  status: r.stage > 0 ? "Проверяется" : STATUSES[r.index % STATUSES.length]!,
}));

export function visibleReviews(stage: number): BankiReview[] {
  return visibleAt(REVIEWS, stage);
}
