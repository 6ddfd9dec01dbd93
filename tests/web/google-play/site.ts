/**
 * Replica of Google Play app pages (host `play.google.com`), with invented content (./reviews.ts).
 *
 * Modeled on a real app detail page saved 2019-06 without JS (../shared/fixtures/real-pages/google-play/
 * 01: no reviews in the DOM; inline `<script>AF_initDataCallback({key: 'ds:N', isError: false, hash:
 * 'N', data:function(){return [...]}});</script>` blocks; reviews in ds:15 as positional arrays
 * `[id, [author, [..avatar]], stars, null, text, [unix s, ns], thumbsUp, reply, …, version]`, the next
 * page's token at data[1][1]; microdata SoftwareApplication + AggregateRating). The developer reply
 * slot `[developer, text, [unix s, ns]]` follows the open-source scrapers' mapping; the "unusual
 * traffic" page (429, `form#captcha-form`) is from memory.
 *
 * Paths:
 *   /store/apps/details?id=ru.romashka.bank      the app page, 40 newest reviews in ds:15
 *   /store/apps/details?id=ru.romashka.blocked   429 "unusual traffic" page
 *   /store/apps/details?id=ru.romashka.rebuilt   a new page build: reviews moved to another block
 * Stage n adds 2 reviews per stage (up to 2) on top.
 */
import { escapeHtml, html, LOADED_AT, MINUTE, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { APP, type PlayReview, visibleReviews } from "./reviews.js";

export const appUrl = (id: string = APP.id) =>
  `https://play.google.com/store/apps/details?id=${id}&hl=ru&gl=RU`;

export function createPlaySite(now: Date = LOADED_AT): ReplicaSite {
  return { hosts: ["play.google.com"], handle: (req) => route(req, now) };
}
export const playSite = createPlaySite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  if (req.url.pathname === "/robots.txt")
    return text("User-agent: *\nAllow: /store/apps/details\nDisallow: /store/search\n");
  if (req.url.pathname !== "/store/apps/details") return html("<h1>Not Found</h1>", { status: 404 });
  const id = req.url.searchParams.get("id");
  if (id === APP.id) return html(appPage(visibleReviews(req.stage), now));
  if (id === "ru.romashka.blocked") return html(sorryPage(req.url.href), { status: 429 });
  if (id === "ru.romashka.rebuilt") return html(appPage(visibleReviews(req.stage), now, "ds:17"));
  return html("<h1>Запрошенный URL не найден на этом сервере.</h1>", { status: 404 });
}

const seconds = (ms: number) => [Math.floor(ms / 1000), (ms % 1000) * 1_000_000];

/** One review in the ds:15 positional shape. */
export function reviewArray(r: PlayReview, now: Date): unknown[] {
  const at = now.getTime() - r.minutesAgo * MINUTE;
  const avatar = [null, 2, null, [null, null, `https://play-lh.googleusercontent.com/a-/replica${r.index}`]];
  const reply = r.reply ? [APP.developer, r.reply, seconds(at + r.replyAfterMinutes * MINUTE)] : null;
  return [
    r.id,
    [r.author, avatar],
    r.rating,
    null,
    r.text.join("\n"),
    seconds(at),
    r.likes,
    reply,
    null,
    [String(113_000_000_000 + r.index), r.author, null, [avatar, true]],
    r.version,
    null,
    [],
  ];
}

function callback(key: string, data: unknown): string {
  const n = key.slice(3);
  return `<script nonce="rEpLiCa">AF_initDataCallback({key: '${key}', isError:  false , hash: '${n}', data:function(){return ${JSON.stringify(data)}}});</script>`;
}

export function appPage(all: PlayReview[], now: Date, reviewsKey = "ds:15"): string {
  const shown = all.slice(0, 40);
  const reviews = [
    shown.map((r) => reviewArray(r, now)),
    all.length > 40 ? [null, "CpsBreplicaNextPage"] : null,
  ];
  const blocks = [
    callback("ds:1", [[[APP.name]], null, [APP.developer]]),
    callback("ds:6", [[[null, [APP.rating, String(APP.ratings)]]]]),
    callback(reviewsKey, reviews),
  ];
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Приложения в Google Play – ${escapeHtml(APP.name)}</title>
<link rel="canonical" href="https://play.google.com/store/apps/details?id=${APP.id}&amp;hl=ru"></head>
<body><div itemscope itemtype="http://schema.org/SoftwareApplication"><h1 class="AHFaub" itemprop="name"><span>${escapeHtml(APP.name)}</span></h1>
<meta itemprop="name" content="${escapeHtml(APP.name)}"/><a class="hrTbp R8zArc" href="/store/apps/dev?id=777">${escapeHtml(APP.developer)}</a>
<div class="K9wGie" itemprop="aggregateRating" itemscope itemtype="http://schema.org/AggregateRating"><meta itemprop="ratingValue" content="${APP.rating}"/><meta itemprop="ratingCount" content="${APP.ratings}"/><div class="BHMmbe">${String(APP.rating).replace(".", ",")}</div></div>
<div class="W4P4ne"><h3>Отзывы</h3><div jsname="fk8dgd"></div><div class="U26fgb" role="button"><span class="RveJvd">Ещё отзывы</span></div></div></div>
${blocks.join("\n")}
</body></html>`;
}

/** Google's "unusual traffic" interstitial. */
export function sorryPage(continueUrl: string): string {
  return `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"><title>${escapeHtml(continueUrl)}</title></head>
<body><div style="max-width:400px;"><form id="captcha-form" action="index" method="post"><script src="https://www.google.com/recaptcha/api.js" async defer></script>
<div id="recaptcha" class="g-recaptcha"></div><input type='hidden' name='continue' value="${escapeHtml(continueUrl)}"></form>
<div id="infoDiv">Our systems have detected unusual traffic from your computer network.</div></div></body></html>`;
}
