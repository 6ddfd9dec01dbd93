/** The zoon.ru replica's reviews of a "Банк Ромашка" office: a selection of the shared invented stories. */
import { type PlatformReview, selectReviews, visibleAt } from "../bank-stories.js";

export interface ZoonReview extends PlatformReview {
  /** zoon ids are 24-hex object ids. */
  id: string;
}

export const ORG = {
  path: "msk/banks/bank_romashka_na_tverskoj_ulitse",
  id: "5e1f0c3a9b2d4e0012ab34cd",
  name: "Банк Ромашка на Тверской улице",
  rating: 3.9,
  address: "Тверская улица, 12, Москва",
} as const;
export const PAGE_SIZE = 10;

const selection = selectReviews({ offset: 5, count: 24, stages: 2 });
const hex = (n: number) => n.toString(16).padStart(6, "0");

export const REVIEWS: ZoonReview[] = selection.map((r) => ({
  ...r,
  id: `6540a1b2c3d4e5f6a7${hex(0x10_0000 + selection.length - r.index)}`,
}));

export function visibleReviews(stage: number): ZoonReview[] {
  return visibleAt(REVIEWS, stage);
}
