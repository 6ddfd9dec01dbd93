/**
 * Publish one digest to one Slack channel, exactly once per brand × week × channel:
 *
 *   1. claim the publication record in the store (digest:<brand>:<week>#<channel>); a sent one, or one
 *      another job holds, is left alone;
 *   2. post the summary (carrying its key in message metadata, so after an ambiguous failure the channel
 *      is searched before posting again) and save its `ts`;
 *   3. share the PDF in its thread (./slack-upload.ts, step by step, saved after each);
 *   4. mark it sent.
 *
 *   failure                               | record      | outcome
 *   --------------------------------------+-------------+-------------------------------------------
 *   none                                  | sent        | published
 *   rate limit / 5xx / timeout (after the | pending     | deferred: the next run resumes at the step
 *     retry budget)                       |             |   that failed
 *   Slack says no (channel_not_found, …)  | failed      | failed, with what to fix
 */
import { errorMessage, PermanentSendError } from "../alert/errors.js";
import type { SlackApi } from "../alert/slack/api.js";
import { createLocator } from "../alert/slack/locate.js";
import { createPoster, type RetryPolicy } from "../alert/slack/post.js";
import { type DigestStore, digestKeyOf } from "../store/digest-port.js";
import type { Store } from "../store/store.js";
import type { Digest } from "./model.js";
import { uploadPdfToThread } from "./slack-upload.js";
import { summaryMessage } from "./summary-message.js";

export const DIGEST_EVENT_TYPE = "repwatch_digest";

export type PublishOutcome =
  | { status: "published"; key: string; messageTs: string; fileId: string }
  | { status: "already-published"; key: string }
  | { status: "busy"; key: string }
  | { status: "deferred"; key: string; error: string }
  | { status: "failed"; key: string; error: string };

export interface PublishJob {
  store: Store & DigestStore;
  api: SlackApi;
  policy: RetryPolicy;
  channel: string;
  recipients: readonly string[];
  digest: Digest;
  pdf: Buffer;
  /** This job's id (a claim belongs to one job). */
  holder: string;
  /** How long a claim lasts before another job may take over. @default 10 minutes */
  leaseMs?: number;
  timeoutMs: number;
  now?: () => Date;
}

export async function publishDigest(job: PublishJob): Promise<PublishOutcome> {
  const now = job.now ?? (() => new Date());
  const { digest: d, store } = job;
  const key = digestKeyOf(d.brand.id, d.week.iso, job.channel);
  const ref = { key, brandId: d.brand.id, week: d.week.iso, channel: job.channel };
  const claimed = await store.claimDigest(ref, job.holder, job.leaseMs ?? 10 * 60_000, now());
  if (!claimed) {
    const existing = await store.getDigest(key);
    if (existing?.state === "sent") return { status: "already-published", key };
    if (existing?.state === "failed") return { status: "failed", key, error: existing.lastError ?? "failed" };
    return { status: "busy", key };
  }
  const save = (patch: Parameters<DigestStore["updateDigest"]>[2]) =>
    store.updateDigest(key, job.holder, patch, now());
  try {
    let r = claimed;
    if (!r.messageTs) {
      const post = createPoster(job.api, createLocator(job.api), job.policy);
      const found = await post({
        channel: job.channel,
        key,
        eventType: DIGEST_EVENT_TYPE,
        since: new Date(r.createdAt),
        message: summaryMessage(d, job.recipients),
        mayExist: r.attempts > 1,
      });
      r = await save({ messageTs: found.ts, lastError: undefined });
    }
    if (!r.shared) {
      r = await uploadPdfToThread({
        api: job.api,
        policy: job.policy,
        channel: job.channel,
        record: r,
        save,
        pdf: job.pdf,
        filename: `${d.brand.id}-${d.week.iso}.pdf`,
        title: `Weekly digest — ${d.brand.name} — ${d.week.iso}`,
        comment: `The full report for ${d.week.iso}: charts, top negatives, unanswered reviews, competitors, source health.`,
        timeoutMs: job.timeoutMs,
      });
    }
    await save({ state: "sent", lastError: undefined });
    return { status: "published", key, messageTs: r.messageTs!, fileId: r.fileId! };
  } catch (err) {
    const error = errorMessage(err);
    const permanent = err instanceof PermanentSendError;
    await save({ state: permanent ? "failed" : "pending", lastError: error }).catch(() => undefined);
    return permanent ? { status: "failed", key, error } : { status: "deferred", key, error };
  }
}
