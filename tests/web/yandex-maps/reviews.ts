/** The Yandex Maps replica's reviews of a "Банк Ромашка" office: a selection of the shared invented stories. */
import { type PlatformReview, selectReviews, visibleAt } from "../bank-stories.js";

export interface MapsReview extends PlatformReview {
  /** Yandex review ids are opaque url-safe strings. */
  id: string;
  /** "Знаток города 5 уровня" */
  caption: string;
}

export const ORG = {
  slug: "bank_romashka",
  id: "1092837465",
  name: "Банк Ромашка",
  category: "Банк",
  address: "Тверская ул., 12, Москва",
  rating: 3.8,
} as const;
export const ORG_PATH = `/maps/org/${ORG.slug}/${ORG.id}/reviews/`;
export const PAGE_SIZE = 10;

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
const idOf = (n: number) =>
  Array.from({ length: 26 }, (_, i) => ALPHABET[(n * 4099 + i * 7717 + i * i * 13) % ALPHABET.length]).join(
    "",
  );

const selection = selectReviews({ offset: 9, count: 25, stages: 2 });

export const REVIEWS: MapsReview[] = selection.map((r) => ({
  ...r,
  id: idOf(500 + selection.length - r.index),
  caption: r.index % 3 === 0 ? `Знаток города ${3 + (r.index % 7)} уровня` : "",
}));

export function visibleReviews(stage: number): MapsReview[] {
  return visibleAt(REVIEWS, stage);
}

/** Yandex's default order: "by relevance" (here: most liked first), unlike "По новизне" (newest first). */
export function byRelevance(reviews: MapsReview[]): MapsReview[] {
  return [...reviews].sort((a, b) => b.likes - a.likes || b.text.join("").length - a.text.join("").length);
}
