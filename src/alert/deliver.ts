/**
 * Delivery: find incidents (storms, review attacks, source health) and enqueue them, then claim due
 * outbox rows, plan them (plan.ts: pure) and send each through its notifier, recording the receipt.
 *
 * Nothing is lost: a row leaves `pending` only as `sent` (with the receipt) or `failed` (for good, with
 * a message saying what to fix); a crash leaves it claimed, and the claim expires. Nothing is sent
 * twice: a row claimed before (`attempts > 1`) may have been delivered, so the notifier looks for its
 * key first (Slack: the message metadata in the channel history). The error class of a failed send
 * decides the row's fate (errors.ts).
 */
import type { AlertsFile } from "../config/alerts.js";
import type { Brand } from "../config/brands.js";
import { type OutboxRow, outboxKeyOf, type Store } from "../store/store.js";
import type { Logger } from "../util/logger.js";
import type { AlertContent, MentionAlert } from "./content.js";
import { detectIncidents, type IncidentPlan } from "./detect-incidents.js";
import { errorMessage, PermanentSendError, RetryLaterError } from "./errors.js";
import { INCIDENT_RULE, isIncidentId, parseIncidentId } from "./incident-ids.js";
import { loadContent } from "./load-content.js";
import type { Notifier } from "./notifiers/notifier.js";
import { type Candidate, planDeliveries, type Step } from "./plan.js";
import { quietUntil } from "./quiet-hours.js";

export interface DeliveryResult {
  /** Incident messages (storms, review attacks, source health) queued by this delivery itself. */
  incidents: number;
  sent: number;
  /** Not delivered yet, tried again on a later run (rate limits, timeouts, Slack errors that pass). */
  retrying: number;
  /** Failed for good (see `problems`). */
  failed: number;
  /** Waiting on purpose: quiet hours, or a notifier without its token. */
  held: number;
  /** What went wrong, one line per distinct problem, with how many alerts it hit. */
  problems: string[];
}

export interface DeliveryOptions {
  store: Store;
  notifiers: Map<string, Notifier>;
  brands: readonly Brand[];
  log: Logger;
  claimer: string;
  /** Rules, quiet hours, storm/attack/source-health settings; without it only plain alerts go out. */
  alerts?: AlertsFile;
  /** @default 100 */
  batch?: number;
  /** How long a claim protects a row from other deliverers. @default 120000 */
  leaseMs?: number;
  now?: () => Date;
}

/** From this many tries on, a row that keeps failing is reported in `problems` (it is never dropped). */
const STUBBORN_ATTEMPTS = 10;
const SEVERITY_RANK = { info: 0, warning: 1, critical: 2 } as const;

function backoff(row: OutboxRow, now: Date): Date {
  return new Date(now.getTime() + Math.min(60 * 60_000, 30_000 * 2 ** Math.min(row.attempts, 7)));
}

export async function deliverPending(opts: DeliveryOptions): Promise<DeliveryResult> {
  const now = opts.now ?? (() => new Date());
  const { store, log } = opts;
  const batchSize = opts.batch ?? 100;
  const result: DeliveryResult = { incidents: 0, sent: 0, retrying: 0, failed: 0, held: 0, problems: [] };
  const problems = new Map<string, number>();
  const problem = (message: string) => problems.set(message, (problems.get(message) ?? 0) + 1);
  const brands = new Map(opts.brands.map((b) => [b.id, b]));
  const receipts = new Map<string, string>();
  const seen = new Set<string>();
  let batchSeq = 0;

  let incidents: IncidentPlan = { storms: new Map(), attacks: new Map(), enqueued: 0 };
  if (opts.alerts) {
    try {
      incidents = await detectIncidents({ store, alerts: opts.alerts, brands: opts.brands, now: now(), log });
      result.incidents = incidents.enqueued;
    } catch (err) {
      log.error({ err }, "incident detection failed; single alerts still go out");
      problem(`incident detection failed: ${errorMessage(err)}`);
    }
  }

  async function settle(row: OutboxRow, err: unknown): Promise<void> {
    const message = errorMessage(err);
    if (err instanceof PermanentSendError) {
      await store.markAlertFailed(row.key, message);
      log.error({ alert: row.key }, `alert failed for good: ${message}`);
      problem(message);
      result.failed++;
      return;
    }
    const at = err instanceof RetryLaterError && err.retryAt ? err.retryAt : backoff(row, now());
    await store.markAlertFailed(row.key, message, at);
    log.warn({ alert: row.key, retryAt: at.toISOString() }, `alert not delivered yet: ${message}`);
    if (row.attempts >= STUBBORN_ATTEMPTS)
      problem(`still not delivered after ${row.attempts} tries: ${message}`);
    result.retrying++;
  }

  async function parentReceipt(parentKey: string, incident: string): Promise<string | undefined> {
    const known = receipts.get(parentKey);
    if (known) return known;
    const row = (await store.listAlerts({ mentionId: incident })).find((r) => r.key === parentKey);
    return row?.state === "sent" ? row.receipt : undefined;
  }

  async function send(
    row: OutboxRow,
    notifier: Notifier,
    content: AlertContent,
    extra: { threadOf?: string; edits?: string },
  ): Promise<void> {
    try {
      const { receipt } = await notifier.send({
        key: row.key,
        createdAt: row.createdAt,
        content,
        ...extra,
        mayExist: row.attempts > 1,
      });
      await store.markAlertSent(row.key, receipt, now());
      if (receipt) receipts.set(row.key, receipt);
      result.sent++;
    } catch (err) {
      await settle(row, err);
    }
  }

  async function candidate(row: OutboxRow, contents: Map<string, AlertContent>): Promise<Candidate> {
    const notifier = opts.notifiers.get(row.notifierId);
    const c: Candidate = { row, incident: isIncidentId(row.mentionId), notifier };
    if (!notifier) return c;
    const content = await loadContent(row, { store, brands, alerts: opts.alerts, now: now() });
    if (typeof content === "string") return { ...c, missing: content };
    contents.set(row.key, content);
    const a = opts.alerts;
    const ref = c.incident ? parseIncidentId(row.mentionId) : undefined;
    const quiet =
      ref?.type === "storm"
        ? a?.storm?.quietHours
        : ref?.type === "attack"
          ? a?.attack?.quietHours
          : a?.rules.find((r) => r.id === row.ruleId && !c.incident)?.quietHours;
    c.quietUntil = quietUntil(quiet, now());
    if (content.type !== "mention") return c;
    if (row.change === "changed") {
      // The first message this channel got about the mention, whichever rule sent it.
      const original = (await store.listAlerts({ mentionId: row.mentionId })).find(
        (r) => r.key !== row.key && r.notifierId === row.notifierId && r.state === "sent" && r.receipt,
      );
      c.original = original?.receipt;
    }
    const attack = incidents.attacks.get(row.mentionId);
    const storm = incidents.storms.get(content.mention.brandId);
    if (attack && a?.attack?.notify.includes(row.notifierId))
      c.parentKey = outboxKeyOf(attack, INCIDENT_RULE.attack, row.notifierId);
    else if (
      storm &&
      content.mention.analysis.label === "negative" &&
      a?.storm?.notify.includes(row.notifierId)
    )
      c.parentKey = outboxKeyOf(storm, INCIDENT_RULE.storm, row.notifierId);
    return c;
  }

  async function execute(step: Step, contents: Map<string, AlertContent>): Promise<void> {
    if (step.action === "fail") {
      await store.markAlertFailed(step.row.key, step.reason);
      log.error({ alert: step.row.key }, `alert failed for good: ${step.reason}`);
      problem(step.reason);
      result.failed++;
      return;
    }
    if (step.action === "hold") {
      await store.markAlertFailed(step.row.key, step.reason, step.until);
      if (step.reason.startsWith("not sent:"))
        problem(`notifier "${step.row.notifierId}" ${step.reason}; its alerts stay pending`);
      result.held++;
      return;
    }
    const notifier = opts.notifiers.get(step.action === "batch" ? step.notifierId : step.row.notifierId)!;
    if (step.action === "send") {
      const content = contents.get(step.row.key)!;
      const incident = step.parentKey?.split("#")[0];
      const threadOf = step.parentKey && incident ? await parentReceipt(step.parentKey, incident) : undefined;
      await send(step.row, notifier, content, { threadOf, edits: step.edits });
      return;
    }
    const items = step.rows.map((r) => contents.get(r.key) as MentionAlert);
    const severity = items.reduce<MentionAlert["severity"]>(
      (s, i) => (SEVERITY_RANK[i.severity] > SEVERITY_RANK[s] ? i.severity : s),
      "info",
    );
    let summary: string | undefined;
    try {
      summary = (
        await notifier.send({
          key: `batch:${opts.claimer}:${step.notifierId}:${++batchSeq}`,
          createdAt: now().toISOString(),
          content: { type: "batch", severity, items },
          mayExist: false,
        })
      ).receipt;
    } catch (err) {
      for (const row of step.rows) await settle(row, err);
      return;
    }
    for (const row of step.rows) await send(row, notifier, contents.get(row.key)!, { threadOf: summary });
  }

  for (;;) {
    const rows = await store.claimAlerts(opts.claimer, batchSize, opts.leaseMs ?? 120_000, now());
    if (rows.length === 0) break;
    const fresh = rows.filter((r) => !seen.has(r.key));
    // Due again within this pass (a short retry): leave it for the next run.
    for (const r of rows)
      if (seen.has(r.key))
        await store.markAlertFailed(r.key, r.lastError ?? "retry on the next run", backoff(r, now()));
    if (fresh.length === 0) break;
    for (const r of fresh) seen.add(r.key);
    const contents = new Map<string, AlertContent>();
    const candidates: Candidate[] = [];
    for (const row of fresh) candidates.push(await candidate(row, contents));
    for (const step of planDeliveries(candidates, now())) await execute(step, contents);
    if (rows.length < batchSize) break;
  }
  result.problems = [...problems].map(([m, n]) => `${m} (${n} alert${n === 1 ? "" : "s"})`);
  return result;
}
