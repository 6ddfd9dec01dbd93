/**
 * Replica of irecommend.ru (host `irecommend.ru`): a product's review list and review pages, invented
 * content about the bank's debit card.
 *
 * The only saved real page is the 2014 homepage (old Drupal views markup: `.view-best-reviews
 * .views-row`, fivestar widgets `.star span.on`, `.citate a`, `.citate-user`; see the extraction test).
 * The current product page is modeled from knowledge of the site and public scrapers (2020-2024):
 * `ul.list-comments > li.item` with `.authorName a`, `.created`, `.starsRating .star .on` (lit stars),
 * `.reviewTitle a` -> `/content/<review-slug>`, `.reviewTextSnippet` ending in "… Читать весь отзыв"
 * (`a.more`); review pages carry schema.org Review microdata (`[itemprop=reviewBody]`,
 * `meta[itemprop=ratingValue]`, `meta[itemprop=datePublished]`, `[itemprop=author]`) and pros/cons lists
 * (`.plus li`, `.minus li`); Drupal pagers (`ul.pager li.pager-next a`, `?page=1` is the 2nd page). The
 * anti-bot page is modeled on DDoS-Guard's "Проверка браузера" interstitial.
 *
 * Paths: /content/<product>[?page=N], /content/<review-slug>, /content/blocked-product (anti-bot page),
 * /content/redesigned-product (new markup: 0 items). Stage n adds 2 reviews per stage (up to 2).
 */
import {
  escapeHtml,
  html,
  isoWithOffset,
  LOADED_AT,
  MINUTE,
  pageOf,
  paragraphs,
  ruLongDate,
  teaserOf,
  text,
} from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { type IrecommendReview, PAGE_SIZE, PRODUCT, visibleReviews } from "./reviews.js";

export const ORIGIN = "https://irecommend.ru";
const TEASER_CHARS = 250;

export const ROBOTS_TXT = `User-agent: *
Disallow: /users/*/edit
Disallow: /search
Disallow: /node/add/
`;

export function createIrecommendSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["irecommend.ru"], handle: (req) => route(req, now) };
}

export const irecommendSite: ReplicaSite = createIrecommendSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text(ROBOTS_TXT);
  if (path === "/content/blocked-product") return html(antiBotPage());
  const page = Number(req.url.searchParams.get("page") ?? 0) + 1; // Drupal pagers count from 0
  if (path === "/content/redesigned-product") return html(listPage(visibleReviews(req.stage), 1, now, true));
  if (path === `/content/${PRODUCT.slug}`) {
    const reviews = visibleReviews(req.stage);
    if (!Number.isInteger(page) || page < 1 || page > pageOf(reviews, 1, PAGE_SIZE).pages) return notFound();
    return html(listPage(reviews, page, now));
  }
  const one = /^\/content\/([a-z0-9-]+)$/.exec(path);
  const review = one && visibleReviews(req.stage).find((r) => r.slug === one[1]);
  return review ? html(reviewPage(review, now)) : notFound();
}

function notFound(): ReplicaResponse {
  return html(layout("Страница не найдена | irecommend.ru", "<h1>Страница не найдена</h1>"), { status: 404 });
}

function layout(title: string, content: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="ru" dir="ltr"><head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<link rel="shortcut icon" href="/themes/irecommend/favicon.ico">${head}
</head>
<body class="html not-front page-node">
<div id="header"><a class="logo" href="/">IRecommend.ru</a>
<form class="search-form" action="/srch" method="get"><input name="query" placeholder="Поиск отзывов"></form></div>
<div id="content" class="mainContent">
${content}
</div>
<div id="footer">© 2008–2026 IRecommend.ru (реплика) <a href="/rules">Правила</a></div>
</body></html>`;
}

const reviewPath = (r: IrecommendReview) => `/content/${r.slug}`;
const postedAt = (r: IrecommendReview, now: Date) => now.getTime() - r.minutesAgo * MINUTE;

function stars(rating: number, microdata: boolean): string {
  const list = [1, 2, 3, 4, 5]
    .map((i) => `<div class="star"><div class="${i <= rating ? "on" : "off"}"></div></div>`)
    .join("");
  const meta = microdata
    ? `<span itemprop="reviewRating" itemscope itemtype="http://schema.org/Rating"><meta itemprop="ratingValue" content="${rating}"><meta itemprop="bestRating" content="5"></span>`
    : "";
  return `<div class="starsRating">${meta}<div class="stars">${list}</div></div>`;
}

function author(r: IrecommendReview): string {
  return `<a href="/users/user-${r.slug.length * 97 + r.index}">${escapeHtml(r.author)}</a>`;
}

function listItem(r: IrecommendReview, now: Date): string {
  const teaser = teaserOf(r.text, TEASER_CHARS, "...");
  return `  <li class="item">
    <div class="authorBlock"><div class="avatar"><img src="/sites/default/files/imagecache/35x35/default.jpg" alt=""></div>
      <div class="authorName">${author(r)}</div>
      <div class="created">${ruLongDate(postedAt(r, now))}</div></div>
    ${stars(r.rating, false)}
    <div class="reviewTitle"><a href="${reviewPath(r)}">${escapeHtml(r.title)}</a></div>
    <div class="reviewTextSnippet">${escapeHtml(teaser.text)}${teaser.cut ? ` <a class="more" href="${reviewPath(r)}">Читать весь отзыв</a>` : ""}</div>
    <div class="item-data"><span class="comments-count">${r.likes % 4}</span> <span class="views">${40 + r.likes * 11}</span></div>
  </li>`;
}

function productHeader(count: number): string {
  return `<div class="productPage" itemscope itemtype="http://schema.org/Product">
  <h1 class="largeHeader"><span itemprop="name">${escapeHtml(PRODUCT.name)}</span> - отзывы</h1>
  <div class="RatingBlock" itemprop="aggregateRating" itemscope itemtype="http://schema.org/AggregateRating">
    <span class="rating" itemprop="ratingValue">${PRODUCT.rating}</span> из 5, <span itemprop="reviewCount">${count}</span> отзывов
  </div>
</div>`;
}

function pager(page: number, pages: number): string {
  const href = (p: number) => `/content/${PRODUCT.slug}${p > 1 ? `?page=${p - 1}` : ""}`;
  const items = Array.from({ length: pages }, (_, i) => i + 1).map((p) =>
    p === page
      ? `<li class="pager-current">${p}</li>`
      : `<li class="pager-item"><a title="На страницу ${p}" href="${href(p)}">${p}</a></li>`,
  );
  if (page < pages)
    items.push(`<li class="pager-next"><a title="На следующую страницу" href="${href(page + 1)}">›</a></li>`);
  return `<div class="item-list"><ul class="pager">${items.join("")}</ul></div>`;
}

export function listPage(reviews: IrecommendReview[], page: number, now: Date, redesigned = false): string {
  const { items, pages } = pageOf(reviews, page, PAGE_SIZE);
  const list = redesigned
    ? `<section class="ReviewsFeed">${items
        .map(
          (r) =>
            `<article class="ReviewCard"><a class="ReviewCard__title" href="${reviewPath(r)}">${escapeHtml(r.title)}</a><p class="ReviewCard__text">${escapeHtml(teaserOf(r.text, TEASER_CHARS).text)}</p></article>`,
        )
        .join("\n")}</section>`
    : `<ul class="list-comments">\n${items.map((r) => listItem(r, now)).join("\n")}\n</ul>`;
  return layout(
    `${PRODUCT.name} - отзывы${page > 1 ? ` (страница ${page})` : ""}`,
    `${productHeader(reviews.length)}\n${list}\n${pager(page, pages)}`,
    `\n<link rel="canonical" href="${ORIGIN}/content/${PRODUCT.slug}${page > 1 ? `?page=${page - 1}` : ""}">`,
  );
}

export function reviewPage(r: IrecommendReview, now: Date): string {
  const list = (items: string) =>
    `<ul>${items
      .split(", ")
      .map((x) => `<li>${escapeHtml(x)}</li>`)
      .join("")}</ul>`;
  return layout(
    `${r.title} | Отзывы покупателей`,
    `<div class="node-review" itemscope itemtype="http://schema.org/Review">
  <div itemprop="itemReviewed" itemscope itemtype="http://schema.org/Product"><a class="productName" href="/content/${PRODUCT.slug}"><span itemprop="name">${escapeHtml(PRODUCT.name)}</span></a></div>
  <h2 class="reviewTitle" itemprop="name">${escapeHtml(r.title)}</h2>
  <div class="authorName" itemprop="author">${author(r)}</div>
  <div class="dtreviewed"><meta itemprop="datePublished" content="${isoWithOffset(postedAt(r, now))}">${ruLongDate(postedAt(r, now))}</div>
  ${stars(r.rating, true)}
  <div class="reviewText" itemprop="reviewBody">${paragraphs(r.text)}</div>
  <div class="plus"><h3>Достоинства</h3>${list(r.pros)}</div>
  <div class="minus"><h3>Недостатки</h3>${list(r.cons)}</div>
  <div class="voteBlock"><span class="vote-count">${r.likes}</span> человек считают этот отзыв полезным</div>
</div>`,
    `\n<link rel="canonical" href="${ORIGIN}${reviewPath(r)}">`,
  );
}

/** A DDoS-Guard-style interstitial instead of content (status 200). */
export function antiBotPage(): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>DDoS-Guard</title></head>
<body><div id="ddg-l10n-title">Проверка браузера перед переходом на сайт irecommend.ru</div>
<div class="ddg-captcha"><div id="ddg-captcha"></div><p>Это может занять несколько секунд.</p></div>
<script src="/.well-known/ddos-guard/check?context=free_splash"></script></body></html>`;
}
