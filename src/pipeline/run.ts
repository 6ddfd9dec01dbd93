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
import { type DeliveryResult, deliverPending } from "../alert/deliver.js";
import type { Notifier } from "../alert/notifiers/notifier.js";
import type { Config } from "../config/load.js";
import type { CrawlTargetOptions, CrawlTargetResult, ExtractFn, Fetcher } from "../crawl/types.js";
import { jitterWaitMs } from "../schedule/jitter.js";
import { DEFAULT_LEASE_TTL_MS, type HeldLease, holderId, holdLease } from "../schedule/lease-keeper.js";
import { hasLeases, type SourceState, type SourceStatus, type Store } from "../store/store.js";
import type { Logger } from "../util/logger.js";
import { createProgress } from "../util/progress.js";
import { crawlOne, emptySummary, FAILING, INTERRUPTED } from "./crawl-one.js";
import type { Analyse, MatchBrand } from "./score.js";
import { type CrawlTarget, isDue, listTargets } from "./targets.js";

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

/** Targets crawled at once (different hosts proceed in parallel; one host is still paced as one). */
const TARGET_CONCURRENCY = 4;
const SHUTTING_DOWN = "not started: shutting down";

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
