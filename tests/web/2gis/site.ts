/**
 * Replica of 2GIS (hosts `2gis.ru` and `public-api.reviews.2gis.com`), invented content (./reviews.ts).
 *
 * Modeled on the real firm page saved 2026-03-25 (../shared/fixtures/real-pages/2gis/01: no reviews in
 * the DOM; `<script>` with `var initialState = JSON.parse('…')`, a JS single-quoted string; reviews at
 * `data.review[<id>].data`, order and paging at `data.reviewSearch[<uuid>].data`, the aggregate at
 * `data.entity.profile[<branch>].data.reviews`) and the not-found page (90: the profile is
 * `{"meta":{"code":404}}`). The public reviews API's envelope (`meta` with branch_rating and
 * total_count, `reviews[]` of the same review schema, `limit`/`offset` paging) is from memory of the
 * 2025-2026 API and is the replica's decision; the captcha pages are invented.
 *
 * Paths on 2gis.ru:
 *   /moscow/firm/<BRANCH.id>             the firm page with initialState (every review of the stage)
 *   /moscow/firm/<NOT_FOUND_ID>          200, the state says 404 "Empty result"
 *   /moscow/firm/<BLOCKED_ID>            200, a captcha page
 * Paths on public-api.reviews.2gis.com:
 *   /2.0/branches/<id>/reviews?limit=L&offset=O&sort_by=date_created    newest first
 *     <REBUILT_ID>: the list moved to `items`; <UNRATED_ID>: `rating` renamed; <BLOCKED_ID>: 403 captcha;
 *     an unknown branch: 404 with a JSON error
 * Stage n adds 2 reviews per stage (up to 2) on top.
 */
import { escapeHtml, html, json, LOADED_AT, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";
import {
  BLOCKED_ID,
  BRANCH,
  type GisReview,
  NOT_FOUND_ID,
  REBUILT_ID,
  reviewJson,
  shownReviews,
  UNRATED_ID,
  visibleReviews,
} from "./reviews.js";

export const API = "https://public-api.reviews.2gis.com";
export const apiUrl = (id: string, offset = 0, limit = 20) =>
  `${API}/2.0/branches/${id}/reviews?limit=${limit}&offset=${offset}&sort_by=date_created&locale=ru_RU`;
export const firmUrl = (id: string = BRANCH.id) => `https://2gis.ru/${BRANCH.city}/firm/${id}`;

export function createGisSite(now: Date = LOADED_AT): ReplicaSite {
  return { hosts: ["2gis.ru", "public-api.reviews.2gis.com"], handle: (req) => route(req, now) };
}
export const gisSite = createGisSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /search/\nAllow: /\n");
  if (req.url.host === "public-api.reviews.2gis.com") return api(req, now);
  const firm = /^\/moscow\/firm\/(\d+)\/?$/.exec(path);
  if (firm?.[1] === BRANCH.id) return html(firmPage(visibleReviews(req.stage), now));
  if (firm?.[1] === NOT_FOUND_ID) return html(notFoundPage(NOT_FOUND_ID));
  if (firm?.[1] === BLOCKED_ID) return html(captchaPage());
  return html(notFoundPage("0"), { status: 404 });
}

function api(req: ReplicaRequest, now: Date): ReplicaResponse {
  const m = /^\/2\.0\/branches\/(\d+)\/reviews$/.exec(req.url.pathname);
  const id = m?.[1] ?? "";
  if (id === BLOCKED_ID)
    return {
      status: 403,
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({
        meta: { code: 403, error: { type: "captcha", message: "Подтвердите, что вы не робот" } },
      }),
    };
  if (![BRANCH.id, REBUILT_ID, UNRATED_ID].includes(id))
    return {
      status: 404,
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({
        meta: { code: 404, error: { type: "itemNotFound", message: "Branch not found" } },
      }),
    };
  const limit = Math.min(50, Number(req.url.searchParams.get("limit") ?? 12));
  const offset = Number(req.url.searchParams.get("offset") ?? 0);
  const all = visibleReviews(req.stage);
  const page = all.slice(offset, offset + limit).map((r) => reviewJson(r, now, id, id !== UNRATED_ID));
  const meta = {
    branch_rating: BRANCH.rating,
    branch_reviews_count: shownReviews(req.stage).length,
    total_count: all.length,
    code: 200,
  };
  return json(id === REBUILT_ID ? { meta, items: page } : { meta, reviews: page });
}

/** `JSON.parse('…')` argument as 2GIS writes it: a JS single-quoted string of the JSON text. */
export function jsSingleQuoted(value: unknown): string {
  const s = JSON.stringify(value)
    .replace(/\\/g, "\\\\")
    .replace(/'/g, "\\'")
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `'${s}'`;
}

function layout(title: string, state: unknown): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><div id="root"><div class="_1om0h7c"><div class="_jcreqo"></div></div></div>
<script>window.__classNames=JSON.parse('["_1om0h7c","_jcreqo"]')</script>
<script>
  var __customcfg = JSON.parse('{"sessionId":"replica","authCodeUrl":""}');
  var initialState = JSON.parse(${jsSingleQuoted(state)});
  var __REACT_QUERY_STATE__ = JSON.parse('{"mutations":[],"queries":[]}');
</script>
<script src="https://d-assets.2gis.ru/app.js" async></script></body></html>`;
}

export function firmPage(all: GisReview[], now: Date): string {
  const first = all.slice(0, 50);
  const review = Object.fromEntries(
    first.map((r) => [r.id, { data: reviewJson(r, now), meta: { status: "success", code: 200 } }]),
  );
  const shown = all.filter((r) => !r.hidden).length;
  const state = {
    bss: { searchEvent: {}, event: {}, serverEvents: [] },
    data: {
      entity: {
        profile: {
          [BRANCH.id]: {
            data: {
              id: BRANCH.id,
              name: BRANCH.name,
              address_name: BRANCH.address,
              city_alias: BRANCH.city,
              reviews: {
                general_rating: BRANCH.rating,
                general_review_count: shown,
                is_reviewable: true,
                items: [{ is_reviewable: true, tag: "2gis_reviews" }],
              },
            },
            meta: { status: "success", code: 200 },
          },
        },
      },
      review,
      reviewSearch: {
        "2f4b9c1e-7a0d-4c55-9e1b-3d2a6f8e0c11": {
          meta: { status: "success", code: 200 },
          data: {
            rating: BRANCH.rating,
            total: all.length,
            offset: first.length,
            items: first.map((r) => r.id),
          },
        },
      },
    },
  };
  return layout(`${BRANCH.name}, ${BRANCH.address}, Москва — 2ГИС`, state);
}

export function notFoundPage(id: string): string {
  const state = {
    bss: { searchEvent: {}, event: {}, serverEvents: [] },
    data: {
      entity: {
        profile: {
          [id]: {
            meta: {
              status: "error",
              code: 404,
              error: { name: "NotFound", message: "Empty result", code: 404 },
            },
          },
        },
      },
      review: {},
      reviewSearch: {},
    },
  };
  return layout("2ГИС", state);
}

export function captchaPage(): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Подтвердите, что вы не робот — 2ГИС</title></head>
<body><form class="captcha" method="post" action="/captcha"><h1>Подтвердите, что вы не робот</h1>
<img src="/captcha/image?rnd=42" alt=""><input name="answer"><button type="submit">Отправить</button></form></body></html>`;
}
