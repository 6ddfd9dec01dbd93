/**
 * Replica of flamp.ru firm reviews (host `moscow.flamp.ru`), invented content about a bank branch.
 *
 * No saved real flamp page exists. Modeled (2026-11) from knowledge of the site's server-rendered firm page
 * (2018-2023): a firm header with its name and rating, `ul.ugc-list > li.ugc-list__item` review cards with
 * schema.org Review microdata (`[itemprop=author]`, `time[itemprop=datePublished][datetime]` printed as
 * "вчера" / "3 дня назад" / "20 ноября 2026", `[itemprop=reviewBody]`), a star widget whose `title` says
 * "Оценка 4 из 5", likes, and the firm's official answer under the review (flamp shows 2GIS reviews, whose
 * API carries `official_answer{text, date_created, org_name}`). Replica decisions: the class names in
 * detail, list texts cut at 200 characters with "Читать полностью" linking to the review's own page
 * `/firm/<slug>-<id>/otzyv-<reviewId>`, "Показать ещё" as a link to `?page=N`, the captcha page.
 *
 * Paths: /firm/<slug>-<id>[?page=N], /firm/<slug>-<id>/otzyv-<reviewId>, /firm/blocked_firm-1 (captcha),
 * /firm/redesigned_firm-2 (new markup). Stage n adds 2 reviews per stage (up to 2).
 */
import {
  escapeHtml,
  html,
  isoWithOffset,
  LOADED_AT,
  MINUTE,
  pageOf,
  paragraphs,
  ruHumanDate,
  teaserOf,
  text,
  withBreaks,
} from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { FIRM, FIRM_PATH, type FlampReview, PAGE_SIZE, visibleReviews } from "./reviews.js";

export const ORIGIN = "https://moscow.flamp.ru";
const TEASER_CHARS = 200;

export const ROBOTS_TXT = `User-agent: *
Disallow: /search/
Disallow: /api/
`;

export function createFlampSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["moscow.flamp.ru"], handle: (req) => route(req, now) };
}

export const flampSite: ReplicaSite = createFlampSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text(ROBOTS_TXT);
  if (path === "/firm/blocked_firm-1") return html(captchaPage());
  if (path === "/firm/redesigned_firm-2") return html(redesignedPage(visibleReviews(req.stage)));
  const reviews = visibleReviews(req.stage);
  if (path === FIRM_PATH) {
    const page = Number(req.url.searchParams.get("page") ?? 1);
    if (!Number.isInteger(page) || page < 1 || page > pageOf(reviews, 1, PAGE_SIZE).pages) return notFound();
    return html(firmPage(reviews, page, now));
  }
  const one = new RegExp(`^${FIRM_PATH}/otzyv-(\\d+)$`).exec(path);
  const review = one && reviews.find((r) => r.id === Number(one[1]));
  return review ? html(reviewPage(review, now)) : notFound();
}

function notFound(): ReplicaResponse {
  return html(layout("Страница не найдена — Фламп", "<h1>Такой страницы нет</h1>"), { status: 404 });
}

function layout(title: string, content: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="ru"><head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>${head}
</head>
<body class="l-body">
<header class="header"><a class="header__logo" href="/">Фламп</a> <span class="header__city">Москва</span></header>
<main class="l-page">
${content}
</main>
<footer class="footer">© Фламп (реплика)</footer>
</body></html>`;
}

const reviewPath = (r: FlampReview) => `${FIRM_PATH}/otzyv-${r.id}`;
const postedAt = (r: FlampReview, now: Date) => now.getTime() - r.minutesAgo * MINUTE;

function starWidget(rating: number): string {
  const stars = [1, 2, 3, 4, 5]
    .map((i) => `<span class="star${i <= rating ? " star--active" : ""}"></span>`)
    .join("");
  return `<div class="star-rating star-rating--${rating}" title="Оценка ${rating} из 5">${stars}</div>`;
}

function officialAnswer(r: FlampReview, now: Date): string {
  if (!r.reply) return "";
  const at = postedAt(r, now) + r.replyAfterMinutes * MINUTE;
  return `<div class="ugc-item__official-answer official-answer">
        <div class="official-answer__header"><span class="official-answer__name">${escapeHtml(FIRM.name)}</span>
          <span class="official-answer__badge">официальный ответ</span>
          <time class="official-answer__date" datetime="${isoWithOffset(at)}">${ruHumanDate(at, now.getTime())}</time></div>
        <div class="official-answer__text t-rich-text">${withBreaks(r.reply)}</div>
      </div>`;
}

function card(r: FlampReview, now: Date, full: boolean): string {
  const at = postedAt(r, now);
  const teaser = teaserOf(r.text, TEASER_CHARS);
  const body = full || !teaser.cut ? paragraphs(r.text) : `<p>${withBreaks(teaser.text)}</p>`;
  const more =
    !full && teaser.cut ? `<a class="ugc-item__more" href="${reviewPath(r)}">Читать полностью</a>` : "";
  return `<div class="ugc-item" data-review-id="${r.id}" itemprop="review" itemscope itemtype="http://schema.org/Review">
      <div class="ugc-item__header">
        <a class="ugc-item__author name t-text t-text--bold" href="/user/u${r.id % 9973}"><span itemprop="author">${escapeHtml(r.author)}</span></a>
        <a class="ugc-item__date ugc-date" href="${reviewPath(r)}"><time itemprop="datePublished" datetime="${isoWithOffset(at)}">${ruHumanDate(at, now.getTime())}</time></a>
      </div>
      <div class="ugc-item__rating">${starWidget(r.rating)}</div>
      <div class="ugc-item__text t-rich-text" itemprop="reviewBody">${body}</div>
      ${more}
      <div class="ugc-item__footer"><span class="ugc-item__likes">Полезно: <span class="js-likes-count">${r.likes}</span></span></div>
      ${officialAnswer(r, now)}
    </div>`;
}

function firmHeader(count: number): string {
  return `<div class="firm-header" itemscope itemtype="http://schema.org/LocalBusiness">
  <h1 class="firm-header__name"><span itemprop="name">${escapeHtml(FIRM.name)}</span></h1>
  <div class="firm-header__address">${escapeHtml(FIRM.address)}</div>
  <div class="filial-rating" itemprop="aggregateRating" itemscope itemtype="http://schema.org/AggregateRating">
    <span class="filial-rating__value" itemprop="ratingValue">${String(FIRM.rating).replace(".", ",")}</span>
    <span class="filial-rating__count"><span itemprop="reviewCount">${count}</span> отзывов</span>
  </div>
</div>`;
}

export function firmPage(reviews: FlampReview[], page: number, now: Date): string {
  const { items, pages } = pageOf(reviews, page, PAGE_SIZE);
  const list = items.map(
    (r) => `  <li class="ugc-list__item js-ugc-list-item">\n    ${card(r, now, false)}\n  </li>`,
  );
  const more =
    page < pages
      ? `<a class="button button--more js-ugc-load-more" href="${FIRM_PATH}?page=${page + 1}">Показать ещё</a>`
      : "";
  return layout(
    `${FIRM.name}: отзывы — Фламп`,
    `${firmHeader(reviews.length)}\n<ul class="ugc-list js-ugc-list">\n${list.join("\n")}\n</ul>\n${more}`,
    `\n<link rel="canonical" href="${ORIGIN}${FIRM_PATH}${page > 1 ? `?page=${page}` : ""}">`,
  );
}

export function reviewPage(r: FlampReview, now: Date): string {
  return layout(
    `Отзыв о ${FIRM.name} — Фламп`,
    `${firmHeader(0)}\n<article class="ugc-single">\n  ${card(r, now, true)}\n</article>`,
    `\n<link rel="canonical" href="${ORIGIN}${reviewPath(r)}">`,
  );
}

export function captchaPage(): string {
  return layout(
    "Доступ временно ограничен — Фламп",
    `<div class="captcha"><h1>Доступ временно ограничен</h1><p>Мы заметили подозрительную активность с вашего IP-адреса.</p>
<form id="captcha-form" method="post"><img src="/captcha/image" alt=""><input name="code"><button type="submit">Отправить</button></form></div>`,
  );
}

export function redesignedPage(reviews: FlampReview[]): string {
  const cards = reviews
    .slice(0, PAGE_SIZE)
    .map(
      (r) =>
        `<cat-review-card review-id="${r.id}"><cat-user-name>${escapeHtml(r.author)}</cat-user-name><cat-review-text>${withBreaks(r.text.join("\n"))}</cat-review-text></cat-review-card>`,
    );
  return layout(`${FIRM.name}: отзывы — Фламп`, `<cat-reviews-list>${cards.join("\n")}</cat-reviews-list>`);
}
