/**
 * A crawl harness for replica sites: the replica web on loopback, the real HTTP fetcher with the replica's
 * origin map and address allowance, and the real `crawlTarget` + `extractPage` with a source file as
 * users run it (politeness relaxed for loopback).
 */
import type { Source } from "../../src/config/source.js";
import { crawlTarget } from "../../src/crawl/crawl-target.js";
import { createHttpFetcher, type HttpFetcher } from "../../src/crawl/http-fetcher.js";
import type { CrawlTargetOptions, CrawlTargetResult, Fetcher } from "../../src/crawl/types.js";
import { naturalKeyOf, type RawMention } from "../../src/domain/mention.js";
import { extractPage } from "../../src/extract/extract-page.js";
import { loadSource } from "../extract/helpers.js";
import type { ReplicaSite, ReplicaWeb } from "../web/server.js";
import { startReplicaWeb } from "../web/server.js";

/** `sources/<id>.yaml` with the file's politeness (seconds between requests) relaxed for the replica. */
export function replicaSource(id: string): Source {
  const file = loadSource(id);
  return { ...file, fetch: { ...file.fetch, minIntervalMs: 0, timeoutMs: 5000 } };
}

export interface Harness {
  web: ReplicaWeb;
  fetcher: Fetcher;
  /** Crawl `startUrl` (backfill, nothing seen) unless `extra` says otherwise. */
  crawl(startUrl: string, extra?: Partial<CrawlTargetOptions>): Promise<CrawlTargetResult>;
  close(): Promise<void>;
}

export async function startHarness(
  sites: ReplicaSite[],
  source: Source,
  makeFetcher?: (web: ReplicaWeb) => Fetcher,
): Promise<Harness> {
  const web = await startReplicaWeb(sites);
  const fetcher: Fetcher | HttpFetcher =
    makeFetcher?.(web) ??
    createHttpFetcher({
      userAgent: "repwatch-test/1.0",
      originMap: web.originMap,
      allowAddresses: web.allowAddresses,
    });
  return {
    web,
    fetcher,
    crawl: (startUrl, extra = {}) =>
      crawlTarget({
        source,
        startUrl,
        fetcher,
        extract: extractPage,
        isSeen: () => false,
        mode: "backfill",
        ...extra,
      }),
    async close() {
      await fetcher.close();
      await web.close();
    },
  };
}

/** An `isSeen` for the items of an earlier crawl. */
export function seenFrom(items: RawMention[]): (item: RawMention) => boolean {
  const keys = new Set(items.map(naturalKeyOf));
  return (item) => keys.has(naturalKeyOf(item));
}

/** The follow policy the tests use: new items whose list text was cut. */
export const followTruncated = (item: RawMention): boolean => item.extra?.["truncated"] === true;
