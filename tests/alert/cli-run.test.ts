/**
 * End to end through the real CLI (`repwatch run`) with the repository's own rules/alerts.yaml: the
 * replica web and the fake Slack on 127.0.0.1. The first run has no SLACK_BOT_TOKEN (a first run
 * without Slack configured): console alerts print, Slack alerts wait. The second run has the token:
 * one Slack message per alert-worthy review, the hostile one escaped. Only the otzovik targets are crawled
 * (`--source otzovik`): the counts below are the otzovik replica's, whatever other platforms rules/ lists.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import { runCli } from "../helpers/cli.js";
import { HOSTILE_REVIEW_ID, REVIEWS } from "../web/otzovik/reviews.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";
import { allSites } from "../web/sites.js";

let web: ReplicaWeb;
let slack: FakeSlack;
let dir: string;

beforeAll(async () => {
  web = await startReplicaWeb(allSites);
  slack = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), "repwatch-cli-alerts-"));
});
afterAll(async () => {
  await web?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("repwatch run with Slack alerts", () => {
  it("without a token: console alerts, Slack alerts pending; with it: one message per alert", async () => {
    const env = {
      REPWATCH_DB: join(dir, "repwatch.db"),
      REPWATCH_ORIGIN_MAP: web.originMap,
      REPWATCH_ALLOW_ADDRESSES: web.allowAddresses,
      REPWATCH_SLACK_API_URL: slack.apiUrl,
      REPWATCH_LOG_LEVEL: "warn",
    };
    const first = await runCli(["run", "--force", "--source", "otzovik"], {
      env: { ...env, SLACK_BOT_TOKEN: "" },
    });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/New negative review about Банк Ромашка on otzovik/);
    expect(first.stdout).toMatch(
      /alert problem: notifier "slack-reputation" not sent: SLACK_BOT_TOKEN is not set/,
    );
    expect(slack.requests).toHaveLength(0);

    const store = openSqliteStore(env.REPWATCH_DB);
    await store.init();
    const pending = (await store.listAlerts({ state: "pending" })).filter(
      (r) => r.notifierId === "slack-reputation",
    );
    const negativeReviews = new Set(pending.map((r) => r.mentionId));
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.length).toBe(negativeReviews.size);
    await store.close();

    // Held rows wait a minute before the next try; rather than sleep, make them due now.
    const db = openSqliteStore(env.REPWATCH_DB);
    await db.init();
    for (const r of pending) await db.markAlertFailed(r.key, r.lastError ?? "", new Date(Date.now() - 1000));
    await db.close();

    const second = await runCli(["run", "--force", "--source", "otzovik"], {
      env: { ...env, SLACK_BOT_TOKEN: "xoxb-test-cli-0001" },
    });
    expect(second.code, second.stderr).toBe(0);
    const posts = slack.requests.filter((r) => r.method === "chat.postMessage" && r.ok);
    const alertKeys = posts
      .map((p) => (p.body.metadata as { event_payload: { key: string } }).event_payload.key)
      .filter((k) => !k.startsWith("batch:"));
    expect(alertKeys.sort()).toEqual(pending.map((r) => r.key).sort());
    const hostile = posts.find((p) => JSON.stringify(p.body).includes(`review_${HOSTILE_REVIEW_ID}`));
    expect(hostile).toBeDefined();
    const text = JSON.stringify(hostile!.body);
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).toContain("&lt;http://evil.example|bank.ru&gt;");
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<http://evil.example");
    // none of the clearly positive reviews (4-5 stars) alerted
    expect(negativeReviews.size).toBeLessThanOrEqual(
      REVIEWS.filter((r) => r.stage === 0 && r.rating <= 3).length,
    );
  });

  it("an ok:false error (the channel does not exist) fails the alerts, is named in the summary, exit 1", async () => {
    const noChannel = await startFakeSlack({ channels: [{ id: "C0OPS00001", name: "repwatch-ops" }] });
    try {
      const res = await runCli(["run", "--force", "--source", "otzovik"], {
        env: {
          REPWATCH_DB: join(dir, "no-channel.db"),
          REPWATCH_ORIGIN_MAP: web.originMap,
          REPWATCH_ALLOW_ADDRESSES: web.allowAddresses,
          REPWATCH_SLACK_API_URL: noChannel.apiUrl,
          REPWATCH_LOG_LEVEL: "silent",
          SLACK_BOT_TOKEN: "xoxb-test-cli-0002",
        },
      });
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(/alerts: .* [1-9]\d* failed/);
      expect(res.stdout).toMatch(
        /alert problem: Slack chat\.postMessage: channel_not_found — the channel does not exist/,
      );
      // not retried: the batch summary was the only post, its alerts failed with it
      expect(noChannel.requests.filter((r) => r.method === "chat.postMessage")).toHaveLength(1);
    } finally {
      await noChannel.close();
    }
  });
});
