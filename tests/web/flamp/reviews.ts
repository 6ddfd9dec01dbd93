/** The flamp.ru replica's reviews of a "Банк Ромашка" branch: a selection of the shared invented stories. */
import { type PlatformReview, selectReviews, visibleAt } from "../bank-stories.js";

export interface FlampReview extends PlatformReview {
  id: number;
}

export const FIRM = {
  slug: "bank_romashka_bank",
  id: "70000001057394851",
  name: "Банк Ромашка, банк",
  address: "Тверская, 12",
  rating: 3.7,
} as const;
export const FIRM_PATH = `/firm/${FIRM.slug}-${FIRM.id}`;
export const PAGE_SIZE = 10;

const selection = selectReviews({ offset: 17, count: 21, stages: 2 });

export const REVIEWS: FlampReview[] = selection.map((r) => ({
  ...r,
  id: 41_280_000 + (selection.length - r.index) * 13,
}));

export function visibleReviews(stage: number): FlampReview[] {
  return visibleAt(REVIEWS, stage);
}
