/**
 * Replica of Indeed's company reviews (`/cmp/<company>/reviews`), host `www.indeed.com`, invented English
 * content about "Romashka Bank".
 *
 * Written 2026-11 without a saved real page (none was found), from the cmp-Review markup (about 2019-2021)
 * that public scrapers select: div.cmp-Review-container[data-tn-entityid] > div.cmp-Review with schema.org
 * Review microdata, .cmp-ReviewRating-text, a.cmp-Review-titleLink, span.cmp-ReviewAuthor "Job title
 * (Current Employee) - City - Date", span.cmp-NewLineToBr-text bodies, .cmp-ReviewProsCons-prosText /
 * -consText, sub-ratings, and the next page link a[data-tn-element="next-page"] (?start=N). Indeed's current
 * markup differs; the sub-rating block's shape is the replica's.
 *
 *   /cmp/Romashka-Bank/reviews[?start=N]   5 reviews a page, newest first
 *   /cmp/Blocked/reviews                   403 "Security Check" (hCaptcha) page: blocked
 *   /cmp/Redesigned/reviews                the data-testid redesign: broken
 * Stage 1 adds 2 reviews on top.
 */
import { type EmployerReview, EN_STORIES, employerReviews, visibleAt } from "../employer-stories.js";
import { escapeHtml, html, LOADED_AT, MINUTE, text, wallTime } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const INDEED_ORIGIN = "https://www.indeed.com";
export const listUrl = `${INDEED_ORIGIN}/cmp/Romashka-Bank/reviews`;
export const PAGE_SIZE = 5;
const REVIEWS = employerReviews({ stories: EN_STORIES, count: 12, offset: 3, stages: 1 });
export const reviewId = (r: EmployerReview) => `7e${(0x51c0 + REVIEWS.length - r.index).toString(16)}a9d3b2`;
export const indeedReviews = (stage: number) => visibleAt(REVIEWS, stage);

export function createIndeedSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["www.indeed.com"], handle: (req) => route(req, now) };
}

export const indeedSite: ReplicaSite = createIndeedSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  const start = Math.max(0, Number(req.url.searchParams.get("start") ?? 0) || 0);
  if (path === "/robots.txt") return text("User-agent: *\nAllow: /cmp/\nDisallow: /account/\n");
  if (path === "/cmp/Blocked/reviews") return html(securityCheck(), { status: 403 });
  if (path === "/cmp/Redesigned/reviews") return html(redesign(indeedReviews(req.stage)));
  if (path !== "/cmp/Romashka-Bank/reviews") return html("<h1>Page not found</h1>", { status: 404 });
  const all = indeedReviews(req.stage);
  return html(listPage(all.slice(start, start + PAGE_SIZE), start, all.length, now));
}

const SUB: [keyof EmployerReview["sub"], string][] = [
  ["conditions", "Work/Life Balance"],
  ["salary", "Pay &amp; Benefits"],
  ["career", "Job Security &amp; Advancement"],
  ["management", "Management"],
  ["team", "Culture"],
];

function usDate(ms: number): string {
  const w = wallTime(ms, "America/Chicago");
  const month = "January February March April May June July August September October November December".split(
    " ",
  )[w.mo - 1];
  return `${month} ${w.d}, ${w.y}`;
}

function review(r: EmployerReview, now: Date): string {
  const id = reviewId(r);
  const subs = SUB.map(
    ([k, name]) =>
      `<div class="cmp-SubRating"><div class="cmp-SubRating-ratingText">${name}</div><div class="cmp-RatingStars" aria-label="${r.sub[k].toFixed(1)} out of 5 stars"></div></div>`,
  ).join("");
  return `<div class="cmp-Review-container" data-tn-entitytype="reviewId" data-tn-entityid="${id}">
<div class="cmp-Review" itemprop="review" itemscope itemtype="http://schema.org/Review">
  <div class="cmp-Review-rating" itemprop="reviewRating" itemscope itemtype="http://schema.org/Rating">
    <meta itemprop="ratingValue" content="${r.rating.toFixed(1)}"><button class="cmp-ReviewRating-text" type="button">${r.rating.toFixed(1)}</button>
    <div class="cmp-ReviewRating-subRatings">${subs}</div>
  </div>
  <div class="cmp-Review-content">
    <div class="cmp-Review-title" itemprop="name"><a class="cmp-Review-titleLink" href="/cmp/Romashka-Bank/reviews?id=${id}">${escapeHtml(r.title)}</a></div>
    <div class="cmp-Review-author"><span class="cmp-ReviewAuthor"><meta itemprop="author" content="${escapeHtml(r.position)}"><span class="cmp-ReviewAuthor-jobTitle">${escapeHtml(r.position)}</span> (${r.current ? "Current Employee" : "Former Employee"}) - <span class="cmp-ReviewAuthor-location">${escapeHtml(r.city)}</span> - <span class="cmp-ReviewAuthor-date">${usDate(now.getTime() - r.minutesAgo * MINUTE)}</span></span></div>
    ${r.comment ? `<div class="cmp-Review-text" itemprop="reviewBody"><span class="cmp-NewLineToBr-text">${escapeHtml(r.comment)}</span></div>` : ""}
    <div class="cmp-ReviewProsCons">
      <div class="cmp-ReviewProsCons-prosCol"><div class="cmp-ReviewProsCons-title">Pros</div><div class="cmp-ReviewProsCons-prosText"><span class="cmp-NewLineToBr-text">${escapeHtml(r.pros)}</span></div></div>
      <div class="cmp-ReviewProsCons-consCol"><div class="cmp-ReviewProsCons-title">Cons</div><div class="cmp-ReviewProsCons-consText"><span class="cmp-NewLineToBr-text">${escapeHtml(r.cons)}</span></div></div>
    </div>
    <div class="cmp-Review-helpful">Was this review helpful? <button class="cmp-ReviewFeedback-yes" data-tn-element="reviewFeedback-yes">Yes <span class="cmp-StatelessReviewFeedbackButtons-count">${r.index % 5}</span></button></div>
  </div>
</div>
</div>`;
}

export function listPage(items: EmployerReview[], start: number, total: number, now: Date): string {
  const next =
    start + PAGE_SIZE < total
      ? `<a class="icl-Button icl-Button--tertiary" data-tn-element="next-page" href="/cmp/Romashka-Bank/reviews?start=${start + PAGE_SIZE}">Next</a>`
      : "";
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Working at Romashka Bank: Employee Reviews | Indeed.com</title></head>
<body><div id="cmp-root"><div class="cmp-ReviewsList" data-tn-section="reviews">
<h1 class="cmp-CompanyReviews-title">Romashka Bank Employee Reviews</h1>
${items.map((r) => review(r, now)).join("\n")}
<div class="cmp-Pagination">${next}</div>
</div></div></body></html>`;
}

function securityCheck(): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Security Check - Indeed.com</title></head>
<body><h1>Additional Verification Required</h1><form id="challenge-form" method="post"><div class="h-captcha"></div></form></body></html>`;
}

function redesign(items: EmployerReview[]): string {
  const cards = items
    .map(
      (r) =>
        `<div data-testid="review-card"><h2 data-testid="review-title">${escapeHtml(r.title)}</h2></div>`,
    )
    .join("");
  return `<!DOCTYPE html><html lang="en"><head><title>Romashka Bank reviews | Indeed</title></head><body><main>${cards}</main></body></html>`;
}
