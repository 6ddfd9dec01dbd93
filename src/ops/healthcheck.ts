/**
 * The container's HEALTHCHECK (`node /app/dist/ops/healthcheck.js`): in a daemon container, GET
 * `/healthz` on REPWATCH_METRICS_PORT (default 9464) and exit 0 on 200, 1 otherwise. A one-shot
 * `repwatch run` container serves nothing: it counts as healthy (its exit code is what matters).
 * Whether this container runs the daemon is read from PID 1's command line (tini -- repwatch daemon),
 * or forced with REPWATCH_HEALTH_URL.
 */
import { readFileSync } from "node:fs";

function isDaemonContainer(): boolean {
  try {
    return readFileSync("/proc/1/cmdline", "utf8").split("\0").includes("daemon");
  } catch {
    return false;
  }
}

async function probe(url: string, timeoutMs = 3000): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return res.status === 200;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const explicit = process.env.REPWATCH_HEALTH_URL;
  if (!explicit && !isDaemonContainer()) return 0;
  const url = explicit ?? `http://127.0.0.1:${process.env.REPWATCH_METRICS_PORT || "9464"}/healthz`;
  return (await probe(url)) ? 0 : 1;
}

process.exitCode = await main();
