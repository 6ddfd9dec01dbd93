/**
 * Holding a store lease while work runs: take it, renew it every third of its time to live, and tell the
 * work when it was lost (another process took it after it expired: this one stalled, or the store was
 * unreachable for a whole TTL). The work checks `stillHeld()` right before it writes, so a process that
 * lost its lease stores nothing over the new holder's work (writes are idempotent anyway: at worst a
 * duplicate crawl, never a duplicate mention or alert).
 */
import { hostname } from "node:os";
import type { Lease, LeaseStore } from "../store/store.js";
import type { Logger } from "../util/logger.js";

/** @default 60 s: a dead process's work is taken over within a minute. (REPWATCH_LEASE_SECONDS) */
export const DEFAULT_LEASE_TTL_MS = 60_000;

export interface HeldLease {
  readonly name: string;
  /** The current lease (its token is the fencing token). */
  readonly lease: Lease;
  /** Aborted when the lease is lost. */
  readonly lost: AbortSignal;
  /** Renew now: false when the lease is no longer ours. */
  stillHeld(): Promise<boolean>;
  /** Stop renewing and give the lease up (idempotent). */
  release(): Promise<void>;
}

/** A holder id operators can read in `status` and logs: `host/pid/<suffix>`. */
export function holderId(suffix: string): string {
  return `${hostname()}/${process.pid}/${suffix}`;
}

export async function holdLease(
  store: LeaseStore,
  name: string,
  holder: string,
  ttlMs: number,
  log?: Logger,
): Promise<HeldLease | undefined> {
  let lease = await store.acquireLease(name, holder, ttlMs);
  if (!lease) return undefined;
  const lostCtl = new AbortController();
  let released = false;
  let renewing: Promise<boolean> | undefined;

  const renew = (): Promise<boolean> => {
    if (released || lostCtl.signal.aborted) return Promise.resolve(false);
    renewing ??= (async () => {
      try {
        const next = await store.renewLease(lease!, ttlMs);
        if (next) {
          lease = next;
          return true;
        }
        log?.warn({ lease: name, token: lease!.token }, "lease lost: another process holds it now");
        lostCtl.abort(new Error(`lease ${name} lost`));
        return false;
      } catch (err) {
        // the store hiccuped: the lease is ours until it expires; after that it may be someone else's
        if (Date.now() >= Date.parse(lease!.expiresAt)) {
          log?.warn({ lease: name, err }, "lease expired while the store was unreachable");
          lostCtl.abort(new Error(`lease ${name} expired`));
          return false;
        }
        log?.warn({ lease: name, err }, "lease renewal failed; retrying");
        return true;
      } finally {
        renewing = undefined;
      }
    })();
    return renewing;
  };
  const timer = setInterval(() => void renew(), Math.max(250, Math.floor(ttlMs / 3)));
  timer.unref();

  return {
    name,
    get lease() {
      return lease!;
    },
    lost: lostCtl.signal,
    stillHeld: renew,
    async release() {
      if (released) return;
      clearInterval(timer);
      await renewing?.catch(() => false);
      released = true;
      if (lostCtl.signal.aborted) return;
      try {
        await store.releaseLease(lease!);
      } catch (err) {
        log?.warn({ lease: name, err }, "lease release failed; it expires by itself");
      }
    },
  };
}
