/**
 * The end-to-end checks every forum-engine replica passes (tests/crawl/<engine>-crawl.test.ts): the real
 * source file, `crawlTarget` and `createHttpFetcher` on loopback against the engine's rendering of the
 * shared forum world (tests/web/forum-world.ts) — a thread with its pages, a section, the search, the
 * incremental stop once new posts appear, the walls, and brand matching keeping only the posts that name
 * the demo brand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RawMention } from "../../src/domain/mention.js";
import {
  BRAND_THREAD,
  type ForumPost,
  type ForumThread,
  SIDE_THREAD,
  searchHits,
  visiblePosts,
  visibleTopics,
} from "../web/forum-world.js";
import { LOADED_AT } from "../web/replica-kit.js";
import type { ReplicaSite } from "../web/server.js";
import { keptItems } from "./brand-filter.js";
import { type Harness, replicaSource, seenFrom, startHarness } from "./replica-harness.js";

export interface ForumEngineSpec {
  /** Source id (sources/<id>.yaml). */
  id: string;
  site: ReplicaSite;
  /** Start URLs as a brand target would give them. */
  threadUrl: (thread: ForumThread) => string;
  sectionUrl: string;
  searchUrl?: string;
  blockedUrl: string;
  brokenUrl: string;
  /** The world post id an item stands for (from its externalId or URL). */
  postId: (item: RawMention) => number | undefined;
  /** The world topic id a section item stands for. */
  topicId: (item: RawMention) => number | undefined;
  /** Pages a full crawl of the brand's thread, the section and the search walks at stage 0. */
  pages: { thread: number; section: number; search?: number };
  /** Charset the engine's pages are served in. @default "utf-8" */
  charset?: string;
  /** Post dates are printed to the minute (else to the day, or relative): how close publishedAt must be, ms. */
  dateSlackMs?: number;
  /** Section items name their topic's starter. @default true (Discourse lists carry user ids only) */
  topicAuthors?: boolean;
}

const ids = (posts: ForumPost[]) => posts.map((p) => p.id).sort((a, b) => a - b);
const sorted = (xs: (number | undefined)[]) => [...xs].sort((a, b) => (a ?? 0) - (b ?? 0));
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

export function describeForumEngine(spec: ForumEngineSpec): void {
  const source = replicaSource(spec.id);
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness([spec.site], source);
  });
  afterAll(async () => {
    await h.close();
  });
  const slack = spec.dateSlackMs ?? 60_000;

  describe(`${spec.id} replica, real source file and extractor`, () => {
    it("reads a whole thread: every post with author, date, text and the thread's title", async () => {
      const r = await h.crawl(spec.threadUrl(BRAND_THREAD));
      expect(r.status).toBe("ok");
      expect(r.warnings).toEqual([]);
      expect(r.pages).toBe(spec.pages.thread);
      const posts = visiblePosts(BRAND_THREAD, 0);
      expect(sorted(r.items.map(spec.postId))).toEqual(ids(posts));
      for (const item of r.items) {
        const post = posts.find((p) => p.id === spec.postId(item))!;
        expect(item.author).toBe(post.author);
        expect(oneLine(item.text)).toBe(oneLine(post.text.join(" ")));
        expect(item.subject).toBe(BRAND_THREAD.title);
        expect(item.url).toMatch(/^https:\/\//);
        const at = LOADED_AT.getTime() - post.minutesAgo * 60_000;
        expect(Math.abs(Date.parse(item.publishedAt!) - at)).toBeLessThan(slack);
      }
      if (spec.charset)
        expect((await h.fetcher.fetch(spec.threadUrl(BRAND_THREAD), source.fetch)).charset).toBe(
          spec.charset,
        );
    });

    it("keeps only the posts that name the demo brand", async () => {
      for (const thread of [BRAND_THREAD, SIDE_THREAD]) {
        const r = await h.crawl(spec.threadUrl(thread));
        const kept = keptItems(r.items, source).map(spec.postId);
        expect(sorted(kept)).toEqual(ids(visiblePosts(thread, 0).filter((p) => p.aboutBrand)));
        expect(kept.length).toBeLessThan(r.items.length);
      }
    });

    it("reads a section's topics across its pages", async () => {
      const r = await h.crawl(spec.sectionUrl);
      expect(r.status).toBe("ok");
      expect(r.warnings).toEqual([]);
      expect(r.pages).toBe(spec.pages.section);
      expect(r.items.map(spec.topicId)).toEqual(visibleTopics(0).map((t) => t.id));
      for (const item of r.items) {
        const topic = visibleTopics(0).find((t) => t.id === spec.topicId(item))!;
        expect(item.title ?? item.text).toBe(topic.title);
        if (spec.topicAuthors !== false) expect(item.author).toBe(topic.author);
      }
      const kept = keptItems(r.items, source).map(spec.topicId);
      expect(kept).toEqual(
        visibleTopics(0)
          .filter((t) => t.aboutBrand)
          .map((t) => t.id),
      );
    });

    it.skipIf(!spec.searchUrl)(
      "reads the search for the brand; the camomile-tea hit is not kept",
      async () => {
        const r = await h.crawl(spec.searchUrl!);
        expect(r.status).toBe("ok");
        expect(r.warnings).toEqual([]);
        expect(r.pages).toBe(spec.pages.search);
        const hits = searchHits(0);
        expect(r.items.map(spec.postId)).toEqual(hits.map((x) => x.post.id));
        const kept = keptItems(r.items, source).map(spec.postId);
        expect(kept).toEqual(hits.filter((x) => x.post.aboutBrand).map((x) => x.post.id));
        expect(hits.some((x) => !x.post.aboutBrand)).toBe(true);
      },
    );

    it("in incremental mode stops at the first page without new posts", async () => {
      const first = await h.crawl(spec.threadUrl(BRAND_THREAD));
      h.web.setStage(1);
      try {
        const r = await h.crawl(spec.threadUrl(BRAND_THREAD), {
          mode: "incremental",
          isSeen: seenFrom(first.items),
        });
        expect(r.status).toBe("ok");
        // Newest posts first: the crawl stops at the first page holding only seen posts.
        if (spec.pages.thread > 1) expect(r.pages).toBeLessThan(spec.pages.thread);
        else expect(r.pages).toBe(1);
        const fresh = r.items.filter((i) => !seenFrom(first.items)(i)).map(spec.postId);
        expect(sorted(fresh)).toEqual(ids(BRAND_THREAD.posts.filter((p) => p.stage === 1)));
      } finally {
        h.web.setStage(0);
      }
    });

    it("calls the anti-bot wall blocked and a restyled board broken", async () => {
      expect((await h.crawl(spec.blockedUrl)).status).toBe("blocked");
      const broken = await h.crawl(spec.brokenUrl, { usualItems: 10 });
      expect(broken.status).toBe("broken");
    });
  });
}
