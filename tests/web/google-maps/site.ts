/**
 * Replica of Google Maps place pages (host `www.google.com`), with invented content (./reviews.ts).
 *
 * Modeled on real files saved 2023-2026 (../shared/fixtures/real-pages/google-maps/): the place payload
 * (01, 03: `)]}'`-prefixed positional JSON, 8 inline reviews; shapes in ./place-json.ts), the reviews RPC
 * fragment (04: owner reply), and a place page fetched without JS (90: `window.APP_INITIALIZATION_STATE=
 * […]` whose [3] holds only a search stub, body "Включите JavaScript…"). That a page rendered for a
 * browser carries the place payload as a `)]}'` string at `APP_INITIALIZATION_STATE[3][6]` follows the
 * open-source scrapers that read it there; the replica serves it inline so HTTP and the browser see
 * the same state. The "unusual traffic" page is from memory.
 *
 * Paths (`/maps/place/?q=place_id:<id>`):
 *   PLACE.id   the place page with 8 reviews (newest first)      shell    the JS shell (no place data)
 *   blocked    429 "unusual traffic"                             rebuilt  reviews moved to another slot
 * Stage n adds 2 reviews per stage (up to 2) on top.
 */

import { sorryPage } from "../google-play/site.js";
import { escapeHtml, html, LOADED_AT, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import { placeJson, reviewEl, slots } from "./place-json.js";
import { PLACE, placeReviews } from "./reviews.js";

export const placeUrl = (id: string = PLACE.id) =>
  `https://www.google.com/maps/place/?q=place_id:${id}&hl=ru`;

export function createMapsSite(now: Date = LOADED_AT): ReplicaSite {
  return { hosts: ["www.google.com"], handle: (req) => route(req, now) };
}
export const mapsSite = createMapsSite();

const ROBOTS = `User-agent: *
Disallow: /search
Allow: /maps/place/
Allow: /maps/reviews/
Disallow: /maps/preview
Disallow: /maps/_/
`;

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  if (req.url.pathname === "/robots.txt") return text(ROBOTS);
  if (req.url.pathname !== "/maps/place/") return html("<h1>404. That’s an error.</h1>", { status: 404 });
  const id = (req.url.searchParams.get("q") ?? "").replace(/^place_id:/, "");
  if (id === PLACE.id) return html(placePage(placePayload(req.stage, now)));
  if (id === "rebuilt") return html(placePage(placePayload(req.stage, now, 176)));
  if (id === "shell") return html(shellPage());
  if (id === "blocked") return html(sorryPage(req.url.href), { status: 429 });
  return html("<h1>404. That’s an error.</h1>", { status: 404 });
}

export function placePayload(stage: number, now: Date, reviewsAt = 175): unknown[] {
  const els = placeReviews(stage).map((r) => reviewEl(r, now, PLACE.featureId));
  return placeJson({ ...PLACE, address: [...PLACE.address] }, els, reviewsAt);
}

function appState(slot3: unknown[]): unknown[] {
  return slots(14, {
    0: [[2042.47, 37.61, 55.76], null, [1024, 768], 13.1],
    1: [[["m", [16, 40030, 19314], 7, [772535988]]]],
    3: slot3,
    5: [["ru", "RU"]],
  });
}

function page(title: string, state: unknown[], body: string): string {
  return `<!DOCTYPE html><html lang="ru" dir="ltr"><head><meta charset="UTF-8"><title>${escapeHtml(title)}</title>
<meta content="Google Карты" property="og:site_name"></head>
<body jsaction="…"><noscript><p>Включите JavaScript, чтобы просматривать Google Карты.</p></noscript>
<div id="app-container" class="vasquette"></div>
<script nonce="replica">window.APP_OPTIONS=[1,0];window.APP_INITIALIZATION_STATE=${JSON.stringify(state)};window.APP_FLAGS=[1,0,0,0.25];</script>
${body}</body></html>`;
}

/** A place page as a browser gets it: the place payload as a `)]}'` string at APP_INITIALIZATION_STATE[3][6]. */
export function placePage(payload: unknown[]): string {
  const place = payload[6] as unknown[];
  const state = appState(slots(7, { 6: `)]}'\n${JSON.stringify(payload)}` }));
  return page(`${String(place[11])} – Google Карты`, state, "");
}

/** What a fetch without JS gets (like the saved 90 page): a search stub, no place data, microdata Place. */
export function shellPage(): string {
  const stub = `)]}'\n${JSON.stringify([["0x0:0x0", "Банк Ромашка"], null, null])}`;
  return page(
    "Google Карты",
    appState(slots(6, { 5: stub })),
    `<div itemscope itemtype="http://schema.org/Place"><meta itemprop="name" content="Google Карты"></div>`,
  );
}
