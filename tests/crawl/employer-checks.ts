/**
 * The end-to-end checks every employer-board replica passes (tests/crawl/<board>-crawl.test.ts): the real
 * source file, `crawlTarget` and `createHttpFetcher` on loopback walk the employer's review pages; every
 * review comes out with its rating, title, pros and cons as separate fields, the position, city,
 * employment status and sub-ratings under `extra`; new reviews stop an incremental crawl early; the
 * board's anti-bot wall is `blocked` and a redesign is `broken`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RawMention } from "../../src/domain/mention.js";
import type { EmployerReview } from "../web/employer-stories.js";
import { LOADED_AT } from "../web/replica-kit.js";
import type { ReplicaSite } from "../web/server.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

export interface EmployerBoardSpec {
  id: string;
  site: ReplicaSite;
  /** The employer's review list, as the brand target gives it. */
  startUrl: string;
  /** The reviews visible at a stage, in the board's order (newest first). */
  reviews: (stage: number) => EmployerReview[];
  /** Pages a full crawl walks at stage 0 (an empty page that ends a page-param list counts). */
  pages: number;
  blockedUrl: string;
  brokenUrl: string;
  /** The `extra` facts the board shows for a review (checked as a subset of the item's extra). */
  extra: (r: EmployerReview) => Record<string, string | number | boolean>;
  /** What the board's text field holds. @default the comment, else the title */
  text?: (r: EmployerReview) => string;
  /** Whether the board shows pros and cons apart. @default true */
  prosCons?: boolean;
  charset?: string;
  /** How close publishedAt must be to the review's time (boards printing only the day need a day). */
  dateSlackMs?: number;
}

const oneLine = (s: string | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

export function describeEmployerBoard(spec: EmployerBoardSpec): void {
  const source = replicaSource(spec.id);
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness([spec.site], source);
  });
  afterAll(async () => {
    await h.close();
  });

  describe(`${spec.id} replica, real source file and extractor`, () => {
    it("reads every review: rating, title, pros, cons, text, date, position, city, status, sub-ratings", async () => {
      const r = await h.crawl(spec.startUrl);
      expect(r.status).toBe("ok");
      expect(r.warnings).toEqual([]);
      expect(r.pages).toBe(spec.pages);
      const reviews = spec.reviews(0);
      expect(r.items).toHaveLength(reviews.length);
      expect(new Set(r.items.map((i) => i.externalId)).size).toBe(reviews.length);
      r.items.forEach((item: RawMention, i) => {
        const want = reviews[i]!;
        expect(item.platform).toBe(spec.id);
        expect(item.rating).toBe(want.rating);
        expect(item.title).toBe(want.title);
        if (spec.prosCons !== false) {
          expect(oneLine(item.pros)).toBe(want.pros);
          expect(oneLine(item.cons)).toBe(want.cons);
        }
        expect(oneLine(item.text)).toBe(oneLine(spec.text ? spec.text(want) : (want.comment ?? want.title)));
        expect(item.extra).toMatchObject(spec.extra(want));
        expect(item.url).toMatch(/^https:\/\//);
        const at = LOADED_AT.getTime() - want.minutesAgo * 60_000;
        expect(Math.abs(Date.parse(item.publishedAt!) - at)).toBeLessThan(spec.dateSlackMs ?? 60_000);
      });
      if (spec.charset)
        expect((await h.fetcher.fetch(spec.startUrl, source.fetch)).charset).toBe(spec.charset);
    });

    it("in incremental mode reads the new reviews and stops at the first page without any", async () => {
      const first = await h.crawl(spec.startUrl);
      h.web.setStage(1);
      try {
        const r = await h.crawl(spec.startUrl, { mode: "incremental", isSeen: seenFrom(first.items) });
        expect(r.status).toBe("ok");
        expect(r.pages).toBeLessThan(spec.pages);
        const fresh = r.items.filter((i) => !seenFrom(first.items)(i));
        expect(fresh.map((i) => i.title)).toEqual(
          spec
            .reviews(1)
            .filter((x) => x.stage === 1)
            .map((x) => x.title),
        );
      } finally {
        h.web.setStage(0);
      }
    });

    it("calls the anti-bot wall blocked and a redesigned page broken", async () => {
      const blocked = await h.crawl(spec.blockedUrl);
      expect(blocked.status).toBe("blocked");
      const broken = await h.crawl(spec.brokenUrl, { usualItems: 5 });
      expect(broken.status).toBe("broken");
    });
  });
}
