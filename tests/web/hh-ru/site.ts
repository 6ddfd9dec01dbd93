/**
 * Replica of hh.ru's employer reviews ("Отзывы о работодателе", host `feedback.hh.ru`), invented content
 * about "Банк Ромашка" as an employer.
 *
 * Written 2026-11 without a saved real page: hh.ru pages are React apps whose server-rendered HTML carries
 * the whole page state as JSON in `<template id="HH-Lux-InitialState">` (seen on public hh.ru pages), and
 * whose markup is tagged with `data-qa` attributes. The shape of the reviews inside that state (ids,
 * dates, overall and per-topic ratings, position, area, employment state, pros/cons/comment, the
 * employer's answer, paging with 0-based `page`) and the host/path are the replica's assumptions: check
 * them against the live site.
 *
 *   /employer/4412908[?page=N]     5 reviews a page (page=0 first), newest first
 *   /employer/blocked              403 captcha page: blocked
 *   /employer/new-front            no initial state (a client-rendered shell): broken
 * Stage 1 adds 2 reviews on top.
 */
import { type EmployerReview, employerReviews, RU_STORIES, visibleAt } from "../employer-stories.js";
import { escapeHtml, html, isoWithOffset, LOADED_AT, MINUTE, pageOf, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const HH_ORIGIN = "https://feedback.hh.ru";
export const EMPLOYER_ID = "4412908";
export const listUrl = `${HH_ORIGIN}/employer/${EMPLOYER_ID}`;
export const PAGE_SIZE = 5;
const REVIEWS = employerReviews({ stories: RU_STORIES, count: 12, offset: 6, stages: 1 });
export const reviewId = (r: EmployerReview) => 9_205_000 + (REVIEWS.length - r.index);
export const hhReviews = (stage: number) => visibleAt(REVIEWS, stage);
/** The employer answers its harshest critics. */
export const answerOf = (r: EmployerReview) =>
  r.rating <= 2
    ? "Спасибо за отзыв. Мы разобрали ситуацию с руководителем подразделения и свяжемся с вами."
    : undefined;

export function createHhSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["feedback.hh.ru"], handle: (req) => route(req, now) };
}

export const hhSite: ReplicaSite = createHhSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  const page = Math.max(0, Number(req.url.searchParams.get("page") ?? 0) || 0);
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /account/\nAllow: /employer/\n");
  if (path === "/employer/blocked") return html(captchaPage(), { status: 403 });
  if (path === "/employer/new-front") return html(shell(""));
  if (path !== `/employer/${EMPLOYER_ID}`) return html(shell(""), { status: 404 });
  return html(reviewsPage(hhReviews(req.stage), page, now));
}

const RATINGS: [keyof EmployerReview["sub"], string, string][] = [
  ["salary", "SALARY", "Зарплата и премии"],
  ["management", "MANAGEMENT", "Руководство"],
  ["conditions", "WORK_CONDITIONS", "Условия труда"],
  ["team", "TEAM", "Коллектив"],
  ["career", "CAREER", "Карьерный рост"],
];

export function reviewState(r: EmployerReview, now: Date): Record<string, unknown> {
  const at = now.getTime() - r.minutesAgo * MINUTE;
  const answer = answerOf(r);
  return {
    id: reviewId(r),
    employerId: Number(EMPLOYER_ID),
    createdAt: isoWithOffset(at),
    totalRating: r.rating,
    title: r.title,
    pros: r.pros,
    cons: r.cons,
    comment: r.comment ?? null,
    position: { name: r.position },
    area: { id: 1, name: r.city },
    employmentState: r.current ? "CURRENT" : "FORMER",
    employmentStateText: r.current ? "Работает в компании" : "Работал(а) в компании",
    recommend: r.recommends,
    ratings: RATINGS.map(([k, code, name]) => ({ code, name, value: r.sub[k] })),
    usefulCount: (r.index * 2) % 9,
    employerAnswer: answer ? { text: answer, createdAt: isoWithOffset(at + 120 * MINUTE) } : null,
  };
}

export function reviewsPage(all: EmployerReview[], page: number, now: Date): string {
  const { items, pages } = pageOf(all, page + 1, PAGE_SIZE);
  const state = {
    topLevelSite: "hh.ru",
    employerInfo: {
      id: Number(EMPLOYER_ID),
      name: "Банк Ромашка",
      totalRating: 3.4,
      reviewsCount: all.length,
    },
    employerReviews: {
      reviews: items.map((r) => reviewState(r, now)),
      paging: { page, lastPage: pages - 1, perPage: PAGE_SIZE },
    },
  };
  const cards = items
    .map(
      (r) =>
        `<div data-qa="employer-review-item"><h3 data-qa="employer-review-title">${escapeHtml(r.title)}</h3><span data-qa="employer-review-rating">${r.rating}</span></div>`,
    )
    .join("");
  return shell(`<template id="HH-Lux-InitialState">${JSON.stringify(state).replace(/</g, "\\u003c")}</template>
<div id="HH-React-Root"><div data-qa="employer-reviews">${cards}</div></div>`);
}

function shell(body: string): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Банк Ромашка: отзывы сотрудников о работодателе — hh.ru</title></head>
<body class="s-friendly">${body}<div id="HH-React-Root"></div><script src="https://i.hh.ru/build-js/main.js"></script></body></html>`;
}

function captchaPage(): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Доступ ограничен — hh.ru</title></head>
<body><div data-qa="captcha"><h1>Подтвердите, что вы не робот</h1><form action="/account/captcha" method="post"><img data-qa="account-captcha-picture" src="/captcha/picture"><input name="captchaText"></form></div></body></html>`;
}
