/**
 * A small world for alert tests: a real SQLite store in a temp dir, the fake Slack on 127.0.0.1 driven
 * by the real WebClient, notifiers built from an alerts.yaml-shaped object, and the real decision.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { decideAlerts } from "../../src/alert/decide.js";
import { type DeliveryResult, deliverPending } from "../../src/alert/deliver.js";
import { createNotifiers } from "../../src/alert/notifiers/index.js";
import { AlertsFile } from "../../src/config/alerts.js";
import { Brand } from "../../src/config/brands.js";
import type { ScoredMention } from "../../src/domain/mention.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";

export const TOKEN = "xoxb-test-0000000001";
export const CHANNEL = "C0ALERTS01";
export const OPS = "C0OPS00001";

export const BRANDS = [
  Brand.parse({ id: "acme", name: "Акме", aliases: ["Acme"], targets: [{ source: "otzovik", id: "acme" }] }),
];

/** Negatives to Slack (fast timeouts for tests) and to the console. */
export function alertsConfig(
  extra: Record<string, unknown> = {},
  slack: Record<string, unknown> = {},
): unknown {
  return {
    notifiers: [
      { id: "console", type: "console" },
      {
        id: "slack",
        type: "slack",
        channel: CHANNEL,
        timeoutMs: 400,
        attempts: 3,
        maxWaitSeconds: 2,
        ...slack,
      },
      { id: "ops", type: "slack", channel: OPS, timeoutMs: 400 },
    ],
    rules: [
      {
        id: "negative",
        match: { sentiment: ["negative"], on: ["new", "changed"] },
        notify: ["slack"],
        severity: "warning",
      },
    ],
    ...extra,
  };
}

export interface World {
  dir: string;
  dbPath: string;
  store: SqliteStore;
  slack: FakeSlack;
  alerts: AlertsFile;
  env: Record<string, string>;
  console: string[];
  ingest(mentions: ScoredMention[], now?: Date): ReturnType<Store["ingest"]>;
  deliver(opts?: { now?: Date; env?: Record<string, string | undefined> }): Promise<DeliveryResult>;
  /** Posts recorded by the fake (chat.postMessage requests Slack answered ok). */
  posts(): { body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export const silentLog = pino({ level: "silent" });

export async function makeWorld(config: unknown = alertsConfig()): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), "repwatch-alert-"));
  const dbPath = join(dir, "repwatch.db");
  const store = openSqliteStore(dbPath);
  await store.init();
  const slack = await startFakeSlack();
  const alerts = AlertsFile.parse(config);
  const env = { SLACK_BOT_TOKEN: TOKEN, REPWATCH_SLACK_API_URL: slack.apiUrl };
  const consoleLines: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      consoleLines.push(String(chunk));
      done();
    },
  });
  return {
    dir,
    dbPath,
    store,
    slack,
    alerts,
    env,
    console: consoleLines,
    ingest: (mentions, now) =>
      store.ingest(mentions, (m, change) => decideAlerts(alerts.rules, m, change), now),
    async deliver(opts = {}) {
      const notifiers = createNotifiers(alerts.notifiers, {
        env: { ...env, ...opts.env },
        out,
        log: silentLog,
      });
      return deliverPending({
        store,
        notifiers,
        brands: BRANDS,
        alerts,
        log: silentLog,
        claimer: randomUUID(),
        now: opts.now ? () => opts.now as Date : undefined,
      });
    },
    posts: () =>
      slack.requests
        .filter((r) => r.method === "chat.postMessage" && r.ok === true)
        .map((r) => ({ body: r.body })),
    async close() {
      await store.close();
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Keys carried in the metadata of the messages in a channel. */
export function metadataKeys(slack: FakeSlack, channel = CHANNEL): string[] {
  return slack
    .messages(channel)
    .map((m) => m.metadata?.event_payload.key)
    .filter((k): k is string => typeof k === "string");
}
