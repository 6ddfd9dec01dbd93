/** sources/flamp.yaml on the flamp.ru replica's pages (fixed clock). No real flamp page exists. */
import { describe, expect, it } from "vitest";
import { parseDate } from "../../src/extract/dates.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { FIRM, FIRM_PATH, REVIEWS, visibleReviews } from "../web/flamp/reviews.js";
import { captchaPage, firmPage, redesignedPage, reviewPage } from "../web/flamp/site.js";
import { humanDatePrecision, ruHumanDate, teaserOf } from "../web/replica-kit.js";
import { htmlPage, loadSource } from "./helpers.js";

const source = loadSource("flamp");
const now = new Date("2026-11-23T09:30:00Z");
const pageUrl = (p: number) => `https://moscow.flamp.ru${FIRM_PATH}${p > 1 ? `?page=${p}` : ""}`;
const extractFirm = (p: number) =>
  extractPage(htmlPage(pageUrl(p), firmPage(visibleReviews(0), p, now), now.toISOString()), source);
const second = (minutesAgo: number) =>
  new Date(Math.floor((now.getTime() - minutesAgo * 60_000) / 1000) * 1000).toISOString();

describe("flamp source on the replica", () => {
  it("walks 10 + 10 + 1 reviews by the 'Показать ещё' link", () => {
    const pages = [1, 2, 3].map(extractFirm);
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 1]);
    expect(pages.map((p) => p.nextUrl)).toEqual([pageUrl(2), pageUrl(3), undefined]);
    expect(pages.flatMap((p) => p.warnings)).toEqual([]);
    expect(pages.flatMap((p) => p.items.map((i) => Number(i.externalId)))).toEqual(
      visibleReviews(0).map((r) => r.id),
    );
  });

  it("reads the rating from the star widget's title and the official answer with its author", () => {
    const r = visibleReviews(0).find((x) => x.reply)!;
    const item = [1, 2, 3].flatMap((p) => extractFirm(p).items).find((i) => i.externalId === String(r.id))!;
    expect(item).toMatchObject({
      url: `https://moscow.flamp.ru${FIRM_PATH}/otzyv-${r.id}`,
      author: r.author,
      publishedAt: second(r.minutesAgo),
      rating: r.rating,
      reply: { text: r.reply, publishedAt: second(r.minutesAgo - r.replyAfterMinutes), author: FIRM.name },
      likes: r.likes,
      subject: FIRM.name,
    });
  });

  it("reads the firm's rating and review count into the page's aggregate", () => {
    expect(extractFirm(1).aggregate).toEqual({ rating: FIRM.rating, count: visibleReviews(0).length });
  });

  it("flags cut texts; the review page has the whole text", () => {
    const r = visibleReviews(0).find((x) => teaserOf(x.text, 200).cut)!;
    const listItem = [1, 2, 3]
      .flatMap((p) => extractFirm(p).items)
      .find((i) => i.externalId === String(r.id))!;
    expect(listItem.extra?.["truncated"]).toBe(true);
    const url = `https://moscow.flamp.ru${FIRM_PATH}/otzyv-${r.id}`;
    const page = extractPage(htmlPage(url, reviewPage(r, now), now.toISOString()), source);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ externalId: String(r.id), url, text: r.text.join("\n\n") });
    expect(page.items[0]!.extra?.["truncated"]).toBeUndefined();
  });

  it("the printed relative dates ('вчера', '3 дня назад', '12 марта 2026') agree with the datetime", () => {
    const printed = new Set<string>();
    for (const r of REVIEWS) {
      const ms = now.getTime() - r.minutesAgo * 60_000;
      const shown = ruHumanDate(ms, now.getTime());
      printed.add(shown.replace(/\d+/g, "N"));
      const parsed = parseDate(shown, { now, timeZone: "Europe/Moscow" })!;
      expect(Math.abs(Date.parse(parsed) - ms), shown).toBeLessThan(humanDatePrecision(shown));
    }
    for (const form of ["сегодня в N:N", "вчера в N:N", "N дня назад", "N ноября N"])
      expect(printed).toContain(form);
  });

  it("the captcha page is blocked; the redesign has no item elements", () => {
    expect(extractPage(htmlPage(pageUrl(1), captchaPage()), source)).toMatchObject({
      blocked: true,
      items: [],
    });
    const changed = extractPage(htmlPage(pageUrl(1), redesignedPage(visibleReviews(0))), source);
    expect(changed).toMatchObject({ blocked: false, itemNodes: 0 });
  });
});
