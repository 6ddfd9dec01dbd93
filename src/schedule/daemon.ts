/**
 * `repwatch daemon`: one long-running process (or several replicas against one store) that crawls each
 * source on its own schedule, delivers alerts every minute and publishes the digest on its schedule.
 *
 * - A node-cron task per source (`schedule` in the source's `timezone`, `noOverlap`) crawls the
 *   source's due targets; each waits its jitter (jitter.ts), each is crawled under its own lease.
 * - A sweep every `sweepMs` (and once at start) crawls what is due but did not run: firings missed while
 *   no replica was up, and the work of a replica that died (its leases expire, its targets stay due).
 * - A lease per source (`source:<id>`): the replica that takes it crawls; the others skip this firing.
 *   A replica that stalls past the lease's TTL loses it and stops (lease-keeper.ts).
 * - `stop()` (on SIGTERM/SIGINT, see shutdown.ts): the tasks stop, running crawls take no new page and
 *   end within the grace period; their leases are released.
 */
import cron, { type ScheduledTask } from "node-cron";
import { deliverPending } from "../alert/deliver.js";
import type { Health } from "../ops/http-server.js";
import type { Metrics } from "../ops/metrics.js";
import { compactSummary } from "../ops/summary-log.js";
import { type RunDeps, runOnce } from "../pipeline/run.js";
import { isDue, listTargets } from "../pipeline/targets.js";
import { hasLeases } from "../store/store.js";
import { holdLease } from "./lease-keeper.js";

export interface DaemonOptions {
  /** Only this source / brand. */
  source?: string;
  brand?: string;
  holder: string;
  leaseTtlMs: number;
  /** Look for due work this often, ms. @default 60000 */
  sweepMs?: number;
  /** Sources crawled at once by this process (each crawls up to 4 targets at once). @default 4 */
  maxSources?: number;
  /** When pending alerts are delivered (retries, quiet hours ending). @default every minute */
  deliverSchedule?: string;
  /**
   * The digest step (`ops/digest-step.ts`): called with `fired` on rules/digest.yaml's schedule, and
   * without it on each sweep (it catches up on a firing missed while no replica ran); absent: no digest.
   */
  digest?: (fired: boolean) => Promise<unknown>;
  /** Aborted on the first shutdown signal / when the grace period ends. */
  stopSignal: AbortSignal;
  abortSignal: AbortSignal;
  metrics?: Metrics;
}

export interface Daemon {
  health(): Health;
  /** Resolves when every task stopped and every running job ended. */
  stop(): Promise<void>;
}

export function startDaemon(deps: RunDeps, o: DaemonOptions): Daemon {
  const { config, store } = deps;
  const log = deps.log.child({ stage: "schedule" });
  const sweepMs = o.sweepMs ?? 60_000;
  const running = new Map<string, Promise<void>>();
  const tasks: ScheduledTask[] = [];
  const startedAt = new Date();
  let lastSweepAt: Date | undefined;
  let storeOk = true;
  let stopping = false;

  // a local cap on sources crawled at once: the rest wait their turn (their leases untaken, so another
  // replica with a free slot may take them meanwhile)
  let freeSlots = o.maxSources ?? 4;
  const slotWaiters: Array<() => void> = [];
  const takeSlot = async (): Promise<void> => {
    while (freeSlots === 0) await new Promise<void>((r) => slotWaiters.push(r));
    freeSlots--;
  };
  const giveSlot = (): void => {
    freeSlots++;
    slotWaiters.shift()?.();
  };

  const sourceIds = [
    ...new Set(listTargets(config, { source: o.source, brand: o.brand }).map((t) => t.source.id)),
  ];

  /** Start a job unless one of that name is running (or the daemon stops). */
  const job = (name: string, work: () => Promise<void>): void => {
    if (stopping || running.has(name)) return;
    const p = work()
      .catch((err: unknown) => {
        log.error({ err, job: name }, `${name} failed`);
      })
      .finally(() => running.delete(name));
    running.set(name, p);
  };

  const anyDue = async (sourceId: string): Promise<boolean> => {
    const now = new Date();
    for (const t of listTargets(config, { source: sourceId, brand: o.brand })) {
      const state = await store.getSourceState(t.stateKey);
      if (isDue(t.source.schedule, t.source.timezone, state?.lastRunAt, now)) return true;
    }
    return false;
  };

  const crawl = (sourceId: string, why: string): void =>
    job(`crawl:${sourceId}`, async () => {
      if (!(await anyDue(sourceId))) return;
      await takeSlot();
      try {
        if (!stopping) await crawlHeld(sourceId, why);
      } finally {
        giveSlot();
      }
    });

  const crawlHeld = async (sourceId: string, why: string): Promise<void> => {
    const held = hasLeases(store)
      ? await holdLease(store, `source:${sourceId}`, o.holder, o.leaseTtlMs, log)
      : undefined;
    if (hasLeases(store) && !held) {
      log.debug({ source: sourceId }, "source is being crawled by another replica (lease held)");
      o.metrics?.inc("repwatch_lease_busy_total", { source: sourceId });
      return;
    }
    try {
      log.info({ source: sourceId, why }, `crawling ${sourceId}`);
      const lost = held?.lost;
      const summary = await runOnce(deps, {
        source: sourceId,
        brand: o.brand,
        stopSignal: lost ? AbortSignal.any([o.stopSignal, lost]) : o.stopSignal,
        abortSignal: lost ? AbortSignal.any([o.abortSignal, lost]) : o.abortSignal,
        holder: o.holder,
        leaseTtlMs: o.leaseTtlMs,
      });
      o.metrics?.observeRun(summary);
      log.info({ source: sourceId, summary: compactSummary(summary) }, "run summary");
    } finally {
      await held?.release();
    }
  };

  let sweeping = false;
  const sweep = async (): Promise<void> => {
    if (sweeping) return;
    sweeping = true;
    try {
      for (const id of sourceIds) if (!stopping && (await anyDue(id))) crawl(id, "due (sweep)");
      const digestStep = o.digest;
      if (digestStep) job("digest", async () => void (await digestStep(false)));
      storeOk = true;
    } catch (err) {
      storeOk = false;
      log.error({ err }, "sweep failed: is the store reachable?");
    } finally {
      sweeping = false;
    }
    lastSweepAt = new Date();
  };

  const deliver = (): void =>
    job("deliver", async () => {
      const result = await deliverPending({
        store,
        notifiers: deps.notifiers,
        brands: config.brands,
        alerts: config.alerts,
        log: deps.log.child({ stage: "alert" }),
        claimer: `${o.holder}/deliver`,
      });
      o.metrics?.observeDelivery(result);
      if (result.sent + result.failed + result.retrying > 0) log.info({ alerts: result }, "alerts delivered");
    });

  for (const id of sourceIds) {
    const source = config.sources.get(id)!;
    tasks.push(
      cron.schedule(source.schedule, () => crawl(id, "schedule"), {
        name: `crawl:${id}`,
        timezone: source.timezone,
        noOverlap: true,
      }),
    );
  }
  tasks.push(cron.schedule(o.deliverSchedule ?? "* * * * *", deliver, { name: "deliver", noOverlap: true }));
  const digest = o.digest;
  if (digest)
    tasks.push(
      cron.schedule(
        config.digest.schedule,
        () =>
          job("digest", async () => {
            await digest(true);
          }),
        { name: "digest", timezone: config.digest.timezone, noOverlap: true },
      ),
    );
  const sweeper = setInterval(() => void sweep(), sweepMs);
  void sweep();
  log.info(
    { sources: sourceIds, holder: o.holder, leaseTtlMs: o.leaseTtlMs, sweepMs, digest: Boolean(digest) },
    "daemon started",
  );

  return {
    health(): Health {
      const alive = lastSweepAt === undefined || Date.now() - lastSweepAt.getTime() < 3 * sweepMs + 30_000;
      return {
        ok: !stopping && storeOk && alive,
        status: stopping ? "stopping" : !storeOk ? "store unreachable" : alive ? "ok" : "scheduler stalled",
        startedAt: startedAt.toISOString(),
        lastSweepAt: lastSweepAt?.toISOString(),
        running: [...running.keys()],
      };
    },
    async stop() {
      if (!stopping) {
        stopping = true;
        clearInterval(sweeper);
        for (const t of tasks) await t.stop();
        log.info({ running: [...running.keys()] }, "daemon stopping");
      }
      while (running.size > 0) await Promise.allSettled([...running.values()]);
      for (const t of tasks) await t.destroy();
    },
  };
}
