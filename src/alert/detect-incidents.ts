/**
 * Before each delivery: find storms, review attacks and source-health changes, and enqueue one outbox
 * row per incident × notifier (idempotent: an incident id already enqueued is left alone). Incidents
 * thus get the outbox's guarantees: enqueued once, delivered once, kept across crashes.
 */
import type { AlertsFile, StormConfig } from "../config/alerts.js";
import type { Brand } from "../config/brands.js";
import { type OutboxIntent, outboxKeyOf, type Store } from "../store/store.js";
import type { Logger } from "../util/logger.js";
import { findAttackGroups } from "./attack.js";
import { INCIDENT_RULE, incidentId, isIncidentId } from "./incident-ids.js";
import { healthEvent } from "./source-health.js";
import { type StormCounts, stormDay, stormVerdict, stormWindows } from "./storm.js";

export interface IncidentPlan {
  /** brandId → storm incident id, for brands storming now. */
  storms: Map<string, string>;
  /** mentionId → review-attack incident id. */
  attacks: Map<string, string>;
  enqueued: number;
}

export interface DetectOptions {
  store: Store;
  alerts: AlertsFile;
  brands: readonly Brand[];
  now: Date;
  log: Logger;
}

const HOUR = 3_600_000;
/** A storm thread from yesterday (UTC) still collects alerts this long after it was opened. */
const STORM_CARRY_OVER_MS = 6 * HOUR;

export async function stormCounts(
  store: Store,
  brandId: string,
  sources: readonly string[],
  now: Date,
  trailingDays: number,
): Promise<StormCounts> {
  const w = stormWindows(now, trailingDays);
  const count = (win: { from: string; to: string }) =>
    store.countMentions({ brandId, label: "negative", from: win.from, to: win.to });
  return {
    lastHour: await count(w.lastHour),
    last24h: await count(w.last24h),
    daily: await Promise.all(w.daily.map(count)),
    established: await watchedForADay(store, brandId, sources, now),
  };
}

/** Some crawl of the brand started a day or more ago. */
async function watchedForADay(
  store: Store,
  brandId: string,
  sources: readonly string[],
  now: Date,
): Promise<boolean> {
  const dayAgo = new Date(now.getTime() - 24 * HOUR).toISOString();
  for (const sourceId of sources) {
    const runs = await store.listRuns({ sourceId, limit: 1000 });
    if (runs.some((r) => r.brandId === brandId && r.startedAt <= dayAgo)) return true;
  }
  return false;
}

/** The sources a brand is crawled on. */
export function sourcesOf(brands: readonly Brand[], brandId: string): string[] {
  return [...new Set(brands.find((b) => b.id === brandId)?.targets.map((t) => t.source) ?? [])];
}

function intents(
  id: string,
  ruleId: string,
  notify: readonly string[],
  severity: OutboxIntent["severity"],
  notBefore?: string,
): OutboxIntent[] {
  return notify.map((notifierId) => ({
    key: outboxKeyOf(id, ruleId, notifierId),
    mentionId: id,
    ruleId,
    notifierId,
    severity,
    change: "new",
    notBefore,
  }));
}

/** Sorts just before `iso` in the outbox's due order, so an incident is claimed before its replies. */
const justBefore = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

async function detectStorms(
  o: DetectOptions,
  cfg: StormConfig,
  plan: IncidentPlan,
  enqueue: (r: OutboxIntent[]) => Promise<void>,
) {
  const earliest = new Map<string, string>();
  for (const row of await o.store.listAlerts({ state: "pending" })) {
    if (isIncidentId(row.mentionId) || !cfg.notify.includes(row.notifierId)) continue;
    const m = await o.store.getMention(row.mentionId);
    if (m?.analysis.label !== "negative") continue;
    const seen = earliest.get(m.brandId);
    if (!seen || row.createdAt < seen) earliest.set(m.brandId, row.createdAt);
  }
  for (const [brandId, first] of earliest) {
    const verdict = stormVerdict(
      await stormCounts(o.store, brandId, sourcesOf(o.brands, brandId), o.now, cfg.trailingDays),
      cfg,
    );
    if (!verdict.storm) continue;
    const yesterday = incidentId({
      type: "storm",
      brandId,
      day: stormDay(new Date(o.now.getTime() - 24 * HOUR)),
    });
    const recent = (await o.store.listAlerts({ mentionId: yesterday })).some(
      (r) => Date.parse(r.createdAt) >= o.now.getTime() - STORM_CARRY_OVER_MS,
    );
    const id = recent ? yesterday : incidentId({ type: "storm", brandId, day: stormDay(o.now) });
    await enqueue(intents(id, INCIDENT_RULE.storm, cfg.notify, cfg.severity, justBefore(first)));
    plan.storms.set(brandId, id);
    o.log.info({ brand: brandId, reason: verdict.reason }, "storm of negative mentions");
  }
}

async function detectAttacks(
  o: DetectOptions,
  plan: IncidentPlan,
  enqueue: (r: OutboxIntent[]) => Promise<void>,
) {
  const cfg = o.alerts.attack!;
  const from = new Date(o.now.getTime() - cfg.windowHours * HOUR).toISOString();
  for (const brand of o.brands) {
    const mentions = await o.store.findMentions({ brandId: brand.id, from, limit: 2000 });
    for (const group of findAttackGroups(mentions, cfg)) {
      let id: string | undefined;
      for (const m of group) {
        const candidate = incidentId({ type: "attack", anchorId: m.id });
        if ((await o.store.listAlerts({ mentionId: candidate })).length > 0) {
          id = candidate;
          break;
        }
      }
      id ??= incidentId({ type: "attack", anchorId: group[0]!.id });
      await enqueue(
        intents(id, INCIDENT_RULE.attack, cfg.notify, cfg.severity, justBefore(group[0]!.firstSeenAt)),
      );
      for (const m of group) plan.attacks.set(m.id, id);
    }
  }
}

async function detectHealth(o: DetectOptions, enqueue: (r: OutboxIntent[]) => Promise<void>) {
  const cfg = o.alerts.sourceHealth!;
  const sources = [...new Set(o.brands.flatMap((b) => b.targets.map((t) => t.source)))];
  for (const sourceId of sources) {
    const runs = await o.store.listRuns({ sourceId, limit: 200 });
    for (const brandId of new Set(runs.map((r) => r.brandId).filter((b): b is string => !!b))) {
      const event = healthEvent(
        runs.filter((r) => r.brandId === brandId),
        cfg,
      );
      if (!event) continue;
      const down = incidentId({ type: "health", state: "down", sourceId, brandId, at: event.since });
      if (event.state === "down") {
        await enqueue(intents(down, INCIDENT_RULE.health, cfg.notify, cfg.severity));
      } else if ((await o.store.listAlerts({ mentionId: down })).length > 0) {
        const up = incidentId({ type: "health", state: "up", sourceId, brandId, at: event.at });
        await enqueue(intents(up, INCIDENT_RULE.health, cfg.notify, "info"));
      }
    }
  }
}

export async function detectIncidents(o: DetectOptions): Promise<IncidentPlan> {
  const plan: IncidentPlan = { storms: new Map(), attacks: new Map(), enqueued: 0 };
  const store = o.store;
  if (!store.enqueueAlerts) return plan;
  const enqueue = async (rows: OutboxIntent[]) => {
    plan.enqueued += (await store.enqueueAlerts?.(rows, o.now)) ?? 0;
  };
  if (o.alerts.sourceHealth) await detectHealth(o, enqueue);
  if (o.alerts.storm) await detectStorms(o, o.alerts.storm, plan, enqueue);
  if (o.alerts.attack) await detectAttacks(o, plan, enqueue);
  return plan;
}
