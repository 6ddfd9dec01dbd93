/**
 * The generic webhook: one JSON POST per alert, signed. Headers:
 *   X-Repwatch-Timestamp: unix seconds
 *   X-Repwatch-Signature: sha256=<hex HMAC-SHA256 of `${timestamp}.${body}` with the secret>
 *   Idempotency-Key: the alert key (a receiver drops repeats: after an ambiguous failure we resend)
 * The secret comes from the environment variable named by `secretEnv`, never from YAML.
 *
 *   answer                  | outbox row
 *   ------------------------+-----------------------------------------------
 *   2xx                     | sent
 *   429 (Retry-After)       | pending until then
 *   408, 5xx, timeout, drop | retried within the budget, then pending
 *   other 4xx               | failed for good
 */
import { createHmac } from "node:crypto";
import { WebhookNotifierConfig } from "../../config/alerts.js";
import { PermanentSendError, RetryLaterError, UncertainSendError } from "../errors.js";
import type { Delivery, NotifierProvider } from "./notifier.js";

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

function payload(d: Delivery): unknown {
  const c = d.content;
  const base = { key: d.key, type: c.type, severity: c.severity, threadOf: d.threadOf, edits: d.edits };
  if (c.type !== "mention") return { ...base, content: c };
  const { mention: m, brand, ...rest } = c;
  return { ...base, content: { ...rest, brand: brand && { id: brand.id, name: brand.name }, mention: m } };
}

export const webhookProvider: NotifierProvider<WebhookNotifierConfig> = {
  type: "webhook",
  configSchema: WebhookNotifierConfig,
  create(config, deps) {
    const secret = (deps.env ?? process.env)[config.secretEnv];
    const base = { id: config.id, threads: false };
    if (!secret) {
      const why = `${config.secretEnv} is not set`;
      return {
        ...base,
        unavailable: why,
        async send() {
          throw new RetryLaterError(`webhook "${config.id}": ${why}`);
        },
      };
    }
    async function once(d: Delivery): Promise<{ receipt: string }> {
      const body = JSON.stringify(payload(d));
      const timestamp = String(Math.floor(Date.now() / 1000));
      let res: Response;
      try {
        res = await fetch(config.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-repwatch-timestamp": timestamp,
            "x-repwatch-signature": signWebhook(secret as string, timestamp, body),
            "idempotency-key": d.key,
          },
          body,
          redirect: "error",
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        await res.arrayBuffer();
      } catch (err) {
        throw new UncertainSendError(
          `webhook "${config.id}": ${(err as Error).name === "TimeoutError" ? "timed out" : String(err)}`,
        );
      }
      if (res.ok) return { receipt: `webhook:${res.status}` };
      const what = `webhook "${config.id}": HTTP ${res.status}`;
      if (res.status === 429) {
        const s = Number.parseInt(res.headers.get("retry-after") ?? "", 10);
        throw new RetryLaterError(what, Number.isNaN(s) ? undefined : new Date(Date.now() + s * 1000));
      }
      if (res.status === 408 || res.status >= 500) throw new UncertainSendError(what);
      throw new PermanentSendError(what);
    }
    return {
      ...base,
      async send(d) {
        let last: unknown;
        for (let i = 0; i < config.attempts; i++) {
          try {
            return await once(d);
          } catch (err) {
            last = err;
            if (!(err instanceof UncertainSendError)) throw err;
          }
        }
        throw last;
      },
    };
  },
};
