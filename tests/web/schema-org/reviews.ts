/**
 * Invented reviews of the invented "Банк Ромашка" (the demo brand) on an invented B2B company catalog,
 * "Справка B2B" (host `spravka-b2b.example`), from the shared bank stories. Any likeness to real
 * people, catalogs or banks is accidental.
 */
import { type PlatformReview, selectReviews, visibleAt } from "../bank-stories.js";

export const HOST = "spravka-b2b.example";
export const ORIGIN = `https://${HOST}`;

export const FIRM = {
  slug: "bank-romashka",
  name: "Банк Ромашка",
  legalName: "АО «Банк Ромашка»",
  rating: 3.4,
} as const;
/** A branch page marked up in microdata, and an archive page marked up in hreview. */
export const BRANCH_SLUG = "bank-romashka-spb";
export const ARCHIVE_SLUG = "bank-romashka-arhiv";

export interface CatalogReview extends PlatformReview {
  id: string;
}

/** The main page: 25 reviews from the start, 2 more on top per stage (up to 2). */
export const REVIEWS: CatalogReview[] = selectReviews({ offset: 3, step: 5, count: 25, stages: 2 }).map(
  (r) => ({
    ...r,
    id: String(40_500 - r.index * 17),
  }),
);

export function visibleReviews(stage: number): CatalogReview[] {
  return visibleAt(REVIEWS, stage);
}

/** The branch (microdata) and archive (hreview) pages: a few older reviews each. */
export const BRANCH_REVIEWS: CatalogReview[] = selectReviews({
  offset: 11,
  step: 3,
  count: 6,
  stages: 0,
}).map((r) => ({ ...r, id: String(30_100 + r.index) }));
export const ARCHIVE_REVIEWS: CatalogReview[] = selectReviews({
  offset: 17,
  step: 7,
  count: 5,
  stages: 0,
}).map((r) => ({ ...r, minutesAgo: r.minutesAgo + 400 * 24 * 60, id: String(20_100 + r.index) }));
