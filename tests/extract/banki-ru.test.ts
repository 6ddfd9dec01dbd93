/** sources/banki-ru.yaml on the banki.ru replica's pages (rendered with a fixed clock). No real page exists. */
import { describe, expect, it } from "vitest";
import { extractPage } from "../../src/extract/extract-page.js";
import { BANK, REVIEWS, visibleReviews } from "../web/banki-ru/reviews.js";
import { blockPage, listPage, reviewPage } from "../web/banki-ru/site.js";
import { teaserOf } from "../web/replica-kit.js";
import { htmlPage, loadSource } from "./helpers.js";

const source = loadSource("banki-ru");
const now = new Date("2026-11-23T09:30:00Z");
const listUrl = (p: number) => `https://www.banki.ru/services/responses/bank/${BANK.slug}/?page=${p}`;
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();

function extractList(page: number, stage = 0) {
  return extractPage(
    htmlPage(listUrl(page), listPage(visibleReviews(stage), page, now), now.toISOString()),
    source,
  );
}

describe("banki-ru source on the replica list pages", () => {
  it("reads 10 + 10 + 3 reviews, newest first, then an empty page", () => {
    const pages = [1, 2, 3, 4].map((p) => extractList(p));
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 3, 0]);
    expect(pages.flatMap((p) => p.warnings)).toEqual([]);
    const ids = pages.flatMap((p) => p.items.map((i) => Number(i.externalId)));
    expect(ids).toEqual(visibleReviews(0).map((r) => r.id));
    const dates = pages.flatMap((p) => p.items.map((i) => i.publishedAt!));
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("reads every field of a card, the bank's answer included", () => {
    const r = visibleReviews(0)
      .slice(0, 10)
      .find((x) => x.reply && teaserOf(x.text, 220).cut)!;
    const item = extractList(1).items.find((i) => i.externalId === String(r.id));
    expect(item).toEqual({
      platform: "banki-ru",
      externalId: String(r.id),
      url: `https://www.banki.ru/services/responses/bank/response/${r.id}/`,
      author: r.author,
      publishedAt: at(r.minutesAgo),
      rating: r.rating,
      title: r.title,
      text: teaserOf(r.text, 220).text.replace(/…$/, ""),
      reply: { text: r.reply!, publishedAt: at(r.minutesAgo - r.replyAfterMinutes) },
      language: "ru",
      subject: BANK.name,
      extra: { city: r.city, status: r.status, truncated: true },
    });
  });

  it("keeps every rating and flags only cut teasers", () => {
    const items = [1, 2, 3].flatMap((p) => extractList(p).items);
    for (const item of items) {
      const r = REVIEWS.find((x) => String(x.id) === item.externalId)!;
      expect(item.rating).toBe(r.rating);
      expect(item.extra?.["truncated"] === true).toBe(teaserOf(r.text, 220).cut);
      expect(item.reply !== undefined).toBe(r.reply !== undefined);
    }
    expect(items.filter((i) => i.rating! <= 2).length).toBeGreaterThanOrEqual(6);
  });
});

it("reads the bank's rating and review count from the header into the page's aggregate", () => {
  expect(extractList(1).aggregate).toEqual({ rating: BANK.rating, count: visibleReviews(0).length });
});

describe("banki-ru source on other replica pages", () => {
  it("a review page yields the full text, the full answer and its canonical permalink", () => {
    const r = REVIEWS.find((x) => x.reply && teaserOf(x.text, 220).cut)!;
    const url = `https://www.banki.ru/services/responses/bank/response/${r.id}/`;
    const out = extractPage(htmlPage(url, reviewPage(r, now), now.toISOString()), source);
    expect(out.warnings).toEqual([]);
    expect(out.items).toHaveLength(1);
    expect(out.items[0]).toMatchObject({
      externalId: String(r.id),
      url,
      title: r.title,
      text: r.text.join("\n\n"),
      rating: r.rating,
      reply: { text: r.reply },
    });
    expect(out.items[0]!.extra?.["truncated"]).toBeUndefined();
  });

  it("the block page is blocked (403 + captcha form), the redesign has no item elements", () => {
    const blocked = extractPage(htmlPage(listUrl(1), blockPage(), now.toISOString(), 403), source);
    expect(blocked).toMatchObject({ blocked: true, items: [] });
    const changed = extractPage(htmlPage(listUrl(1), listPage(visibleReviews(0), 1, now, true)), source);
    expect(changed).toMatchObject({ blocked: false, itemNodes: 0, items: [] });
  });
});
