/**
 * Replica of pravda-sotrudnikov.ru ("Правда сотрудников": employee reviews of employers), invented content
 * about "Банк Ромашка" as an employer.
 *
 * Written 2026-11 without a saved real page (none was found): the layout is modeled from memory of the
 * site — a company page listing reviews newest first with `?page=N`, each review with the author
 * (usually "Аноним"), the date, a title, overall stars, position / city / "работает сейчас" or "бывший
 * сотрудник", marks for salary, management, conditions, team and career, and separate "Плюсы",
 * "Минусы" and comment blocks — marked up with schema.org Review microdata. Class names are the replica's.
 *
 *   /company/bank-romashka[?page=N]   5 reviews a page, newest first; past the end: an empty list
 *   /company/blocked                  403 DDoS-Guard wall: blocked
 *   /company/redesigned               a new front end without the old classes: broken
 * Stage 1 adds 2 reviews on top.
 */
import { type EmployerReview, employerReviews, RU_STORIES, visibleAt } from "../employer-stories.js";
import { escapeHtml, html, LOADED_AT, MINUTE, pageOf, ruLongDate, text, wallTime } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const PS_ORIGIN = "https://pravda-sotrudnikov.ru";
export const listUrl = `${PS_ORIGIN}/company/bank-romashka`;
export const PAGE_SIZE = 5;
const REVIEWS = employerReviews({ stories: RU_STORIES, count: 12, stages: 1 });
export const reviewId = (r: EmployerReview) => 384_100 + (REVIEWS.length - r.index);
export const psReviews = (stage: number) => visibleAt(REVIEWS, stage);

export function createPravdaSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["pravda-sotrudnikov.ru"], handle: (req) => route(req, now) };
}

export const pravdaSite: ReplicaSite = createPravdaSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  const page = Math.max(1, Number(req.url.searchParams.get("page") ?? 1) || 1);
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /user/\nDisallow: /search\n");
  if (path === "/company/blocked") return html(guardPage(), { status: 403 });
  if (path === "/company/redesigned") return html(redesign(psReviews(req.stage)));
  if (path !== "/company/bank-romashka")
    return html(layout("Страница не найдена", "<h1>404</h1>"), { status: 404 });
  const { items, pages } = pageOf(psReviews(req.stage), page, PAGE_SIZE);
  return html(listPage(items, page, pages, now));
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header class="header"><a class="header-logo" href="/">Правда сотрудников</a>
<form class="header-search" action="/search"><input name="q" placeholder="Название компании"></form></header>
<main class="main">${body}</main>
<footer class="footer">© Правда сотрудников (реплика)</footer></body></html>`;
}

const MARKS: [keyof EmployerReview["sub"], string][] = [
  ["salary", "Зарплата"],
  ["management", "Руководство"],
  ["conditions", "Условия труда"],
  ["team", "Коллектив"],
  ["career", "Карьерный рост"],
];

function isoDay(ms: number): string {
  const w = wallTime(ms, "Europe/Moscow");
  return `${w.y}-${String(w.mo).padStart(2, "0")}-${String(w.d).padStart(2, "0")}`;
}

function review(r: EmployerReview, now: Date): string {
  const id = reviewId(r);
  const at = now.getTime() - r.minutesAgo * MINUTE;
  const stars = Array.from(
    { length: 5 },
    (_, i) => `<span class="star${i < r.rating ? " star-active" : ""}"></span>`,
  ).join("");
  const marks = MARKS.map(
    ([k, name]) =>
      `<li class="review-mark"><span class="review-mark-name">${name}</span> <span class="review-mark-value" data-value="${r.sub[k]}">${r.sub[k]}</span></li>`,
  ).join("");
  return `<div class="company-reviews-list-item" id="review-${id}" itemprop="review" itemscope itemtype="http://schema.org/Review">
  <div class="company-reviews-list-item-header">
    <span class="company-reviews-list-item-name" itemprop="author">Аноним</span>
    <span class="company-reviews-list-item-date"><meta itemprop="datePublished" content="${isoDay(at)}">${ruLongDate(at)}</span>
  </div>
  <div class="company-reviews-list-item-title"><a href="/company/bank-romashka/review/${id}" itemprop="name">${escapeHtml(r.title)}</a></div>
  <div class="company-reviews-list-item-rating" itemprop="reviewRating" itemscope itemtype="http://schema.org/Rating"><meta itemprop="ratingValue" content="${r.rating}"><meta itemprop="bestRating" content="5">${stars}</div>
  <div class="company-reviews-list-item-info">
    <span class="info-position">Должность: <b>${escapeHtml(r.position)}</b></span>
    <span class="info-city">Город: <b>${escapeHtml(r.city)}</b></span>
    <span class="info-status">${r.current ? "Работает сейчас" : "Бывший сотрудник"}</span>
  </div>
  <ul class="company-reviews-list-item-marks">${marks}</ul>
  <div class="company-reviews-list-item-text" itemprop="reviewBody">
    <div class="review-plus"><div class="review-label">Плюсы</div><div class="review-plus-text">${escapeHtml(r.pros)}</div></div>
    <div class="review-minus"><div class="review-label">Минусы</div><div class="review-minus-text">${escapeHtml(r.cons)}</div></div>
    ${r.comment ? `<div class="review-comment"><div class="review-label">Комментарий</div><div class="review-comment-text">${escapeHtml(r.comment)}</div></div>` : ""}
  </div>
  <div class="company-reviews-list-item-footer"><a class="review-useful" href="#">Полезно <span>${r.index % 6}</span></a></div>
</div>`;
}

export function listPage(items: EmployerReview[], page: number, pages: number, now: Date): string {
  const links = Array.from({ length: pages }, (_, i) => i + 1)
    .map((p) =>
      p === page ? `<li class="active"><span>${p}</span></li>` : `<li><a href="?page=${p}">${p}</a></li>`,
    )
    .join("");
  return layout(
    `Банк Ромашка — отзывы сотрудников о работодателе${page > 1 ? `, страница ${page}` : ""}`,
    `<div class="company-header" itemscope itemtype="http://schema.org/Organization"><h1 itemprop="name">Банк Ромашка</h1>
  <div class="company-rating">Рейтинг работодателя <span class="company-rating-value">3,1</span></div></div>
<div class="company-reviews-list">
${items.map((r) => review(r, now)).join("\n")}
</div>
${items.length > 0 ? `<ul class="pagination">${links}</ul>` : '<p class="company-reviews-empty">Отзывов больше нет.</p>'}`,
  );
}

function guardPage(): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>DDoS-Guard</title></head>
<body><h1>Проверка браузера перед переходом на pravda-sotrudnikov.ru</h1></body></html>`;
}

function redesign(items: EmployerReview[]): string {
  return layout(
    "Банк Ромашка — отзывы",
    items
      .map(
        (r) =>
          `<article class="rv-card"><h3 class="rv-card__title">${escapeHtml(r.title)}</h3><p class="rv-card__body">${escapeHtml(r.pros)}</p></article>`,
      )
      .join("\n"),
  );
}
