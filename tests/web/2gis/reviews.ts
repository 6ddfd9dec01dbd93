/**
 * Invented 2GIS reviews of a branch of the invented "Банк Ромашка" (the demo brand), in the review
 * schema 2GIS uses both in the firm page's `initialState` and in its public reviews API. Any likeness
 * to real people or banks is accidental.
 */
import { type PlatformReview, selectReviews, visibleAt } from "../bank-stories.js";
import { MINUTE } from "../replica-kit.js";

export const BRANCH = {
  id: "70000001099990001",
  city: "moscow",
  name: "Банк Ромашка, отделение на Тверской",
  orgName: "Банк Ромашка",
  address: "Тверская улица, 12",
  rating: 3.6,
} as const;
/** Branches with other behaviour: not found, rebuilt API, ratings gone, captcha. */
export const NOT_FOUND_ID = "70000001099990404";
export const REBUILT_ID = "70000001099990002";
export const UNRATED_ID = "70000001099990003";
export const BLOCKED_ID = "70000001099990429";

export interface GisReview extends PlatformReview {
  id: string;
  hidden: boolean;
}

/** 25 reviews from the start, 2 of them hidden by moderation; 2 more on top per stage (up to 2). */
export const REVIEWS: GisReview[] = selectReviews({ offset: 5, step: 11, count: 25, stages: 2 }).map((r) => ({
  ...r,
  id: String(231_000_000 - r.index * 1_379),
  hidden: r.index === 6 || r.index === 17,
}));

export function visibleReviews(stage: number): GisReview[] {
  return visibleAt(REVIEWS, stage);
}

/** Reviews a reader sees (not hidden). */
export function shownReviews(stage: number): GisReview[] {
  return visibleReviews(stage).filter((r) => !r.hidden);
}

/** "2026-11-20T14:04:09.123456+03:00" — 2GIS prints microseconds and the city's offset. */
function gisDate(ms: number): string {
  const local = new Date(ms + 3 * 60 * MINUTE).toISOString().replace("Z", "");
  return `${local}${String(ms % 1000).padStart(3, "0")}+03:00`;
}

/** One review in 2GIS's review schema. `rated: false` renames `rating` (the "ratings gone" variant). */
export function reviewJson(r: GisReview, now: Date, branchId: string = BRANCH.id, rated = true) {
  const created = now.getTime() - r.minutesAgo * MINUTE;
  const rating = rated ? { rating: r.rating } : { score: { value: r.rating } };
  return {
    additional_data: { external_id: null, from_friend: false, pin_status: "none", user_agent: "" },
    comments_count: r.index % 4 === 0 ? 1 : 0,
    date_created: gisDate(created),
    date_edited: null,
    emojis: [],
    hiding_reason: r.hidden ? "spam" : null,
    hiding_type: r.hidden ? "moderation" : null,
    id: r.id,
    is_hidden: r.hidden,
    is_rated: true,
    likes_count: r.likes,
    media: [],
    object: { id: branchId, type: "branch" },
    official_answer: r.reply
      ? {
          date_created: gisDate(created + r.replyAfterMinutes * MINUTE),
          id: String(52_000_000 + r.index),
          logo_preview_urls: {},
          org_name: BRANCH.orgName,
          text: r.reply,
        }
      : null,
    provider: "2gis",
    ...rating,
    region_id: 32,
    text: r.text.join("\n"),
    url: "",
    user: {
      first_name: r.author,
      id: String(81_000_000 + r.index),
      last_name: null,
      name: r.author,
      photo_preview_urls: { "1920x": "", "320x": "", "640x": "", "64x64": "", url: "" },
      provider: "2gis",
      public_id: `${r.id}aa0c459baff689e27cf0158b`.slice(0, 32),
      reviews_count: 1 + (r.index % 9),
      url: "",
    },
  };
}
