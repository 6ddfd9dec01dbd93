/**
 * Replica of a Yelp business page (host `www.yelp.com`), invented content about a Brooklyn café.
 *
 * The saved real Yelp page (../shared/fixtures/real-pages/yelp/02, 2021) is a user profile in the older
 * server-rendered markup (`div.review[data-review-id]`, `.i-stars[title="1.0 star rating"]`,
 * `.rating-qualifier` "4/30/2019", `p[lang]`); the extraction test reads it with a profile variant. The
 * business page is modeled from knowledge of the current React markup (2021-2024): generated class names
 * with a `__09f24__` build infix (`review__09f24__…`, `comment__09f24__…`, `raw__09f24__…`), ratings as
 * `div[role=img][aria-label="4 star rating"]`, dates like "Nov 3, 2026", review text in `span[lang]`,
 * reviewer links `/user_details?userid=…`, paging with `?start=10` and sorting with `sort_by=date_desc`
 * (any other order is Yelp's relevance sort). Replica decisions: the review permalink as the share link
 * `/biz/<slug>?hrid=<id>`, the owner-reply block's class, and a DataDome-style 403 block page.
 *
 * Paths: /biz/<slug>[?sort_by=date_desc][&start=N], /biz/blocked-biz (403 DataDome),
 * /biz/redesigned-biz (new markup: 0 items). Stage 1 adds 2 reviews on top.
 */
import { enShortDate, escapeHtml, html, LOADED_AT, MINUTE, pageOf, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { BIZ, PAGE_SIZE, visibleReviews, type YelpReview } from "./reviews.js";

export const ORIGIN = "https://www.yelp.com";

export const ROBOTS_TXT = `User-agent: *
Disallow: /biz_attribute
Disallow: /user_details_reviews_self
Disallow: /writeareview
Allow: /biz/
`;

export function createYelpSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["www.yelp.com"], handle: (req) => route(req, now) };
}

export const yelpSite: ReplicaSite = createYelpSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text(ROBOTS_TXT);
  if (path === "/biz/blocked-biz") return html(dataDomePage(), { status: 403 });
  if (path === "/biz/redesigned-biz") return html(redesignedPage(visibleReviews(req.stage)));
  if (path === `/biz/${BIZ.slug}`) {
    const start = Number(req.url.searchParams.get("start") ?? 0);
    if (!Number.isInteger(start) || start < 0 || start % PAGE_SIZE !== 0) return notFound();
    const newest = req.url.searchParams.get("sort_by") === "date_desc";
    const reviews = visibleReviews(req.stage);
    const ordered = newest ? reviews : [...reviews].sort((a, b) => b.likes - a.likes || a.index - b.index);
    return html(bizPage(ordered, start / PAGE_SIZE + 1, now, newest));
  }
  return notFound();
}

function notFound(): ReplicaResponse {
  return html(
    layout("Page not found - Yelp", "<h1>We're sorry. We can't find the page you're looking for.</h1>"),
    {
      status: 404,
    },
  );
}

function layout(title: string, content: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="en-US"><head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>${head}
</head>
<body>
<div id="header" class="header__09f24__Xk0aL"><a href="/">Yelp</a></div>
<main id="main-content" class="main-content-wrap__09f24__Gm9zE">
${content}
</main>
<footer class="footer__09f24__Vq3mB">Copyright © 2004–2026 Yelp Inc. (replica)</footer>
</body></html>`;
}

const postedAt = (r: YelpReview, now: Date) => now.getTime() - r.minutesAgo * MINUTE;

function stars(rating: number): string {
  return `<div aria-label="${rating} star rating" role="img" class=" five-stars__09f24__mBKym five-stars--regular__09f24__DgBNj display--inline-block__09f24__fEDiJ"><img class=" offscreen__09f24__a_fg4" src="/replica/stars.png" width="132" height="24" alt=""></div>`;
}

function ownerReply(r: YelpReview, now: Date): string {
  if (!r.reply) return "";
  const at = postedAt(r, now) + r.replyAfterMinutes * MINUTE;
  return `<div class=" ownerReply__09f24__Kp3Zm margin-t2__09f24__b0bxj border-color--default__09f24__NPAKY">
          <div class=" arrange__09f24__LDfbs"><p class=" css-ux5mu6" data-font-weight="bold">${escapeHtml(BIZ.owner)}</p>
            <p class=" css-1lr1m88">Business Owner</p></div>
          <span class=" css-chan6m">${enShortDate(at, BIZ.timeZone)}</span>
          <p class=" css-qgunke"><span class=" raw__09f24__T4Ezm" lang="en">${escapeHtml(r.reply)}</span></p>
        </div>`;
}

function reviewItem(r: YelpReview, now: Date): string {
  const userId = r.id.slice(3, 25).split("").reverse().join("");
  return `    <li class=" margin-b5__09f24__pTvws border-color--default__09f24__NPAKY">
      <div class=" review__09f24__oHr9V border-color--default__09f24__NPAKY">
        <div class=" user-passport-info border-color--default__09f24__NPAKY">
          <span class=" fs-block css-ux5mu6" data-font-weight="bold"><a href="/user_details?userid=${userId}" class="css-19v1rkv">${escapeHtml(r.author)}</a></span>
          <div class=" responsive-hidden-small__09f24__qQFtj"><span class=" css-qgunke">${escapeHtml(r.location)}</span></div>
        </div>
        <div class=" arrange__09f24__LDfbs gutter-1__09f24__yAbCL vertical-align-middle__09f24__zU9sE">
          <div class=" arrange-unit__09f24__rqHTg">${stars(r.rating)}</div>
          <div class=" arrange-unit__09f24__rqHTg"><span class=" css-chan6m">${enShortDate(postedAt(r, now), BIZ.timeZone)}</span></div>
        </div>
        <p class=" comment__09f24__D0cxf css-qgunke"><span class=" raw__09f24__T4Ezm" lang="en">${r.text.map(escapeHtml).join("<br><br>")}</span></p>
        <div class=" arrange__09f24__LDfbs reactions__09f24__Rz2Qh">
          <button type="button" class=" css-1qn0b6x"><span class=" css-1lr1m88">Useful</span><span class=" css-1lr1m88">${r.likes}</span></button>
          <a class=" css-1m051bw" href="/biz/${BIZ.slug}?hrid=${r.id}&amp;utm_campaign=www_review_share_popup" aria-label="Share review">Share</a>
        </div>
        ${ownerReply(r, now)}
      </div>
    </li>`;
}

function pagination(page: number, pages: number, newest: boolean): string {
  const href = (p: number) =>
    `/biz/${BIZ.slug}?${newest ? "sort_by=date_desc&amp;" : ""}start=${(p - 1) * PAGE_SIZE}`.replace(
      "?&amp;",
      "?",
    );
  const links = Array.from({ length: pages }, (_, i) => i + 1).map((p) =>
    p === page
      ? `<span class=" css-z6383k">${p}</span>`
      : `<a class=" css-166la90" href="${href(p)}">${p}</a>`,
  );
  const next =
    page < pages
      ? `<a class="next-link navigation-button__09f24__m9qRz css-166la90" href="${href(page + 1)}" aria-label="Next">Next</a>`
      : "";
  return `<div class=" pagination__09f24__VRjN4" role="navigation" aria-label="Pagination navigation">${links.join("")}${next}<span class=" css-chan6m">${page} of ${pages}</span></div>`;
}

export function bizPage(reviews: YelpReview[], page: number, now: Date, newest = true): string {
  const { items, pages } = pageOf(reviews, page, PAGE_SIZE);
  return layout(
    `${BIZ.name} - Updated 2026 - ${reviews.length} Reviews - Brooklyn, New York - Cafes - Yelp`,
    `<div class=" photo-header-content__09f24__q7rNO">
  <h1 class=" css-1se8maq">${escapeHtml(BIZ.name)}</h1>
  <div class=" arrange__09f24__LDfbs">${stars(Math.round(BIZ.rating))}<span class=" css-1fdy0l5">${BIZ.rating}</span>
    <a class="css-19v1rkv" href="#reviews">(${reviews.length} reviews)</a></div>
</div>
<section aria-label="Recommended Reviews" id="reviews">
  <h2 class=" css-1yw3vkf">Recommended Reviews</h2>
  <ul class=" list__09f24__ynIEd">
${items.map((r) => reviewItem(r, now)).join("\n")}
  </ul>
  ${pagination(page, pages, newest)}
</section>`,
    `\n<link rel="canonical" href="${ORIGIN}/biz/${BIZ.slug}">`,
  );
}

/** DataDome's block page: a 403 whose body is a captcha iframe. */
export function dataDomePage(): string {
  return `<html lang="en"><head><title>yelp.com</title></head><body style="margin:0">
<script>var dd={'rt':'c','cid':'AHrlqAAAAAMA','hsh':'replica','t':'fe','host':'geo.captcha-delivery.com'}</script>
<iframe src="https://geo.captcha-delivery.com/captcha/?initialCid=AHrlqAAAAAMA&amp;hash=replica" title="DataDome CAPTCHA" width="100%" height="100%"></iframe>
</body></html>`;
}

export function redesignedPage(reviews: YelpReview[]): string {
  const cards = reviews
    .slice(0, PAGE_SIZE)
    .map(
      (r) =>
        `<article class="y-css-kw85nd"><h4>${escapeHtml(r.author)}</h4><p class="y-css-h9c2fl">${escapeHtml(r.text.join(" "))}</p></article>`,
    );
  return layout(
    `${BIZ.name} - Yelp`,
    `<section aria-label="Recommended Reviews">${cards.join("\n")}</section>`,
  );
}
