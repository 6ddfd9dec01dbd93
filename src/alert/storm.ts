/**
 * Storm detection: is a brand's rate of negative mentions far above normal? Pure.
 *
 *   condition                                                        | storm?
 *   -----------------------------------------------------------------+-------
 *   lastHour >= perHour                                              | yes
 *   not established (brand watched < 24 h: a first backfill)         | no
 *   last24h >= minPerDay and last24h >= mean + sigma × std (daily)   | yes
 *   otherwise                                                        | no
 *
 * `daily` holds the negative counts of the `trailingDays` whole 24-hour windows before the last 24
 * hours. A brand with a flat history (std 0) storms as soon as it reaches `minPerDay` above its mean.
 */
import type { StormConfig } from "../config/alerts.js";

export interface StormCounts {
  lastHour: number;
  last24h: number;
  daily: number[];
  /** The brand has been watched for a day or more (its first crawl is not a storm). */
  established: boolean;
}

export interface StormVerdict {
  storm: boolean;
  mean: number;
  std: number;
  reason: string;
}

export interface Window {
  from: string;
  to: string;
}

const HOUR = 3_600_000;

export function stormVerdict(
  c: StormCounts,
  cfg: Pick<StormConfig, "perHour" | "sigma" | "minPerDay">,
): StormVerdict {
  const n = c.daily.length;
  const mean = n ? c.daily.reduce((a, b) => a + b, 0) / n : 0;
  const std = n ? Math.sqrt(c.daily.reduce((a, b) => a + (b - mean) ** 2, 0) / n) : 0;
  if (c.lastHour >= cfg.perHour)
    return { storm: true, mean, std, reason: `${c.lastHour} in the last hour (threshold ${cfg.perHour})` };
  const bar = mean + cfg.sigma * std;
  if (!c.established) return { storm: false, mean, std, reason: "watched for less than a day" };
  if (c.last24h >= cfg.minPerDay && c.last24h >= bar && c.last24h > mean)
    return {
      storm: true,
      mean,
      std,
      reason: `${c.last24h} in 24 hours, ≥ ${cfg.sigma}σ above the usual ${mean.toFixed(1)} a day`,
    };
  return { storm: false, mean, std, reason: "normal rate" };
}

/** The windows to count: last hour, last 24 hours, and `trailingDays` days before those. */
export function stormWindows(
  now: Date,
  trailingDays: number,
): { lastHour: Window; last24h: Window; daily: Window[] } {
  const t = now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const daily: Window[] = [];
  for (let d = 1; d <= trailingDays; d++)
    daily.push({ from: iso(t - (d + 1) * 24 * HOUR), to: iso(t - d * 24 * HOUR) });
  return {
    lastHour: { from: iso(t - HOUR), to: iso(t + 1) },
    last24h: { from: iso(t - 24 * HOUR), to: iso(t + 1) },
    daily,
  };
}

/** The UTC day of a storm thread. */
export function stormDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
