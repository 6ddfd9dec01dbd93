/** A small extraction for the lab sites (the real one lives in src/extract/). */
import * as cheerio from "cheerio";
import { Source } from "../../src/config/source.js";
import type { ExtractFn, PageExtraction } from "../../src/crawl/types.js";
import type { RawMention } from "../../src/domain/mention.js";

export const labExtract: ExtractFn = (page, source): PageExtraction => {
  const $ = cheerio.load(page.body, { xml: { xmlMode: false, decodeEntities: true } });
  const title = $("title").text();
  const text = $("body").text();
  const blocked = source.blocked.some(
    (b) =>
      (b.titleIncludes && title.includes(b.titleIncludes)) ||
      (b.textIncludes && text.includes(b.textIncludes)) ||
      (b.selector && $(b.selector).length > 0) ||
      (b.status !== undefined && b.status === page.status),
  );
  const nodes = $(".review");
  const items: RawMention[] = [];
  nodes.each((_, el) => {
    const $el = $(el);
    const href = $el.find("a.permalink").attr("href");
    if (!href) return;
    items.push({
      platform: source.id,
      externalId: $el.attr("data-id") ?? "",
      url: new URL(href, page.url).href,
      author: $el.find(".author").text(),
      rating: Number($el.attr("data-rating")),
      text: $el.find(".text").text(),
    });
  });
  const next = $("a.next").attr("href");
  const cursor = $("[data-next-cursor]").attr("data-next-cursor");
  return {
    items,
    warnings: [],
    blocked,
    itemNodes: nodes.length,
    ...(next ? { nextUrl: new URL(next, page.url).href } : {}),
    ...(cursor ? { nextCursor: cursor } : {}),
  };
};

/** A lab source: politeness off unless the test turns it on, short deadlines. */
export function labSource(overrides: Record<string, unknown> = {}): Source {
  const { fetch, ...rest } = overrides as { fetch?: Record<string, unknown> };
  return Source.parse({
    id: "lab",
    name: "Lab",
    kind: "review",
    homepage: "https://reviews.lab/",
    fetch: { minIntervalMs: 0, concurrency: 4, timeoutMs: 3000, ...fetch },
    pagination: { type: "next-link", selector: "a.next", maxPages: 10 },
    blocked: [{ titleIncludes: "Вы робот" }],
    extract: { type: "html", item: ".review", fields: { text: ".text" } },
    ...rest,
  });
}
