/**
 * Replica of banki.ru's bank reviews ("Отзывы о банках", host `www.banki.ru`), invented content.
 *
 * Modeled (2026-11) on what public scrapers of 2024-2025 read from the real pages — no saved real page
 * exists: a review card is `[data-test="responses__response"]` whose other classes are build hashes
 * (`la8a5ef73`; rating `div.l8887a9d8 div.lb3db10af` holding a digit; teaser `div.l22dd3882`; date
 * `span.l0caf3d5f` as "20.11.2026 14:04"; title link `h3 a` to `/services/responses/bank/response/<id>/`);
 * the review page's full text is `div.lb1789875.markdown-inside`, its date `span.l10fac986`, the city
 * `span.l3a372298`; list pages are `?page=N`. Served as windows-1251, as banki.ru's Bitrix pages long
 * were (the replica keeps that to exercise charset decoding). The replica's own decisions: the bank's
 * answer block ("Ответ банка", also on the list), the author link, the status badge, the header, the
 * block page (a 403 "Доступ ограничен").
 *
 * Paths:
 *   /services/responses/bank/romashka/[?page=N]   10 reviews a page, newest first; past the end: none
 *   /services/responses/bank/response/<id>/       one review, full text and the bank's answer
 *   /services/responses/bank/blocked_bank/        403 anti-bot page
 *   /services/responses/bank/redesigned_bank/     new build: every hashed class changed (0 items)
 * Stage n adds 2 reviews per stage (up to 2) at the top of page 1.
 */
import {
  dottedDate,
  escapeHtml,
  html,
  LOADED_AT,
  MINUTE,
  pageOf,
  paragraphs,
  teaserOf,
  text,
  withBreaks,
} from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { BANK, type BankiReview, PAGE_SIZE, visibleReviews } from "./reviews.js";

export const ORIGIN = "https://www.banki.ru";
const CHARSET = "windows-1251";
const TEASER_CHARS = 220;

export const ROBOTS_TXT = `User-agent: *
Disallow: /profile/
Disallow: /search/
Allow: /services/responses/

Sitemap: https://www.banki.ru/sitemap.xml
`;

export function createBankiSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["www.banki.ru"], handle: (req) => route(req, now) };
}

export const bankiSite: ReplicaSite = createBankiSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text(ROBOTS_TXT);
  const page = Number(req.url.searchParams.get("page") ?? 1);
  if (path === "/services/responses/bank/blocked_bank/")
    return html(blockPage(), { status: 403, charset: CHARSET });
  if (path === "/services/responses/bank/redesigned_bank/")
    return html(listPage(visibleReviews(req.stage), 1, now, true), { charset: CHARSET });
  if (path === `/services/responses/bank/${BANK.slug}/`) {
    if (!Number.isInteger(page) || page < 1) return notFound();
    return html(listPage(visibleReviews(req.stage), page, now), { charset: CHARSET });
  }
  const one = /^\/services\/responses\/bank\/response\/(\d+)\/$/.exec(path);
  if (one) {
    const r = visibleReviews(req.stage).find((x) => x.id === Number(one[1]));
    return r ? html(reviewPage(r, now), { charset: CHARSET }) : notFound();
  }
  return notFound();
}

function notFound(): ReplicaResponse {
  return html(layout("Страница не найдена", "<h1>404. Страница не найдена</h1>"), {
    status: 404,
    charset: CHARSET,
  });
}

function layout(title: string, content: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="ru"><head>
<meta charset="windows-1251">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" type="image/x-icon" href="/favicon.ico">${head}
</head>
<body>
<header class="l2f9d1c0e"><a class="l7d3a91b2" href="/">Банки.ру</a>
<nav class="lc5e8a4f1"><a href="/products/deposits/">Вклады</a> <a href="/services/responses/">Отзывы</a> <a href="/forum/">Форум</a></nav></header>
<main class="l51b2e7a0">
${content}
</main>
<footer class="l0e6b4c93">© 2005–2026 Банки.ру (реплика)</footer>
<script>window.__bankiReady = true;</script>
</body></html>`;
}

const reviewUrl = (r: BankiReview) => `/services/responses/bank/response/${r.id}/`;
const postedAt = (r: BankiReview, now: Date) => now.getTime() - r.minutesAgo * MINUTE;

function ratingBlock(r: BankiReview, hashed: boolean): string {
  return hashed
    ? `<div class="l8887a9d8"><span class="l4a1c9e07">Оценка</span><div class="lb3db10af">${r.rating}</div></div>`
    : `<div class="m3e7a2c10"><span>Оценка</span><div class="m0f5d8b21">${r.rating}</div></div>`;
}

function answerBlock(r: BankiReview, now: Date): string {
  if (!r.reply) return "";
  const at = postedAt(r, now) + r.replyAfterMinutes * MINUTE;
  return `<div class="l9e1f7b3a" data-test="responses__answer">
      <div class="l6a0d2e5f"><img src="/upload/logo/romashka.svg" alt="" width="24"><span class="l1c8b5a3d">Ответ банка</span>
        <span class="l5e2f7c19">${dottedDate(at)}</span></div>
      <div class="l7b3e0a64 markdown-inside">${paragraphs([r.reply])}</div>
    </div>`;
}

function card(r: BankiReview, now: Date, hashed = true): string {
  const teaser = teaserOf(r.text, TEASER_CHARS);
  const cls = hashed
    ? { card: "la8a5ef73 lc41f4ba1", date: "l0caf3d5f", text: "l22dd3882", author: "l6e8c2f10" }
    : { card: "m1a9c3e55", date: "m7d2b0f48", text: "m9c4e1a37", author: "m2b8f6d04" };
  return `  <div class="${cls.card}"${hashed ? ' data-test="responses__response"' : ""}>
    <div class="lf4cbd87d ld6d46e58">
      <a class="${cls.author}" href="/profile/?UID=${7_000_000 + (r.id % 100_000)}">${escapeHtml(r.author)}</a>
      <span class="${cls.date}">${dottedDate(postedAt(r, now))}</span>
      <span class="l3a372298">г. ${escapeHtml(r.city)}</span>
    </div>
    <h3 class="l1b4d3a7c"><a href="${reviewUrl(r)}">${escapeHtml(r.title)}</a></h3>
    ${ratingBlock(r, hashed)}
    <div class="${cls.text}"><p>${withBreaks(teaser.text)}</p></div>
    ${teaser.cut ? `<a class="l5a1e8b7c" href="${reviewUrl(r)}">Читать полностью</a>` : ""}
    <div class="l4f0e9d2b"><span class="l0d9e3a51">${escapeHtml(r.status)}</span> <span class="l8b2c6f04">Комментарии: 0</span></div>
    ${answerBlock(r, now)}
  </div>`;
}

function header(count: number): string {
  return `<div class="l7f3e2d1c">
    <img class="lazy-load" src="/upload/logo/romashka.svg" alt="${escapeHtml(BANK.name)}" width="64">
    <h1 class="l0a3b9c8d">Отзывы клиентов о ${escapeHtml(BANK.name)}</h1>
    <div class="l3c6e9f20">Народный рейтинг <span class="lc0a9f3e2">${String(BANK.rating).replace(".", ",")}</span>
      <span class="l9a7d1e46">${count} отзывов</span></div>
  </div>`;
}

function pager(page: number, pages: number): string {
  const links = Array.from({ length: pages }, (_, i) => i + 1).map((p) =>
    p === page
      ? `<span class="l2e7a4c19 l6b0f3d85">${p}</span>`
      : `<a class="l2e7a4c19" href="/services/responses/bank/${BANK.slug}/?page=${p}">${p}</a>`,
  );
  return `<nav class="l1f8c3b60" data-test="pagination">${links.join(" ")}</nav>`;
}

export function listPage(reviews: BankiReview[], page: number, now: Date, redesigned = false): string {
  const { items, pages } = pageOf(reviews, page, PAGE_SIZE);
  const cards = items.map((r) => card(r, now, !redesigned)).join("\n");
  return layout(
    `Отзывы о ${BANK.name}${page > 1 ? `, страница ${page}` : ""} | Банки.ру`,
    `${header(reviews.length)}
<div class="l0e4d1b7a" data-test="responses-list">
${cards}
</div>
${page <= pages ? pager(page, pages) : ""}`,
    `\n<link rel="canonical" href="${ORIGIN}/services/responses/bank/${BANK.slug}/${page > 1 ? `?page=${page}` : ""}">`,
  );
}

export function reviewPage(r: BankiReview, now: Date): string {
  return layout(
    `${r.title} — отзыв о ${BANK.name} | Банки.ру`,
    `${header(0)}
<article class="l8e1b2d33" data-test="responses__response">
  <div class="lf4cbd87d">
    <a class="l6e8c2f10" href="/profile/?UID=${7_000_000 + (r.id % 100_000)}">${escapeHtml(r.author)}</a>
    <span class="l10fac986">${dottedDate(postedAt(r, now))}</span>
    <span class="l3a372298">г. ${escapeHtml(r.city)}</span>
  </div>
  <h1 class="l5d0a8e2f">${escapeHtml(r.title)}</h1>
  ${ratingBlock(r, true)}
  <div class="lb1789875 markdown-inside markdown-inside--list-type_circle-fill">${paragraphs(r.text)}</div>
  <div class="l4f0e9d2b"><span class="l0d9e3a51">${escapeHtml(r.status)}</span></div>
  ${answerBlock(r, now)}
</article>`,
    `\n<link rel="canonical" href="${ORIGIN}${reviewUrl(r)}">`,
  );
}

/** An anti-bot wall answered with 403 (modeled generically: no real banki.ru block page was available). */
export function blockPage(): string {
  return layout(
    "Доступ ограничен",
    `<div class="block-page"><h1>Доступ ограничен</h1>
<p>С вашего IP-адреса поступает слишком много запросов. Подтвердите, что вы не робот.</p>
<form class="captcha-form" method="post" action="/captcha/"><input type="text" name="captcha_word"><button type="submit">Продолжить</button></form></div>`,
  );
}
