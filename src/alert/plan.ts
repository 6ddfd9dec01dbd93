/**
 * What to do with each claimed outbox row in this pass. Pure.
 *
 * Truth table, per row (the first line that applies wins):
 *
 *   row                                              | step
 *   -------------------------------------------------+----------------------------------------------
 *   its notifier is not configured any more          | fail  (for good, clear message)
 *   its mention / incident cannot be read            | fail
 *   its notifier is unavailable (no token)           | hold  one minute (it stays pending: next run)
 *   inside its quiet hours                           | hold  until they end
 *   an incident (storm, attack, source health)       | send  first, so its replies can follow
 *   an edit whose original alert was sent, threads   | send  as an update of the original + thread note
 *   joins an incident (storm / attack), threads      | send  as a reply in the incident's thread
 *   one of more than `batchOver` standalone alerts   | batch one summary, these alerts in its thread
 *     for a threaded notifier in this pass           |
 *   otherwise                                        | send
 *
 * Order of the steps: fails and holds, incidents, edits, thread replies, then the rest in claim order.
 * Transient send failures are never given up (they back off to an hour; deliver.ts reports rows that
 * keep failing): only errors that retrying cannot fix fail a row.
 */
import type { OutboxRow } from "../store/store.js";

export interface NotifierTraits {
  threads: boolean;
  batchOver?: number;
  unavailable?: string;
}

export interface Candidate {
  row: OutboxRow;
  incident: boolean;
  notifier: NotifierTraits | undefined;
  /** Why there is nothing to send (the row fails). */
  missing?: string;
  /** Quiet now, until then. */
  quietUntil?: Date;
  /** Key of the incident row whose thread this mention joins. */
  parentKey?: string;
  /** Receipt of the original alert (an edited mention). */
  original?: string;
}

export type Step =
  | { action: "fail"; row: OutboxRow; reason: string }
  | { action: "hold"; row: OutboxRow; until: Date; reason: string }
  | { action: "send"; row: OutboxRow; parentKey?: string; edits?: string }
  | { action: "batch"; notifierId: string; rows: OutboxRow[] };

const HOLD_UNAVAILABLE_MS = 60_000;

export function planDeliveries(candidates: readonly Candidate[], now: Date): Step[] {
  const early: Step[] = [];
  const incidents: Step[] = [];
  const edits: Step[] = [];
  const replies: Step[] = [];
  const standalone = new Map<string, OutboxRow[]>();
  for (const c of candidates) {
    const { row, notifier } = c;
    if (!notifier)
      early.push({ action: "fail", row, reason: `notifier "${row.notifierId}" is not configured` });
    else if (c.missing) early.push({ action: "fail", row, reason: c.missing });
    else if (notifier.unavailable)
      early.push({
        action: "hold",
        row,
        until: new Date(now.getTime() + HOLD_UNAVAILABLE_MS),
        reason: `not sent: ${notifier.unavailable}`,
      });
    else if (c.quietUntil)
      early.push({
        action: "hold",
        row,
        until: c.quietUntil,
        reason: `held: quiet hours until ${c.quietUntil.toISOString()}`,
      });
    else if (c.incident) incidents.push({ action: "send", row });
    else if (c.original && notifier.threads) edits.push({ action: "send", row, edits: c.original });
    else if (c.parentKey && notifier.threads) replies.push({ action: "send", row, parentKey: c.parentKey });
    else standalone.set(row.notifierId, [...(standalone.get(row.notifierId) ?? []), row]);
  }
  const rest: Step[] = [];
  const traits = new Map(candidates.map((c) => [c.row.notifierId, c.notifier]));
  for (const [notifierId, rows] of standalone) {
    const t = traits.get(notifierId);
    if (t?.threads && t.batchOver !== undefined && rows.length > t.batchOver)
      rest.push({ action: "batch", notifierId, rows });
    else for (const row of rows) rest.push({ action: "send", row });
  }
  return [...early, ...incidents, ...edits, ...replies, ...rest];
}
