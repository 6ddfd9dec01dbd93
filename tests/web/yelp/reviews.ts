/** The Yelp replica's reviews of the invented "Lastochka Café" in Brooklyn (English). */
import { type PlatformReview, selectReviews, visibleAt } from "../bank-stories.js";
import { CAFE_STORIES, EN_PEOPLE } from "../cafe-stories.js";

export interface YelpReview extends PlatformReview {
  /** Yelp review ids are 22-character url-safe strings. */
  id: string;
  /** "Brooklyn, NY" */
  location: string;
}

export const BIZ = {
  slug: "lastochka-cafe-brooklyn",
  name: "Lastochka Café",
  rating: 3.9,
  owner: "Irina K.",
  timeZone: "America/New_York",
} as const;
export const PAGE_SIZE = 10;

const LOCATIONS = ["Brooklyn, NY", "Manhattan, NY", "Queens, NY", "Jersey City, NJ", "Hoboken, NJ"];
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const idOf = (n: number) =>
  Array.from(
    { length: 22 },
    (_, i) => ALPHABET[(n * 7919 + i * 104_729 + i * i * 31) % ALPHABET.length],
  ).join("");

const selection = selectReviews({
  offset: 3,
  count: 14,
  stages: 1,
  stories: CAFE_STORIES,
  authors: EN_PEOPLE,
});

export const REVIEWS: YelpReview[] = selection.map((r) => ({
  ...r,
  id: idOf(1000 + selection.length - r.index),
  location: LOCATIONS[r.index % LOCATIONS.length]!,
}));

export function visibleReviews(stage: number): YelpReview[] {
  return visibleAt(REVIEWS, stage);
}
