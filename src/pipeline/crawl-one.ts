/**
 * One target of a run: crawl its pages, score what they hold, store it with its alert intents (or, on
 * a dry run, count what would be stored and alerted), then record the target's state and the run.
 * A target cut short by a shutdown stores what it read and stays due, to be walked in full next time.
 */
import { decideAlerts } from "../alert/decide.js";
import type { CrawlTargetResult, Fetcher } from "../crawl/types.js";
import {
  contentHashOf,
  naturalKeyOf,
  type RawMention,
  type ScoredMention,
  type StoredMention,
} from "../domain/mention.js";
import type { HeldLease } from "../schedule/lease-keeper.js";
import type { CrawlRun, SourceState, SourceStatus } from "../store/store.js";
import type { Logger } from "../util/logger.js";
import { targetValidators } from "./page-validators.js";
import type { RunDeps, RunOptions, TargetSummary } from "./run.js";
import { scoreItem } from "./score.js";
import type { CrawlTarget } from "./targets.js";
import { shouldFollow, withStoredFull } from "./teasers.js";

export const INTERRUPTED = "interrupted by shutdown";

/**
 * SourceState as runs keep it. `interruptedAt`: the last crawl was cut short after storing part of
 * what it read, so the next one walks every page (backfill) instead of stopping at stored items.
 * Adapters keep the state as JSON, so the field persists without a schema change.
 */
export type TargetState = SourceState & { interruptedAt?: string };

/** Item keys remembered per target for the incremental stop of non-targeted sources. */
const SEEN_KEYS_KEPT = 500;
export const FAILING: readonly SourceStatus[] = ["failed", "blocked", "broken"];

/** The fetcher with the caller's (soft) signal replaced: pages in flight end only on `abort`. */
function abandonOnlyOn(fetcher: Fetcher, abort: AbortSignal | undefined): Fetcher {
  return {
    fetch: (url, settings, _signal, options) => fetcher.fetch(url, settings, abort, options),
    close: () => fetcher.close(),
  };
}

export function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const given = signals.filter((s): s is AbortSignal => s !== undefined);
  return given.length <= 1 ? given[0] : AbortSignal.any(given);
}

export function emptySummary(t: CrawlTarget, status: TargetSummary["status"]): TargetSummary {
  return {
    source: t.source.id,
    brand: t.brand.id,
    url: t.startUrl,
    status,
    pages: 0,
    items: 0,
    new: 0,
    changed: 0,
    alerts: 0,
    durationMs: 0,
    warnings: 0,
  };
}

export async function crawlOne(
  deps: RunDeps,
  t: CrawlTarget,
  state: TargetState | undefined,
  opts: RunOptions,
  log: Logger,
  now: () => Date,
  held?: HeldLease,
) {
  const started = now();
  const summary = emptySummary(t, "ok");
  let unchanged = 0;
  // Seen = stored as a mention, or seen on an earlier crawl of this target without matching the brand
  // (forum posts, feed entries): both count for the incremental stop.
  const stored = new Map(
    (await deps.store.findMentions({ brandId: t.brand.id, platform: t.source.id, limit: 5000 })).map(
      (m): [string, StoredMention] => [m.key, m],
    ),
  );
  const known = new Set([...stored.keys(), ...(state?.lastSeenIds ?? [])]);
  let result: CrawlTargetResult;
  const stop = anySignal(opts.stopSignal, opts.abortSignal, held?.lost);
  const mode = state?.lastRunAt && !state.interruptedAt ? "incremental" : "backfill";
  const abandon = anySignal(opts.abortSignal, held?.lost);
  const validators = targetValidators(state, mode);
  try {
    result = await deps.crawlTarget({
      source: t.source,
      startUrl: t.startUrl,
      fetcher: abandon ? abandonOnlyOn(deps.fetcher, abandon) : deps.fetcher,
      signal: stop,
      extract: deps.extract,
      isSeen: (item) => known.has(naturalKeyOf(item)),
      // A list that shows only a teaser: read the review's own page when new or edited.
      followItem: (item, isNew) => shouldFollow(item, isNew, stored.get(naturalKeyOf(item))),
      mode,
      // "not modified" only against pages whose items were stored (page-validators.ts)
      conditional: validators.trusted,
      validators: validators.store,
      usualItems: state?.usualItems,
      usualCoverage: state?.usualCoverage,
    });
  } catch (err) {
    result = { status: "failed", pages: 0, items: [], warnings: [], coverage: {}, error: String(err) };
  }
  // Cut short by a shutdown (a crawl that got to its end is not, whenever the signal came).
  const cutShort = stop?.aborted === true && result.status !== "ok";
  for (const w of result.warnings) log.warn({ url: t.startUrl }, w);
  if (result.error && !cutShort) log.error({ status: result.status }, result.error);
  Object.assign(summary, { status: result.status, pages: result.pages, items: result.items.length });
  summary.warnings = result.warnings.length;
  summary.error = result.error;
  if (result.unchanged) summary.note = "not modified since the last crawl";
  if (cutShort) {
    Object.assign(summary, { status: "deferred", error: undefined });
    summary.note = `${INTERRUPTED} after ${result.pages} page(s); stays due`;
    log.info({ pages: result.pages, items: result.items.length }, summary.note);
  }

  const scored = result.items
    .map((item) => withStoredFull(item, stored.get(naturalKeyOf(item))))
    .map((raw) => scoreItem(raw, t.brand, t.source, { analyse: deps.analyse, matchBrand: deps.matchBrand }))
    .filter((m): m is ScoredMention => m !== undefined);

  // Fencing: a run whose lease was taken over (it stalled past the TTL) writes nothing.
  const fenced = held !== undefined && !(await held.stillHeld());
  if (fenced) {
    summary.note = "lease lost (another run took the target over): nothing stored";
    log.warn(summary.note);
  }
  const write = !opts.dryRun && !fenced;
  if (write) {
    const rules = deps.config.alerts.rules;
    const ingest = await deps.store.ingest(scored, (m, change) => decideAlerts(rules, m, change), now());
    summary.new = ingest.new;
    summary.changed = ingest.changed;
    summary.alerts = ingest.alertsQueued;
    unchanged = ingest.unchanged;
  } else if (opts.dryRun) {
    // What a real run would do: new / changed by the stored copies, alerts by the real decision.
    const rules = deps.config.alerts.rules;
    const at = now().toISOString();
    for (const m of scored) {
      const prev = stored.get(m.key);
      const hash = contentHashOf(m);
      const change = prev
        ? prev.contentHash === hash
          ? undefined
          : "changed"
        : known.has(m.key)
          ? undefined
          : "new";
      if (!change) {
        unchanged++;
        continue;
      }
      if (change === "new") summary.new++;
      else summary.changed++;
      const asStored: StoredMention = {
        ...m,
        firstSeenAt: prev?.firstSeenAt ?? at,
        lastSeenAt: at,
        contentHash: hash,
        version: (prev?.version ?? 0) + 1,
      };
      summary.alerts += decideAlerts(rules, asStored, change).length;
    }
  }
  summary.durationMs = now().getTime() - started.getTime();

  if (write && cutShort) {
    // What was read is stored (above); the target stays due and is walked in full next time.
    const base: TargetState = state ?? { key: t.stateKey, sourceId: t.source.id, consecutiveFailures: 0 };
    await deps.store.saveSourceState({ ...base, interruptedAt: started.toISOString() } as TargetState);
  } else if (write) {
    const failing = FAILING.includes(result.status);
    const healthy = result.status === "ok" && result.items.length > 0;
    const next: TargetState = {
      ...(state ?? { key: t.stateKey, sourceId: t.source.id, consecutiveFailures: 0 }),
      lastRunAt: started.toISOString(),
      lastStatus: result.status,
      consecutiveFailures: failing ? (state?.consecutiveFailures ?? 0) + 1 : 0,
      usualItems: healthy ? Math.round(result.items.length / Math.max(1, result.pages)) : state?.usualItems,
      usualCoverage: healthy ? result.coverage : state?.usualCoverage,
      lastSeenIds:
        result.items.length > 0 ? recentKeys(result.items, state?.lastSeenIds) : state?.lastSeenIds,
      pageValidators: result.status === "ok" ? validators.snapshot() : undefined,
    };
    if (!next.pageValidators) delete next.pageValidators;
    delete next.interruptedAt;
    await deps.store.saveSourceState(next);
  }
  if (write) {
    const run: CrawlRun = {
      id: `${started.toISOString()}|${t.stateKey}`,
      sourceId: t.source.id,
      brandId: t.brand.id,
      startedAt: started.toISOString(),
      finishedAt: now().toISOString(),
      status: cutShort ? "deferred" : result.status,
      pages: result.pages,
      items: result.items.length,
      new: summary.new,
      changed: summary.changed,
      alerts: summary.alerts,
      error: cutShort ? summary.note : result.error,
      coverage: result.coverage,
    };
    await deps.store.recordRun(run);
  }
  log.info(
    {
      status: summary.status,
      pages: summary.pages,
      items: summary.items,
      new: summary.new,
      changed: summary.changed,
    },
    `crawled ${t.startUrl}`,
  );
  return { summary, scored: scored.length, unchanged };
}

/** Keys of the items seen in this crawl, then the earlier ones, bounded (newest first). */
function recentKeys(items: readonly RawMention[], earlier: readonly string[] = []): string[] {
  return [...new Set([...items.map(naturalKeyOf), ...earlier])].slice(0, SEEN_KEYS_KEPT);
}
