/**
 * The weekly digest as a step of `run` and `daemon`: when rules/digest.yaml's schedule fired since the
 * last attempt, run `repwatch digest --due` (each brand × week × channel is published once, whatever
 * runs it). The last attempt is kept in the store as the source state `digest|schedule`, so a cron
 * container started every few minutes renders the PDF once per firing, not once per run.
 *
 * A store that never saw a digest attempt records "now" and waits for the next firing (a new install
 * does not post last week's digest from its first `run`); `repwatch digest --due` does it by hand. The
 * daemon passes `fired` when its cron fires, which runs it whatever the record says.
 */
import type { Config } from "../config/load.js";
import { openDigestPrinter } from "../digest/pdf.js";
import { type DigestRunResult, runDigest } from "../digest/run-digest.js";
import { lastFiring } from "../schedule/jitter.js";
import { holdLease } from "../schedule/lease-keeper.js";
import { hasDigest } from "../store/digest-port.js";
import { hasLeases, type SourceState, type Store } from "../store/store.js";
import type { Logger } from "../util/logger.js";

export const DIGEST_STATE_KEY = "digest|schedule";

export interface DigestStepOptions {
  store: Store;
  config: Config;
  log: Logger;
  holder: string;
  leaseTtlMs: number;
  chromiumPath?: string;
  /** Where the files go. @default rules/digest.yaml `out`, relative to the working directory */
  outDir?: string;
  /** The daemon's digest schedule fired: run even without an earlier attempt on record. */
  fired?: boolean;
  now?: Date;
}

export interface DigestStep {
  status: "not-due" | "baseline" | "unsupported" | "leased" | "done" | "failed";
  result?: DigestRunResult;
  error?: string;
}

export async function digestIfDue(o: DigestStepOptions): Promise<DigestStep> {
  const { store, log } = o;
  if (!hasDigest(store)) return { status: "unsupported" };
  const now = o.now ?? new Date();
  const { schedule, timezone } = o.config.digest;
  const fired = lastFiring(schedule, timezone, now).getTime();
  const isDue = (s: SourceState | undefined) => !s?.lastRunAt || Date.parse(s.lastRunAt) < fired;
  const state = await store.getSourceState(DIGEST_STATE_KEY);
  if (!state && !o.fired) {
    await store.saveSourceState(record(undefined, now, "ok"));
    return { status: "baseline" };
  }
  if (!isDue(state)) return { status: "not-due" };
  const held = hasLeases(store) ? await holdLease(store, "digest", o.holder, o.leaseTtlMs, log) : undefined;
  if (hasLeases(store) && !held) return { status: "leased" };
  try {
    const fresh = await store.getSourceState(DIGEST_STATE_KEY);
    if (fresh && !isDue(fresh)) return { status: "not-due" };
    try {
      const result = await runDigest({
        store,
        config: o.config,
        due: true,
        outDir: o.outDir,
        printer: () => openDigestPrinter({ chromiumPath: o.chromiumPath }),
        env: process.env,
        log: log.child({ stage: "digest" }),
        now,
      });
      await store.saveSourceState(record(fresh, now, result.problems.length > 0 ? "degraded" : "ok"));
      return { status: "done", result };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      log.error({ err }, `digest failed: ${error} (run \`repwatch digest --due\` once fixed)`);
      await store.saveSourceState(record(fresh, now, "failed"));
      return { status: "failed", error };
    }
  } finally {
    await held?.release();
  }
}

function record(prev: SourceState | undefined, now: Date, status: "ok" | "degraded" | "failed"): SourceState {
  return {
    key: DIGEST_STATE_KEY,
    sourceId: "digest",
    lastRunAt: now.toISOString(),
    lastStatus: status,
    consecutiveFailures: status === "failed" ? (prev?.consecutiveFailures ?? 0) + 1 : 0,
  };
}

/** One line for the run summary. */
export function describeDigestStep(step: DigestStep): string | undefined {
  if (step.status === "failed") return `digest: failed: ${step.error}`;
  if (step.status !== "done" || !step.result) return undefined;
  const r = step.result;
  const brands = r.brands.map((b) => (b.skipped ? `${b.brandId} (${b.skipped})` : b.brandId)).join(", ");
  return [`digest ${r.week}: ${brands}`, ...r.problems.map((p) => `  digest problem: ${p}`)].join("\n");
}
