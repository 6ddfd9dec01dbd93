/**
 * Replica of Trustpilot company pages (host `www.trustpilot.com`), with invented content (./reviews.ts).
 *
 * Modeled on the real Next.js pages: the homepage saved 2021-01-27 (../shared/fixtures/real-pages/
 * trustpilot/02: `script#__NEXT_DATA__` JSON, review cards with hashed CSS-module classes, no dates in
 * the DOM) and the public API v1 response (01: `reviews[]` with `stars`, `createdAt`, `consumer`,
 * `companyReply`). The company page `/review/<domain>` itself was not among the saved pages: its
 * `props.pageProps` shape (`businessUnit`, `reviews[]` with `rating`, `dates.publishedDate`,
 * `consumer`, `labels.verification`, `reply{message, publishedDate}`, `filters.pagination`) and the
 * `?page=N` paging are from memory of the site in 2025-2026 and are the replica's decisions.
 *
 * Paths:
 *   /robots.txt
 *   /review/romashka-bank.ru[?page=N]   20 reviews per page, newest first; a page past the last is 404
 *   /reviews/<id>                       one review's own page (`props.pageProps.review`)
 *   /review/blocked-bank.ru             a 403 "Just a moment..." challenge
 *   /review/redesigned-bank.ru          a new build: the reviews moved to `pageProps.reviewList.items`
 * Stage n adds 2 reviews per stage (up to 2) on top of page 1.
 */
import { escapeHtml, html, LOADED_AT, MINUTE, pageOf, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { COMPANY, type TrustpilotReview, visibleReviews } from "./reviews.js";

export const ORIGIN = "https://www.trustpilot.com";
export const PER_PAGE = 20;

export function createTrustpilotSite(now: Date = LOADED_AT): ReplicaSite {
  return { hosts: ["www.trustpilot.com"], handle: (req) => route(req, now) };
}
export const trustpilotSite = createTrustpilotSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt")
    return text("User-agent: *\nDisallow: /users/\nAllow: /review/\nAllow: /reviews/\n");
  if (path === `/review/${COMPANY.identifyingName}`) {
    const page = Number(req.url.searchParams.get("page") ?? 1);
    const out = companyPage(visibleReviews(req.stage), page, now);
    return out ? html(out) : notFound();
  }
  const one = /^\/reviews\/([0-9a-f]{24})$/.exec(path);
  if (one) {
    const r = visibleReviews(req.stage).find((x) => x.id === one[1]);
    return r ? html(reviewPage(r, now)) : notFound();
  }
  if (path === "/review/blocked-bank.ru") return html(challengePage(), { status: 403 });
  if (path === "/review/redesigned-bank.ru") return html(redesignedPage(visibleReviews(req.stage), now));
  return notFound();
}

function notFound(): ReplicaResponse {
  return html(layout("Page not found | Trustpilot", "<h1>Page not found</h1>", { page: "/404" }), {
    status: 404,
  });
}

const postedAt = (r: TrustpilotReview, now: Date) => new Date(now.getTime() - r.minutesAgo * MINUTE);

/** One review in the company page's JSON shape. */
export function reviewJson(r: TrustpilotReview, now: Date) {
  const published = postedAt(r, now);
  return {
    id: r.id,
    filtered: false,
    pending: false,
    text: r.text.join("\n\n"),
    rating: r.rating,
    labels: {
      merged: null,
      verification: r.verified
        ? { isVerified: true, createdDateTime: published.toISOString(), reviewSourceName: "Organic" }
        : null,
    },
    title: r.title,
    likes: r.likes,
    dates: {
      experiencedDate: new Date(published.getTime() - 3 * 24 * 60 * MINUTE).toISOString().slice(0, 10),
      publishedDate: published.toISOString(),
      updatedDate: null,
    },
    consumer: {
      id: `5e${r.id.slice(2)}`,
      displayName: r.author,
      imageUrl: "",
      numberOfReviews: 1 + (r.index % 4),
      countryCode: r.countryCode,
      hasImage: false,
    },
    reply: r.reply
      ? {
          message: r.reply,
          publishedDate: new Date(published.getTime() + r.replyAfterMinutes * MINUTE).toISOString(),
          updatedDate: null,
        }
      : null,
    location: null,
    language: /[а-я]/i.test(r.title) ? "ru" : "en",
  };
}

function businessUnit(total: number) {
  return {
    id: COMPANY.businessUnitId,
    displayName: COMPANY.displayName,
    identifyingName: COMPANY.identifyingName,
    numberOfReviews: total,
    trustScore: COMPANY.trustScore,
    stars: COMPANY.stars,
    websiteUrl: `https://${COMPANY.identifyingName}`,
  };
}

/** `__NEXT_DATA__` as Next.js embeds it: `<` escaped so the JSON cannot close the script element. */
function nextData(page: string, pageProps: unknown, query: Record<string, string>): string {
  const data = {
    props: { pageProps, __N_SSP: true },
    page,
    query,
    buildId: "businessunitprofile-consumersite-7731",
    isFallback: false,
    gssp: true,
    locale: "en-US",
  };
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return `<script id="__NEXT_DATA__" type="application/json">${json}</script>`;
}

function layout(
  title: string,
  body: string,
  data: { page: string; pageProps?: unknown; query?: Record<string, string> },
): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"/><link rel="preload" href="/_next/static/css/a1b2.css" as="style"/></head>
<body><div id="__next"><header class="styles_header__Xk2p1"><a href="/" class="styles_logo__P1x9a">Trustpilot</a></header>
<main class="styles_main__Hz8mb">${body}</main></div>
${nextData(data.page, data.pageProps ?? {}, data.query ?? {})}
<script src="/_next/static/chunks/main-4f2a.js" async=""></script></body></html>`;
}

function stars(rating: number): string {
  return `<div class="star-rating_starRating__4rrcf"><img src="https://cdn.trustpilot.net/brand-assets/4.1.0/stars/stars-${rating}.svg" alt="Rated ${rating} out of 5 stars"/></div>`;
}

function card(r: TrustpilotReview): string {
  return `<article class="paper_paper__1PY90 styles_reviewCard__hcAvl" data-service-review-card-paper="true">
<aside class="styles_consumerInfoWrapper__KP3Ra"><a href="/users/5e${r.id.slice(2)}" class="link_internal__7XN06"><span class="typography_heading-xxs__QKBS8" data-consumer-name-typography="true">${escapeHtml(r.author)}</span></a>
<span class="typography_body-m__xgxZ_" data-consumer-country-typography="true">${r.countryCode}</span></aside>
<section class="styles_reviewContentwrapper__zH_9M">${stars(r.rating)}
<a href="/reviews/${r.id}" class="link_internal__7XN06" data-review-title-typography="true"><h2 class="typography_heading-s__f7029">${escapeHtml(r.title)}</h2></a>
<p class="typography_body-l__KUYFJ" data-service-review-text-typography="true">${r.text.map(escapeHtml).join("<br/><br/>")}</p>
${r.reply ? `<div class="styles_replyInfo__FRy7o"><p class="typography_body-m__xgxZ_">Reply from ${COMPANY.displayName}</p><p class="styles_message__shHhX">${escapeHtml(r.reply)}</p></div>` : ""}
</section></article>`;
}

function header(total: number): string {
  return `<section class="styles_businessInformation__6ks_q"><h1 class="typography_display-s__qOjh6"><span class="title_displayName__TtDDM">${COMPANY.displayName}</span></h1>
<span class="styles_reviewsAndRating__Syz6V">Reviews ${total} • <span>Average</span></span>
<p class="typography_body-l__KUYFJ" data-rating-typography="true">${COMPANY.trustScore}</p></section>`;
}

function pager(page: number, pages: number): string {
  const href = (p: number) => `/review/${COMPANY.identifyingName}${p === 1 ? "" : `?page=${p}`}`;
  const prev =
    page > 1 ? `<a href="${href(page - 1)}" name="pagination-button-prev" rel="prev">Previous</a>` : "";
  const next =
    page < pages ? `<a href="${href(page + 1)}" name="pagination-button-next" rel="next">Next page</a>` : "";
  return `<nav class="pagination_pagination___F1qS">${prev}<span>${page}</span>${next}</nav>`;
}

export function companyPage(all: TrustpilotReview[], page: number, now: Date): string | undefined {
  const { items, pages } = pageOf(all, page, PER_PAGE);
  if (!Number.isSafeInteger(page) || page < 1 || page > pages) return undefined;
  const pageProps = {
    businessUnit: businessUnit(all.length),
    reviews: items.map((r) => reviewJson(r, now)),
    filters: {
      pagination: { currentPage: page, perPage: PER_PAGE, totalCount: all.length, totalPages: pages },
      selected: { languages: "all", sort: "recency" },
    },
  };
  const query: Record<string, string> = { businessUnit: COMPANY.identifyingName };
  if (page > 1) query["page"] = String(page);
  return layout(
    `${COMPANY.displayName} Reviews | Read Customer Service Reviews of ${COMPANY.identifyingName}${page > 1 ? ` | ${page} of ${pages}` : ""}`,
    `${header(all.length)}<section class="styles_reviewsContainer__3_GQw">${items.map(card).join("\n")}</section>${pager(page, pages)}`,
    { page: "/review/[businessUnit]", pageProps, query },
  );
}

export function reviewPage(r: TrustpilotReview, now: Date): string {
  return layout(`${r.author}'s review of ${COMPANY.displayName}`, card(r), {
    page: "/reviews/[reviewId]",
    pageProps: { review: reviewJson(r, now), businessUnit: businessUnit(0) },
    query: { reviewId: r.id },
  });
}

/** A Cloudflare-style interstitial, as a 403. */
export function challengePage(): string {
  return `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body>
<div class="main-wrapper"><h1>www.trustpilot.com</h1><h2>Verify you are human by completing the action below.</h2>
<div id="challenge-stage"></div><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script></div></body></html>`;
}

/** The same reviews after a front-end rebuild: the source's item paths find nothing. */
export function redesignedPage(all: TrustpilotReview[], now: Date): string {
  const { items } = pageOf(all, 1, PER_PAGE);
  return layout(`${COMPANY.displayName} Reviews`, `<section>${items.map(card).join("\n")}</section>`, {
    page: "/review/[businessUnit]",
    pageProps: {
      businessUnit: businessUnit(all.length),
      reviewList: { items: items.map((r) => reviewJson(r, now)) },
    },
    query: { businessUnit: "redesigned-bank.ru" },
  });
}
