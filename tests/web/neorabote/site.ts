/**
 * Replica of neorabote.net (employee reviews of employers), invented content about "Банк Ромашка".
 *
 * Written 2026-11 without a saved real page (none was found), from memory of the site's layout: a company
 * page listing reviews newest first with relative dates ("вчера в 12:02", "3 дня назад", then
 * "12 марта 2026"), the overall mark, position, city and employment status in a header line, "Плюсы" /
 * "Минусы" / "Общее впечатление" blocks, ratings for salary, management, conditions, team and growth, and
 * numbered pages announced by <link rel="next"> in the head. Class names are the replica's.
 *
 *   /company/bank-romashka/[page-N/]   5 reviews a page, newest first
 *   /company/blocked/                  403 Cloudflare wall: blocked
 *   /company/redesigned/               a new front end: broken
 * Stage 1 adds 2 reviews on top.
 */
import { type EmployerReview, employerReviews, RU_STORIES, visibleAt } from "../employer-stories.js";
import { cloudflarePage } from "../forum-kit.js";
import { escapeHtml, html, LOADED_AT, MINUTE, pageOf, ruHumanDate, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const NEORABOTE_ORIGIN = "https://neorabote.net";
export const listUrl = `${NEORABOTE_ORIGIN}/company/bank-romashka/`;
export const PAGE_SIZE = 5;
const REVIEWS = employerReviews({ stories: RU_STORIES, count: 12, offset: 2, stages: 1 });
export const reviewId = (r: EmployerReview) => 20_710 + (REVIEWS.length - r.index);
export const neoraboteReviews = (stage: number) => visibleAt(REVIEWS, stage);

export function createNeoraboteSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["neorabote.net"], handle: (req) => route(req, now) };
}

export const neoraboteSite: ReplicaSite = createNeoraboteSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /cabinet/\n");
  if (path === "/company/blocked/") return html(cloudflarePage("neorabote.net"), { status: 403 });
  if (path === "/company/redesigned/") return html(layout("Банк Ромашка", '<div id="root"></div>', ""));
  const m = /^\/company\/bank-romashka\/(?:page-(\d+)\/)?$/.exec(path);
  if (!m) return html(layout("Не найдено", "<h1>Страница не найдена</h1>", ""), { status: 404 });
  const page = Number(m[1] ?? 1);
  const { items, pages } = pageOf(neoraboteReviews(req.stage), page, PAGE_SIZE);
  if (page > pages) return html(layout("Не найдено", "<h1>Страница не найдена</h1>", ""), { status: 404 });
  return html(listPage(items, page, pages, now));
}

const pageUrl = (p: number) => `${listUrl}${p > 1 ? `page-${p}/` : ""}`;

function layout(title: string, body: string, head: string): string {
  return `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)} — НеоРаботе</title>${head}</head>
<body><div class="wrap"><div class="top"><a class="logo" href="/">НеоРаботе</a></div>
<div class="content">${body}</div><div class="bottom">© НеоРаботе (реплика)</div></div></body></html>`;
}

const MARKS: [keyof EmployerReview["sub"], string][] = [
  ["salary", "Зарплата"],
  ["management", "Руководство"],
  ["conditions", "Условия"],
  ["team", "Коллектив"],
  ["career", "Рост"],
];

function review(r: EmployerReview, now: Date): string {
  const id = reviewId(r);
  const at = now.getTime() - r.minutesAgo * MINUTE;
  const marks = MARKS.map(
    ([k, name]) => `<tr class="mark mark-${k}"><td>${name}</td><td class="mark-value">${r.sub[k]}</td></tr>`,
  ).join("");
  return `<div class="otzyv" id="otzyv${id}">
  <div class="otzyv-head">
    <span class="otzyv-ball" title="Оценка">${r.rating}</span>
    <a class="otzyv-title" href="/otzyv/${id}/">${escapeHtml(r.title)}</a>
    <div class="otzyv-who"><span class="who-position">${escapeHtml(r.position)}</span> / <span class="who-city">${escapeHtml(r.city)}</span> / <span class="who-status">${r.current ? "работаю" : "работал(а)"}</span></div>
    <span class="otzyv-date">${ruHumanDate(at, now.getTime())}</span>
  </div>
  <div class="otzyv-plus"><h4>Плюсы</h4><p>${escapeHtml(r.pros)}</p></div>
  <div class="otzyv-minus"><h4>Минусы</h4><p>${escapeHtml(r.cons)}</p></div>
  ${r.comment ? `<div class="otzyv-total"><h4>Общее впечатление</h4><p>${escapeHtml(r.comment)}</p></div>` : ""}
  <table class="otzyv-marks">${marks}</table>
</div>`;
}

export function listPage(items: EmployerReview[], page: number, pages: number, now: Date): string {
  const head = [
    page > 1 ? `<link rel="prev" href="${pageUrl(page - 1)}">` : "",
    page < pages ? `<link rel="next" href="${pageUrl(page + 1)}">` : "",
    `<link rel="canonical" href="${pageUrl(page)}">`,
  ].join("");
  const nav = Array.from({ length: pages }, (_, i) => i + 1)
    .map((p) => (p === page ? `<b>${p}</b>` : `<a href="${pageUrl(p)}">${p}</a>`))
    .join(" ");
  return layout(
    "Банк Ромашка: отзывы сотрудников",
    `<h1>Отзывы сотрудников о компании «Банк Ромашка»</h1>
<div class="otzyvy">${items.map((r) => review(r, now)).join("\n")}</div>
<div class="pages">${nav}</div>`,
    head,
  );
}
