/**
 * Replica of an invented B2B company catalog, "Справка B2B" (host `spravka-b2b.example`), for the
 * generic `schema-org` source: every page states its reviews in schema.org terms, each in another
 * markup, the way catalogs like cataloxy.ru, yell.ru or orgpage.ru do. Written 2026-11-23 with invented
 * content (./reviews.ts); the markup follows schema.org/Review and the hreview 0.3 microformat.
 *
 * Paths:
 *   /firma/bank-romashka/otzyvy/[?page=N]   JSON-LD (BankOrCreditUnion + aggregateRating + review[]),
 *                                           10 per page, teasers cut with "…", `link rel=next`
 *   /otzyv/<id>/                            one review with its full text (JSON-LD Review)
 *   /firma/bank-romashka-spb/otzyvy/        microdata (ratings out of 10)
 *   /firma/bank-romashka-arhiv/             hreview + hreview-aggregate
 *   /firma/blocked/otzyvy/                  403 DDoS-Guard page
 *   /firma/redesign/otzyvy/                 the reviews without any structured data
 * Stage n adds 2 reviews per stage (up to 2) on top of the JSON-LD list.
 */
import {
  escapeHtml,
  html,
  isoWithOffset,
  LOADED_AT,
  MINUTE,
  pageOf,
  ruLongDate,
  teaserOf,
  text,
} from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import {
  ARCHIVE_REVIEWS,
  ARCHIVE_SLUG,
  BRANCH_REVIEWS,
  BRANCH_SLUG,
  type CatalogReview,
  FIRM,
  HOST,
  ORIGIN,
  visibleReviews,
} from "./reviews.js";

export const PER_PAGE = 10;
const TEASER = 160;
export const listUrl = (page = 1, slug: string = FIRM.slug) =>
  `${ORIGIN}/firma/${slug}/otzyvy/${page > 1 ? `?page=${page}` : ""}`;
export const reviewUrl = (r: CatalogReview) => `${ORIGIN}/otzyv/${r.id}/`;

export function createCatalogSite(now: Date = LOADED_AT): ReplicaSite {
  return { hosts: [HOST], handle: (req) => route(req, now) };
}
export const catalogSite = createCatalogSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /poisk/\nAllow: /\n");
  if (path === `/firma/${FIRM.slug}/otzyvy/`) {
    const out = jsonLdListPage(visibleReviews(req.stage), Number(req.url.searchParams.get("page") ?? 1), now);
    return out ? html(out) : notFound();
  }
  const one = /^\/otzyv\/(\d+)\/$/.exec(path);
  if (one) {
    const r = visibleReviews(req.stage).find((x) => x.id === one[1]);
    return r ? html(jsonLdReviewPage(r, now)) : notFound();
  }
  if (path === `/firma/${BRANCH_SLUG}/otzyvy/`) return html(microdataPage(BRANCH_REVIEWS, now));
  if (path === `/firma/${ARCHIVE_SLUG}/`) return html(hreviewPage(ARCHIVE_REVIEWS, now));
  if (path === "/firma/blocked/otzyvy/") return html(ddosGuardPage(), { status: 403 });
  if (path === "/firma/redesign/otzyvy/") return html(plainPage(visibleReviews(req.stage), now));
  return notFound();
}

function notFound(): ReplicaResponse {
  return html(layout("Страница не найдена — Справка B2B", "<h1>Страница не найдена</h1>"), { status: 404 });
}

const at = (r: CatalogReview, now: Date) => now.getTime() - r.minutesAgo * MINUTE;

function layout(title: string, body: string, head = ""): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${head}</head>
<body><header class="site-header"><a href="/" class="logo">Справка B2B</a><nav><a href="/rubriki/">Рубрики</a> <a href="/poisk/">Поиск</a></nav></header>
<main class="content">${body}</main><footer>© Справка B2B — каталог компаний (реплика)</footer></body></html>`;
}

/** `<script type="application/ld+json">` with `<` escaped, as CMSs print it. */
function ldJson(value: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(value, null, 1).replace(/</g, "\\u003c")}</script>`;
}

function reviewLd(r: CatalogReview, now: Date, teaser: boolean) {
  const body = teaser ? teaserOf(r.text, TEASER).text : r.text.join("\n");
  return {
    "@type": "Review",
    "@id": `${reviewUrl(r)}#review`,
    identifier: r.id,
    url: reviewUrl(r),
    name: r.title,
    author: { "@type": "Person", name: r.author },
    datePublished: isoWithOffset(at(r, now)),
    reviewRating: { "@type": "Rating", ratingValue: r.rating, bestRating: 5, worstRating: 1 },
    reviewBody: body,
    ...(r.pros && r.pros !== "нет"
      ? {
          positiveNotes: {
            "@type": "ItemList",
            itemListElement: r.pros
              .split(", ")
              .map((name, i) => ({ "@type": "ListItem", position: i + 1, name })),
          },
        }
      : {}),
  };
}

function firmHeader(count: number): string {
  return `<section class="firm-card"><h1 class="firm-name">${FIRM.name}</h1><div class="firm-legal">${FIRM.legalName}</div>
<div class="firm-rating"><span class="stars" style="width:${FIRM.rating * 20}%"></span> ${String(FIRM.rating).replace(".", ",")} · ${count} отзывов</div></section>`;
}

function visibleCard(r: CatalogReview, now: Date, bodyText: string): string {
  return `<article class="review-card" id="r${r.id}"><div class="review-head"><b>${escapeHtml(r.author)}</b> · ${ruLongDate(at(r, now))} · ${r.rating}/5</div>
<h3><a href="/otzyv/${r.id}/">${escapeHtml(r.title)}</a></h3><p>${escapeHtml(bodyText)}</p></article>`;
}

export function jsonLdListPage(all: CatalogReview[], page: number, now: Date): string | undefined {
  const { items, pages } = pageOf(all, page, PER_PAGE);
  if (!Number.isSafeInteger(page) || page < 1 || page > pages) return undefined;
  const ld = {
    "@context": "https://schema.org",
    "@graph": [
      {
        "@type": "BreadcrumbList",
        itemListElement: [
          { "@type": "ListItem", position: 1, name: "Банки", item: `${ORIGIN}/rubriki/banki/` },
        ],
      },
      {
        "@type": "BankOrCreditUnion",
        "@id": `${ORIGIN}/firma/${FIRM.slug}/#org`,
        name: FIRM.name,
        legalName: FIRM.legalName,
        aggregateRating: {
          "@type": "AggregateRating",
          ratingValue: FIRM.rating,
          bestRating: 5,
          reviewCount: all.length,
        },
        review: items.map((r) => reviewLd(r, now, true)),
      },
    ],
  };
  const next = page < pages ? `<link rel="next" href="${listUrl(page + 1)}">` : "";
  const pager = `<nav class="pager">${page > 1 ? `<a href="${listUrl(page - 1)}" rel="prev">←</a>` : ""}<span>${page} из ${pages}</span>${page < pages ? `<a class="pager-next" href="${listUrl(page + 1)}" rel="next">Следующая →</a>` : ""}</nav>`;
  const cards = items.map((r) => visibleCard(r, now, teaserOf(r.text, TEASER).text)).join("\n");
  return layout(
    `${FIRM.name}: отзывы клиентов — Справка B2B`,
    `${firmHeader(all.length)}\n${cards}\n${pager}`,
    `${next}\n${ldJson(ld)}`,
  );
}

export function jsonLdReviewPage(r: CatalogReview, now: Date): string {
  const ld = {
    "@context": "https://schema.org",
    ...reviewLd(r, now, false),
    itemReviewed: { "@type": "BankOrCreditUnion", name: FIRM.name },
  };
  return layout(
    `Отзыв о компании ${FIRM.name}: ${r.title}`,
    visibleCard(r, now, r.text.join("\n")),
    ldJson(ld),
  );
}

export function microdataPage(reviews: CatalogReview[], now: Date): string {
  const items = reviews
    .map(
      (r) => `<div class="review" itemprop="review" itemscope itemtype="https://schema.org/Review">
  <link itemprop="url" href="/firma/${BRANCH_SLUG}/otzyvy/#r${r.id}"><meta itemprop="identifier" content="${r.id}">
  <div class="review-head"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">${escapeHtml(r.author)}</span></span>
  <time itemprop="datePublished" datetime="${isoWithOffset(at(r, now)).slice(0, 10)}">${ruLongDate(at(r, now))}</time>
  <span itemprop="reviewRating" itemscope itemtype="https://schema.org/Rating">Оценка: <span itemprop="ratingValue">${r.rating * 2}</span> из <span itemprop="bestRating">10</span></span></div>
  <h3 itemprop="name">${escapeHtml(r.title)}</h3>
  <div itemprop="reviewBody">${r.text.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}</div>
</div>`,
    )
    .join("\n");
  return layout(
    `${FIRM.name}, филиал в Санкт-Петербурге — отзывы`,
    `<div itemscope itemtype="https://schema.org/BankOrCreditUnion"><h1 itemprop="name">${FIRM.name} (Санкт-Петербург)</h1>
<div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">Рейтинг <span itemprop="ratingValue">7,2</span> из <span itemprop="bestRating">10</span>, <span itemprop="reviewCount">${reviews.length}</span> отзывов</div>
${items}</div>`,
  );
}

export function hreviewPage(reviews: CatalogReview[], now: Date): string {
  const items = reviews
    .map(
      (r) => `<div class="hreview" id="r${r.id}">
  <div class="item"><span class="fn">${FIRM.name}</span></div>
  <span class="summary">${escapeHtml(r.title)}</span>
  <span class="reviewer vcard"><span class="fn">${escapeHtml(r.author)}</span></span>,
  <abbr class="dtreviewed" title="${isoWithOffset(at(r, now))}">${ruLongDate(at(r, now))}</abbr>
  <span class="rating"><span class="value">${r.rating}</span> из <span class="best">5</span></span>
  <div class="description">${r.text.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}</div>
  <a rel="bookmark" href="/firma/${ARCHIVE_SLUG}/#r${r.id}">ссылка</a>
</div>`,
    )
    .join("\n");
  return layout(
    `${FIRM.name} — архив отзывов`,
    `<div class="hreview-aggregate"><span class="item"><span class="fn">${FIRM.name}</span></span>
<span class="rating"><span class="average">3.1</span> из <span class="best">5</span></span>, <span class="count">${reviews.length}</span> отзывов</div>
${items}`,
  );
}

export function ddosGuardPage(): string {
  return `<!DOCTYPE html><html><head><title>DDoS-Guard</title></head><body><div id="ddg-captcha">Проверка браузера перед переходом на сайт ${HOST}</div>
<script src="/.well-known/ddos-guard/check?context=free_splash"></script></body></html>`;
}

/** The same reviews after a redesign that dropped the structured data. */
export function plainPage(all: CatalogReview[], now: Date): string {
  const cards = all
    .slice(0, PER_PAGE)
    .map((r) => visibleCard(r, now, r.text.join("\n")))
    .join("\n");
  return layout(`${FIRM.name}: отзывы клиентов — Справка B2B`, `${firmHeader(all.length)}\n${cards}`);
}
