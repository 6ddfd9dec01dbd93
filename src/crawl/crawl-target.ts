/**
 * Crawl one target (a brand's page on one source): walk the list pages, extract, stop early in
 * incremental mode, and decide the run's status.
 *
 * Status, first match wins:
 * - `deferred`: the server asked for a wait longer than the cap (Retry-After), or robots.txt is down;
 * - `blocked`:  extraction says the page is an anti-bot/captcha page, or a 401/403/429/503 carries one;
 * - `failed`:   the first page could not be fetched (network/HTTP failure after retries);
 * - `broken`:   the first page parses but yields 0 items (0 item nodes, or none valid) where this target
 *               usually yields some (`usualItems` > 0). A new target with no known count is `ok`
 *               with 0 items: a brand-new company may genuinely have no reviews;
 * - `failed` also when the first page says the target does not exist (`notFound`: an embedded 404);
 * - `broken` also when the first page lacks the data the source reads (`noData`: a JS shell);
 * - `degraded`: a later page failed (the items read so far are kept, `error` says what happened), or
 *               a field most items usually have is now mostly missing (`usualCoverage`, coverage-drop.ts);
 * - `ok`.
 */
import { naturalKeyOf, type RawMention } from "../domain/mention.js";
import { isChallengeStatus, looksLikeChallenge } from "./challenge.js";
import { coverageDrops, describeDrops } from "./coverage-drop.js";
import { CrawlError, DeferredError } from "./errors.js";
import { maxPagesOf, nextPageUrl } from "./pagination.js";
import type { CrawlTargetOptions, CrawlTargetResult, Page, PageExtraction } from "./types.js";

const COVERAGE_FIELDS = [
  "externalId",
  "author",
  "publishedAt",
  "rating",
  "title",
  "text",
  "pros",
  "cons",
  "reply",
  "likes",
  "language",
  "subject",
] as const;

/** Share of items (0..1, 3 decimals) that have each field. */
export function coverageOf(items: RawMention[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (items.length === 0) return out;
  for (const f of COVERAGE_FIELDS) {
    let n = 0;
    for (const it of items) {
      const v = it[f];
      if (v !== undefined && v !== null && v !== "") n++;
    }
    out[f] = Math.round((n / items.length) * 1000) / 1000;
  }
  return out;
}

/**
 * The list item with every field the review page has filled in (identity kept from the list). Extras are
 * merged key by key; the list's `truncated` flag goes unless the review page is cut too.
 */
function mergeItem(list: RawMention, full: RawMention): RawMention {
  const merged: RawMention = { ...list };
  for (const [k, v] of Object.entries(full) as Array<[keyof RawMention, unknown]>) {
    if (v === undefined || v === "" || k === "platform" || k === "url" || k === "externalId") continue;
    if (k === "extra") continue;
    (merged as unknown as Record<string, unknown>)[k] = v;
  }
  const extra = { ...list.extra, ...full.extra };
  if (full.extra?.["truncated"] !== true) delete extra["truncated"];
  if (Object.keys(extra).length > 0) merged.extra = extra;
  else delete merged.extra;
  return merged;
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

export async function crawlTarget(opts: CrawlTargetOptions): Promise<CrawlTargetResult> {
  const { source, fetcher, extract, signal } = opts;
  const maxPages = maxPagesOf(source.pagination);
  const items: RawMention[] = [];
  const warnings: string[] = [];
  const keys = new Set<string>();
  const visited = new Set<string>();
  let pages = 0;
  let url: string | undefined = opts.startUrl;
  const conditional = opts.conditional ?? opts.mode === "incremental";

  const result = (status: CrawlTargetResult["status"], error?: string): CrawlTargetResult => {
    const r: CrawlTargetResult = { status, pages, items, warnings, coverage: coverageOf(items) };
    if (error) r.error = error;
    return r;
  };

  let follows = 0;
  /** Re-read a truncated item from its own page. */
  const follow = async (item: RawMention): Promise<RawMention> => {
    try {
      const page = await fetcher.fetch(item.url, source.fetch, signal);
      const ext = extract(page, source);
      const full = ext.items.find((i) => i.externalId === item.externalId) ?? ext.items[0];
      if (!full) {
        warnings.push(`${item.url}: review page holds no item; kept the list's text`);
        return item;
      }
      return mergeItem(item, full);
    } catch (err) {
      warnings.push(`${item.url}: review page failed (${errorMessage(err)}); kept the list's text`);
      return item;
    }
  };

  /** Is this error page an anti-bot wall? Ask extraction first (source signals), then the heuristic. */
  const isBlockedPage = (page: Page): boolean => {
    try {
      if (extract(page, source).blocked) return true;
    } catch {
      // extraction of an error page may fail: fall back to the heuristic
    }
    return isChallengeStatus(page.status) && looksLikeChallenge(page.body);
  };

  for (let index = 0; url && index < maxPages; index++) {
    if (signal?.aborted) return result(pages > 0 ? "degraded" : "failed", "aborted");
    visited.add(url);
    let page: Page;
    try {
      page = await fetcher.fetch(url, source.fetch, signal, { conditional, validators: opts.validators });
    } catch (err) {
      const msg = `${url}: ${errorMessage(err)}`;
      if (err instanceof CrawlError && err.page && isBlockedPage(err.page)) return result("blocked", msg);
      if (err instanceof DeferredError) return result("deferred", msg);
      return result(index === 0 ? "failed" : "degraded", msg);
    }
    pages++;
    // Same bytes as last time (304 / checksum): nothing new on this page, nor behind it.
    if (page.unchanged && conditional) {
      if (index === 0) return { ...result("ok"), unchanged: true };
      break;
    }

    let ext: PageExtraction;
    try {
      ext = extract(page, source);
    } catch (err) {
      return result(
        index === 0 ? "broken" : "degraded",
        `${page.url}: extraction failed: ${errorMessage(err)}`,
      );
    }
    if (ext.blocked) return result("blocked", `${page.url}: anti-bot/captcha page`);
    for (const w of ext.warnings) warnings.push(`${page.url}: ${w}`);
    if (ext.notFound) {
      if (index === 0) return result("failed", `${page.url}: ${ext.notFound}`);
      break;
    }
    if (ext.noData && ext.items.length === 0)
      return result(index === 0 ? "broken" : "degraded", `${page.url}: ${ext.noData}`);

    if (ext.items.length === 0) {
      const usual = opts.usualItems ?? 0;
      if (index === 0 && usual > 0) {
        const why = ext.itemNodes === 0 ? "no item elements" : `${ext.itemNodes} item elements, none valid`;
        return result("broken", `${page.url}: ${why} where ${usual} are usual (selector drift?)`);
      }
      break; // an empty page ends the list
    }

    let fresh = 0;
    let unseen = 0;
    for (const it of ext.items) {
      const key = naturalKeyOf(it);
      if (keys.has(key)) continue;
      keys.add(key);
      fresh++;
      const isNew = !opts.isSeen(it);
      if (isNew) unseen++;
      const truncated = opts.followItem?.(it, isNew) === true && follows < (opts.maxFollows ?? 50);
      if (truncated) follows++;
      items.push(truncated ? await follow(it) : it);
    }
    // A page-param site that ignores the parameter serves page 1 again: nothing new, stop.
    if (fresh === 0) break;
    if (opts.mode === "incremental" && unseen === 0) break;

    const next = nextPageUrl(source.pagination, opts.startUrl, index, ext);
    url = next && !visited.has(next) ? next : undefined;
  }
  const drops = coverageDrops(opts.usualCoverage, coverageOf(items), items.length);
  if (drops.length > 0) return result("degraded", `field coverage dropped: ${describeDrops(drops)}`);
  return result("ok");
}
