/**
 * Replica of sravni.ru bank reviews (host `www.sravni.ru`), invented content.
 *
 * No saved real page exists. Modeled (2026-11) on what public scrapers read from the server-rendered
 * Next.js page in 2024-2025: review cards whose CSS-module classes carry a build hash
 * (`review-card_wrapper__<hash>`, `review-card_title__…`, `review-card_text__…`, so scrapers match
 * `[class*="review-card_wrapper"]`), the date in a `h-color-D30` span ("вчера", "3 дня назад",
 * "12 марта 2026"), links to `/bank/<slug>/otzyvy/<id>/`, list pages sorted with `?orderBy=byDate` and
 * paged with `?page=N`. Replica decisions: the rating element (`[data-qa="Rate"]` with an aria-label
 * "Оценка 2 из 5"), the author and product tags, the bank's answer block, list texts cut at 250 characters
 * with "Читать полностью", and the anti-bot page (a Cloudflare-style 403 challenge).
 *
 * Paths: /bank/<slug>/otzyvy/[?page=N], /bank/<slug>/otzyvy/<id>/, /bank/blocked-bank/otzyvy/ (403
 * challenge), /bank/redesigned-bank/otzyvy/ (new build: 0 items). Stage n adds 2 reviews (up to 2).
 */
import {
  escapeHtml,
  html,
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
import { BANK, PAGE_SIZE, type SravniReview, visibleReviews } from "./reviews.js";

export const ORIGIN = "https://www.sravni.ru";
const TEASER_CHARS = 250;
/** The CSS-module hashes of the current build (the redesign gets other class names). */
const H = "3kLpQ";

export const ROBOTS_TXT = `User-agent: *
Disallow: /api/
Disallow: /*?utm_
Allow: /bank/
`;

export function createSravniSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["www.sravni.ru"], handle: (req) => route(req, now) };
}

export const sravniSite: ReplicaSite = createSravniSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text(ROBOTS_TXT);
  if (path === "/bank/blocked-bank/otzyvy/") return html(challengePage(), { status: 403 });
  if (path === "/bank/redesigned-bank/otzyvy/") return html(redesignedPage(visibleReviews(req.stage)));
  const reviews = visibleReviews(req.stage);
  if (path === `/bank/${BANK.slug}/otzyvy/`) {
    const page = Number(req.url.searchParams.get("page") ?? 1);
    if (!Number.isInteger(page) || page < 1) return notFound();
    return html(listPage(reviews, page, now));
  }
  const one = new RegExp(`^/bank/${BANK.slug}/otzyvy/(\\d+)/$`).exec(path);
  const review = one && reviews.find((r) => r.id === Number(one[1]));
  return review ? html(reviewPage(review, now)) : notFound();
}

function notFound(): ReplicaResponse {
  return html(layout("Страница не найдена | Сравни", "<h1>404</h1>"), { status: 404 });
}

function layout(title: string, content: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="ru"><head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title>${head}
</head>
<body>
<div id="__next"><header class="header_wrapper__Zx81d"><a href="/">Сравни</a></header>
<main class="page_main__0aQ2e">
${content}
</main>
<footer class="footer_wrapper__Lm3s0">© Сравни (реплика)</footer></div>
<script id="__NEXT_DATA__" type="application/json">{"page":"/bank/[alias]/otzyvy","buildId":"replica"}</script>
</body></html>`;
}

const reviewPath = (r: SravniReview) => `/bank/${BANK.slug}/otzyvy/${r.id}/`;
const postedAt = (r: SravniReview, now: Date) => now.getTime() - r.minutesAgo * MINUTE;

function rate(rating: number): string {
  const stars = [1, 2, 3, 4, 5]
    .map(
      (i) => `<svg class="star_star__${H}${i <= rating ? ` star_active__${H}` : ""}" data-qa="Star"></svg>`,
    )
    .join("");
  return `<div class="star-rating_wrapper__${H}" data-qa="Rate" aria-label="Оценка ${rating} из 5">${stars}</div>`;
}

function answer(r: SravniReview, now: Date): string {
  if (!r.reply) return "";
  const at = postedAt(r, now) + r.replyAfterMinutes * MINUTE;
  return `<div class="review-card_answer__${H}">
        <div class="review-card_answerHeader__${H}"><b>Ответ ${escapeHtml(BANK.name)}</b>
          <span class="h-color-D30 review-card_answerDate__${H}">${ruHumanDate(at, now.getTime())}</span></div>
        <div class="review-card_answerText__${H}">${withBreaks(r.reply)}</div>
      </div>`;
}

function card(r: SravniReview, now: Date, full: boolean): string {
  const teaser = teaserOf(r.text, TEASER_CHARS);
  const body = full || !teaser.cut ? paragraphs(r.text) : `<p>${withBreaks(teaser.text)}</p>`;
  return `<div class="review-card_wrapper__${H}" data-review-id="${r.id}">
      <div class="review-card_header__${H}">
        <span class="review-card_author__${H}">${escapeHtml(r.author)}</span>
        <span class="h-color-D30 _1rg6dt1">${ruHumanDate(postedAt(r, now), now.getTime())}</span>
        <span class="review-card_location__${H}">${escapeHtml(r.city)}</span>
      </div>
      ${rate(r.rating)}
      <a class="review-card_title__${H}" href="${reviewPath(r)}">${escapeHtml(r.title)}</a>
      <div class="review-card_tags__${H}"><span class="review-card_product__${H}">${escapeHtml(r.product)}</span>
        <span class="review-card_status__${H}">${escapeHtml(r.status)}</span></div>
      <div class="review-card_text__${H}">${body}</div>
      ${!full && teaser.cut ? `<a class="review-card_more__${H}" href="${reviewPath(r)}">Читать полностью</a>` : ""}
      <div class="review-card_footer__${H}"><button type="button" class="review-card_like__${H}">Полезно <span>${r.likes}</span></button></div>
      ${answer(r, now)}
    </div>`;
}

function header(count: number): string {
  return `<div class="company-header_wrapper__${H}">
  <h1 class="company-header_title__${H}">Отзывы о ${escapeHtml(BANK.name)}</h1>
  <div class="company-header_rating__${H}"><span class="company-header_ratingValue__${H}">${String(BANK.rating).replace(".", ",")}</span> · ${count} отзывов</div>
</div>`;
}

export function listPage(reviews: SravniReview[], page: number, now: Date): string {
  const { items, pages } = pageOf(reviews, page, PAGE_SIZE);
  const more =
    page < pages
      ? `<a class="reviews-list_more__${H}" href="/bank/${BANK.slug}/otzyvy/?page=${page + 1}">Показать ещё</a>`
      : "";
  return layout(
    `Отзывы о ${BANK.name} | Сравни`,
    `${header(reviews.length)}
<div class="reviews-list_wrapper__${H}">
${items.map((r) => card(r, now, false)).join("\n")}
</div>
${more}`,
    `\n<link rel="canonical" href="${ORIGIN}/bank/${BANK.slug}/otzyvy/">`,
  );
}

export function reviewPage(r: SravniReview, now: Date): string {
  return layout(
    `${r.title} — отзыв о ${BANK.name} | Сравни`,
    `${header(0)}\n${card(r, now, true)}`,
    `\n<link rel="canonical" href="${ORIGIN}${reviewPath(r)}">`,
  );
}

/** A Cloudflare-style challenge answered with 403. */
export function challengePage(): string {
  return `<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>Just a moment...</title></head>
<body><div class="main-wrapper" role="main"><h1>www.sravni.ru</h1>
<p id="challenge-body-text">Verify you are human by completing the action below.</p>
<div id="challenge-stage"><input type="checkbox"></div>
<script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script></div></body></html>`;
}

export function redesignedPage(reviews: SravniReview[]): string {
  const cards = reviews
    .slice(0, PAGE_SIZE)
    .map(
      (r) =>
        `<article class="ReviewItem_root__9fQ1x"><a href="${reviewPath(r)}">${escapeHtml(r.title)}</a><p>${withBreaks(r.text.join("\n"))}</p></article>`,
    );
  return layout(`Отзывы о ${BANK.name} | Сравни`, `<section>${cards.join("\n")}</section>`);
}
