/**
 * One run of the pipeline (`repwatch run`): crawl the due targets → extract → attribute and
 * score → store (with alert intents) → deliver alerts → summary.
 * Only this module and its callers do I/O; every stage it calls is pure or behind a port.
 */
import { randomUUID } from "node:crypto";
import { decideAlerts } from "../alert/decide.js";
import { type DeliveryResult, deliverPending } from "../alert/deliver.js";
import type { Notifier } from "../alert/notifiers/notifier.js";
import type { Config } from "../config/load.js";
import type { CrawlTargetOptions, CrawlTargetResult, ExtractFn, Fetcher } from "../crawl/types.js";
import { naturalKeyOf, type RawMention, type ScoredMention, type StoredMention } from "../domain/mention.js";
import type { CrawlRun, SourceState, SourceStatus, Store } from "../store/store.js";
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
}

export interface RunOptions {
  source?: string;
  brand?: string;
  /** Crawl every target, due or not. */
  force?: boolean;
  /** Fetch and analyse; store nothing, alert nothing. */
  dryRun?: boolean;
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
}

/** Item keys remembered per target for the incremental stop of non-targeted sources. */
const SEEN_KEYS_KEPT = 500;
const FAILING: readonly SourceStatus[] = ["failed", "blocked", "broken"];
/** Targets crawled at once (different hosts proceed in parallel; one host is still paced as one). */
const TARGET_CONCURRENCY = 4;

export async function runOnce(deps: RunDeps, opts: RunOptions = {}): Promise<RunSummary> {
  const now = deps.now ?? (() => new Date());
  const runId = randomUUID();
  const startedAt = now().toISOString();
  const log = deps.log.child({ run: runId });
  const targets = listTargets(deps.config, { source: opts.source, brand: opts.brand });
  const summary: RunSummary = {
    runId,
    startedAt,
    finishedAt: startedAt,
    targets: [],
    mentions: { new: 0, changed: 0, unchanged: 0, byPlatform: {} },
    alerts: { queued: 0, sent: 0, retrying: 0, failed: 0, held: 0, problems: [] },
    someFailed: false,
  };
  const progress = createProgress(targets.length);
  type Outcome = Awaited<ReturnType<typeof crawlOne>> | { summary: TargetSummary; skipped: true };
  const processTarget = async (t: CrawlTarget): Promise<Outcome> => {
    const state = await deps.store.getSourceState(t.stateKey);
    const due = opts.force || isDue(t.source.schedule, t.source.timezone, state?.lastRunAt, now());
    if (!due) {
      progress.tick(`${t.source.id} (not due)`);
      return { summary: emptySummary(t, "skipped"), skipped: true };
    }
    const ts = await crawlOne(
      deps,
      t,
      state,
      opts,
      log.child({ source: t.source.id, brand: t.brand.id }),
      now,
    );
    progress.tick(t.source.id);
    return ts;
  };
  // Targets are crawled a few at a time (per-host politeness is the crawl policy's: two targets on one
  // host still wait for each other); the summary keeps the configuration's order.
  const outcomes: Outcome[] = new Array(targets.length);
  let nextTarget = 0;
  const worker = async (): Promise<void> => {
    while (nextTarget < targets.length) {
      const i = nextTarget++;
      outcomes[i] = await processTarget(targets[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(TARGET_CONCURRENCY, targets.length) }, worker));
  for (const [i, ts] of outcomes.entries()) {
    const t = targets[i]!;
    summary.targets.push(ts.summary);
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
  if (!opts.dryRun) {
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
  state: SourceState | undefined,
  opts: RunOptions,
  log: Logger,
  now: () => Date,
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
  try {
    result = await deps.crawlTarget({
      source: t.source,
      startUrl: t.startUrl,
      fetcher: deps.fetcher,
      extract: deps.extract,
      isSeen: (item) => known.has(naturalKeyOf(item)),
      // A list that shows only a teaser: read the review's own page when new or edited.
      followItem: (item, isNew) => shouldFollow(item, isNew, stored.get(naturalKeyOf(item))),
      mode: state?.lastRunAt ? "incremental" : "backfill",
      usualItems: state?.usualItems,
      usualCoverage: state?.usualCoverage,
    });
  } catch (err) {
    result = { status: "failed", pages: 0, items: [], warnings: [], coverage: {}, error: String(err) };
  }
  for (const w of result.warnings) log.warn({ url: t.startUrl }, w);
  if (result.error) log.error({ status: result.status }, result.error);
  Object.assign(summary, { status: result.status, pages: result.pages, items: result.items.length });
  summary.warnings = result.warnings.length;
  summary.error = result.error;

  const scored = result.items
    .map((item) => withStoredFull(item, stored.get(naturalKeyOf(item))))
    .map((raw) => scoreItem(raw, t.brand, t.source, { analyse: deps.analyse, matchBrand: deps.matchBrand }))
    .filter((m): m is ScoredMention => m !== undefined);

  if (!opts.dryRun) {
    const rules = deps.config.alerts.rules;
    const ingest = await deps.store.ingest(scored, (m, change) => decideAlerts(rules, m, change), now());
    summary.new = ingest.new;
    summary.changed = ingest.changed;
    summary.alerts = ingest.alertsQueued;
    unchanged = ingest.unchanged;
  } else {
    for (const m of scored) known.has(m.key) ? unchanged++ : summary.new++;
  }
  summary.durationMs = now().getTime() - started.getTime();

  if (!opts.dryRun) {
    const failing = FAILING.includes(result.status);
    const healthy = result.status === "ok" && result.items.length > 0;
    await deps.store.saveSourceState({
      ...(state ?? { key: t.stateKey, sourceId: t.source.id, consecutiveFailures: 0 }),
      lastRunAt: started.toISOString(),
      lastStatus: result.status,
      consecutiveFailures: failing ? (state?.consecutiveFailures ?? 0) + 1 : 0,
      usualItems: healthy ? Math.round(result.items.length / Math.max(1, result.pages)) : state?.usualItems,
      usualCoverage: healthy ? result.coverage : state?.usualCoverage,
      lastSeenIds:
        result.items.length > 0 ? recentKeys(result.items, state?.lastSeenIds) : state?.lastSeenIds,
    });
    const run: CrawlRun = {
      id: `${started.toISOString()}|${t.stateKey}`,
      sourceId: t.source.id,
      brandId: t.brand.id,
      startedAt: started.toISOString(),
      finishedAt: now().toISOString(),
      status: result.status,
      pages: result.pages,
      items: result.items.length,
      new: summary.new,
      changed: summary.changed,
      alerts: summary.alerts,
      error: result.error,
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
