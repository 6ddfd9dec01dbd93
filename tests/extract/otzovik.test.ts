/**
 * sources/otzovik.yaml against the otzovik replica (rendered by the site module, fixed clock) and
 * against the real saved pages in ../shared/fixtures/real-pages/otzovik/ (skipped when absent).
 */
import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/extract/dates.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { BANK, HOSTILE_REVIEW_ID, REVIEWS, visibleReviews } from "../web/otzovik/reviews.js";
import { captchaPage, listPage, redesignedPage, reviewPage, teaserOf } from "../web/otzovik/site.js";
import { htmlPage, loadSource, realPage } from "./helpers.js";

const source = loadSource("otzovik");
const now = new Date("2026-04-22T09:30:00Z");
const fetchedAt = now.toISOString();
const listUrl = (p: number) => `https://otzovik.com/reviews/${BANK.slug}/${p === 1 ? "" : `${p}/`}`;

function extractList(page: number, stage = 0) {
  const reviews = visibleReviews(stage);
  const pages = Math.ceil(reviews.length / 10);
  return extractPage(htmlPage(listUrl(page), listPage(reviews, page, pages, now), fetchedAt), source);
}

describe("otzovik source on the replica list pages", () => {
  it("walks 3 pages of 10 + 10 + 5 reviews, newest first, with next links", () => {
    const pages = [1, 2, 3].map((p) => extractList(p));
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.itemNodes)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.nextUrl)).toEqual([listUrl(2), listUrl(3), undefined]);
    expect(pages.flatMap((p) => p.warnings)).toEqual([]);
    expect(pages.every((p) => !p.blocked)).toBe(true);
    const ids = pages.flatMap((p) => p.items.map((i) => Number(i.externalId)));
    expect(ids).toEqual(visibleReviews(0).map((r) => r.id));
    const dates = pages.flatMap((p) => p.items.map((i) => i.publishedAt!));
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("reads every field of a review", () => {
    const first = extractList(1).items[0]!;
    const r = visibleReviews(0)[0]!;
    expect(first).toEqual({
      platform: "otzovik",
      externalId: String(r.id),
      url: `https://otzovik.com/review_${r.id}.html`,
      author: r.login,
      publishedAt: new Date(now.getTime() - r.minutesAgo * 60_000).toISOString(),
      rating: r.rating,
      title: r.title,
      text: r.text.join("\n"),
      pros: r.pros,
      cons: r.cons,
      likes: r.likes,
      subject: BANK.name,
      extra: { city: r.city },
    });
  });

  it("keeps the ratings, including negatives, and flags teasers as truncated", () => {
    const items = [1, 2, 3].flatMap((p) => extractList(p).items);
    const byId = new Map(REVIEWS.map((r) => [String(r.id), r]));
    for (const item of items) {
      const r = byId.get(item.externalId!)!;
      expect(item.rating).toBe(r.rating);
      expect(item.extra?.["truncated"] === true).toBe(teaserOf(r).cut);
      if (teaserOf(r).cut) expect(r.text.join("\n").startsWith(item.text)).toBe(true);
    }
    expect(items.filter((i) => i.rating! <= 2).length).toBeGreaterThanOrEqual(5);
  });

  it("delivers hostile text decoded from the HTML escapes, as plain strings", () => {
    const html = listPage(visibleReviews(0), 2, 3, now);
    expect(html).toContain("&lt;!channel&gt;");
    expect(html).not.toContain("<!channel>");
    const hostile = extractList(2).items.find((i) => i.externalId === String(HOSTILE_REVIEW_ID))!;
    expect(hostile.text).toContain("<!channel>");
    expect(hostile.text).toContain("<http://evil.example|bank.ru>");
    expect(hostile.title).toBe("Ужасный сервис <b>никому не советую</b>");
    expect(hostile.rating).toBe(1);
  });

  it("shows 2 new reviews on top of page 1 per stage", () => {
    const stage0 = extractList(1, 0).items.map((i) => i.externalId);
    const stage1 = extractList(1, 1).items.map((i) => i.externalId);
    expect(stage1.slice(2)).toEqual(stage0.slice(0, 8));
    expect(stage1.slice(0, 2)).toEqual(["18400127", "18400126"]);
    expect(extractList(3, 3).items.length).toBe(10); // 31 reviews: 10 + 10 + 10 + 1
    expect(extractList(3, 3).nextUrl).toBe(listUrl(4));
  });

  it("the relative dates printed agree with data-ts", () => {
    for (const r of visibleReviews(0)) {
      const html = listPage([r], 1, 1, now);
      const printed = /data-format="human">([^<]+)</.exec(html)![1]!;
      const fromText = parseDate(printed, { now, timeZone: "Europe/Moscow" })!;
      const actual = now.getTime() - r.minutesAgo * 60_000;
      // "сегодня в 12:02" / "вчера в 23:10" keep the minute; "3 дня назад", "12 марта 2024" only the day
      const tolerance = /^(сегодня|вчера) в/.test(printed) ? 60_000 : 86_400_000;
      expect(Math.abs(Date.parse(fromText) - actual), printed).toBeLessThan(tolerance);
    }
  });
});

describe("otzovik source on other replica pages", () => {
  it("a review page yields the full text with its canonical permalink", () => {
    const r = REVIEWS.find((x) => x.id === HOSTILE_REVIEW_ID)!;
    const url = `https://otzovik.com/review_${r.id}.html`;
    const out = extractPage(htmlPage(url, reviewPage(r, now), fetchedAt), source);
    expect(out.items).toHaveLength(1);
    expect(out.items[0]).toMatchObject({ externalId: String(r.id), url, text: r.text.join("\n"), rating: 1 });
    expect(out.items[0]!.extra?.["truncated"]).toBeUndefined();
    expect(out.nextUrl).toBeUndefined();
  });

  it("the captcha page is blocked, with no items", () => {
    const out = extractPage(htmlPage(listUrl(1), captchaPage("/reviews/blocked_brand/"), fetchedAt), source);
    expect(out).toEqual({ items: [], warnings: [], blocked: true, itemNodes: 0 });
  });

  it("the redesigned list has 0 item nodes (a broken source, not an empty one)", () => {
    const out = extractPage(htmlPage(listUrl(1), redesignedPage(now, 0), fetchedAt), source);
    expect(out.itemNodes).toBe(0);
    expect(out.items).toEqual([]);
    expect(out.blocked).toBe(false);
  });
});

describe("otzovik source on the real saved pages", () => {
  const home = realPage("otzovik/01_otzovik.html");
  it.skipIf(!home)("homepage: 15 review teasers with id, url, author, date, title, pros, cons", () => {
    const out = extractPage(htmlPage("https://otzovik.com/", home!, "2025-09-30T10:00:00.000Z"), source);
    expect(out.itemNodes).toBe(15);
    expect(out.items).toHaveLength(15);
    expect(out.warnings).toEqual([]);
    expect(out.blocked).toBe(false);
    expect(out.nextUrl).toBeUndefined();
    for (const item of out.items) {
      expect(item.externalId).toMatch(/^\d{8}$/);
      expect(item.url).toBe(`https://otzovik.com/review_${item.externalId}.html`);
      expect(item.author).toBeTruthy();
      expect(item.title).toBeTruthy();
      expect(item.pros).toBeTruthy();
      expect(item.cons).toBeTruthy();
      expect(item.pros).not.toMatch(/^Достоинства/);
      expect(item.subject).toBeTruthy();
      expect(item.rating).toBeUndefined(); // the homepage shows the product's rating, not the review's
      expect(Date.parse(item.publishedAt!)).toBeGreaterThan(Date.parse("2025-09-29T00:00:00Z"));
    }
    expect(out.items[0]).toMatchObject({
      externalId: "17721154",
      author: "tan.-log",
      publishedAt: "2025-09-30T09:02:54.000Z", // data-ts 1759222974, shown as "сегодня в 12:02"
      cons: "нет",
      likes: 3,
    });
  });

  it.skipIf(!home)("homepage: the printed relative date agrees with data-ts", () => {
    const m = /data-ts="(\d+)" data-format="human">([^<]+)</.exec(home!)!;
    const fromText = parseDate(m[2]!, { now: new Date("2025-09-30T10:00:00Z"), timeZone: "Europe/Moscow" });
    expect(Math.abs(Date.parse(fromText!) - Number(m[1]) * 1000)).toBeLessThan(60_000);
  });

  const captcha = realPage("otzovik/90_debug_otzovik_captcha.html");
  it.skipIf(!captcha)("the real captcha page is blocked", () => {
    const out = extractPage(htmlPage("https://otzovik.com/reviews/t-bank/", captcha!), source);
    expect(out.blocked).toBe(true);
    expect(out.items).toEqual([]);
  });
});
