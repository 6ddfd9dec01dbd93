/**
 * `repwatch daemon`: the scheduler (src/schedule/daemon.ts) with its store, fetcher and notifiers, an
 * optional `/metrics` + `/healthz` server, and graceful shutdown: on SIGTERM/SIGINT no new page is
 * started, crawls in flight get the grace period, then the browser is closed (no orphaned Chromium),
 * leases are released, the store is closed and the process exits 0. A second signal exits at once.
 */
import { randomUUID } from "node:crypto";
import { openStore } from "../app/open-store.js";
import { createRunDeps } from "../app/run-deps.js";
import { parseEnv } from "../config/env.js";
import { ConfigError, loadConfig } from "../config/load.js";
import { digestIfDue } from "../ops/digest-step.js";
import { startOpsServer } from "../ops/http-server.js";
import { createMetrics } from "../ops/metrics.js";
import { outboxStats } from "../ops/outbox-stats.js";
import { listTargets } from "../pipeline/targets.js";
import { startDaemon } from "../schedule/daemon.js";
import { holderId } from "../schedule/lease-keeper.js";
import { installShutdown } from "../schedule/shutdown.js";
import { createLogger } from "../util/logger.js";
import { EXIT } from "./exit-codes.js";

export interface DaemonFlags {
  configDir: string;
  source?: string;
  brand?: string;
  /** @default 20 */
  graceSeconds?: number;
  /** @default 60 */
  sweepSeconds?: number;
  /** Overrides REPWATCH_METRICS_PORT. */
  metricsPort?: number;
  /** `--no-digest` sets false. */
  digest?: boolean;
}

export async function daemonCommand(flags: DaemonFlags): Promise<number> {
  const env = parseEnv();
  const log = createLogger(env);
  const config = loadConfig(flags.configDir);
  if (listTargets(config, { source: flags.source, brand: flags.brand }).length === 0)
    throw new ConfigError([
      {
        file: "(arguments)",
        line: 1,
        col: 1,
        path: flags.source ? "--source" : "--brand",
        message: "no brand target matches: nothing to schedule (see rules/brands.yaml)",
      },
    ]);
  const shutdown = installShutdown({ graceMs: (flags.graceSeconds ?? 20) * 1000, log });
  const store = await openStore(env);
  const holder = holderId(randomUUID().slice(0, 8));
  const leaseTtlMs = env.REPWATCH_LEASE_SECONDS * 1000;
  const deps = await createRunDeps(env, config, store, log, process.stdout);
  const metrics = createMetrics();
  metrics.set("repwatch_up", {}, 1);
  const withDigest = flags.digest !== false && !flags.source && !flags.brand;
  const daemon = startDaemon(deps, {
    source: flags.source,
    brand: flags.brand,
    holder,
    leaseTtlMs,
    sweepMs: Math.max(1, flags.sweepSeconds ?? 60) * 1000,
    stopSignal: shutdown.stop,
    abortSignal: shutdown.abort,
    metrics,
    digest: withDigest
      ? (fired: boolean) =>
          digestIfDue({
            store,
            config,
            log,
            holder,
            leaseTtlMs,
            chromiumPath: env.REPWATCH_CHROMIUM_PATH,
            fired,
          })
      : undefined,
  });
  const port = flags.metricsPort ?? env.REPWATCH_METRICS_PORT;
  const server =
    port === undefined
      ? undefined
      : await startOpsServer(port, {
          metrics: async () => {
            metrics.observeOutbox(await outboxStats(store));
            return metrics.render();
          },
          health: () => daemon.health(),
        });
  if (server) log.info({ port: server.port }, `serving /metrics and /healthz on port ${server.port}`);

  await new Promise<void>((resolve) => {
    if (shutdown.stop.aborted) resolve();
    else shutdown.stop.addEventListener("abort", () => resolve(), { once: true });
  });
  metrics.set("repwatch_up", {}, 0);
  await daemon.stop();
  await deps.fetcher.close(); // the browser too: no orphaned Chromium
  await server?.close();
  await store.close();
  log.info({ signal: shutdown.signal }, "daemon stopped");
  return EXIT.ok;
}
