/** What the crawl stage hands to extraction, and what one crawl of one target reports. */

import type { FetchSettings, Source } from "../config/source.js";
import type { RawMention } from "../domain/mention.js";
import type { SourceStatus } from "../store/store.js";
import type { ValidatorStore } from "./validators.js";

/** One fetched page, decoded to text. `url` is the logical URL (real origin), after redirects. */
export interface Page {
  url: string;
  status: number;
  headers: Record<string, string>;
  /** Decoded body (charset handled: header → BOM → <meta> → detection). */
  body: string;
  contentType: string;
  fetchedAt: string;
  /** Charset the body was decoded from (e.g. "windows-1251"). */
  charset?: string;
  /**
   * The page is the same as last time (304 Not Modified, or the same checksum) — only set when the
   * fetch was `conditional`. A 304 has an empty `body`.
   */
  unchanged?: boolean;
  /** The embedded state object the browser read (`fetch.browser.state`), JSON-safe. */
  state?: unknown;
}

/** Per-call options of `Fetcher.fetch`. */
export interface FetchOptions {
  /** Send If-None-Match / If-Modified-Since from the last fetch and flag unchanged pages. @default false */
  conditional?: boolean;
  /**
   * Where this call reads the last fetch's validators (when `conditional`) and records the new ones
   * (always, on a 2xx). @default the fetcher's own memory, recording only when `conditional`
   */
  validators?: ValidatorStore;
}

export interface Fetcher {
  /**
   * Fetch one page. Resolves for 2xx (and 304 when conditional); throws a CrawlError otherwise
   * (see errors.ts; an HTTP error carries the `page` it got, e.g. a captcha page behind a 403).
   */
  fetch(url: string, settings: FetchSettings, signal?: AbortSignal, options?: FetchOptions): Promise<Page>;
  close(): Promise<void>;
}

/** What extraction made of one page (see src/extract/). */
export interface PageExtraction {
  items: RawMention[];
  /** One line per skipped/odd item: "item 3: rating 'abc' is not a number". */
  warnings: string[];
  /** Absolute URL of the next list page, when the source paginates by link. */
  nextUrl?: string;
  /** Cursor of the next page, for `pagination.type: cursor` (JSON APIs). */
  nextCursor?: string;
  /** The page is an anti-bot/captcha page (source.blocked matched). */
  blocked: boolean;
  /** Number of item elements found, before validation (0 items on a page that used to have some → broken). */
  itemNodes: number;
  /** The page says it is the last of the list (JSON `lastPage`): no next page is requested. */
  lastPage?: boolean;
  /** The page says the target does not exist (an embedded 404): the crawl fails, naming why. */
  notFound?: string;
  /** The data the source reads is not on the page (no embedded state: a JS shell?): the source is broken. */
  noData?: string;
  /** The company's aggregate rating (1..5) and review count, when the page shows them. */
  aggregate?: { rating?: number; count?: number };
}

export type ExtractFn = (page: Page, source: Source) => PageExtraction;

export interface CrawlTargetOptions {
  source: Source;
  startUrl: string;
  fetcher: Fetcher;
  extract: ExtractFn;
  /** Has this natural key (externalId or hash key) been stored before? Drives the incremental stop. */
  isSeen: (item: RawMention) => boolean;
  /** `incremental`: stop at the first page holding only seen items; `backfill`: walk up to maxPages. */
  mode: "incremental" | "backfill";
  /** Items a healthy page of this target usually yields (from SourceState), for broken detection. */
  usualItems?: number;
  /** Share of items that usually have each field (from SourceState): a sharp drop → `degraded`. */
  usualCoverage?: Record<string, number>;
  /**
   * Follow a review's own page (`item.url`) when the list shows only a truncated text: items for
   * which this returns true are re-read there with the same `extract`, and the review page's item
   * is merged over the list's. A failure keeps the list item and adds a warning. `isNew` is
   * `!isSeen(item)`: a caller usually follows new items, and seen ones only when their teaser no
   * longer matches what it stored.
   */
  followItem?: (item: RawMention, isNew: boolean) => boolean;
  /** At most this many review pages followed per crawl. @default 50 */
  maxFollows?: number;
  /**
   * Send conditional requests and stop at a first page unchanged since the last fetch (by
   * `validators`, else by this fetcher). Only when the fetch those validators come from had its items
   * stored: an unchanged page would otherwise hide reviews that were never stored.
   * @default mode === "incremental"
   */
  conditional?: boolean;
  /**
   * The list pages' validators as of the last crawl whose items were stored (from SourceState); the
   * crawl records each list page's new ones here. @default the fetcher's own memory
   */
  validators?: ValidatorStore;
  signal?: AbortSignal;
}

export interface CrawlTargetResult {
  status: SourceStatus;
  pages: number;
  items: RawMention[];
  warnings: string[];
  /** Share of items that had each field. */
  coverage: Record<string, number>;
  error?: string;
  /**
   * The first page was byte-identical to the last fetch (304 / same checksum, incremental mode): nothing
   * was extracted. Do not update usual item counts or coverage from such a run.
   */
  unchanged?: boolean;
}
