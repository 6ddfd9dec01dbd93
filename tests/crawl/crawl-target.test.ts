import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlTarget } from "../../src/crawl/crawl-target.js";
import { createHttpFetcher, type HttpFetcher } from "../../src/crawl/http-fetcher.js";
import type { RawMention } from "../../src/domain/mention.js";
import { createReviewsSite } from "../web/lab/reviews-site.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";
import { labExtract, labSource } from "./lab-extract.js";

let web: ReplicaWeb;
let fetcher: HttpFetcher;

beforeAll(async () => {
  web = await startReplicaWeb([createReviewsSite()]);
  fetcher = createHttpFetcher({
    userAgent: "repwatch-test/1.0",
    originMap: web.originMap,
    allowAddresses: web.allowAddresses,
    maxRetries: 1,
    backoffBaseMs: 10,
  });
});
afterAll(async () => {
  await fetcher.close();
  await web.close();
});

const never = (_: RawMention) => false;

describe("crawlTarget", () => {
  it("walks next links with logical URLs and reports coverage", async () => {
    const r = await crawlTarget({
      source: labSource(),
      startUrl: "https://reviews.lab/reviews/acme/",
      fetcher,
      extract: labExtract,
      isSeen: never,
      mode: "backfill",
    });
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(3);
    expect(r.items.map((i) => i.externalId)).toEqual(Array.from({ length: 12 }, (_, i) => String(12 - i)));
    expect(r.items[0]?.url).toBe("https://reviews.lab/review/12.html");
    expect(r.coverage.author).toBe(1);
    expect(r.coverage.title).toBe(0);
  });

  it("walks a page parameter up to maxPages", async () => {
    const source = labSource({ pagination: { type: "page-param", param: "page", maxPages: 2 } });
    const ext = (p: Parameters<typeof labExtract>[0], s: typeof source) => {
      const { nextUrl: _drop, ...rest } = labExtract(p, s);
      return rest;
    };
    const r = await crawlTarget({
      source,
      startUrl: "https://reviews.lab/reviews/acme/",
      fetcher,
      extract: ext,
      isSeen: never,
      mode: "backfill",
    });
    expect(r.status).toBe("ok");
    expect(r.pages).toBe(2);
    expect(r.items).toHaveLength(10);
  });

  it("stops at the first page holding only seen items (incremental)", async () => {
    const first = await crawlTarget({
      source: labSource(),
      startUrl: "https://reviews.lab/reviews/acme/",
      fetcher,
      extract: labExtract,
      isSeen: never,
      mode: "backfill",
    });
    const seen = new Set(first.items.map((i) => i.externalId));
    web.setStage(2); // six newer reviews on top: page 1 is all new, page 2 has one new
    try {
      const r = await crawlTarget({
        source: labSource(),
        startUrl: "https://reviews.lab/reviews/acme/",
        fetcher,
        extract: labExtract,
        isSeen: (i) => seen.has(i.externalId),
        mode: "incremental",
      });
      expect(r.status).toBe("ok");
      expect(r.pages).toBe(3);
      expect(r.items.filter((i) => !seen.has(i.externalId)).map((i) => i.externalId)).toEqual([
        "18",
        "17",
        "16",
        "15",
        "14",
        "13",
      ]);
    } finally {
      web.setStage(0);
    }
  });

  it("calls a captcha wall blocked, never 'no new reviews'", async () => {
    for (const target of ["captcha", "captcha429"]) {
      const r = await crawlTarget({
        source: labSource(),
        startUrl: `https://reviews.lab/reviews/${target}/`,
        fetcher,
        extract: labExtract,
        isSeen: never,
        mode: "incremental",
      });
      expect(r.status, target).toBe("blocked");
      expect(r.items).toHaveLength(0);
    }
  });

  it("calls selector drift broken against a known usual count, and a new empty target ok", async () => {
    const drift = await crawlTarget({
      source: labSource(),
      startUrl: "https://reviews.lab/reviews/drift/",
      fetcher,
      extract: labExtract,
      isSeen: never,
      mode: "incremental",
      usualItems: 5,
    });
    expect(drift.status).toBe("broken");
    expect(drift.error).toMatch(/no item elements where 5 are usual/);
    const fresh = await crawlTarget({
      source: labSource(),
      startUrl: "https://reviews.lab/reviews/empty/",
      fetcher,
      extract: labExtract,
      isSeen: never,
      mode: "backfill",
    });
    expect(fresh.status).toBe("ok");
    expect(fresh.items).toHaveLength(0);
  });

  it("fails on a missing page", async () => {
    const r = await crawlTarget({
      source: labSource(),
      startUrl: "https://reviews.lab/nowhere/",
      fetcher,
      extract: labExtract,
      isSeen: never,
      mode: "backfill",
    });
    expect(r.status).toBe("failed");
    expect(r.error).toMatch(/HTTP 404/);
  });
});

describe("crawlTarget: more statuses and pagination styles", () => {
  const run = (target: string, extra: Partial<Parameters<typeof crawlTarget>[0]> = {}) =>
    crawlTarget({
      source: labSource(),
      startUrl: `https://reviews.lab/reviews/${target}/`,
      fetcher,
      extract: labExtract,
      isSeen: never,
      mode: "backfill",
      ...extra,
    });

  it("defers a target whose server asks for a wait longer than the cap", async () => {
    const r = await run("throttled");
    expect(r.status).toBe("deferred");
    expect(r.error).toMatch(/Retry-After 3600 s/);
  });

  it("keeps page 1 and reports degraded when a later page fails", async () => {
    const r = await run("flaky");
    expect(r.status).toBe("degraded");
    expect(r.pages).toBe(1);
    expect(r.items).toHaveLength(5);
    expect(r.error).toMatch(/HTTP 500/);
  });

  it("stops at once when the first page has not changed since the last incremental crawl", async () => {
    const first = await run("acme", { mode: "incremental" });
    expect(first.unchanged).toBeUndefined();
    const again = await run("acme", { mode: "incremental" });
    expect(again).toMatchObject({ status: "ok", pages: 1, unchanged: true, items: [] });
    // After a run that did not store its items, the pipeline turns conditional requests off.
    const redo = await run("acme", { mode: "incremental", conditional: false });
    expect(redo.unchanged).toBeUndefined();
    expect(redo.items.length).toBeGreaterThan(0);
  });

  it("walks offset and cursor pagination", async () => {
    const offset = await crawlTarget({
      source: labSource({ pagination: { type: "offset", param: "offset", maxPages: 5 } }),
      startUrl: "https://reviews.lab/reviews/acme/?offset=0",
      fetcher,
      extract: labExtract,
      isSeen: never,
      mode: "backfill",
    });
    expect(offset.items.map((i) => i.externalId)).toEqual(
      Array.from({ length: 12 }, (_, i) => String(12 - i)),
    );
    const cursor = await crawlTarget({
      source: labSource({ pagination: { type: "cursor", param: "cursor", maxPages: 5 } }),
      startUrl: "https://reviews.lab/reviews/cursor/",
      fetcher,
      extract: labExtract,
      isSeen: never,
      mode: "backfill",
    });
    expect(cursor.pages).toBe(3);
    expect(cursor.items).toHaveLength(12);
  });

  it("follows a review's own page when the list text is truncated", async () => {
    const r = await run("trunc", {
      source: labSource({ pagination: { type: "none" } }),
      followItem: (i, isNew) => isNew && i.text.endsWith("…"),
      isSeen: (i) => i.externalId === "8",
    });
    expect(r.items).toHaveLength(5);
    const byId = new Map(r.items.map((i) => [i.externalId, i]));
    expect(byId.get("12")?.text).toMatch(/^Текст отзыва номер 12: всё было хорошо/);
    expect(byId.get("12")?.url).toBe("https://reviews.lab/review/12.html");
    expect(byId.get("8")?.text.endsWith("…")).toBe(true); // already seen: the caller did not ask
  });

  it("follows a seen item when the caller asks (its teaser no longer matches what was stored)", async () => {
    const r = await run("trunc", {
      source: labSource({ pagination: { type: "none" } }),
      followItem: (i) => i.text.endsWith("…"),
      isSeen: (i) => i.externalId === "8",
    });
    const eight = r.items.find((i) => i.externalId === "8");
    expect(eight?.text.endsWith("…")).toBe(false);
    expect(eight?.text).toMatch(/^Текст отзыва номер 8/);
  });
});
