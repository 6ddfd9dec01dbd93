import { readdirSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { NOTIFIER_PROVIDERS } from "../../src/alert/notifiers/index.js";
import { signWebhook } from "../../src/alert/notifiers/webhook.js";
import { NotifierConfig } from "../../src/config/alerts.js";
import { startFakeSlack } from "../fakes/slack/server.js";
import { makeScoredMention } from "../store/fixtures.js";
import { alertsConfig, CHANNEL, makeWorld, TOKEN, type World } from "./harness.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe("notifier registry", () => {
  it("equals the provider files in src/alert/notifiers, and covers every notifier type of the config", () => {
    const dir = join(import.meta.dirname, "..", "..", "src", "alert", "notifiers");
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "notifier.ts")
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(NOTIFIER_PROVIDERS).sort()).toEqual(files);
    for (const [type, provider] of Object.entries(NOTIFIER_PROVIDERS)) expect(provider.type).toBe(type);
    const configTypes = NotifierConfig.options.map((o) => o.shape.type.value).sort();
    expect(configTypes).toEqual(files);
  });
});

describe("Slack token missing at run time", () => {
  it("the Slack alerts stay pending with a clear problem line; console alerts still print", async () => {
    const config = alertsConfig() as { rules: { notify: string[] }[] };
    config.rules[0]!.notify = ["console", "slack"];
    world = await makeWorld(config);
    await world.ingest([makeScoredMention(0)]);
    const first = await world.deliver({ env: { SLACK_BOT_TOKEN: undefined } });
    expect(first).toMatchObject({ sent: 1, held: 1, failed: 0 });
    expect(first.problems).toEqual([
      expect.stringMatching(/"slack" not sent: SLACK_BOT_TOKEN is not set.*pending/),
    ]);
    expect(world.console.join("")).toMatch(/New negative review about Акме on otzovik/);
    const slackRow = (await world.store.listAlerts()).find((r) => r.notifierId === "slack");
    expect(slackRow).toMatchObject({ state: "pending", lastError: "not sent: SLACK_BOT_TOKEN is not set" });
    // once the token is there, it goes out, once
    expect(await world.deliver({ now: new Date(Date.now() + 5 * 60_000) })).toMatchObject({ sent: 1 });
    expect(world.slack.messages(CHANNEL)).toHaveLength(1);
  });
});

describe("critical rules", () => {
  it("mention their user group (and only they may)", async () => {
    world = await makeWorld(
      alertsConfig({
        rules: [
          {
            id: "legal",
            match: { risks: ["legal-threat"] },
            notify: ["slack"],
            severity: "critical",
            mention: "S0ORMTEAM1",
          },
        ],
      }),
    );
    await world.ingest([
      makeScoredMention(0, { analysis: { risks: [{ flag: "legal-threat", trigger: "суд" }] } }),
    ]);
    await world.deliver();
    const [m] = world.slack.messages(CHANNEL);
    expect(m!.text).toMatch(/^<!subteam\^S0ORMTEAM1> 🚨/);
    expect(JSON.stringify(m!.blocks)).toContain("<!subteam^S0ORMTEAM1>");
  });
});

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => resolve(body));
  });
}

describe("webhook notifier", () => {
  it("POSTs signed JSON with an idempotency key; retries a 5xx; a 4xx fails for good", async () => {
    const received: { headers: IncomingMessage["headers"]; body: string }[] = [];
    const answers = [503, 200, 404];
    const server = createServer(async (req, res) => {
      received.push({ headers: req.headers, body: await readBody(req) });
      res.writeHead(answers.shift() ?? 200).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      world = await makeWorld({
        notifiers: [{ id: "hook", type: "webhook", url, secretEnv: "HOOK_SECRET", timeoutMs: 1000 }],
        rules: [{ id: "neg", match: { sentiment: ["negative"] }, notify: ["hook"] }],
      });
      await world.ingest([makeScoredMention(0), makeScoredMention(5)]);
      const result = await world.deliver({ env: { HOOK_SECRET: "s3cret" } });
      expect(result).toMatchObject({ sent: 1, failed: 1 });
      expect(result.problems[0]).toMatch(/HTTP 404/);
      expect(received).toHaveLength(3);
      const [first, second] = received;
      expect(second!.body).toBe(first!.body);
      const ts = String(second!.headers["x-repwatch-timestamp"]);
      expect(second!.headers["x-repwatch-signature"]).toBe(signWebhook("s3cret", ts, second!.body));
      const payload = JSON.parse(second!.body);
      expect(second!.headers["idempotency-key"]).toBe(payload.key);
      expect(payload).toMatchObject({ type: "mention", content: { mention: { platform: "otzovik" } } });
      expect(second!.body).not.toContain("s3cret");
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("without its secret it is unavailable: alerts stay pending", async () => {
    world = await makeWorld({
      notifiers: [{ id: "hook", type: "webhook", url: "http://127.0.0.1:9/hook", secretEnv: "HOOK_SECRET" }],
      rules: [{ id: "neg", notify: ["hook"] }],
    });
    await world.ingest([makeScoredMention(0)]);
    expect(await world.deliver()).toMatchObject({ sent: 0, held: 1 });
  });
});

describe("the fake Slack", () => {
  it("answers auth.test and the three steps of files.uploadV2 for the real WebClient", async () => {
    const slack = await startFakeSlack();
    try {
      const client = new WebClient(TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
      expect(await client.auth.test()).toMatchObject({ ok: true, bot_id: "B0BOT00001" });
      const upload = await client.files.uploadV2({
        channel_id: CHANNEL,
        file: Buffer.from("%PDF-1.4 weekly digest"),
        filename: "digest.pdf",
        title: "Weekly digest",
        initial_comment: "This week's digest",
      });
      expect(upload.ok).toBe(true);
      expect(slack.requests.map((r) => r.method)).toEqual([
        "auth.test",
        "files.getUploadURLExternal",
        "upload",
        "files.completeUploadExternal",
      ]);
      const [message] = slack.messages(CHANNEL);
      expect(message).toMatchObject({ text: "This week's digest", files: [{ title: "Weekly digest" }] });
      expect([...slack.workspace.files.values()][0]).toMatchObject({ filename: "digest.pdf", length: 22 });
      const bad = new WebClient("xoxp-wrong", { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
      await expect(bad.auth.test()).rejects.toMatchObject({ data: { error: "invalid_auth" } });
    } finally {
      await slack.close();
    }
  });
});
