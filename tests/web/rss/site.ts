/**
 * Replica feeds for the generic `rss` source (RSS 2.0 and Atom, any feed), invented content.
 *
 * Modeled (2026-11) on the real Hacker News RSS 2.0 feed saved in ../shared/fixtures/real-pages/rss-other/
 * (channel title/link/description; items with title, link, RFC 822 pubDate, comments and a CDATA
 * description) and on common Russian news-site feeds (guid isPermaLink="false", author, category, a
 * windows-1251 XML declaration), and on WordPress's Atom feed with RFC 5005 paging (link rel="next").
 *
 *   www.finvestnik.ru/rss/                 RSS 2.0 in windows-1251, 8 items (+2 at stage 1), newest first
 *   www.finvestnik.ru/rss/old/             the feed was replaced by an HTML page (200): broken
 *   www.finvestnik.ru/rss/protected/       403 DDoS-Guard wall: blocked
 *   blog.bankovsky-obzor.ru/feed/atom/     Atom, 4 entries a page, `?page=N`, link rel="next" while more
 */
import iconv from "iconv-lite";
import {
  escapeHtml,
  html,
  isoWithOffset,
  LOADED_AT,
  MINUTE,
  pageOf,
  paragraphs,
  text,
  wallTime,
} from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { BLOG_POSTS, FINVESTNIK_NEWS, type NewsItem, visibleNews } from "./news.js";

export const NEWS_ORIGIN = "https://www.finvestnik.ru";
export const BLOG_ORIGIN = "https://blog.bankovsky-obzor.ru";
export const NEWS_FEED = `${NEWS_ORIGIN}/rss/`;
export const BLOG_FEED = `${BLOG_ORIGIN}/feed/atom/`;
export const ATOM_PAGE_SIZE = 4;

export function createRssSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["www.finvestnik.ru", "blog.bankovsky-obzor.ru"], handle: (req) => route(req, now) };
}

export const rssSite: ReplicaSite = createRssSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const host = req.url.host;
  const path = req.url.pathname;
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /admin/\n");
  if (host === "www.finvestnik.ru") {
    if (path === "/rss/") {
      const body = rssFeed(visibleNews(FINVESTNIK_NEWS, req.stage), now);
      return {
        headers: { "content-type": "application/rss+xml; charset=windows-1251" },
        body: iconv.encode(body, "windows-1251"),
      };
    }
    if (path === "/rss/old/") return html(movedPage());
    if (path === "/rss/protected/") return html(guardPage(), { status: 403 });
  }
  if (host === "blog.bankovsky-obzor.ru" && path === "/feed/atom/") {
    const page = Number(req.url.searchParams.get("page") ?? 1);
    const body = atomFeed(visibleNews(BLOG_POSTS, req.stage), page, now);
    return { headers: { "content-type": "application/atom+xml; charset=utf-8" }, body };
  }
  return html("<!DOCTYPE html><title>404</title><h1>Не найдено</h1>", { status: 404 });
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (x: number) => String(x).padStart(2, "0");

/** RFC 822 in Moscow time: "Mon, 23 Nov 2026 12:15:00 +0300". */
export function rfc822(ms: number): string {
  const w = wallTime(ms, "Europe/Moscow");
  const day = DAYS[new Date(Date.UTC(w.y, w.mo - 1, w.d)).getUTCDay()];
  return `${day}, ${w.d} ${MONTHS[w.mo - 1]} ${w.y} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)} +0300`;
}

export const postedAt = (item: NewsItem, now: Date) => now.getTime() - item.minutesAgo * MINUTE;
export const newsUrl = (item: NewsItem) => `${NEWS_ORIGIN}/news/${item.id}-${item.slug}/`;
export const blogUrl = (item: NewsItem) => `${BLOG_ORIGIN}/${item.slug}/`;

export function rssFeed(items: NewsItem[], now: Date): string {
  const entries = items.map(
    (item) => `    <item>
      <title>${escapeHtml(item.title)}</title>
      <link>${newsUrl(item)}</link>
      <guid isPermaLink="false">finvestnik-${item.id}</guid>
      <pubDate>${rfc822(postedAt(item, now))}</pubDate>
      <author>news@finvestnik.ru (${escapeHtml(item.author)})</author>
      <category>Банки</category>
      <comments>${newsUrl(item)}#comments</comments>
      <description><![CDATA[${paragraphs(item.body)}<p><a href="${newsUrl(item)}">Читать далее</a></p>]]></description>
    </item>`,
  );
  return `<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Финвестник: новости банков</title>
    <link>${NEWS_ORIGIN}/</link>
    <description>Деловые новости о банках и финансах (реплика)</description>
    <language>ru</language>
    <atom:link href="${NEWS_FEED}" rel="self" type="application/rss+xml"/>
    <lastBuildDate>${rfc822(now.getTime())}</lastBuildDate>
${entries.join("\n")}
  </channel>
</rss>
`;
}

export function atomFeed(items: NewsItem[], page: number, now: Date): string {
  const { items: shown, pages } = pageOf(items, page, ATOM_PAGE_SIZE);
  const self = page > 1 ? `${BLOG_FEED}?page=${page}` : BLOG_FEED;
  const next = page < pages ? `\n  <link rel="next" href="${BLOG_FEED}?page=${page + 1}"/>` : "";
  const entries = shown.map(
    (item) => `  <entry>
    <author><name>${escapeHtml(item.author)}</name><uri>${BLOG_ORIGIN}/author/</uri></author>
    <title type="html"><![CDATA[${item.title}]]></title>
    <link rel="alternate" type="text/html" href="${blogUrl(item)}"/>
    <id>${BLOG_ORIGIN}/?p=${item.id}</id>
    <updated>${isoWithOffset(postedAt(item, now) + 5 * MINUTE)}</updated>
    <published>${isoWithOffset(postedAt(item, now))}</published>
    <category scheme="${BLOG_ORIGIN}" term="Банки"/>
    <summary type="html"><![CDATA[${item.body[0]} […]]]></summary>
    <content type="html" xml:base="${blogUrl(item)}"><![CDATA[${paragraphs(item.body)}]]></content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru-RU">
  <title type="text">Банковский обзор</title>
  <subtitle type="text">Блог о банках и личных финансах (реплика)</subtitle>
  <updated>${isoWithOffset(now.getTime())}</updated>
  <link rel="alternate" type="text/html" href="${BLOG_ORIGIN}/"/>
  <id>${BLOG_FEED}</id>
  <link rel="self" type="application/atom+xml" href="${self}"/>${next}
  <generator uri="https://wordpress.org/" version="6.7">WordPress</generator>
${entries.join("\n")}
</feed>
`;
}

function movedPage(): string {
  return `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>Финвестник — новости</title></head>
<body><h1>Финвестник</h1><p>Наша лента переехала. Подпишитесь на канал в мессенджере.</p></body></html>`;
}

function guardPage(): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>DDoS-Guard</title></head>
<body><div id="ddg-l"><h1>Проверка браузера перед переходом на www.finvestnik.ru</h1>
<p>Это займёт не более пяти секунд.</p></div><script src="/.well-known/ddos-guard/check?context=free_splash"></script></body></html>`;
}
