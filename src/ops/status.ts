/**
 * `repwatch status`: what operators ask first. Per source: its targets' last runs, health and next
 * firing; the outbox (pending, due, lag, failed with their errors); the digest's last attempt.
 *
 * Health of a target, first match wins:
 *   never run   no run recorded
 *   failing     `sourceHealth.after` (default 3) or more failed/blocked/broken runs in a row
 *   late        the schedule fired twice since the last run (no scheduler is running it)
 *   <status>    the last run's status when it was not ok (failed, blocked, broken, degraded, deferred)
 *   ok
 * A source's health is its worst target's.
 */
import type { Config } from "../config/load.js";
import { type CrawlTarget, listTargets } from "../pipeline/targets.js";
import { nextFiring } from "../schedule/jitter.js";
import type { CrawlRun, SourceState, Store } from "../store/store.js";
import { DIGEST_STATE_KEY } from "./digest-step.js";
import { type OutboxStats, outboxStats } from "./outbox-stats.js";

export type Health =
  | "ok"
  | "never run"
  | "late"
  | "failing"
  | "failed"
  | "blocked"
  | "broken"
  | "degraded"
  | "deferred";
const RANK: Health[] = [
  "ok",
  "deferred",
  "degraded",
  "never run",
  "late",
  "failed",
  "blocked",
  "broken",
  "failing",
];

export interface TargetStatus {
  brand: string;
  url: string;
  health: Health;
  lastRunAt?: string;
  consecutiveFailures: number;
  lastRun?: Pick<CrawlRun, "status" | "pages" | "items" | "new" | "changed" | "alerts" | "error"> & {
    durationMs?: number;
  };
  nextRunAt: string;
}

export interface SourceReport {
  source: string;
  health: Health;
  schedule: string;
  timezone: string;
  targets: TargetStatus[];
}

export interface StatusReport {
  at: string;
  sources: SourceReport[];
  alerts: OutboxStats;
  digest?: { lastAttemptAt?: string; status?: string; nextAt: string };
  /** Some source is failing/broken/blocked or late, or an alert failed for good: exit code 1. */
  attention: boolean;
}

function targetHealth(
  t: CrawlTarget,
  state: SourceState | undefined,
  failingAfter: number,
  now: Date,
): Health {
  if (!state?.lastRunAt) return "never run";
  if (state.consecutiveFailures >= failingAfter) return "failing";
  const since = new Date(state.lastRunAt);
  const second = nextFiring(
    t.source.schedule,
    t.source.timezone,
    nextFiring(t.source.schedule, t.source.timezone, since),
  );
  if (second.getTime() <= now.getTime()) return "late";
  const s = state.lastStatus;
  return s && s !== "ok" ? s : "ok";
}

export async function collectStatus(
  store: Store,
  config: Config,
  filter: { source?: string } = {},
  now = new Date(),
): Promise<StatusReport> {
  const failingAfter = config.alerts.sourceHealth?.after ?? 3;
  const bySource = new Map<string, SourceReport>();
  const runs = new Map<string, CrawlRun[]>();
  for (const t of listTargets(config, filter)) {
    let report = bySource.get(t.source.id);
    if (!report) {
      report = {
        source: t.source.id,
        health: "ok",
        schedule: t.source.schedule,
        timezone: t.source.timezone,
        targets: [],
      };
      bySource.set(t.source.id, report);
      runs.set(t.source.id, await store.listRuns({ sourceId: t.source.id, limit: 200 }));
    }
    const state = await store.getSourceState(t.stateKey);
    const run = runs.get(t.source.id)!.find((r) => r.id.endsWith(`|${t.stateKey}`));
    const health = targetHealth(t, state, failingAfter, now);
    report.targets.push({
      brand: t.brand.id,
      url: t.startUrl,
      health,
      lastRunAt: state?.lastRunAt,
      consecutiveFailures: state?.consecutiveFailures ?? 0,
      ...(run
        ? {
            lastRun: {
              status: run.status,
              pages: run.pages,
              items: run.items,
              new: run.new,
              changed: run.changed,
              alerts: run.alerts,
              error: run.error,
              durationMs: run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : undefined,
            },
          }
        : {}),
      nextRunAt: nextFiring(t.source.schedule, t.source.timezone, now).toISOString(),
    });
    if (RANK.indexOf(health) > RANK.indexOf(report.health)) report.health = health;
  }
  const alerts = await outboxStats(store, now);
  const d = await store.getSourceState(DIGEST_STATE_KEY);
  const sources = [...bySource.values()];
  return {
    at: now.toISOString(),
    sources,
    alerts,
    digest: {
      lastAttemptAt: d?.lastRunAt,
      status: d?.lastStatus,
      nextAt: nextFiring(config.digest.schedule, config.digest.timezone, now).toISOString(),
    },
    attention:
      alerts.failed > 0 || sources.some((s) => ["failing", "broken", "blocked", "late"].includes(s.health)),
  };
}

function ago(iso: string | undefined, now: Date): string {
  if (!iso) return "never";
  const s = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  if (s < 120) return `${s}s ago`;
  if (s < 7200) return `${Math.round(s / 60)}m ago`;
  if (s < 172_800) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86_400)}d ago`;
}

export function formatStatus(r: StatusReport): string {
  const now = new Date(r.at);
  const lines = [`status at ${r.at}`, ""];
  lines.push(
    `${"source".padEnd(20)}${"health".padEnd(11)}${"last run".padEnd(12)}${"status".padEnd(10)}pages  items  new  next run`,
  );
  for (const s of r.sources) {
    for (const [i, t] of s.targets.entries()) {
      const name = i === 0 ? s.source : "";
      const label = s.targets.length > 1 ? `${name ? `${name} ` : "  "}${t.brand}` : name;
      const lr = t.lastRun;
      lines.push(
        [
          label.padEnd(20),
          t.health.padEnd(11),
          ago(t.lastRunAt, now).padEnd(12),
          (lr?.status ?? "-").padEnd(10),
          String(lr?.pages ?? "-").padStart(5),
          String(lr?.items ?? "-").padStart(7),
          String(lr?.new ?? "-").padStart(5),
          `  ${t.nextRunAt}`,
          t.consecutiveFailures > 0 ? `  (${t.consecutiveFailures} failing in a row)` : "",
          lr?.error && t.health !== "ok" ? `  ${lr.error}` : "",
        ].join(""),
      );
    }
  }
  const a = r.alerts;
  lines.push(
    "",
    `alerts: ${a.pending} pending (${a.due} due, oldest waiting ${a.lagSeconds}s), ${a.sending} being sent, ${a.failed} failed`,
  );
  for (const f of a.failures.slice(0, 5)) lines.push(`  failed ×${f.count}: ${f.error}`);
  if (r.digest)
    lines.push(
      `digest: last attempt ${r.digest.lastAttemptAt ?? "never"}${r.digest.status ? ` (${r.digest.status})` : ""}, next firing ${r.digest.nextAt}`,
    );
  return `${lines.join("\n")}\n`;
}
