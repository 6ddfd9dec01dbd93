/**
 * Crawl benchmark: repwatch's HTTP and browser fetchers side by side with Crawlee's CheerioCrawler and
 * PlaywrightCrawler, on the same replica pages, politeness off, the same concurrency for everyone.
 *
 *   npm run bench:crawl                # everything
 *   npm run bench:crawl -- http        # only the HTTP runs (or: browser)
 *
 * Prints one JSON line per run:
 *   {"bench":"crawl-http","impl":"repwatch","concurrency":10,"latencyMs":0,"pages":500,"pagesPerSec":…,
 *    "cpuSec":…,"peakRssMb":…}
 * Each crawl runs in its own Node process (bench/crawl-runner.ts); the replica web runs here. Memory is
 * the peak of that process's whole tree (Node plus every Chromium process), PSS where the kernel gives
 * it; CPU is the crawler's Node process during the crawl plus every Chromium process it started.
 * Crawlee lives in bench/package.json only (`npm install --prefix bench`); without it the Crawlee runs
 * are reported as skipped.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { startReplicaWeb } from "../tests/web/server.js";
import { sampleTree } from "./crawl-proc.js";
import type { RunSpec } from "./crawl-runner.js";
import { createBenchSites } from "./crawl-site.js";

const HTTP_PAGES = 500;
const BROWSER_PAGES = 50;
const RUN_TIMEOUT_MS = 180_000;
const only = process.argv[2];
const crawleeInstalled = existsSync(new URL("./node_modules/crawlee/package.json", import.meta.url));

interface RunResult {
  pages: number;
  items: number;
  errors: number;
  seconds: number;
  cpuSec: number;
}

function runChild(spec: RunSpec): Promise<{ result: RunResult; peakMb: number; chromiumCpuSec: number }> {
  const runner = fileURLToPath(new URL("./crawl-runner.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", runner, JSON.stringify(spec)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CRAWLEE_STORAGE_DIR: "/tmp/repwatch-bench-crawlee" },
  });
  const sampler = sampleTree(child.pid as number);
  const killChild = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", killChild);
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  // A crawler that hangs (Crawlee retrying forever) is killed and reported, not waited for.
  const watchdog = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => {
      clearTimeout(watchdog);
      process.off("exit", killChild);
      const { peakMb, descendantsCpuSec } = sampler.stop();
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{")) {
        reject(new Error(`runner ${spec.impl}/${spec.kind} exited ${code}: ${err.slice(-2000)}`));
        return;
      }
      if (err.trim()) process.stderr.write(err.slice(0, 500));
      resolve({ result: JSON.parse(line) as RunResult, peakMb, chromiumCpuSec: descendantsCpuSec });
    });
  });
}

// Ctrl-C / timeout: exit, which SIGKILLs the running child (see runChild).
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

const { sites, pageBytes } = createBenchSites(HTTP_PAGES);
const web = await startReplicaWeb(sites);
const httpLogical = Array.from({ length: HTTP_PAGES }, (_, i) => `https://otzovik.com/bench/${i + 1}/`);
const jsLogical = Array.from(
  { length: BROWSER_PAGES },
  (_, i) => `https://js.lab/list/${(i % 25) + 1}?v=${i}`,
);

const plan: Array<{ kind: "http" | "browser"; concurrency: number; latencyMs: number }> = [];
for (const latencyMs of [0, 50]) {
  if (only !== "browser")
    for (const concurrency of [10, 50]) plan.push({ kind: "http", concurrency, latencyMs });
  if (only !== "http")
    for (const concurrency of [4, 10]) plan.push({ kind: "browser", concurrency, latencyMs });
}

process.stderr.write(
  `bench:crawl — ${HTTP_PAGES} HTML pages of ${Math.round(pageBytes / 1024)} KB, ${BROWSER_PAGES} JS pages; ` +
    `crawlee ${crawleeInstalled ? "installed" : "NOT installed (npm install --prefix bench)"}\n`,
);

// Warm-up (not reported): tsx's compile cache, the OS page cache for Chromium, Crawlee's first start.
for (const kind of new Set(plan.map((p) => p.kind))) {
  for (const impl of ["repwatch", "crawlee"] as const) {
    if (impl === "crawlee" && !crawleeInstalled) continue;
    const logical = (kind === "http" ? httpLogical : jsLogical).slice(0, 4);
    const urls = impl === "repwatch" ? logical : logical.map((u) => web.physical(u));
    const spec: RunSpec = {
      impl,
      kind,
      concurrency: 2,
      urls,
      originMap: web.originMap,
      allowAddresses: web.allowAddresses,
    };
    await runChild(spec).catch((err: Error) =>
      process.stderr.write(`warm-up ${impl}/${kind}: ${err.message}\n`),
    );
  }
}

for (const p of plan) {
  web.latencyMs = p.latencyMs;
  for (const impl of ["repwatch", "crawlee"] as const) {
    const base = { bench: `crawl-${p.kind}`, impl, concurrency: p.concurrency, latencyMs: p.latencyMs };
    if (impl === "crawlee" && !crawleeInstalled) {
      console.log(JSON.stringify({ ...base, skipped: "crawlee not installed in bench/" }));
      continue;
    }
    const logical = p.kind === "http" ? httpLogical : jsLogical;
    const spec: RunSpec = {
      impl,
      kind: p.kind,
      concurrency: p.concurrency,
      urls: impl === "repwatch" ? logical : logical.map((u) => web.physical(u)),
      originMap: web.originMap,
      allowAddresses: web.allowAddresses,
    };
    try {
      const { result, peakMb, chromiumCpuSec } = await runChild(spec);
      console.log(
        JSON.stringify({
          ...base,
          pages: result.pages,
          pagesPerSec: Number((result.pages / result.seconds).toFixed(1)),
          cpuSec: Number((result.cpuSec + chromiumCpuSec).toFixed(2)),
          // Steadier than pagesPerSec on a shared machine: pages per CPU-second of the crawler's tree.
          pagesPerCpuSec: Number((result.pages / (result.cpuSec + chromiumCpuSec)).toFixed(1)),
          peakRssMb: Math.round(peakMb),
          items: result.items,
          errors: result.errors,
          seconds: Number(result.seconds.toFixed(2)),
          loadAvg1m: Number((loadavg()[0] ?? 0).toFixed(2)),
        }),
      );
    } catch (err) {
      console.log(JSON.stringify({ ...base, error: (err as Error).message.slice(0, 300) }));
    }
  }
}
await web.close();
