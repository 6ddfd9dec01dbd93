/**
 * Replica of dreamjob.ru's employer reviews, invented content about "Банк Ромашка" as an employer.
 *
 * Written 2026-11 without a saved real page: modeled from memory of the site — an employer page listing
 * reviews newest first, each with stars, position, city, whether the author still works there, the date,
 * "Что нравится" / "Что не нравится" blocks, a recommendation badge, per-topic marks, and a
 * "Показать ещё" button that loads the next chunk (its URL in `data-url`). The markup and class names are
 * the replica's.
 *
 *   /employers/41263[?page=N]   5 reviews a chunk; the button carries the next chunk's URL
 *   /employers/blocked          403 "Проверка безопасности" wall: blocked
 *   /employers/redesigned       a new front end: broken
 * Stage 1 adds 2 reviews on top.
 */
import { type EmployerReview, employerReviews, RU_STORIES, visibleAt } from "../employer-stories.js";
import { escapeHtml, html, LOADED_AT, MINUTE, pageOf, ruLongDate, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const DREAMJOB_ORIGIN = "https://dreamjob.ru";
export const listUrl = `${DREAMJOB_ORIGIN}/employers/41263`;
export const PAGE_SIZE = 5;
const REVIEWS = employerReviews({ stories: RU_STORIES, count: 12, offset: 9, stages: 1 });
export const reviewId = (r: EmployerReview) => 1_730_400 + (REVIEWS.length - r.index);
export const dreamjobReviews = (stage: number) => visibleAt(REVIEWS, stage);

export function createDreamjobSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["dreamjob.ru"], handle: (req) => route(req, now) };
}

export const dreamjobSite: ReplicaSite = createDreamjobSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  const page = Math.max(1, Number(req.url.searchParams.get("page") ?? 1) || 1);
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /profile/\nAllow: /employers/\n");
  if (path === "/employers/blocked")
    return html(
      layout(
        "Проверка безопасности",
        "<h1>Проверка безопасности</h1><p>Подтвердите, что вы не робот (captcha).</p>",
      ),
      { status: 403 },
    );
  if (path === "/employers/redesigned")
    return html(layout("Банк Ромашка", '<div id="app" data-v-app></div>'));
  if (path !== "/employers/41263")
    return html(layout("Не найдено", "<h1>Страница не найдена</h1>"), { status: 404 });
  const { items, pages } = pageOf(dreamjobReviews(req.stage), page, PAGE_SIZE);
  return html(listPage(items, page, pages, now));
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)} — Dreamjob</title></head>
<body><div id="__nuxt"><header class="header"><a class="header__logo" href="/">Dreamjob</a></header><main class="page">${body}</main></div></body></html>`;
}

const MARKS: [keyof EmployerReview["sub"], string][] = [
  ["salary", "Зарплата"],
  ["management", "Руководство"],
  ["conditions", "Условия работы"],
  ["team", "Коллектив"],
  ["career", "Развитие"],
];

function review(r: EmployerReview, now: Date): string {
  const id = reviewId(r);
  const at = now.getTime() - r.minutesAgo * MINUTE;
  const marks = MARKS.map(
    ([k, name]) =>
      `<li class="review-marks__item" data-mark="${k}"><span class="review-marks__name">${name}</span><span class="review-marks__value">${r.sub[k]}</span></li>`,
  ).join("");
  return `<article class="review" data-review-id="${id}">
  <header class="review__header">
    <div class="review__rating" data-rating="${r.rating}" aria-label="Оценка ${r.rating} из 5"></div>
    <a class="review__title" href="/employers/41263/reviews/${id}">${escapeHtml(r.title)}</a>
    <div class="review__meta"><span class="review__position">${escapeHtml(r.position)}</span>, <span class="review__city">${escapeHtml(r.city)}</span>,
      <span class="review__status">${r.current ? "Работает в компании" : "Работал(а) в компании"}</span></div>
    <time class="review__date" datetime="${new Date(at).toISOString()}">${ruLongDate(at)}</time>
  </header>
  <div class="review__block review__block--pros"><div class="review__label">Что нравится</div><div class="review__text">${escapeHtml(r.pros)}</div></div>
  <div class="review__block review__block--cons"><div class="review__label">Что не нравится</div><div class="review__text">${escapeHtml(r.cons)}</div></div>
  ${r.comment ? `<div class="review__block review__block--comment"><div class="review__label">Комментарий</div><div class="review__text">${escapeHtml(r.comment)}</div></div>` : ""}
  <div class="review__recommend">${r.recommends ? "Рекомендует работодателя" : "Не рекомендует работодателя"}</div>
  <ul class="review-marks">${marks}</ul>
</article>`;
}

export function listPage(items: EmployerReview[], page: number, pages: number, now: Date): string {
  const more =
    page < pages
      ? `<button class="reviews__more" type="button" data-url="/employers/41263?page=${page + 1}">Показать ещё</button>`
      : "";
  return layout(
    "Банк Ромашка — отзывы сотрудников",
    `<h1 class="employer__name">Банк Ромашка</h1>
<section class="reviews">
${items.map((r) => review(r, now)).join("\n")}
${more}
</section>`,
  );
}
