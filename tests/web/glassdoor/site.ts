/**
 * Replica of Glassdoor's employer reviews list, host `www.glassdoor.com`, invented English content about
 * "Romashka Bank".
 *
 * Modeled (2026-11) on the glassdoor.co.uk "Aetna Reviews" page saved in
 * ../shared/fixtures/real-pages/glassdoor/ (2019 markup): li.empReview[id=empReview_<id>] > div.hreview,
 * time.date[datetime], span.helpfulCount "Helpful (2)", a.reviewLink > span.summary with the quoted
 * title, span.rating > span.value-title[title="3.0"], ul.undecorated li (div.minor name + span.gdBars
 * title=<sub-rating>), span.authorJobTitle "Current Employee - Analyst", span.authorLocation, p.pros,
 * p.cons, p.adviceMgmt, pagination li.next a (…_P2.htm). The block page is modeled on Cloudflare's
 * interstitial Glassdoor shows; the redesign on its later React markup.
 *
 *   /Reviews/Romashka-Bank-Reviews-E4120736[_P<n>].htm   5 reviews a page, newest first
 *   /Reviews/Blocked-Reviews-E1.htm                      403 Cloudflare wall: blocked
 *   /Reviews/Redesigned-Reviews-E2.htm                   the React redesign (no li.empReview): broken
 * Stage 1 adds 2 reviews on top.
 */
import { type EmployerReview, EN_STORIES, employerReviews, visibleAt } from "../employer-stories.js";
import { cloudflarePage } from "../forum-kit.js";
import { escapeHtml, html, LOADED_AT, MINUTE, pageOf, text, wallTime } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const GLASSDOOR_ORIGIN = "https://www.glassdoor.com";
export const EMPLOYER_PATH = "/Reviews/Romashka-Bank-Reviews-E4120736";
export const listUrl = `${GLASSDOOR_ORIGIN}${EMPLOYER_PATH}.htm`;
export const PAGE_SIZE = 5;
export const REVIEWS = employerReviews({ stories: EN_STORIES, count: 12, stages: 1 });
export const reviewId = (r: EmployerReview) => 71_234_000 + (REVIEWS.length - r.index);

export function glassdoorReviews(stage: number): EmployerReview[] {
  return visibleAt(REVIEWS, stage);
}

export function createGlassdoorSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["www.glassdoor.com"], handle: (req) => route(req, now) };
}

export const glassdoorSite: ReplicaSite = createGlassdoorSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /member/\nAllow: /Reviews/\n");
  if (path === "/Reviews/Blocked-Reviews-E1.htm")
    return html(cloudflarePage("www.glassdoor.com"), { status: 403 });
  if (path === "/Reviews/Redesigned-Reviews-E2.htm") return html(redesign(glassdoorReviews(req.stage)));
  const m = new RegExp(`^${EMPLOYER_PATH}(?:_P(\\d+))?\\.htm$`).exec(path);
  if (!m) return html("<h1>Page not found</h1>", { status: 404 });
  const page = Number(m[1] ?? 1);
  const { items, pages } = pageOf(glassdoorReviews(req.stage), page, PAGE_SIZE);
  if (page > pages) return html("<h1>Page not found</h1>", { status: 404 });
  return html(listPage(items, page, pages, now));
}

const SUB: [keyof EmployerReview["sub"], string][] = [
  ["conditions", "Work/Life Balance"],
  ["team", "Culture &amp; Values"],
  ["career", "Career Opportunities"],
  ["salary", "Comp &amp; Benefits"],
  ["management", "Senior Management"],
];

function day(ms: number): { iso: string; shown: string } {
  const w = wallTime(ms, "UTC");
  const mon = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ")[w.mo - 1];
  return {
    iso: `${w.y}-${String(w.mo).padStart(2, "0")}-${String(w.d).padStart(2, "0")}`,
    shown: `${w.d} ${mon} ${w.y}`,
  };
}

function review(r: EmployerReview, now: Date): string {
  const id = reviewId(r);
  const d = day(now.getTime() - r.minutesAgo * MINUTE);
  const status = r.current ? "Current Employee" : "Former Employee";
  const subs = SUB.map(
    ([key, name]) =>
      `<li><div class='minor'>${name}</div><span class='gdBars gdRatings med ' title="${r.sub[key].toFixed(1)}"><i><i></i></i></span></li>`,
  ).join("\n");
  const advice = r.comment
    ? `<div class='row'><div class='cell top padTopMd'><p class="strong tightVert">Advice to Management</p><p class=' adviceMgmt mainText truncateThis wrapToggleStr'>${escapeHtml(r.comment)}</p></div></div>`
    : "";
  return `<li class=' empReview cf ' id='empReview_${id}'>
  <div class='hreview'>
    <div class='cf'>
      <div class='floatLt'><time class='date subtle small' datetime="${d.iso}"> ${d.shown}</time></div>
      <p class='helpfulReviews small tightVert floatRt'><span class="helpfulCount subtle"> Helpful (${r.index % 4})</span></p>
    </div>
    <div class=' tbl fill reviewTop'><div class='row'><div class='cell'>
      <h2 class=' h2 summary strong tightTop margBotXs'><a href='/Reviews/Employee-Review-Romashka-Bank-RVW${id}.htm' class='reviewLink'><span class="summary ">&quot;${escapeHtml(r.title)}&quot;</span></a></h2>
      <div class='tbl reviewMeta'>
        <div class='gdStarsWrapper cell top'><span class='gdStars gdRatings sm margRt'><span class="rating"><span class="value-title" title="${r.rating.toFixed(1)}"></span></span><i class='subRatingsDrop'></i>
          <div class='subRatings module'><ul class='undecorated'>
${subs}
          </ul></div></span></div>
        <div class=' cell top'><div class='author minor tbl'><span class='authorInfo tbl hideHH'><span class='authorJobTitle middle reviewer'>${status} - ${escapeHtml(r.position)}</span><span class='middle'> in </span><span class='authorLocation middle'>${escapeHtml(r.city)}</span></span></div></div>
      </div>
    </div></div></div>
    <div class='tbl fill'><div class='row'><div class='cell reviewBodyCell'>
      <div class='flex-grid recommends'><div class='tightLt col span-1-3'><span class='middle'>${r.recommends ? "Recommends" : "Doesn't Recommend"}</span></div></div>
      <div class='description '><div class=' tbl fill prosConsAdvice truncateData'>
        <div class='row'><div class='cell top padTopMd'><p class="strong tightVert">Pros</p><p class=' pros mainText truncateThis wrapToggleStr'>${escapeHtml(r.pros)}</p></div></div>
        <div class='row padBotLg'><div class='cell top padTopMd'><p class="strong tightVert">Cons</p><p class=' cons mainText truncateThis wrapToggleStr'>${escapeHtml(r.cons)}</p></div></div>
        ${advice}
      </div></div>
    </div></div></div>
  </div>
</li>`;
}

function pagination(page: number, pages: number): string {
  const href = (p: number) => `${EMPLOYER_PATH}${p > 1 ? `_P${p}` : ""}.htm`;
  const links = Array.from({ length: pages }, (_, i) => i + 1).map((p) =>
    p === page
      ? `<li class='page current'><span class='disabled'>${p}</span></li>`
      : `<li class='page '><a href="${href(p)}">${p}</a></li>`,
  );
  const next =
    page < pages
      ? `<li class="next"><a href="${href(page + 1)}"><i><span>Next</span></i></a></li>`
      : `<li class="next"><span class="disabled"><i><span>Next</span></i></span></li>`;
  return `<div class="pagingControls cell middle"><ul>${links.join("\n")}\n${next}</ul></div>`;
}

export function listPage(items: EmployerReview[], page: number, pages: number, now: Date): string {
  return `<!DOCTYPE html>
<html lang='en' class='flex'><head><meta charset="utf-8"><title>Romashka Bank Reviews | Glassdoor</title></head>
<body class='main flex loggedIn lang-en en-US'>
<div id="EmployerReviews"><h1 class="h1 strong tightAll">Romashka Bank Reviews</h1>
  <div id="ReviewsFeed" class="margTop"><ol class='empReviews emp-reviews-feed tightLt'>
${items.map((r) => review(r, now)).join("\n")}
  </ol></div>
  ${pagination(page, pages)}
</div></body></html>`;
}

function redesign(items: EmployerReview[]): string {
  const cards = items
    .map(
      (r) =>
        `<div data-test="review-details-container" class="review-details_reviewDetails__4Xp7n"><h2 class="review-details_title__9hPKT">${escapeHtml(r.title)}</h2><span data-test="review-rating-label">${r.rating}.0</span></div>`,
    )
    .join("\n");
  return `<!DOCTYPE html><html lang="en"><head><title>Romashka Bank Reviews | Glassdoor</title></head><body><div id="__next">${cards}</div></body></html>`;
}
