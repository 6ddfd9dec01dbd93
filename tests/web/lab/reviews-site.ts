/**
 * Lab replica: a plain review list with both pagination styles, reviews that appear over time
 * (stage), a captcha mode, a "redesigned" mode (selector drift) and an empty target.
 *
 *   /reviews/<target>/            page 1 (next link: /reviews/<target>/?page=2)
 *   /reviews/<target>/?page=N     page N
 *   /review/<id>.html             a review's own page
 *   /robots.txt                   allow everything
 * Targets: `acme` (normal), `empty` (no reviews yet), `drift` (new markup), `captcha` (403 wall),
 * `captcha429` (429 wall), `throttled` (429, Retry-After: 3600), `flaky` (page 2+ answers 500),
 * `trunc` (list texts cut short with "…"), `cursor` (a `data-next-cursor` marker instead of links);
 * `?offset=N` on any target serves items N.. without a next link.
 */
import type { ReplicaResponse, ReplicaSite } from "../server.js";

export interface ReviewsSiteOptions {
  host?: string;
  /** Reviews on a list page. @default 5 */
  perPage?: number;
  /** Reviews at stage 0; each stage adds `perStage` newer ones on top. @default 12 */
  total?: number;
  perStage?: number;
  /** Filler bytes per review, to make pages heavy (benchmarks). @default 0 */
  padding?: number;
}

export function reviewHtml(id: number, padding = 0): string {
  const filler =
    padding > 0
      ? `<p class="filler">${"Lorem ipsum dolor sit amet. ".repeat(Math.ceil(padding / 28))}</p>`
      : "";
  return (
    `<div class="review" data-id="${id}" data-rating="${(id % 5) + 1}">` +
    `<a class="permalink" href="/review/${id}.html">Отзыв №${id}</a>` +
    `<span class="author">Автор ${id}</span>` +
    `<time datetime="2024-03-${String((id % 28) + 1).padStart(2, "0")}T10:00:00Z">${id}</time>` +
    `<div class="text">Текст отзыва номер ${id}: всё было хорошо, но доставка задержалась.</div>` +
    `${filler}</div>`
  );
}

export function listPage(opts: { title: string; ids: number[]; next?: string; padding?: number }): string {
  const next = opts.next ? `<a class="next" href="${opts.next}">Дальше</a>` : "";
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${opts.title}</title></head><body>` +
    `<h1>${opts.title}</h1><div class="reviews">${opts.ids.map((id) => reviewHtml(id, opts.padding)).join("")}</div>` +
    `<nav>${next}</nav></body></html>`
  );
}

export const CAPTCHA_PAGE =
  `<!doctype html><html><head><meta charset="utf-8"><title>Вы робот?</title></head><body>` +
  `<form class="captcha-form"><h1>Вы робот?</h1><img class="captcha-img" src="/captcha/index.php?rand=1">` +
  `<input name="keystring"></form></body></html>`;

export function createReviewsSite(options: ReviewsSiteOptions = {}): ReplicaSite {
  const host = options.host ?? "reviews.lab";
  const perPage = options.perPage ?? 5;
  const total = options.total ?? 12;
  const perStage = options.perStage ?? 3;
  const padding = options.padding ?? 0;
  const html = (body: string, status = 200): ReplicaResponse => ({
    status,
    headers: { "content-type": "text/html; charset=utf-8" },
    body,
  });

  return {
    hosts: [host],
    handle(req): ReplicaResponse {
      const { pathname, searchParams } = req.url;
      if (pathname === "/robots.txt")
        return { headers: { "content-type": "text/plain" }, body: "User-agent: *\nAllow: /\n" };
      const review = /^\/review\/(\d+)\.html$/.exec(pathname);
      if (review) return html(listPage({ title: `Отзыв ${review[1]}`, ids: [Number(review[1])] }));
      const m = /^\/reviews\/([a-z0-9]+)\/$/.exec(pathname);
      if (!m) return html("<h1>Not found</h1>", 404);
      const target = m[1];
      if (target === "captcha") return html(CAPTCHA_PAGE, 403);
      if (target === "captcha429") return html(CAPTCHA_PAGE, 429);
      if (target === "empty") return html(listPage({ title: "Новая компания", ids: [] }));
      const count = total + req.stage * perStage;
      const page = Number(searchParams.get("page") ?? "1");
      // Newest first: ids count..1.
      const all = Array.from({ length: count }, (_, i) => count - i);
      const ids = all.slice((page - 1) * perPage, page * perPage);
      const next = page * perPage < count ? `/reviews/${target}/?page=${page + 1}` : undefined;
      if (target === "throttled")
        return { ...html("Слишком много запросов", 429), headers: { "retry-after": "3600" } };
      if (target === "flaky" && page >= 2) return html("<h1>Internal error</h1>", 500);
      if (searchParams.has("offset")) {
        const offset = Number(searchParams.get("offset"));
        return html(listPage({ title: "offset", ids: all.slice(offset, offset + perPage), padding }));
      }
      if (searchParams.has("cursor") || target === "cursor") {
        const below = Number(searchParams.get("cursor") ?? count + 1);
        const slice = all.filter((id) => id < below).slice(0, perPage);
        const last = slice[slice.length - 1];
        const cursor = last !== undefined && last > 1 ? `<div data-next-cursor="${last}"></div>` : "";
        return html(
          listPage({ title: "cursor", ids: slice, padding }).replace("</body>", `${cursor}</body>`),
        );
      }
      if (target === "trunc") {
        const full = listPage({ title: "trunc", ids, ...(next ? { next } : {}), padding });
        return html(full.replace(/(<div class="text">)([^<]{0,18})[^<]*(<\/div>)/g, "$1$2…$3"));
      }
      if (target === "drift") {
        return html(
          `<html><body>${ids.map((id) => `<article class="rv2">${id}</article>`).join("")}</body></html>`,
        );
      }
      return html(listPage({ title: `Отзывы о ${target}`, ids, ...(next ? { next } : {}), padding }));
    },
  };
}
