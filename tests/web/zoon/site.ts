/**
 * Replica of zoon.ru organisation review pages (host `zoon.ru`), invented content about a bank office.
 *
 * The saved real page (../shared/fixtures/real-pages/zoon/01_zoon.html, 2022) is a catalog list
 * (`li.minicard-item.js-results-item[data-id]`, `.minicard-item__comment` snippets, `.stars-view[data-val]`
 * with star widths in %); the extraction test reads it with a catalog variant. The review page is modeled
 * on what public scrapers read from it (2022-2024): `ul[data-uitest="org-reviews-list"] >
 * li[data-type="comment"][data-id][data-author]` with schema.org Review microdata
 * (`meta[itemprop=datePublished]`, `meta[itemprop=ratingValue]`, `span[itemprop=name]`), text parts
 * `.js-comment-part` with a `.comment-text-subtitle` ("Достоинства:", "Недостатки:", "Комментарий:") and
 * `.js-comment-content`, the rest of a long text already in the DOM as `.js-comment-additional-text.hidden`,
 * the organisation's rating `[data-uitest="stars-count"]`, "Показать ещё" `.js-show-more` loading the next
 * chunk, and `.captcha-wrapper` on the anti-bot page. Replica decisions: the part modifiers
 * (`.comment-text--pros|cons|comment`), the date as a `#comment-<id>` permalink, the official answer block, likes, and the show-more button carrying
 * the next chunk's URL in `data-url` (served as an HTML fragment of the same `li` items).
 *
 * Paths: /<org path>/reviews/, /js.php?area=service&action=CommentList&organization=<id>&skip=N&limit=10
 * (next chunk), /msk/banks/blocked_org/reviews/ (captcha), /msk/banks/redesigned_org/reviews/ (new markup).
 */
import {
  escapeHtml,
  html,
  isoWithOffset,
  LOADED_AT,
  MINUTE,
  ruLongDateTime,
  text,
  withBreaks,
} from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { ORG, PAGE_SIZE, visibleReviews, type ZoonReview } from "./reviews.js";

export const ORIGIN = "https://zoon.ru";
const SHORT_CHARS = 200;

export const ROBOTS_TXT = `User-agent: *
Disallow: /search/
Disallow: /*?utm_
Allow: /js.php?area=service&action=CommentList

Sitemap: https://zoon.ru/sitemap.xml
`;

export function createZoonSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["zoon.ru"], handle: (req) => route(req, now) };
}

export const zoonSite: ReplicaSite = createZoonSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text(ROBOTS_TXT);
  if (path === `/${ORG.path}/reviews/`) return html(reviewsPage(visibleReviews(req.stage), now));
  if (path === "/js.php" && req.url.searchParams.get("action") === "CommentList") {
    if (req.url.searchParams.get("organization") !== ORG.id) return html("", { status: 404 });
    const skip = Number(req.url.searchParams.get("skip") ?? 0);
    return html(chunk(visibleReviews(req.stage), skip, now));
  }
  if (path === "/msk/banks/blocked_org/reviews/") return html(captchaPage());
  if (path === "/msk/banks/redesigned_org/reviews/") return html(redesignedPage(visibleReviews(req.stage)));
  return html(layout("Страница не найдена", "<h1>Страница не найдена</h1>"), { status: 404 });
}

function layout(title: string, content: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="ru"><head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>${head}
</head>
<body class="z-body">
<header class="header"><a class="header-logo" href="https://zoon.ru/msk/">Zoon</a>
<span class="header-city">Москва</span></header>
<div class="z-container">
${content}
</div>
<footer class="footer">© Zoon (реплика)</footer>
<script>window.ZOON = { city: "msk" };</script>
</body></html>`;
}

const postedAt = (r: ZoonReview, now: Date) => now.getTime() - r.minutesAgo * MINUTE;

/** The comment text split where the site cuts it: the rest is in the DOM, hidden. */
function shortText(r: ZoonReview): string {
  const whole = r.text.join("\n");
  if (whole.length <= SHORT_CHARS) return `<span class="js-comment-content">${withBreaks(whole)}</span>`;
  const at = whole.lastIndexOf(" ", SHORT_CHARS);
  return `<span class="js-comment-content">${withBreaks(whole.slice(0, at))}</span><span class="js-comment-additional-text hidden">${withBreaks(whole.slice(at))}</span>
          <button class="js-comment-expand z-button--link" type="button">Читать полностью</button>`;
}

function answer(r: ZoonReview, now: Date): string {
  if (!r.reply) return "";
  const at = postedAt(r, now) + r.replyAfterMinutes * MINUTE;
  return `<div class="comment-answer js-comment-answer">
        <div class="comment-answer__header"><span class="comment-answer__title">Официальный ответ</span>
          <span class="comment-answer__date" data-date="${isoWithOffset(at)}">${ruLongDateTime(at)}</span></div>
        <div class="comment-answer__text">${withBreaks(r.reply)}</div>
      </div>`;
}

export function commentItem(r: ZoonReview, now: Date): string {
  const at = postedAt(r, now);
  return `  <li class="comment-item js-comment" data-type="comment" data-id="${r.id}" data-author="${escapeHtml(r.author)}" itemprop="review" itemscope itemtype="http://schema.org/Review">
    <div class="comment-header">
      <span class="comment-author" itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">${escapeHtml(r.author)}</span></span>
      <meta itemprop="datePublished" content="${isoWithOffset(at)}">
      <a class="z-text--13 z-text--dark-gray comment-permalink" href="/${ORG.path}/reviews/#comment-${r.id}">${ruLongDateTime(at)}</a>
      <div class="stars-view" itemprop="reviewRating" itemscope itemtype="http://schema.org/Rating">
        <meta itemprop="ratingValue" content="${r.rating}"><meta itemprop="bestRating" content="5">
        <div class="stars-view__bar"><div class="stars-view__filled" style="width: ${r.rating * 20}%"></div></div>
        <span class="stars-rating-text">${r.rating}</span>
      </div>
    </div>
    <div class="comment-text js-comment-text">
      <div class="js-comment-part comment-text--pros"><div class="comment-text-subtitle">Достоинства:</div> <span class="js-comment-content">${escapeHtml(r.pros)}</span></div>
      <div class="js-comment-part comment-text--cons"><div class="comment-text-subtitle">Недостатки:</div> <span class="js-comment-content">${escapeHtml(r.cons)}</span></div>
      <div class="js-comment-part js-comment-short-text comment-text--comment"><div class="comment-text-subtitle">Комментарий:</div>
          ${shortText(r)}</div>
    </div>
    <div class="comment-footer"><span class="js-comment-like">Полезно <span class="js-comment-likes-count">${r.likes}</span></span></div>
    ${answer(r, now)}
  </li>`;
}

function showMore(skip: number, total: number): string {
  if (skip >= total) return "";
  const url = `/js.php?area=service&action=CommentList&owner[]=organization&organization=${ORG.id}&sort=date&skip=${skip}&limit=${PAGE_SIZE}`;
  return `<div class="js-show-more-box pd-lxl pt0"><button class="js-show-more button button-show-more" type="button" data-url="${escapeHtml(url)}">Показать ещё</button></div>`;
}

/** The "show more" answer: the next chunk of items and the next button. */
export function chunk(reviews: ZoonReview[], skip: number, now: Date): string {
  const items = reviews.slice(skip, skip + PAGE_SIZE);
  return `<ul class="list-reset feedbacks-new js-feedbacks-new">
${items.map((r) => commentItem(r, now)).join("\n")}
</ul>
${showMore(skip + PAGE_SIZE, reviews.length)}`;
}

export function reviewsPage(reviews: ZoonReview[], now: Date): string {
  const first = reviews.slice(0, PAGE_SIZE);
  return layout(
    `${ORG.name}: отзывы — Zoon`,
    `<div class="service-page-header" itemscope itemtype="http://schema.org/BankOrCreditUnion">
  <h1 class="service-page-header--text"><span itemprop="name">${escapeHtml(ORG.name)}</span></h1>
  <address class="service-address">${escapeHtml(ORG.address)}</address>
  <div class="z-flex js-heading-rating-container" itemprop="aggregateRating" itemscope itemtype="http://schema.org/AggregateRating">
    <div class="z-text--16 z-text--bold" data-uitest="stars-count">${String(ORG.rating).replace(".", ",")}</div>
    <meta itemprop="ratingValue" content="${ORG.rating}"><meta itemprop="reviewCount" content="${reviews.length}">
  </div>
</div>
<div class="js-reviews-top-panel"><div class="service-block-title">Все отзывы подряд ${reviews.length}</div></div>
<ul class="list-reset feedbacks-new js-feedbacks-new" data-uitest="org-reviews-list">
${first.map((r) => commentItem(r, now)).join("\n")}
</ul>
${showMore(PAGE_SIZE, reviews.length)}`,
    `\n<link rel="canonical" href="${ORIGIN}/${ORG.path}/reviews/">`,
  );
}

/** The anti-bot page: a captcha wrapper instead of the organisation. */
export function captchaPage(): string {
  return layout(
    "Подтвердите, что вы не робот — Zoon",
    `<div class="captcha-wrapper"><h1>Подтвердите, что вы не робот</h1>
<form method="post" action="/captcha/"><div class="g-recaptcha" data-sitekey="replica"></div><button type="submit">Продолжить</button></form></div>`,
  );
}

export function redesignedPage(reviews: ZoonReview[]): string {
  const cards = reviews
    .slice(0, PAGE_SIZE)
    .map(
      (r) =>
        `<article class="ReviewCard" data-review="${r.id}"><b class="ReviewCard-author">${escapeHtml(r.author)}</b><p>${withBreaks(r.text.join("\n"))}</p></article>`,
    );
  return layout(`${ORG.name}: отзывы — Zoon`, `<section class="Reviews">${cards.join("\n")}</section>`);
}
