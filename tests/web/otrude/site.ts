/**
 * Replica of otrude.net (employee reviews of employers), invented content about "Банк Ромашка".
 *
 * Written 2026-11 without a saved real page (none was found), from memory of the site's layout: a company
 * page with reviews newest first, each with the date "20.11.2026 в 14:04", overall stars drawn as a
 * filled bar (style width in %), a definition list with position, city and employment period, "Что
 * понравилось" / "Что не понравилось" / "Комментарий" blocks, per-topic bars for salary, management,
 * conditions, team and career, and `?p=N` pages. Class names are the replica's.
 *
 *   /company/bank-romashka[?p=N]   5 reviews a page, newest first; past the end: no reviews
 *   /company/blocked               403 DDoS-Guard wall: blocked
 *   /company/redesigned            a new front end: broken
 * Stage 1 adds 2 reviews on top.
 */
import { type EmployerReview, employerReviews, RU_STORIES, visibleAt } from "../employer-stories.js";
import { escapeHtml, html, LOADED_AT, MINUTE, pageOf, ruLongDateTime, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const OTRUDE_ORIGIN = "https://otrude.net";
export const listUrl = `${OTRUDE_ORIGIN}/company/bank-romashka`;
export const PAGE_SIZE = 5;
const REVIEWS = employerReviews({ stories: RU_STORIES, count: 12, offset: 8, stages: 1 });
export const reviewId = (r: EmployerReview) => 640_200 + (REVIEWS.length - r.index);
export const otrudeReviews = (stage: number) => visibleAt(REVIEWS, stage);

export function createOtrudeSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["otrude.net"], handle: (req) => route(req, now) };
}

export const otrudeSite: ReplicaSite = createOtrudeSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  const page = Math.max(1, Number(req.url.searchParams.get("p") ?? 1) || 1);
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /my/\n");
  if (path === "/company/blocked")
    return html(layout("DDoS-Guard", "<h1>Проверка браузера перед переходом на otrude.net</h1>"), {
      status: 403,
    });
  if (path === "/company/redesigned") return html(layout("Банк Ромашка", '<main class="app"></main>'));
  if (path !== "/company/bank-romashka") return html(layout("Не найдено", "<h1>404</h1>"), { status: 404 });
  const { items } = pageOf(otrudeReviews(req.stage), page, PAGE_SIZE);
  return html(listPage(items, now));
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><header class="site-header"><a href="/" class="site-logo">О труде</a></header>
<section class="site-main">${body}</section><footer class="site-footer">© О труде (реплика)</footer></body></html>`;
}

const BARS: [keyof EmployerReview["sub"], string][] = [
  ["salary", "Оплата труда"],
  ["management", "Руководство"],
  ["conditions", "Условия работы"],
  ["team", "Коллектив"],
  ["career", "Карьера"],
];

const bar = (value: number) =>
  `<span class="stars"><span class="stars-fill" style="width: ${value * 20}%"></span></span>`;

function review(r: EmployerReview, now: Date): string {
  const id = reviewId(r);
  const bars = BARS.map(
    ([k, name]) =>
      `<li class="topic topic--${k}"><span class="topic-name">${name}</span>${bar(r.sub[k])}</li>`,
  ).join("");
  return `<div class="feedback" data-id="${id}">
  <div class="feedback-top">
    <h3 class="feedback-title"><a href="/feedback/${id}">${escapeHtml(r.title)}</a></h3>
    <div class="feedback-total">${bar(r.rating)}</div>
    <span class="feedback-date">${ruLongDateTime(now.getTime() - r.minutesAgo * MINUTE)}</span>
  </div>
  <dl class="feedback-author">
    <dt>Должность</dt><dd class="author-position">${escapeHtml(r.position)}</dd>
    <dt>Город</dt><dd class="author-city">${escapeHtml(r.city)}</dd>
    <dt>Статус</dt><dd class="author-status">${r.current ? "Работаю в компании" : "Работал(а) в компании"}</dd>
  </dl>
  <div class="feedback-good"><strong>Что понравилось</strong><div class="feedback-text">${escapeHtml(r.pros)}</div></div>
  <div class="feedback-bad"><strong>Что не понравилось</strong><div class="feedback-text">${escapeHtml(r.cons)}</div></div>
  ${r.comment ? `<div class="feedback-comment"><strong>Комментарий</strong><div class="feedback-text">${escapeHtml(r.comment)}</div></div>` : ""}
  <ul class="feedback-topics">${bars}</ul>
</div>`;
}

export function listPage(items: EmployerReview[], now: Date): string {
  return layout(
    "Банк Ромашка — отзывы о работе",
    `<h1>Банк Ромашка: отзывы сотрудников</h1>
<div class="feedback-list">${items.length > 0 ? items.map((r) => review(r, now)).join("\n") : '<p class="feedback-empty">Отзывов больше нет</p>'}</div>`,
  );
}
