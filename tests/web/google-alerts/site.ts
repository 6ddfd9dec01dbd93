/**
 * Replica of Google Alerts feeds ("Доставлять: RSS-лента"), host `www.google.com`, invented content.
 *
 * Modeled (2026-11, no saved real feed) on the Atom documents Google Alerts serves at
 * `/alerts/feeds/<user id>/<alert id>` as public readers and scrapers show them: feed title
 * "Google Alert - <query>", entries with `tag:google.com,2013:googlealerts/feed:<id>` ids, `type="html"`
 * titles and content with the query words in `<b>`, a link wrapped in a Google redirect
 * (`https://www.google.com/url?rct=j&sa=t&url=<real>&ct=ga&cd=…&usg=…`), published/updated in UTC and an
 * empty `<author><name/></author>`. The "unusual traffic" page answered with 429 and the consent page are
 * the replica's models of Google's walls.
 *
 *   /alerts/feeds/<USER>/<ALERT>            the alert for "Банк Ромашка": the finvestnik news + a few others
 *   /alerts/feeds/<USER>/<BLOCKED_ALERT>    429 "unusual traffic" page: blocked
 *   /alerts/feeds/<USER>/<CONSENT_ALERT>    200 HTML consent page instead of the feed: broken
 */
import { escapeHtml, html, LOADED_AT, MINUTE, text } from "../replica-kit.js";
import { FINVESTNIK_NEWS, type NewsItem, visibleNews } from "../rss/news.js";
import { newsUrl } from "../rss/site.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const ALERTS_USER = "04867312950188734215";
export const ALERT_ID = "11382745509123876605";
export const BLOCKED_ALERT = "11382745509123876606";
export const CONSENT_ALERT = "11382745509123876607";
export const alertFeedUrl = (alert: string) => `https://www.google.com/alerts/feeds/${ALERTS_USER}/${alert}`;
export const QUERY = "Банк Ромашка";

export interface AlertHit {
  id: string;
  title: string;
  snippet: string;
  realUrl: string;
  minutesAgo: number;
  aboutBrand: boolean;
  stage: number;
}

/** Alerts also catch near-misses (Google matches word forms loosely): those do not name the brand. */
const OTHER_HITS: AlertHit[] = [
  {
    id: "17304558120936617001",
    title: "Ромашка в саду: как вырастить и заварить чай",
    snippet: "Рецепт: чай с ромашкой и мятой, а также советы садоводам. Банк семян ромашки у нас.",
    realUrl: "https://dacha-sovety.ru/stati/romashka-v-sadu/",
    minutesAgo: 800,
    aboutBrand: false,
    stage: 0,
  },
  {
    id: "17304558120936617002",
    title: "Отзывы сотрудников: работа в Банке Ромашка",
    snippet: "Сотрудники Банка Ромашка рассказывают о зарплатах и переработках в колл-центре.",
    realUrl: "https://job-otzyvy.ru/company/bank-romashka/",
    minutesAgo: 3_300,
    aboutBrand: true,
    stage: 0,
  },
];

/** What the alert finds: the brand's news from the finvestnik replica, plus the others, newest first. */
export function alertHits(stage: number): AlertHit[] {
  const news = visibleNews(FINVESTNIK_NEWS, stage)
    .filter((n) => n.aboutBrand)
    .map((n: NewsItem) => ({
      id: String(17_304_558_120_936_000_000n + BigInt(n.id)),
      title: n.title,
      snippet: n.body[0]!,
      realUrl: newsUrl(n),
      minutesAgo: n.minutesAgo + 5,
      aboutBrand: true,
      stage: n.stage,
    }));
  return [...news, ...OTHER_HITS.filter((h) => h.stage <= stage)].sort((a, b) => a.minutesAgo - b.minutesAgo);
}

export function createGoogleAlertsSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: ["www.google.com"], handle: (req) => route(req, now) };
}

export const googleAlertsSite: ReplicaSite = createGoogleAlertsSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /search\nAllow: /alerts/feeds/\n");
  if (path === `/alerts/feeds/${ALERTS_USER}/${ALERT_ID}`)
    return {
      headers: { "content-type": "application/atom+xml; charset=utf-8" },
      body: alertFeed(alertHits(req.stage), now),
    };
  if (path === `/alerts/feeds/${ALERTS_USER}/${BLOCKED_ALERT}`)
    return html(sorryPage(req.path), { status: 429 });
  if (path === `/alerts/feeds/${ALERTS_USER}/${CONSENT_ALERT}`) return html(consentPage());
  return html("<!DOCTYPE html><title>Error 404 (Not Found)</title><p>404. That’s an error.</p>", {
    status: 404,
  });
}

/** Wrap a real URL the way Google Alerts links do. */
export function googleRedirect(realUrl: string, id: string): string {
  const q = new URLSearchParams({
    rct: "j",
    sa: "t",
    url: realUrl,
    ct: "ga",
    cd: `CAIyH${id.slice(-8)}`,
    usg: `AOvVaw${id.slice(0, 6)}`,
  });
  return `https://www.google.com/url?${q.toString()}`;
}

const bold = (s: string) =>
  escapeHtml(s).replace(/(Банк[а-я]*\s+Ромашк[а-я]*|Ромашк[а-я]*)/g, "&lt;b&gt;$1&lt;/b&gt;");

export function alertFeed(hits: AlertHit[], now: Date): string {
  const iso = (minutesAgo: number) =>
    new Date(now.getTime() - minutesAgo * MINUTE).toISOString().replace(".000", "");
  const entries = hits.map(
    (h) =>
      `<entry><id>tag:google.com,2013:googlealerts/feed:${h.id}</id><title type="html">${bold(h.title)}</title>` +
      `<link href="${escapeHtml(googleRedirect(h.realUrl, h.id))}"/><published>${iso(h.minutesAgo)}</published>` +
      `<updated>${iso(h.minutesAgo)}</updated><content type="html">${bold(h.snippet)}</content><author><name/></author></entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:idx="urn:atom-extension:indexing"><id>tag:google.com,2005:reference-feed:${ALERT_ID}</id><title>Google Alert - ${escapeHtml(QUERY)}</title><link href="${alertFeedUrl(ALERT_ID)}" rel="self"></link><updated>${iso(0)}</updated>${entries.join("")}</feed>`;
}

function sorryPage(path: string): string {
  return `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"><title>https://www.google.com${escapeHtml(path)}</title></head>
<body><div id="infoDiv">Our systems have detected unusual traffic from your computer network. This page checks to see if it's really you sending the requests, and not a robot.</div>
<form id="captcha-form" action="index" method="post"><div class="g-recaptcha"></div></form></body></html>`;
}

function consentPage(): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Прежде чем перейти к Google</title></head>
<body><h1>Прежде чем перейти к Google</h1><p>Мы используем файлы cookie и данные, чтобы предоставлять сервисы Google.</p>
<form action="https://consent.google.com/save" method="POST"><button>Принять все</button></form></body></html>`;
}
