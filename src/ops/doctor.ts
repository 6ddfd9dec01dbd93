/**
 * `repwatch doctor`: the checks an operator runs before (and after) deploying, one line each:
 *
 *   env       the environment table parses (config/env.ts)
 *   config    every file under sources/ and rules/ is valid; how many sources, brands, targets
 *   store     the store opens (schema/indexes brought up to date by init), answers a read, has leases
 *   slack     per token: auth.test; per channel: the bot is a member (doctor-slack.ts)
 *   chromium  found and launchable (when a source uses the browser, or for the digest's PDF)
 *   dns       each crawled host resolves (through REPWATCH_ORIGIN_MAP when it maps the host)
 *   clock     a plausible date, and no skew against the store's or Slack's clock when one is known
 *
 * A check that cannot run because an earlier one failed is `skip`. Exit 1 when any check fails.
 */
import { lookup } from "node:dns/promises";
import { chromium } from "playwright-core";
import { openStore } from "../app/open-store.js";
import { type Env, parseEnv, redact } from "../config/env.js";
import { type Config, loadConfig } from "../config/load.js";
import { CHROMIUM_ARGS, findChromium } from "../crawl/browser/chromium-path.js";
import { parseOriginMap } from "../crawl/origin-map.js";
import { listTargets } from "../pipeline/targets.js";
import { hasDigest } from "../store/digest-port.js";
import { hasLeases, type Store } from "../store/store.js";
import { probeSlack } from "./doctor-slack.js";

export interface Check {
  status: "ok" | "warn" | "fail" | "skip";
  name: string;
  detail: string;
}

export interface DoctorOptions {
  configDir: string;
  source?: string;
  rawEnv?: Record<string, string | undefined>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
/** The earliest date this build could plausibly run at (a clock before it is wrong). */
const NOT_BEFORE = Date.parse("2025-01-01T00:00:00Z");
const MAX_SKEW_MS = 30_000;

export async function runDoctor(o: DoctorOptions, onCheck: (c: Check) => void = () => {}): Promise<Check[]> {
  const raw = o.rawEnv ?? process.env;
  const checks: Check[] = [];
  const add = (c: Check) => {
    const safe = { ...c, detail: redact(c.detail, raw as Partial<Env>) };
    checks.push(safe);
    onCheck(safe);
  };

  let env: Env | undefined;
  try {
    env = parseEnv(raw as NodeJS.ProcessEnv);
    add({
      status: "ok",
      name: "env",
      detail: `store ${env.REPWATCH_STORE}, log level ${env.REPWATCH_LOG_LEVEL}`,
    });
  } catch (err) {
    add({ status: "fail", name: "env", detail: message(err).replace(/\n/g, "; ") });
  }

  let config: Config | undefined;
  try {
    config = loadConfig(o.configDir);
    const targets = listTargets(config, { source: o.source });
    if (o.source && !config.sources.has(o.source)) throw new Error(`unknown source "${o.source}"`);
    add({
      status: "ok",
      name: "config",
      detail: `${config.sources.size} sources, ${config.brands.length} brands, ${targets.length} targets${o.source ? ` on ${o.source}` : ""} (${o.configDir})`,
    });
  } catch (err) {
    const lines = message(err).split("\n");
    add({ status: "fail", name: "config", detail: `${lines[0]} ${lines.slice(1, 4).join("; ")}` });
  }

  let storeClock: Date | undefined;
  if (!env) add({ status: "skip", name: "store", detail: "the environment is invalid" });
  else storeClock = await checkStore(env, add);

  let slackDate: Date | undefined;
  if (!config) add({ status: "skip", name: "slack", detail: "the configuration is invalid" });
  else {
    const probe = await probeSlack(config, raw);
    slackDate = probe.serverDate;
    if (probe.lines.length === 0)
      add({ status: "skip", name: "slack", detail: "no Slack notifier or digest channel" });
    for (const l of probe.lines) add({ status: l.ok ? "ok" : "fail", name: l.name, detail: l.detail });
  }

  if (!env || !config)
    add({ status: "skip", name: "chromium", detail: "the environment or configuration is invalid" });
  else await checkChromium(env, config, add);

  if (!env || !config)
    add({ status: "skip", name: "dns", detail: "the environment or configuration is invalid" });
  else await checkDns(env, config, o.source, add);

  checkClock(
    add,
    storeClock
      ? { what: "the store", at: storeClock }
      : slackDate
        ? { what: "Slack", at: slackDate }
        : undefined,
  );
  return checks;
}

async function checkStore(env: Env, add: (c: Check) => void): Promise<Date | undefined> {
  let store: Store | undefined;
  try {
    store = await openStore(env);
    const mentions = await store.countMentions();
    const facts: string[] = [`${mentions} mentions`];
    const s = store as Store & {
      schemaVersion?: () => number;
      hosts?: string;
      database?: string;
      hasTtl?: () => boolean;
    };
    if (typeof s.schemaVersion === "function")
      facts.push(`schema v${s.schemaVersion()} (migrations applied)`);
    if (s.hosts)
      facts.push(
        `${s.hosts}/${s.database}, indexes ensured${s.hasTtl?.() === false ? " (no TTL indexes on this server)" : ""}`,
      );
    facts.push(hasLeases(store) ? "leases" : "NO leases (replicas may crawl one source at once)");
    if (!hasDigest(store)) facts.push("no digest support");
    const where = env.REPWATCH_STORE === "sqlite" ? `sqlite ${env.REPWATCH_DB}` : "mongodb";
    add({ status: hasLeases(store) ? "ok" : "warn", name: "store", detail: `${where}: ${facts.join(", ")}` });
    // the store's clock, when it has one of its own (MongoDB): leases expire by it
    const clock = (store as { serverClock?: () => Promise<Date> }).serverClock;
    return clock ? await clock() : undefined;
  } catch (err) {
    add({ status: "fail", name: "store", detail: message(err) });
    return undefined;
  } finally {
    await store?.close().catch(() => {});
  }
}

async function checkChromium(env: Env, config: Config, add: (c: Check) => void): Promise<void> {
  const browserSources = [...config.sources.values()].filter((s) => s.fetch.mode === "browser").length;
  const why = [browserSources ? `${browserSources} browser sources` : "", "the digest PDF"]
    .filter(Boolean)
    .join(" and ");
  let path: string;
  try {
    path = findChromium(env.REPWATCH_CHROMIUM_PATH);
  } catch (err) {
    add({ status: "fail", name: "chromium", detail: `${message(err)} (needed for ${why})` });
    return;
  }
  const started = Date.now();
  try {
    const browser = await chromium.launch({
      executablePath: path,
      args: CHROMIUM_ARGS,
      headless: true,
      timeout: 60_000,
    });
    try {
      const page = await browser.newPage();
      await page.setContent("<p>ok</p>");
      const text = await page.textContent("p");
      if (text !== "ok") throw new Error("a page did not render");
      add({
        status: "ok",
        name: "chromium",
        detail: `${path} ${browser.version()} launches and renders (${Date.now() - started} ms; needed for ${why})`,
      });
    } finally {
      await browser.close();
    }
  } catch (err) {
    add({
      status: "fail",
      name: "chromium",
      detail: `${path} does not launch: ${message(err).split("\n")[0]}`,
    });
  }
}

async function checkDns(
  env: Env,
  config: Config,
  source: string | undefined,
  add: (c: Check) => void,
): Promise<void> {
  const map = parseOriginMap(env.REPWATCH_ORIGIN_MAP);
  const hosts = new Map<string, string>();
  for (const t of listTargets(config, { source })) {
    const u = new URL(t.startUrl);
    if (!hosts.has(u.host))
      hosts.set(u.host, map.isMapped(t.startUrl) ? map.toPhysical(t.startUrl) : t.startUrl);
  }
  if (hosts.size === 0) add({ status: "skip", name: "dns", detail: "no targets" });
  for (const [host, physical] of hosts) {
    const target = new URL(physical).hostname;
    const via = physical.startsWith(`${new URL(physical).protocol}//${host}`)
      ? ""
      : ` (via REPWATCH_ORIGIN_MAP: ${target})`;
    try {
      const r = await Promise.race([
        lookup(target),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error("timed out after 5 s")), 5000).unref(),
        ),
      ]);
      add({ status: "ok", name: "dns", detail: `${host} → ${r.address}${via}` });
    } catch (err) {
      add({ status: "fail", name: "dns", detail: `${host} does not resolve${via}: ${message(err)}` });
    }
  }
}

function checkClock(add: (c: Check) => void, ref?: { what: string; at: Date }): void {
  const now = new Date();
  if (now.getTime() < NOT_BEFORE || now.getUTCFullYear() > 2100) {
    add({
      status: "fail",
      name: "clock",
      detail: `${now.toISOString()} is not a plausible date: fix the system clock`,
    });
    return;
  }
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!ref) {
    add({
      status: "ok",
      name: "clock",
      detail: `${now.toISOString()} (system zone ${zone}; no reference clock to compare with)`,
    });
    return;
  }
  // an HTTP Date header has whole seconds: allow for that
  const skew = now.getTime() - ref.at.getTime();
  const detail = `${now.toISOString()}, ${Math.round(skew / 1000)} s from ${ref.what}'s clock (system zone ${zone})`;
  add(
    Math.abs(skew) <= MAX_SKEW_MS
      ? { status: "ok", name: "clock", detail }
      : { status: "fail", name: "clock", detail: `${detail}: sync the clock (NTP)` },
  );
}
