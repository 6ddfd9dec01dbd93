/**
 * Replica of Yandex Maps organisation reviews (host `yandex.ru`), JS-rendered, invented content.
 *
 * No saved real page exists (the shared fixtures README lists Yandex Maps as not found). Modeled (2026-11)
 * on the markup public scrapers read in 2021-2025: `.business-reviews-card-view__review` cards holding
 * `.business-review-view` with schema.org microdata (`.business-review-view__author-name
 * [itemprop=name]`, `span.business-review-view__date meta[itemprop=datePublished]` + "20 ноября",
 * `meta[itemprop=ratingValue]`, `.business-rating-badge-view__star._full`), `.business-review-view__body-text`,
 * the organisation's answer `.business-review-comment-content__bubble` behind "Посмотреть ответ организации",
 * the ranking menu `.rating-ranking-view` ("По умолчанию" / "По новизне"), more reviews loaded when the side
 * panel is scrolled to its end, and Yandex's captcha ("Ой!", /showcaptcha). Replica decisions: the page is
 * an empty shell whose script renders everything from a JSON API (so plain HTTP sees no reviews), the API's
 * shape, `data-review-id`, the share link as permalink, and the panel's size.
 *
 * Paths: /maps/org/<slug>/<id>/reviews/ (shell), /maps/api/business/fetchReviews?businessId=&page=&ranking=
 * (JSON), /maps/org/blocked_org/1/reviews/ (302 to /showcaptcha), /maps/org/redesigned_org/2/reviews/
 * (renders other markup). Stage n adds 2 reviews per stage (up to 2).
 */
import { escapeHtml, html, json, LOADED_AT, MINUTE, ruLongDate, text, wallTime } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { CLIENT_JS } from "./client.js";
import { byRelevance, type MapsReview, ORG, ORG_PATH, PAGE_SIZE, visibleReviews } from "./reviews.js";

export const ORIGIN = "https://yandex.ru";

export const ROBOTS_TXT = `User-agent: *
Disallow: /search
Disallow: /maps/?
Allow: /maps/org/
Allow: /maps/api/business/fetchReviews
`;

export function createYandexMapsSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["yandex.ru"], handle: (req) => route(req, now) };
}

export const yandexMapsSite: ReplicaSite = createYandexMapsSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text(ROBOTS_TXT);
  if (path === ORG_PATH) return html(shellPage(visibleReviews(req.stage).length));
  if (path === "/maps/api/business/fetchReviews") return api(req, now);
  if (path === "/maps/org/blocked_org/1/reviews/")
    return { status: 302, headers: { location: `/showcaptcha?retpath=${encodeURIComponent(req.url.href)}` } };
  if (path === "/showcaptcha") return html(captchaPage());
  if (path === "/maps/org/redesigned_org/2/reviews/") return html(redesignedShell());
  return html(
    `<!DOCTYPE html><html><head><title>Яндекс Карты</title></head><body>Нет такой страницы</body></html>`,
    {
      status: 404,
    },
  );
}

/** "20 ноября" this year, "20 ноября 2024" before. */
function mapsDate(ms: number, now: Date): string {
  const long = ruLongDate(ms);
  return wallTime(ms, "Europe/Moscow").y === wallTime(now.getTime(), "Europe/Moscow").y
    ? long.replace(/ \d{4}$/, "")
    : long;
}

function toJson(r: MapsReview, now: Date) {
  const at = now.getTime() - r.minutesAgo * MINUTE;
  const replyAt = at + r.replyAfterMinutes * MINUTE;
  return {
    reviewId: r.id,
    author: { name: r.author, publicId: r.id.slice(0, 10).toLowerCase(), professionLevel: r.caption },
    rating: r.rating,
    text: r.text.join("\n"),
    updatedTime: new Date(at).toISOString(),
    dateText: mapsDate(at, now),
    reactions: { likes: r.likes },
    businessComment: r.reply
      ? { text: r.reply, updatedTime: new Date(replyAt).toISOString(), dateText: mapsDate(replyAt, now) }
      : null,
  };
}

function api(req: ReplicaRequest, now: Date): ReplicaResponse {
  const q = req.url.searchParams;
  if (q.get("businessId") !== ORG.id) return { status: 404, ...json({ error: "not found" }) };
  const all = visibleReviews(req.stage);
  const ordered = q.get("ranking") === "by_time" ? all : byRelevance(all);
  const page = Math.max(1, Number(q.get("page") ?? 1));
  const totalPages = Math.ceil(ordered.length / PAGE_SIZE);
  const slice = ordered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return json({
    data: {
      reviews: slice.map((r) => toJson(r, now)),
      params: { page, totalPages, totalCount: ordered.length, ranking: q.get("ranking") },
    },
  });
}

const STYLE = `<style>
body{margin:0;font-family:sans-serif}
.scroll__container{height:600px;overflow-y:auto;width:420px}
.business-reviews-card-view__review{min-height:140px;border-bottom:1px solid #eee;padding:12px}
.rating-ranking-view__popup{display:none;position:absolute;background:#fff}
.rating-ranking-view__popup-line{padding:6px 12px;cursor:pointer}
</style>`;

export function shellPage(count: number): string {
  const line = (label: string, ranking: string) =>
    `<div class="rating-ranking-view__popup-line" role="button" aria-label="${label}" data-ranking="${ranking}">${label}</div>`;
  return `<!DOCTYPE html>
<html lang="ru"><head>
<meta charset="utf-8">
<title>${escapeHtml(ORG.name)}, ${escapeHtml(ORG.address)}: отзывы — Яндекс Карты</title>
<link rel="canonical" href="${ORIGIN}${ORG_PATH}">${STYLE}
</head>
<body data-business-id="${ORG.id}">
<noscript>Включите JavaScript, чтобы пользоваться Яндекс Картами</noscript>
<div class="sidebar-view">
  <div class="orgpage-header-view">
    <h1 class="orgpage-header-view__header">${escapeHtml(ORG.name)}</h1>
    <div class="business-card-title-view__categories">${escapeHtml(ORG.category)}</div>
    <div class="business-rating-badge-view__rating"><span class="business-rating-badge-view__rating-text">${String(ORG.rating).replace(".", ",")}</span></div>
    <div class="orgpage-header-view__address">${escapeHtml(ORG.address)}</div>
  </div>
  <div class="business-reviews-card-view__header">
    <h2 class="card-section-header__title">${count} отзывов</h2>
    <div class="rating-ranking-view" role="button"><span class="rating-ranking-view__current">По умолчанию</span>
      <div class="rating-ranking-view__popup">${line("По умолчанию", "by_relevance_org")}${line("По новизне", "by_time")}</div></div>
  </div>
  <div class="scroll__container"><div class="business-reviews-card-view__reviews-container"></div></div>
</div>
<script>${CLIENT_JS}</script>
</body></html>`;
}

export function captchaPage(): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Ой!</title></head>
<body><div class="CheckboxCaptcha"><h1>Подтвердите, что запросы отправляли вы, а не робот</h1>
<p>Нам очень жаль, но запросы с вашего устройства похожи на автоматические.</p>
<form method="POST" action="/checkcaptcha?key=replica" class="CheckboxCaptcha-Form"><input type="checkbox" aria-label="Я не робот"></form></div></body></html>`;
}

/** A new front end: the reviews render, but in other markup. */
export function redesignedShell(): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Отзывы — Яндекс Карты</title></head>
<body><div class="orgpage-reviews"></div>
<script>
fetch('/maps/api/business/fetchReviews?businessId=${ORG.id}&page=1&pageSize=10&ranking=by_time')
  .then(function (r) { return r.json(); })
  .then(function (j) {
    var box = document.querySelector('.orgpage-reviews');
    j.data.reviews.forEach(function (r) {
      var a = document.createElement('article'); a.className = 'review-snippet-view';
      a.textContent = r.text; box.appendChild(a);
    });
    document.body.setAttribute('data-rendered', '1');
  });
</script></body></html>`;
}
