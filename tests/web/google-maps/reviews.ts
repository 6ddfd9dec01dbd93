/**
 * Invented Google Maps reviews of a branch of the invented "Банк Ромашка" (the demo brand), taken from
 * the shared bank stories. Any likeness to real people or banks is accidental.
 */
import { type PlatformReview, selectReviews, visibleAt } from "../bank-stories.js";

export const PLACE = {
  id: "ChIJ_romashka_tverskaya_12",
  featureId: "0x46b54a50b315e573:0x9d0a5a1f0c0ffee1",
  name: "Банк Ромашка",
  address: ["Тверская ул., 12", "Москва, 125009"],
  rating: 3.7,
  count: 214,
} as const;

export interface MapsReview extends PlatformReview {
  id: string;
}

/** Stage 0: 8 reviews (what the place payload carries), 2 more on top per stage (up to 2). */
export const REVIEWS: MapsReview[] = selectReviews({ offset: 9, step: 13, count: 8, stages: 2 }).map((r) => ({
  ...r,
  id: `ChZDSUhNMG9nS0VJQ0FnSURSb21hc2hr${String(r.index).padStart(2, "0")}EAE`,
}));

/** The reviews the place payload shows at a stage: the 8 newest. */
export function placeReviews(stage: number): MapsReview[] {
  return visibleAt(REVIEWS, stage).slice(0, 8);
}
