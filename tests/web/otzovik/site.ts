/**
 * Replica of otzovik.com (host `otzovik.com`), with invented content (see ./reviews.ts).
 *
 * Modeled on the real homepage markup saved 2025-09-30 (../shared/fixtures/real-pages/otzovik/
 * 01_otzovik.html: `div.item[data-id][data-time]`, `.user-login`, `.review-postdate.ts[data-ts]`,
 * `.review-title`, `.review-plus`/`.review-minus` with a bold label, `a.review-read-link`, `a.review-yes
 * span`) and the captcha page (90_debug_otzovik_captcha.html). Product list pages and review pages are
 * not among the saved pages; their extra parts are from memory of the site and are the replica's
 * decisions: a per-review star row `.rating-stars` (5 `span.star`, lit ones `.on`), a teaser
 * `.review-teaser` (first ~200 characters cut at a word and ended with "...", followed by the
 * "Читать весь отзыв" button), a pager `.pager` with `a.pager-item.next`, the product name in
 * `.product-header h1 .product-name`, and review pages carrying the full text in `.review-body`.
 *
 * Paths:
 *   /robots.txt                        allows reviews, disallows /profile/ and /scripts/
 *   /reviews/bank_romashka/            list page 1 (10 reviews, newest first); /reviews/bank_romashka/2/ ...
 *   /review_<id>.html                  one review with its full text
 *   /reviews/blocked_brand/            the "Вы робот?" captcha page (status 200, like the real one)
 *   /reviews/redesigned_brand/         a list whose markup changed (other class names: 0 items)
 * Stage n (`ReplicaWeb.setStage`) adds 2 reviews per stage (up to 3) at the top of page 1.
 */
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { humanDate, moscowWallTime } from "./human-date.js";
import { BANK, type ReplicaReview, visibleReviews } from "./reviews.js";

export const OTZOVIK_ORIGIN = "https://otzovik.com";
export const PAGE_SIZE = 10;
const TEASER_CHARS = 200;
const HTML = { "content-type": "text/html; charset=utf-8" };

export const ROBOTS_TXT = `User-agent: *
Disallow: /profile/
Disallow: /scripts/
Disallow: /?search=
Allow: /reviews/
Allow: /review_

Sitemap: https://otzovik.com/sitemap.xml
`;

export interface OtzovikOptions {
  /** The replica's clock: reviews are dated `minutesAgo` before it. @default module load time */
  now?: Date;
}

const LOADED_AT = new Date(Math.floor(Date.now() / 60_000) * 60_000);

export function createOtzovikSite(options: OtzovikOptions = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return {
    hosts: ["otzovik.com"],
    handle: (req) => route(req, now),
  };
}

export const otzovikSite: ReplicaSite = createOtzovikSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt")
    return { headers: { "content-type": "text/plain; charset=utf-8" }, body: ROBOTS_TXT };
  if (path.startsWith("/reviews/blocked_brand/")) {
    return { headers: HTML, body: captchaPage(req.path) };
  }
  if (path === "/reviews/redesigned_brand/") return { headers: HTML, body: redesignedPage(now, req.stage) };
  const list = /^\/reviews\/bank_romashka\/(?:(\d+)\/)?$/.exec(path);
  if (list) {
    const page = Number(list[1] ?? 1);
    const reviews = visibleReviews(req.stage);
    const pages = Math.max(1, Math.ceil(reviews.length / PAGE_SIZE));
    if (page < 1 || page > pages) return notFound();
    return { headers: HTML, body: listPage(reviews, page, pages, now) };
  }
  const one = /^\/review_(\d+)\.html$/.exec(path);
  if (one) {
    const review = visibleReviews(req.stage).find((r) => r.id === Number(one[1]));
    return review ? { headers: HTML, body: reviewPage(review, now) } : notFound();
  }
  if (path.startsWith("/profile/")) return { headers: HTML, body: layout("Профиль", "<h1>Профиль</h1>") };
  return notFound();
}

function notFound(): ReplicaResponse {
  return {
    status: 404,
    headers: HTML,
    body: layout("Отзовик - страница не найдена", "<h1>Страница не найдена</h1>"),
  };
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function layout(title: string, content: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="ru"><head>
    <meta http-equiv="Content-Type" content="text/html;charset=utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="stylesheet" type="text/css" href="/static/styles.css?v=263">
    <title>${escapeHtml(title)}</title>${head}
</head>
<body>
    <div id="header" class="header">
        <div class="header-nav-row"><div class="header-nav">
            <div class="header-nav-site"><a href="/sitemap/">Отзывы</a> <a href="//otzovik.com/faq.php">Помощь</a></div>
            <div class="header-nav-profile"><a href="/profile/login/">Войти</a></div>
        </div></div>
        <div class="header-main-row"><div class="header-main"><div class="header-logo"><a href="/"></a></div>
            <form class="header-search" action="/" method="get"><input type="text" name="search_text" placeholder="Поиск отзывов"></form>
        </div></div>
    </div>
    <div id="content" class="main_content content">
${content}
    </div>
    <div id="footer" class="footer"><a href="/about/">О сайте</a> <a href="/rules/">Правила</a> © Отзовик (реплика)</div>
    <script type="text/javascript">document.querySelectorAll('.ts').forEach(function (e) { e.dataset.ready = '1'; });</script>
</body></html>`;
}

// ---- review fragments ----

export function postedAtMs(r: ReplicaReview, now: Date): number {
  return now.getTime() - r.minutesAgo * 60_000;
}

function reviewUrl(r: ReplicaReview): string {
  return `${OTZOVIK_ORIGIN}/review_${r.id}.html`;
}

/** The list-page teaser: whole text when short, else cut at a word and ended with "...". */
export function teaserOf(r: ReplicaReview): { paragraphs: string[]; cut: boolean } {
  const whole = r.text.join("\n");
  if (whole.length <= TEASER_CHARS) return { paragraphs: r.text, cut: false };
  const slice = whole.slice(0, TEASER_CHARS);
  const cut = slice.slice(0, Math.max(slice.lastIndexOf(" "), 1)).replace(/[\s,.;:!?—-]+$/, "");
  return { paragraphs: `${cut}...`.split("\n"), cut: true };
}

function paragraphsHtml(paragraphs: string[]): string {
  return paragraphs.map(escapeHtml).join("<br>\n");
}

function userInfo(r: ReplicaReview, now: Date): string {
  const ms = postedAtMs(r, now);
  const login = escapeHtml(r.login);
  return `<div class="user-info">
                    <a class="avatar ava24" href="${OTZOVIK_ORIGIN}/profile/${login}"><img src="/static/avatars/${r.id % 97}.jpg" alt="${login}" loading="lazy" width="100" height="100"></a>
                    <a class="user-login" href="${OTZOVIK_ORIGIN}/profile/${login}">${login}</a>
                    <span class="user-location">${escapeHtml(r.city)}</span>
                    <span>•</span>
                    <span class="review-postdate ts" data-ts="${Math.floor(ms / 1000)}" data-format="human">${humanDate(ms, now.getTime())}</span>
                </div>`;
}

function stars(rating: number): string {
  const spans = [1, 2, 3, 4, 5].map((i) => `<span class="star${i <= rating ? " on" : ""}"></span>`).join("");
  return `<div class="rating-stars tooltip-top" title="Оценка автора: ${rating} из 5">${spans}</div>`;
}

function prosCons(r: ReplicaReview): string {
  return `<div class="review-plus"><b>Достоинства:</b> ${escapeHtml(r.pros)}</div>
            <div class="review-minus"><b>Недостатки:</b> ${escapeHtml(r.cons)}</div>`;
}

function likesButton(r: ReplicaReview): string {
  return `<a class="review-btn review-yes tooltip-top" href="${reviewUrl(r)}" title="Отзыв понравился ${r.likes} пользователям">
                    <svg><use href="/static/img/2023/icons/icons.svg?10#thumbs-up"></use></svg><span>${r.likes}</span>
                </a>`;
}

function listItem(r: ReplicaReview, now: Date): string {
  const teaser = teaserOf(r);
  return `    <div class="item status4 mshow0" data-id="${r.id}" data-pid="${BANK.productId}" data-time="${moscowWallTime(postedAtMs(r, now)).full}">
        <div class="item-right">
            <div class="item-info">
                ${stars(r.rating)}
                ${userInfo(r, now)}
            </div>
            <div class="review-title">${escapeHtml(r.title)}</div>
            ${prosCons(r)}
            <div class="review-teaser">${paragraphsHtml(teaser.paragraphs)}</div>
            <div class="review-bar">
                <a class="review-btn review-read-link" href="${reviewUrl(r)}"><span>Читать весь отзыв</span><svg><use href="/static/img/2023/icons/icons.svg?2#chevron-right"></use></svg></a>
                ${likesButton(r)}
                <a class="review-btn review-comments" href="${reviewUrl(r)}#comments"><span>0</span></a>
            </div>
        </div>
    </div>`;
}

function productHeader(count: number): string {
  return `<div class="product-header">
        <h1><span class="product-name">${escapeHtml(BANK.name)}</span> - отзывы</h1>
        <div class="rating-score tooltip-top" title="Общий рейтинг: 3.48"><span>3.5</span></div>
        <a class="reviews-counter" href="/reviews/${BANK.slug}/">${count} отзывов</a>
    </div>`;
}

function pager(page: number, pages: number): string {
  const href = (p: number) => (p === 1 ? `/reviews/${BANK.slug}/` : `/reviews/${BANK.slug}/${p}/`);
  const links = Array.from({ length: pages }, (_, i) => i + 1).map((p) =>
    p === page
      ? `<span class="pager-item active">${p}</span>`
      : `<a class="pager-item" href="${href(p)}">${p}</a>`,
  );
  if (page > 1) links.unshift(`<a class="pager-item prev" href="${href(page - 1)}" rel="prev">←</a>`);
  if (page < pages) {
    links.push(
      `<a class="pager-item next tooltip-top" href="${href(page + 1)}" rel="next" title="Следующая страница">→</a>`,
    );
  }
  return `<div class="pager">${links.join("")}</div>`;
}

export function listPage(reviews: ReplicaReview[], page: number, pages: number, now: Date): string {
  const slice = reviews.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const canonical = `${OTZOVIK_ORIGIN}/reviews/${BANK.slug}/${page === 1 ? "" : `${page}/`}`;
  return layout(
    `${BANK.name} - отзывы${page > 1 ? ` (страница ${page})` : ""}`,
    `    ${productHeader(reviews.length)}
    <div class="review-list-2 review-list-chunk">
${slice.map((r) => listItem(r, now)).join("\n")}
    </div>
    ${pager(page, pages)}`,
    `\n    <link rel="canonical" href="${canonical}">`,
  );
}

export function reviewPage(r: ReplicaReview, now: Date): string {
  return layout(
    `Отзыв: ${BANK.name} - ${r.title}`,
    `    ${productHeader(0)}
    <div class="item review-contents" data-id="${r.id}" data-pid="${BANK.productId}" data-time="${moscowWallTime(postedAtMs(r, now)).full}">
        <div class="item-info">
            ${stars(r.rating)}
            ${userInfo(r, now)}
        </div>
        <h2 class="review-title">${escapeHtml(r.title)}</h2>
        ${prosCons(r)}
        <div class="review-body description">${paragraphsHtml(r.text)}</div>
        <div class="review-bar">${likesButton(r)}</div>
    </div>`,
    `\n    <link rel="canonical" href="${reviewUrl(r)}">`,
  );
}

/** Modeled on the real "Вы робот?" page: a captcha form instead of content. */
export function captchaPage(path: string): string {
  return layout(
    "Отзовик - Вы робот?",
    `        <form class="captcha-form popup-box" action="" method="post">
            <input type="hidden" name="captcha_url" value="${escapeHtml(path)}">
            <h1>Вы робот?</h1>
            <div class="captcha-wrap">
                <input class="keystring input2023" type="text" name="keystring" placeholder="Введите код с картинки" maxlength="8" autocomplete="off">
                <div class="captcha"><img id="captcha-img" src="/scripts/captcha/index.php?rand=1234567"></div>
            </div>
            <button class="submit button2023 button-blue" name="action_capcha_ban" type="submit">Я не робот!</button>
            <div class="alert2023 warn">С Вашего IP-адреса было много обращений к сайту Отзовик.</div>
        </form>`,
  );
}

/** The same reviews in a redesigned list (`article.review-card`): selectors of the source find nothing. */
export function redesignedPage(now: Date, stage: number): string {
  const cards = visibleReviews(stage)
    .slice(0, PAGE_SIZE)
    .map(
      (r) => `<article class="review-card" data-review="${r.id}">
        <header><a class="author" href="/profile/${escapeHtml(r.login)}">${escapeHtml(r.login)}</a>
        <time datetime="${new Date(postedAtMs(r, now)).toISOString()}">${humanDate(postedAtMs(r, now), now.getTime())}</time></header>
        <h3>${escapeHtml(r.title)}</h3><p class="card-text">${paragraphsHtml(teaserOf(r).paragraphs)}</p>
        <a class="card-more" href="/review_${r.id}.html">Читать весь отзыв</a></article>`,
    );
  return layout("Редизайн - отзывы", `<section class="reviews-feed">${cards.join("\n")}</section>`);
}
