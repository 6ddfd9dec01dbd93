/** sources/rss.yaml (extract.type feed) on replica feeds, feed variants, and the real Hacker News RSS feed. */
import { describe, expect, it } from "vitest";
import type { Page } from "../../src/crawl/types.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { BLOG_POSTS, FINVESTNIK_NEWS } from "../web/rss/news.js";
import { atomFeed, BLOG_FEED, blogUrl, NEWS_FEED, newsUrl, rssFeed } from "../web/rss/site.js";
import { loadSource, realPage } from "./helpers.js";

const source = loadSource("rss");
const now = new Date("2026-11-23T09:30:00Z");
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();

function feedPage(url: string, body: string, contentType = "application/rss+xml"): Page {
  return { url, status: 200, headers: {}, body, contentType, fetchedAt: now.toISOString() };
}

describe("rss source: RSS 2.0", () => {
  it("reads every item with guid, link, author, date, title, text, feed title and extras", () => {
    const out = extractPage(feedPage(NEWS_FEED, rssFeed(FINVESTNIK_NEWS, now)), source);
    expect(out.warnings).toEqual([]);
    expect(out.items.map((i) => i.externalId)).toEqual(FINVESTNIK_NEWS.map((n) => `finvestnik-${n.id}`));
    const n = FINVESTNIK_NEWS[3]!;
    expect(out.items[3]).toEqual({
      platform: "rss",
      externalId: `finvestnik-${n.id}`,
      url: newsUrl(n),
      author: n.author,
      publishedAt: at(n.minutesAgo),
      title: n.title,
      text: n.body.join("\n\n"),
      language: "ru",
      subject: "Финвестник: новости банков",
      extra: { comments: `${newsUrl(n)}#comments`, category: "Банки", truncated: true },
    });
    expect(out.nextUrl).toBeUndefined();
  });

  it("RSS 1.0 (RDF) with dc:creator/dc:date, a relative link and no body", () => {
    const body = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/"><title>Пример</title><link>https://example.org/</link></channel>
  <item rdf:about="https://example.org/a/1"><title>Про &lt;i&gt;Банк Ромашка&lt;/i&gt;</title><link>/a/1</link>
    <dc:creator>Автор</dc:creator><dc:date>2026-11-20T10:00:00+03:00</dc:date></item>
</rdf:RDF>`;
    const out = extractPage(feedPage("https://example.org/feed.rdf", body), source);
    expect(out.items).toEqual([
      {
        platform: "rss",
        externalId: "https://example.org/a/1",
        url: "https://example.org/a/1",
        author: "Автор",
        publishedAt: "2026-11-20T07:00:00.000Z",
        title: "Про Банк Ромашка",
        text: "Про Банк Ромашка",
        subject: "Пример",
      },
    ]);
  });
});

describe("rss source: Atom", () => {
  it("reads entries (HTML content as text, link rel=alternate, published) and the next page link", () => {
    const out = extractPage(
      feedPage(BLOG_FEED, atomFeed(BLOG_POSTS, 1, now), "application/atom+xml"),
      source,
    );
    expect(out.warnings).toEqual([]);
    expect(out.items).toHaveLength(4);
    const b = BLOG_POSTS[1]!;
    expect(out.items[1]).toEqual({
      platform: "rss",
      externalId: `https://blog.bankovsky-obzor.ru/?p=${b.id}`,
      url: blogUrl(b),
      author: b.author,
      publishedAt: at(b.minutesAgo),
      title: b.title,
      text: b.body.join("\n\n"),
      language: "ru",
      subject: "Банковский обзор",
    });
    expect(out.nextUrl).toBe(`${BLOG_FEED}?page=2`);
    const last = extractPage(feedPage(`${BLOG_FEED}?page=2`, atomFeed(BLOG_POSTS, 2, now)), source);
    expect(last.items).toHaveLength(3);
    expect(last.nextUrl).toBeUndefined();
  });

  it("XHTML content, the feed's author and a summary-only entry", () => {
    const body = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Блог</title><author><name>Редакция</name></author>
  <entry><id>urn:x:1</id><title>Первая</title><link href="https://blog.example/1"/><updated>2026-11-22T08:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Один &amp; два</p><p>три</p></div></content></entry>
  <entry><id>urn:x:2</id><title type="text">Вторая</title><link rel="alternate" href="https://blog.example/2"/>
    <summary>Коротко</summary></entry>
</feed>`;
    const out = extractPage(feedPage("https://blog.example/atom", body), source);
    expect(out.items.map((i) => [i.externalId, i.author, i.text, i.publishedAt])).toEqual([
      ["urn:x:1", "Редакция", "Один & два\n\nтри", "2026-11-22T08:00:00.000Z"],
      ["urn:x:2", "Редакция", "Коротко", undefined],
    ]);
  });
});

describe("rss source: what is not a feed", () => {
  it("an HTML page is no data (broken), a DDoS-Guard page is blocked", () => {
    const html =
      "<!DOCTYPE html><html><head><title>Новости</title></head><body><h1>Лента переехала</h1></body></html>";
    const moved = extractPage(feedPage(NEWS_FEED, html, "text/html"), source);
    expect(moved).toMatchObject({ items: [], blocked: false, itemNodes: 0 });
    expect(moved.noData).toMatch(/not an RSS or Atom feed/);
    const guard = "<html><head><title>DDoS-Guard</title></head><body>Проверка браузера</body></html>";
    expect(extractPage({ ...feedPage(NEWS_FEED, guard, "text/html"), status: 403 }, source).blocked).toBe(
      true,
    );
  });
});

describe("rss source on the real Hacker News feed (../shared/fixtures/real-pages/rss-other/)", () => {
  const body = realPage("rss-other/01_RSSWithComments.xml");
  it.skipIf(!body)("extracts its 30 items with link, date, title and the comments link", () => {
    const out = extractPage(feedPage("https://news.ycombinator.com/rss", body!), source);
    expect(out.warnings).toEqual([]);
    expect(out.items).toHaveLength(30);
    for (const item of out.items) {
      expect(item.url).toMatch(/^https?:\/\//);
      expect(item.publishedAt).toMatch(/^2022-0[34]-\d\dT/);
      expect(item.title).toBeTruthy();
      expect(item.extra?.["comments"]).toMatch(/^https:\/\/news\.ycombinator\.com\/item\?id=\d+$/);
      expect(item.subject).toBe("Hacker News");
    }
    expect(out.items[0]).toMatchObject({
      title: "AWS Lambda Function URLs: Built-In HTTPS Endpoints for Lambda",
      publishedAt: "2022-04-06T21:07:47.000Z",
    });
  });
});
