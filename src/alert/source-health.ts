/**
 * Source health: did a source × brand target just go down for K runs, or come back? Pure.
 *
 * Runs are read newest first. A run's status is failing (listed in `statuses`), healthy (ok, or
 * degraded when not listed) or neutral (anything else: failed/deferred when not listed, unknown);
 * neutral runs are skipped.
 *
 *   newest counted runs                                  | event
 *   -----------------------------------------------------+---------------------------------------------
 *   >= K failing in a row                                | down (id: the streak's first failing run)
 *   1+ healthy, then >= K failing in a row before them   | up   (id: the first healthy run after it;
 *                                                        |       sent only if its down alert exists)
 *   otherwise                                            | none
 */
import type { SourceHealthConfig } from "../config/alerts.js";
import type { SourceStatus } from "../store/store.js";

export interface HealthRun {
  startedAt: string;
  status?: SourceStatus;
  error?: string;
}

export type HealthEvent =
  | { state: "down"; since: string; runs: number; lastStatus: SourceStatus; lastError?: string }
  | { state: "up"; since: string; at: string; runs: number };

export function healthEvent(
  runsNewestFirst: readonly HealthRun[],
  cfg: Pick<SourceHealthConfig, "after" | "statuses">,
): HealthEvent | undefined {
  const failing = (s: SourceStatus | undefined) => s !== undefined && (cfg.statuses as string[]).includes(s);
  const healthy = (s: SourceStatus | undefined) => !failing(s) && (s === "ok" || s === "degraded");
  const counted = runsNewestFirst.filter((r) => failing(r.status) || healthy(r.status));
  let i = 0;
  while (i < counted.length && healthy(counted[i]!.status)) i++;
  const recovered = i > 0 ? counted[i - 1] : undefined;
  let j = i;
  while (j < counted.length && failing(counted[j]!.status)) j++;
  const streak = counted.slice(i, j);
  if (streak.length < cfg.after) return undefined;
  const first = streak[streak.length - 1]!;
  if (!recovered) {
    const last = streak[0]!;
    return {
      state: "down",
      since: first.startedAt,
      runs: streak.length,
      lastStatus: last.status!,
      lastError: last.error,
    };
  }
  return { state: "up", since: first.startedAt, at: recovered.startedAt, runs: streak.length };
}
