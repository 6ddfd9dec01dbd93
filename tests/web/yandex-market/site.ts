/**
 * Replica of Yandex Market product reviews (host `market.yandex.ru`), invented content about the
 * "Ласточка" coffee.
 *
 * No saved real page exists, and the current site is a React app with generated class names. Modeled
 * (2026-11) on the server-rendered review markup Yandex Market used for years (2017-2020, as public
 * scrapers read it): `div.n-product-review-item[data-review-id]` with schema.org Review microdata
 * (`meta[itemprop=datePublished]`), `.n-product-review-user__name`, a rating `div.rating[data-rate]`,
 * `dl.n-product-review-item__stat` blocks titled "Опыт использования:", "Достоинства:", "Недостатки:",
 * "Комментарий:", the date and region line `.n-product-review-item__date-region` ("вчера, Москва" /
 * "12 марта 2026, Москва"), votes, the shop's answer `.n-review-comment`, and the pager
 * `.n-pager a.n-pager__button-next`. Yandex's captcha ("Ой!", a form posting to /checkcaptcha, reached by
 * a redirect to /showcaptcha) is modeled on the well-known Yandex SmartCaptcha page.
 *
 * Paths: /<product path>/reviews[?page=N], /product--blocked/1/reviews (302 to /showcaptcha),
 * /product--redesigned/2/reviews (generated class names: 0 items).
 */
import {
  escapeHtml,
  html,
  isoWithOffset,
  LOADED_AT,
  MINUTE,
  pageOf,
  ruHumanDate,
  text,
  withBreaks,
} from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { type MarketReview, PAGE_SIZE, PRODUCT, SHOP, visibleReviews } from "./reviews.js";

export const ORIGIN = "https://market.yandex.ru";

export const ROBOTS_TXT = `User-agent: *
Disallow: /search
Disallow: /checkout
Disallow: /my/
Allow: /product--*/reviews
`;

export function createMarketSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["market.yandex.ru"], handle: (req) => route(req, now) };
}

export const marketSite: ReplicaSite = createMarketSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text(ROBOTS_TXT);
  if (path === "/product--blocked/1/reviews")
    return { status: 302, headers: { location: `/showcaptcha?retpath=${encodeURIComponent(req.url.href)}` } };
  if (path === "/showcaptcha") return html(captchaPage());
  if (path === "/product--redesigned/2/reviews") return html(redesignedPage(visibleReviews(req.stage)));
  if (path === `/${PRODUCT.path}/reviews`) {
    const reviews = visibleReviews(req.stage);
    const page = Number(req.url.searchParams.get("page") ?? 1);
    if (!Number.isInteger(page) || page < 1 || page > pageOf(reviews, 1, PAGE_SIZE).pages) return notFound();
    return html(reviewsPage(reviews, page, now));
  }
  return notFound();
}

function notFound(): ReplicaResponse {
  return html(layout("Страница не найдена — Яндекс Маркет", "<h1>Нет такой страницы</h1>"), { status: 404 });
}

function layout(title: string, content: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="ru" class="i-ua_js_no"><head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>${head}
</head>
<body class="b-page">
<div class="header2"><a class="logo" href="/">Яндекс Маркет</a><form class="search2" action="/search"><input name="text"></form></div>
<div class="main">
${content}
</div>
<div class="footer2">© Яндекс Маркет (реплика)</div>
</body></html>`;
}

const postedAt = (r: MarketReview, now: Date) => now.getTime() - r.minutesAgo * MINUTE;

function stat(title: string, body: string, cls = ""): string {
  return `<dl class="n-product-review-item__stat${cls}"><dt class="n-product-review-item__title">${title}</dt><dd class="n-product-review-item__text">${body}</dd></dl>`;
}

function shopAnswer(r: MarketReview, now: Date): string {
  if (!r.reply) return "";
  const at = postedAt(r, now) + r.replyAfterMinutes * MINUTE;
  return `<div class="n-product-review-item__comments"><div class="n-review-comment n-review-comment_official_yes">
      <div class="n-review-comment__author">${escapeHtml(SHOP.name)}<span class="n-review-comment__badge">официальный ответ</span></div>
      <div class="n-review-comment__date"><time datetime="${isoWithOffset(at)}">${ruHumanDate(at, now.getTime(), { withTime: false })}</time></div>
      <div class="n-review-comment__text">${withBreaks(r.reply)}</div>
    </div></div>`;
}

export function reviewItem(r: MarketReview, now: Date): string {
  const at = postedAt(r, now);
  return `<div class="n-product-review-item i-bem" data-review-id="${r.id}" itemprop="review" itemscope itemtype="https://schema.org/Review">
    <meta itemprop="datePublished" content="${isoWithOffset(at)}">
    <div class="n-product-review-item__user"><div class="n-product-review-user">
      <a class="n-product-review-user__name" href="/user/${(r.id % 99_991).toString(36)}/reviews">${escapeHtml(r.author)}</a>
      <span class="n-product-review-user__grades">${3 + (r.id % 40)} отзывов</span></div></div>
    <div class="n-product-review-item__info">
      <div class="n-product-review-item__rating"><div class="rating rating_border_yes rating_size_s" data-rate="${r.rating}"><div class="rating__value">${r.rating}</div></div></div>
      <a class="n-product-review-item__title-link" href="/${PRODUCT.path}/reviews?firstReviewId=${r.id}">${escapeHtml(r.title)}</a>
    </div>
    ${stat("Опыт использования:", escapeHtml(r.usage), " n-product-review-item__stat_type_usage")}
    ${stat("Достоинства:", escapeHtml(r.pros), " n-product-review-item__stat_type_pro")}
    ${stat("Недостатки:", escapeHtml(r.cons), " n-product-review-item__stat_type_contra")}
    ${stat("Комментарий:", withBreaks(r.text.join("\n")), " n-product-review-item__stat_type_comment")}
    <div class="n-product-review-item__date-region">${ruHumanDate(at, now.getTime(), { withTime: false })}, ${escapeHtml(r.city)}</div>
    <div class="n-product-review-item__footer"><div class="review-votes">
      <span class="review-votes__yes" title="Полезный отзыв">${r.likes}</span> <span class="review-votes__no">${r.index % 3}</span></div></div>
    ${shopAnswer(r, now)}
  </div>`;
}

function pager(page: number, pages: number): string {
  if (pages <= 1) return "";
  const href = (p: number) => `/${PRODUCT.path}/reviews?page=${p}`;
  const next =
    page < pages ? `<a class="button2 n-pager__button-next" href="${href(page + 1)}">Вперёд</a>` : "";
  const prev = page > 1 ? `<a class="button2 n-pager__button-prev" href="${href(page - 1)}">Назад</a>` : "";
  return `<div class="n-pager">${prev}<span class="n-pager__current">${page}</span>${next}</div>`;
}

export function reviewsPage(reviews: MarketReview[], page: number, now: Date): string {
  const { items, pages } = pageOf(reviews, page, PAGE_SIZE);
  return layout(
    `Отзывы о ${PRODUCT.name} — Яндекс Маркет`,
    `<div class="n-product-headline" itemscope itemtype="https://schema.org/Product">
  <h1 class="title title_size_28" itemprop="name">${escapeHtml(PRODUCT.name)}</h1>
  <div class="n-product-headline__rating" itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">
    <div class="rating" data-rate="${Math.round(PRODUCT.rating)}"><span class="rating__value" itemprop="ratingValue">${PRODUCT.rating}</span></div>
    <span itemprop="reviewCount">${reviews.length}</span> отзывов</div>
</div>
<div class="n-product-reviews-list">
${items.map((r) => reviewItem(r, now)).join("\n")}
</div>
${pager(page, pages)}`,
    `\n<link rel="canonical" href="${ORIGIN}/${PRODUCT.path}/reviews${page > 1 ? `?page=${page}` : ""}">`,
  );
}

/** Yandex's anti-robot page ("Ой!"). */
export function captchaPage(): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Ой!</title></head>
<body><div class="CheckboxCaptcha"><h1>Подтвердите, что запросы отправляли вы, а не робот</h1>
<p>Нам очень жаль, но запросы с вашего устройства похожи на автоматические.</p>
<form method="POST" action="/checkcaptcha?key=replica&amp;retpath=%2F" class="CheckboxCaptcha-Form"><input type="checkbox" class="CheckboxCaptcha-Button" aria-label="Я не робот"></form></div></body></html>`;
}

export function redesignedPage(reviews: MarketReview[]): string {
  const cards = reviews
    .slice(0, PAGE_SIZE)
    .map(
      (r) =>
        `<div class="_3k5Qp cia-cs" data-zone-name="review"><span class="_2sdCi">${escapeHtml(r.author)}</span><div class="_1bJ2e">${withBreaks(r.text.join("\n"))}</div></div>`,
    );
  return layout(`Отзывы о ${PRODUCT.name} — Яндекс Маркет`, `<div class="_1vMMY">${cards.join("\n")}</div>`);
}
