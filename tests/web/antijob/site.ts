/**
 * Replica of antijob.net ("Антиджоб": the employers' black list, employee reviews), served in
 * windows-1251, invented content about "Банк Ромашка" as an employer.
 *
 * Written 2026-11 without a saved real page (none was found): modeled from memory of the site's old
 * server-rendered pages — a company's reviews newest first, each with a title linking to the review,
 * the date as "20.11.2026", city, position and whether the author still works there, an overall mark,
 * the body with "Плюсы:" / "Минусы:" paragraphs and a free comment, and an "agree" counter; pages are
 * linked by a "Следующая →" link. Class names and the windows-1251 encoding are the replica's choices
 * (the site's age makes a single-byte charset plausible and it exercises decoding).
 *
 *   /black_list/bank_romashka/[?p=N]   5 reviews a page, newest first
 *   /black_list/blocked/               403 "Доступ ограничен" captcha page: blocked
 *   /black_list/redesigned/            new markup: broken
 * Stage 1 adds 2 reviews on top.
 */
import { type EmployerReview, employerReviews, RU_STORIES, visibleAt } from "../employer-stories.js";
import { dottedDate, escapeHtml, html, LOADED_AT, MINUTE, pageOf, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const ANTIJOB_ORIGIN = "https://antijob.net";
export const listUrl = `${ANTIJOB_ORIGIN}/black_list/bank_romashka/`;
export const PAGE_SIZE = 5;
const CHARSET = "windows-1251";
const REVIEWS = employerReviews({ stories: RU_STORIES, count: 12, offset: 3, stages: 1 });
export const reviewId = (r: EmployerReview) => 55_100 + (REVIEWS.length - r.index);
export const antijobReviews = (stage: number) => visibleAt(REVIEWS, stage);

export function createAntijobSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["antijob.net"], handle: (req) => route(req, now) };
}

export const antijobSite: ReplicaSite = createAntijobSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  const page = Math.max(1, Number(req.url.searchParams.get("p") ?? 1) || 1);
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /user/\nDisallow: /add/\n");
  if (path === "/black_list/blocked/") return html(blockPage(), { status: 403, charset: CHARSET });
  if (path === "/black_list/redesigned/")
    return html(redesign(antijobReviews(req.stage)), { charset: CHARSET });
  if (path !== "/black_list/bank_romashka/")
    return html(layout("Не найдено", "<h1>Страница не найдена</h1>"), { status: 404, charset: CHARSET });
  const { items, pages } = pageOf(antijobReviews(req.stage), page, PAGE_SIZE);
  return html(listPage(items, page, pages, now), { charset: CHARSET });
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ru"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>${escapeHtml(title)} — Антиджоб</title></head>
<body><div id="header"><a href="/" class="logo">Антиджоб</a> <a href="/add/">Добавить отзыв</a></div>
<div id="content">${body}</div>
<div id="footer">© 2008–2026 Антиджоб (реплика)</div></body></html>`;
}

function review(r: EmployerReview, now: Date): string {
  const id = reviewId(r);
  return `<div class="review" id="review_${id}">
  <div class="review-head"><a class="review-title" href="/black_list/bank_romashka/${id}/">${escapeHtml(r.title)}</a>
    <span class="review-date">${dottedDate(now.getTime() - r.minutesAgo * MINUTE, "Europe/Moscow", false)}</span></div>
  <div class="review-meta"><span class="review-city">г. ${escapeHtml(r.city)}</span> &middot;
    <span class="review-position">${escapeHtml(r.position)}</span> &middot;
    <span class="review-status">${r.current ? "работает в компании" : "уже не работает"}</span></div>
  <div class="review-rating">Оценка: <span class="rating-value">${r.rating}</span> из 5</div>
  <div class="review-body">
    <p><b>Плюсы:</b> ${escapeHtml(r.pros)}</p>
    <p><b>Минусы:</b> ${escapeHtml(r.cons)}</p>
    ${r.comment ? `<p>${escapeHtml(r.comment)}</p>` : ""}
  </div>
  <div class="review-votes">Согласны: <span class="agree">${(r.index * 3) % 11}</span></div>
</div>`;
}

export function listPage(items: EmployerReview[], page: number, pages: number, now: Date): string {
  const prev = page > 1 ? `<a href="?p=${page - 1}" class="prev">← Предыдущая</a>` : "";
  const next = page < pages ? `<a href="?p=${page + 1}" class="next">Следующая →</a>` : "";
  return layout(
    "Банк Ромашка: отзывы сотрудников",
    `<h1>Банк Ромашка</h1><div class="company-info">Отзывов: ${REVIEWS.length}</div>
<div class="reviews">
${items.map((r) => review(r, now)).join("\n")}
</div>
<div class="pages">${prev} Страница ${page} из ${pages} ${next}</div>`,
  );
}

function blockPage(): string {
  return layout(
    "Доступ ограничен",
    `<h1>Доступ ограничен</h1><p>Подтвердите, что вы не робот.</p><form class="captcha-form" method="post"><input name="captcha"></form>`,
  );
}

function redesign(items: EmployerReview[]): string {
  return layout(
    "Банк Ромашка",
    items.map((r) => `<section class="feedback-card"><h2>${escapeHtml(r.title)}</h2></section>`).join("\n"),
  );
}
