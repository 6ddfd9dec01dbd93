/**
 * Graceful shutdown for `run` and `daemon`. On the first SIGTERM/SIGINT:
 * - `stop` aborts at once: no new target, no new page, no new delivery round;
 * - in-flight pages may finish until the grace period ends, then `abort` aborts: they are abandoned;
 * - if the process is still alive `hardExitMs` after the signal (cleanup hung), it exits anyway, before
 *   Kubernetes' SIGKILL (30 s by default) would.
 * A second signal exits at once (128 + signal number), like a shell.
 */
import type { Logger } from "../util/logger.js";

/** @default 20 s: inside Kubernetes' default 30 s termination grace period. */
export const DEFAULT_GRACE_MS = 20_000;
/** Time for cleanup after the grace period (close the browser, release leases, close the store). */
const CLEANUP_MS = 5_000;
const SIGNALS = ["SIGTERM", "SIGINT"] as const;
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = { SIGINT: 2, SIGTERM: 15 };

export interface Shutdown {
  /** Aborted on the first signal: take no new work. */
  readonly stop: AbortSignal;
  /** Aborted when the grace period ends: abandon in-flight work. */
  readonly abort: AbortSignal;
  /** The signal received, if any. */
  readonly signal: NodeJS.Signals | undefined;
  /** Ask for a stop from inside (as the first signal would), e.g. in tests or on a fatal error. */
  request(reason: string): void;
  /**
   * Clear the timers (call when the command's work is done). The handlers stay for the life of the
   * process: the browser pool re-raises a signal nobody else listens to once Chromium is closed, which
   * would turn a clean exit 0 into death by SIGTERM.
   */
  dispose(): void;
}

export interface ShutdownOptions {
  graceMs?: number;
  log?: Logger;
  /** Called on a second signal; default: `process.exit(128 + n)`. */
  exitNow?: (code: number) => void;
}

export function installShutdown(o: ShutdownOptions = {}): Shutdown {
  const graceMs = o.graceMs ?? DEFAULT_GRACE_MS;
  const exitNow = o.exitNow ?? ((code: number) => process.exit(code));
  const stopCtl = new AbortController();
  const abortCtl = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  let received: NodeJS.Signals | undefined;

  const begin = (reason: string, code: number): void => {
    o.log?.info({ graceMs }, `${reason}: stopping (no new pages; in-flight work has ${graceMs / 1000} s)`);
    stopCtl.abort(new Error(reason));
    const grace = setTimeout(() => {
      o.log?.warn("grace period over: abandoning in-flight work");
      abortCtl.abort(new Error("grace period over"));
    }, graceMs);
    const hard = setTimeout(() => {
      o.log?.error("shutdown did not finish in time: exiting");
      exitNow(code);
    }, graceMs + CLEANUP_MS);
    grace.unref();
    hard.unref();
    timers.push(grace, hard);
  };

  const onSignal = (sig: NodeJS.Signals): void => {
    const code = 128 + (SIGNAL_NUMBERS[sig as (typeof SIGNALS)[number]] ?? 15);
    if (received || stopCtl.signal.aborted) {
      o.log?.warn({ signal: sig }, "second signal: exiting now");
      exitNow(code);
      return;
    }
    received = sig;
    begin(`${sig} received`, code);
  };
  for (const s of SIGNALS) process.on(s, onSignal);

  return {
    stop: stopCtl.signal,
    abort: abortCtl.signal,
    get signal() {
      return received;
    },
    request(reason) {
      if (!stopCtl.signal.aborted) begin(reason, 1);
    },
    dispose() {
      for (const t of timers) clearTimeout(t);
    },
  };
}
