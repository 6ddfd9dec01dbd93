/** sources/hh-ru.yaml crawling its replica: reviews in the page's initial-state JSON, employer answers. */
import { expect, it } from "vitest";
import { extractPage } from "../../src/extract/extract-page.js";
import { htmlPage, loadSource } from "../extract/helpers.js";
import { answerOf, HH_ORIGIN, hhReviews, hhSite, listUrl, reviewsPage } from "../web/hh-ru/site.js";
import { describeEmployerBoard } from "./employer-checks.js";

describeEmployerBoard({
  id: "hh-ru",
  site: hhSite,
  startUrl: listUrl,
  reviews: hhReviews,
  pages: 3, // page=0,1,2; the state says page 2 is the last
  blockedUrl: `${HH_ORIGIN}/employer/blocked`,
  brokenUrl: `${HH_ORIGIN}/employer/new-front`,
  extra: (r) => ({
    position: r.position,
    city: r.city,
    status: r.current ? "Работает в компании" : "Работал(а) в компании",
    ...r.sub,
  }),
});

it("hh-ru: the employer's answer is the reply, the header's rating the aggregate", () => {
  const now = new Date("2026-11-23T09:30:00Z");
  const out = extractPage(
    htmlPage(listUrl, reviewsPage(hhReviews(0), 0, now), now.toISOString()),
    loadSource("hh-ru"),
  );
  expect(out.aggregate).toEqual({ rating: 3.4, count: 12 });
  const answered = out.items.filter((i) => i.reply);
  expect(answered.length).toBeGreaterThan(0);
  for (const item of out.items) {
    const review = hhReviews(0).find((r) => r.title === item.title && r.rating === item.rating)!;
    expect(item.reply?.text).toBe(answerOf(review));
  }
  expect(out.items[0]!.url).toMatch(/^https:\/\/feedback\.hh\.ru\/employer\/4412908\?reviewId=\d+$/);
});
