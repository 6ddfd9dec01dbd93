/**
 * Google Maps' positional place and review arrays, written for the replica with invented content.
 * Shapes follow the real payloads in ../shared/fixtures/real-pages/google-maps/ (2023-2026): the place
 * array `d = json[6]` with name `d[11]`, rating `d[4][7]`, count `d[4][8]`, reviews `d[175][9][0][0]`
 * (each `[el, …]`); a review `el` with id `el[0]`, µs time `el[1][2]`, relative time `el[1][6]`, author
 * `el[1][4][5][0]` (the 2024+ layout), rating `el[2][0][0]`, text `el[2][15][0][0]`, language
 * `el[2][14][0]`, link `el[4][3][0]`, owner reply `el[3][14][0][0]` with its µs time `el[3][1]`.
 */
import { MINUTE } from "../replica-kit.js";
import type { MapsReview } from "./reviews.js";

/** An array of `length` nulls with the given slots set (Google's sparse positional arrays). */
export function slots(length: number, set: Record<number, unknown>): unknown[] {
  const a: unknown[] = Array.from({ length }, () => null);
  for (const [i, v] of Object.entries(set)) a[Number(i)] = v;
  return a;
}

function relative(minutes: number): string {
  const days = Math.floor(minutes / (24 * 60));
  if (days < 1) return "сегодня";
  if (days < 7) return `${days} дн. назад`;
  if (days < 30) return `${Math.floor(days / 7)} нед. назад`;
  if (days < 365) return `${Math.floor(days / 30)} мес. назад`;
  return `${Math.floor(days / 365)} г. назад`;
}

export function reviewEl(r: MapsReview, now: Date, featureId: string): unknown[] {
  const us = (now.getTime() - r.minutesAgo * MINUTE) * 1000;
  const author = slots(11, {
    2: [`https://www.google.com/maps/contrib/1${r.index}0042/reviews?hl=ru`],
    5: [
      r.author,
      `https://lh3.googleusercontent.com/a/replica${r.index}=s120-c`,
      [`https://www.google.com/maps/contrib/1${r.index}0042?hl=ru`],
      `1${r.index}0042`,
      null,
      3 + r.index,
      0,
    ],
  });
  const meta = slots(17, { 0: featureId, 2: us, 3: us, 4: author, 6: relative(r.minutesAgo) });
  const body = slots(16, {
    0: [r.rating],
    14: ["ru", "ru", "Russian", "Russian", 1],
    15: [[r.text.join("\n"), null, [0, r.text.join("\n").length]]],
  });
  const replyUs = us + r.replyAfterMinutes * MINUTE * 1000;
  const reply = r.reply
    ? slots(15, {
        1: replyUs,
        2: replyUs,
        3: relative(Math.max(0, r.minutesAgo - r.replyAfterMinutes)),
        14: [[r.reply]],
      })
    : slots(9, { 6: [null, null, null, "/local/business/1/customers/reviews/reply?p=replica"] });
  const link = `https://www.google.com/maps/reviews/data=!4m8!14m7!1m6!2m5!1s${r.id}!2m1!1s${featureId}?hl=ru`;
  return [
    r.id,
    meta,
    body,
    reply,
    [null, 0, null, [link, null, null, "0ahUKEwi-replica"]],
    "0ahUKEwi-replica",
  ];
}

export interface PlaceInfo {
  featureId: string;
  name: string;
  address: string[];
  rating: number;
  count: number;
}

/** The place payload (`json`, whose [6] is the place), as `/maps/preview/place` returns it after `)]}'`. */
export function placeJson(p: PlaceInfo, reviews: unknown[][], reviewsAt = 175): unknown[] {
  const d = slots(180, {
    2: p.address,
    4: [
      null,
      null,
      null,
      ["https://search.google.com/local/reviews?placeid=replica", `${p.count} отзывов`],
      null,
      null,
      null,
      p.rating,
      p.count,
    ],
    10: p.featureId,
    11: p.name,
    13: ["Банк"],
    [reviewsAt]: slots(10, { 9: [[reviews.map((el) => [el, null, "CAESreplica"])]] }),
  });
  return [null, [], null, null, [[3281.3, 37.61, 55.76], [0, 0, 0], [1024, 768], 13.1], null, d];
}
