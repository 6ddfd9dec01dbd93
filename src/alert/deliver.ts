/**
 * Delivery: claim due outbox rows, send each through its notifier, record the receipt.
 * A failed send goes back to pending with a backoff (nothing is lost); a row whose notifier no
 * longer exists fails for good with a clear message.
 */
import type { Brand } from "../config/brands.js";
import type { Store } from "../store/store.js";
import type { Logger } from "../util/logger.js";
import type { Notifier } from "./notifiers/notifier.js";

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
}

export interface DeliveryOptions {
  store: Store;
  notifiers: Map<string, Notifier>;
  brands: readonly Brand[];
  log: Logger;
  claimer: string;
  /** @default 100 */
  batch?: number;
  /** How long a claim protects a row from other deliverers. @default 120000 */
  leaseMs?: number;
  now?: () => Date;
}

export async function deliverPending(opts: DeliveryOptions): Promise<DeliveryResult> {
  const now = opts.now ?? (() => new Date());
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  const brands = new Map(opts.brands.map((b) => [b.id, b]));
  for (;;) {
    const rows = await opts.store.claimAlerts(
      opts.claimer,
      opts.batch ?? 100,
      opts.leaseMs ?? 120_000,
      now(),
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const notifier = opts.notifiers.get(row.notifierId);
      const mention = await opts.store.getMention(row.mentionId);
      if (!notifier || !mention) {
        const why = !notifier ? `notifier "${row.notifierId}" is not configured` : "mention no longer stored";
        await opts.store.markAlertFailed(row.key, why);
        opts.log.error({ alert: row.key }, `alert failed: ${why}`);
        result.failed++;
        continue;
      }
      try {
        const { receipt } = await notifier.send({ row, mention, brand: brands.get(mention.brandId) });
        await opts.store.markAlertSent(row.key, receipt, now());
        result.sent++;
      } catch (err) {
        const backoffMs = Math.min(60 * 60_000, 30_000 * 2 ** Math.min(row.attempts, 7));
        await opts.store.markAlertFailed(row.key, String(err), new Date(now().getTime() + backoffMs));
        opts.log.warn({ alert: row.key, err }, "alert not delivered; it stays pending for the next run");
        result.retrying++;
      }
    }
    if (rows.length < (opts.batch ?? 100)) break;
  }
  return result;
}
