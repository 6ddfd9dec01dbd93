/**
 * What an alert says, independent of where it goes: notifiers render these (Slack Block Kit, console
 * text, webhook JSON). Scraped values are carried raw; each renderer makes them safe for its medium.
 */
import type { Severity } from "../config/alerts.js";
import type { Brand } from "../config/brands.js";
import type { StoredMention } from "../domain/mention.js";

/** One mention that a rule alerted on. */
export interface MentionAlert {
  type: "mention";
  mention: StoredMention;
  brand: Brand | undefined;
  ruleId: string;
  severity: Severity;
  change: "new" | "changed";
  /** Slack user group to mention (critical rules only). */
  userGroup?: string;
}

/** A summary message; the alerts it announces follow in its thread. */
export interface BatchAlert {
  type: "batch";
  severity: Severity;
  items: MentionAlert[];
}

/** Negative mentions of a brand far above its usual rate. */
export interface StormAlert {
  type: "storm";
  severity: Severity;
  brandId: string;
  brand: Brand | undefined;
  lastHour: number;
  last24h: number;
  /** Usual negatives per day over `trailingDays`, and their standard deviation. */
  mean: number;
  std: number;
  trailingDays: number;
  /** Which condition made it a storm. */
  reason: string;
}

/** Near-duplicate texts across sites or accounts. */
export interface AttackAlert {
  type: "attack";
  severity: Severity;
  brandId: string;
  brand: Brand | undefined;
  members: StoredMention[];
  windowHours: number;
}

/** A source failing K runs in a row, or recovering. */
export interface HealthAlert {
  type: "health";
  severity: Severity;
  state: "down" | "up";
  sourceId: string;
  brandId: string;
  brand: Brand | undefined;
  /** First failing run of the streak. */
  since: string;
  /** The recovering run (state "up"). */
  at?: string;
  /** Failing runs in the streak. */
  runs: number;
  lastStatus?: string;
  lastError?: string;
}

export type AlertContent = MentionAlert | BatchAlert | StormAlert | AttackAlert | HealthAlert;

export const SEVERITY_EMOJI: Record<Severity, string> = {
  info: "ℹ️",
  warning: "⚠️",
  critical: "🚨",
};

export function stars(rating: number): string {
  const full = Math.max(0, Math.min(5, Math.round(rating)));
  return "★".repeat(full) + "☆".repeat(5 - full);
}

export function brandName(brand: Brand | undefined, brandId: string): string {
  return brand?.name ?? brandId;
}
