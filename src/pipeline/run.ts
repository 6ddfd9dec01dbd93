/**
 * One run of the pipeline (`repwatch run`): crawl the due targets → extract → attribute and
 * score → store (with alert intents) → deliver alerts → summary.
 * Only this module and its callers do I/O; every stage it calls is pure or behind a port.
 *
 * Operations (src/schedule/): a due target waits its small deterministic jitter after its schedule
 * fired; when the store has leases, a target is crawled under the lease `crawl:<state key>`, so runs
 * that overlap (cron containers, daemon replicas) never crawl one target at once. On `stopSignal`
 * (graceful shutdown) no new target or page is started; in-flight pages run until `abortSignal`. A
 * target cut short stores what it read, stays due, and is walked in full (backfill) next time, so the
 * incremental stop never skips what lay behind the cut.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { decideAlerts } from "../alert/decide.js";
import { type DeliveryResult, deliverPending } from "../alert/deliver.js";
import type { Notifier } from "../alert/notifiers/notifier.js";
import type { Config } from "../config/load.js";
import type { CrawlTargetOptions, CrawlTargetResult, ExtractFn, Fetcher } from "../crawl/types.js";
import {
  contentHashOf,
  naturalKeyOf,
  type RawMention,
  type ScoredMention,
  type StoredMention,
} from "../domain/mention.js";
import { jitterWaitMs } from "../schedule/jitter.js";
import { DEFAULT_LEASE_TTL_MS, type HeldLease, holderId, holdLease } from "../schedule/lease-keeper.js";
import { type CrawlRun, hasLeases, type SourceState, type SourceStatus, type Store } from "../store/store.js";
import type { Logger } from "../util/logger.js";
import { createProgress } from "../util/progress.js";
import { type Analyse, type MatchBrand, scoreItem } from "./score.js";
import { type CrawlTarget, isDue, listTargets } from "./targets.js";
import { shouldFollow, withStoredFull } from "./teasers.js";

export interface RunDeps {
  config: Config;
  store: Store;
  fetcher: Fetcher;
  extract: ExtractFn;
  crawlTarget: (opts: CrawlTargetOptions) => Promise<CrawlTargetResult>;
  analyse: Analyse;
  matchBrand?: MatchBrand;
  notifiers: Map<string, Notifier>;
  log: Logger;
  now?: () => Date;
  /**
   * A long-lived process (the daemon) keeps its fetcher, and with it the validators of conditional
   * requests, across runs: this map (state key → lastRunAt this process wrote) lets a crawl ask "not
   * modified?" only when this process stored what it read last time. Absent: conditional by mode.
   */
  written?: Map<string, string>;
}

export interface RunOptions {
  source?: string;
  brand?: string;
  /** Crawl every target, due or not. */
  force?: boolean;
  /** Fetch and analyse; store nothing, alert nothing. */
  dryRun?: boolean;
  /** Aborted: start no new target, page or delivery (graceful shutdown). */
  stopSignal?: AbortSignal;
  /** Aborted: abandon the pages in flight too (the grace period is over). */
  abortSignal?: AbortSignal;
  /** Holder id of the crawl leases. @default `host/pid/<run id>` */
  holder?: string;
  /** Time to live of a crawl lease, renewed every third of it. @default 60000 */
  leaseTtlMs?: number;
  /** Wait each due target's jitter after its schedule fired. @default true (never with `force`) */
  jitter?: boolean;
}

export interface TargetSummary {
  source: string;
  brand: string;
  url: string;
  status: SourceStatus | "skipped";
  pages: number;
  items: number;
  new: number;
  changed: number;
  alerts: number;
  durationMs: number;
  error?: string;
  warnings: number;
  /** Why it was skipped or cut short ("not due", "lease held by …", "interrupted by shutdown …"). */
  note?: string;
}

export interface RunSummary {
  runId: string;
  startedAt: string;
  finishedAt: string;
  targets: TargetSummary[];
  mentions: {
    new: number;
    changed: number;
    unchanged: number;
    byPlatform: Record<string, { new: number; total: number }>;
  };
  alerts: { queued: number } & DeliveryResult;
  /** True when some target ended failed, blocked or broken: exit code 1. */
  someFailed: boolean;
  /** `--dry-run`: the counts say what would have been stored and alerted; nothing was. */
  dryRun?: boolean;
  /** A shutdown cut the run short: some targets were skipped or interrupted and stay due. */
  interrupted?: boolean;
}

/**
 * SourceState as runs keep it. `interruptedAt`: the last crawl was cut short after storing part of
 * what it read, so the next one walks every page (backfill) instead of stopping at stored items.
 * Adapters keep the state as JSON, so the field persists without a schema change.
 */
type TargetState = SourceState & { interruptedAt?: string };

/** Item keys remembered per target for the incremental stop of non-targeted sources. */
const SEEN_KEYS_KEPT = 500;
const FAILING: readonly SourceStatus[] = ["failed", "blocked", "broken"];
/** Targets crawled at once (different hosts proceed in parallel; one host is still paced as one). */
const TARGET_CONCURRENCY = 4;
const SHUTTING_DOWN = "not started: shutting down";
const INTERRUPTED = "interrupted by shutdown";

/** The fetcher with the caller's (soft) signal replaced: pages in flight end only on `abort`. */
function abandonOnlyOn(fetcher: Fetcher, abort: AbortSignal | undefined): Fetcher {
  return {
    fetch: (url, settings, _signal, options) => fetcher.fetch(url, settings, abort, options),
    close: () => fetcher.close(),
  };
}

function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const given = signals.filter((s): s is AbortSignal => s !== undefined);
  return given.length <= 1 ? given[0] : AbortSignal.any(given);
}

export async function runOnce(deps: RunDeps, opts: RunOptions = {}): Promise<RunSummary> {
  const now = deps.now ?? (() => new Date());
  const runId = randomUUID();
  const startedAt = now().toISOString();
  const log = deps.log.child({ run: runId });
  const holder = opts.holder ?? holderId(runId.slice(0, 8));
  const stopped = () => opts.stopSignal?.aborted === true || opts.abortSignal?.aborted === true;
  const targets = listTargets(deps.config, { source: opts.source, brand: opts.brand });
  const summary: RunSummary = {
    runId,
    startedAt,
    finishedAt: startedAt,
    targets: [],
    mentions: { new: 0, changed: 0, unchanged: 0, byPlatform: {} },
    alerts: { queued: 0, incidents: 0, sent: 0, retrying: 0, failed: 0, held: 0, problems: [] },
    someFailed: false,
    ...(opts.dryRun ? { dryRun: true } : {}),
  };
  const progress = createProgress(targets.length);
  type Outcome = Awaited<ReturnType<typeof crawlOne>> | { summary: TargetSummary; skipped: true };
  const skip = (t: CrawlTarget, note: string): Outcome => {
    progress.tick(`${t.source.id} (${note})`);
    return { summary: { ...emptySummary(t, "skipped"), note }, skipped: true };
  };
  const isDueNow = (t: CrawlTarget, state: SourceState | undefined) =>
    opts.force || isDue(t.source.schedule, t.source.timezone, state?.lastRunAt, now());
  const processTarget = async (t: CrawlTarget): Promise<Outcome> => {
    if (stopped()) return skip(t, SHUTTING_DOWN);
    const tlog = log.child({ stage: "crawl", source: t.source.id, brand: t.brand.id });
    const state = await deps.store.getSourceState(t.stateKey);
    if (!isDueNow(t, state)) return skip(t, "not due");
    if (!opts.force && opts.jitter !== false) {
      const wait = jitterWaitMs(t.stateKey, t.source.schedule, t.source.timezone, now());
      if (wait > 0) {
        tlog.debug({ waitMs: wait }, "jitter");
        const go = await sleep(wait, true, { signal: opts.stopSignal }).catch(() => false);
        if (!go) return skip(t, SHUTTING_DOWN);
      }
    }
    let held: HeldLease | undefined;
    if (!opts.dryRun && hasLeases(deps.store)) {
      const ttl = opts.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
      held = await holdLease(deps.store, `crawl:${t.stateKey}`, holder, ttl, tlog);
      if (!held) return skip(t, "another run is crawling it (lease held)");
    }
    try {
      // another run may have crawled it between the first look and the lease
      const fresh = held ? await deps.store.getSourceState(t.stateKey) : state;
      if (!isDueNow(t, fresh)) return skip(t, "crawled by another run meanwhile");
      const ts = await crawlOne(deps, t, fresh, opts, tlog, now, held);
      progress.tick(t.source.id);
      return ts;
    } finally {
      await held?.release();
    }
  };
  // Targets are crawled a few at a time (per-host politeness is the crawl policy's: two targets on one
  // host still wait for each other); the summary keeps the configuration's order.
  const outcomes: Outcome[] = new Array(targets.length);
  let nextTarget = 0;
  const worker = async (): Promise<void> => {
    while (nextTarget < targets.length && !stopped()) {
      const i = nextTarget++;
      outcomes[i] = await processTarget(targets[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(TARGET_CONCURRENCY, targets.length) }, worker));
  for (const [i, t] of targets.entries()) {
    const ts = outcomes[i] ?? skip(t, SHUTTING_DOWN);
    summary.targets.push(ts.summary);
    if (ts.summary.note === SHUTTING_DOWN || ts.summary.note?.startsWith(INTERRUPTED))
      summary.interrupted = true;
    if ("skipped" in ts) continue;
    const agg = summary.mentions.byPlatform[t.source.id] ?? { new: 0, total: 0 };
    agg.new += ts.summary.new;
    agg.total += ts.scored;
    summary.mentions.byPlatform[t.source.id] = agg;
    summary.mentions.new += ts.summary.new;
    summary.mentions.changed += ts.summary.changed;
    summary.mentions.unchanged += ts.unchanged;
    summary.alerts.queued += ts.summary.alerts;
    if (ts.summary.status !== "skipped" && FAILING.includes(ts.summary.status)) summary.someFailed = true;
  }
  progress.done();
  // A stop before delivery leaves the alerts pending for the next run; a delivery under way finishes.
  if (!opts.dryRun && !stopped()) {
    const delivery = await deliverPending({
      store: deps.store,
      notifiers: deps.notifiers,
      brands: deps.config.brands,
      alerts: deps.config.alerts,
      log: log.child({ stage: "alert" }),
      claimer: runId,
      now,
    });
    Object.assign(summary.alerts, delivery);
  }
  summary.finishedAt = now().toISOString();
  return summary;
}

function emptySummary(t: CrawlTarget, status: TargetSummary["status"]): TargetSummary {
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

async function crawlOne(
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
      // a 304 means "as this process last saw it": only safe when this process stored what it saw
      conditional: deps.written
        ? mode === "incremental" && deps.written.get(t.stateKey) === state?.lastRunAt
        : undefined,
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
    };
    delete next.interruptedAt;
    await deps.store.saveSourceState(next);
    deps.written?.set(t.stateKey, next.lastRunAt!);
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
