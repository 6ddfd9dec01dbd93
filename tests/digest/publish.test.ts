/**
 * Publishing through the fake Slack with the real WebClient: the summary and the PDF in its thread
 * (the three files.uploadV2 steps), once per brand × week × channel however often the job runs, failed
 * steps retried without a second file or message, and Slack's refusals reported with what to fix.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackApi } from "../../src/alert/slack/api.js";
import { collectDigest } from "../../src/digest/collect.js";
import type { Digest } from "../../src/digest/model.js";
import { DIGEST_EVENT_TYPE, type PublishOutcome, publishDigest } from "../../src/digest/publish.js";
import { parseIsoWeek, weekRange } from "../../src/digest/week.js";
import { digestKeyOf } from "../../src/store/digest-port.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { blockProblem } from "../fakes/slack/methods.js";
import { DEFAULT_CHANNELS, type FakeSlack, startFakeSlack } from "../fakes/slack/server.js";
import { noAlerts } from "../store/fixtures.js";
import { worldConfig, worldMentions } from "./world.js";

const CHANNEL = "C0DIGEST01";
const TOKEN = "xoxb-digest-test-0001";
const WEEK = parseIsoWeek("2026-W47");
const PDF = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(40_000, 0x41)]);

describe("publishing the digest to Slack (fake Slack, real WebClient)", () => {
  const dir = mkdtempSync(join(tmpdir(), "repwatch-digest-publish-"));
  let digest: Digest;
  let store: SqliteStore;
  let slack: FakeSlack;
  let jobs = 0;
  let stores = 0;

  beforeAll(async () => {
    const s = openSqliteStore(join(dir, "world.db"));
    await s.init();
    const range = weekRange(WEEK, "Europe/Moscow");
    for (const batch of worldMentions({ weekStart: new Date(range.from), weeks: 3, perWeek: 60 }))
      await s.ingest(batch, noAlerts, new Date(range.to));
    digest = await collectDigest({
      store: s,
      config: worldConfig(),
      brandId: "romashka",
      week: WEEK,
      now: new Date(range.to),
    });
    await s.close();
  });
  beforeEach(async () => {
    store = openSqliteStore(join(dir, `publish-${++stores}.db`));
    await store.init();
    slack = await startFakeSlack({ channels: [...DEFAULT_CHANNELS, { id: CHANNEL, name: "marketing" }] });
  });
  afterEach(async () => {
    await store.close();
    await slack.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const publish = (
    o: { channel?: string; recipients?: string[]; attempts?: number } = {},
  ): Promise<PublishOutcome> =>
    publishDigest({
      store,
      api: createSlackApi({ token: TOKEN, apiUrl: slack.apiUrl, timeoutMs: 2_000 }),
      policy: { attempts: o.attempts ?? 3, maxWaitSeconds: 2 },
      channel: o.channel ?? CHANNEL,
      recipients: o.recipients ?? [],
      digest,
      pdf: PDF,
      holder: `job-${++jobs}`,
      timeoutMs: 2_000,
    });
  const calls = (method: string) => slack.requests.filter((r) => r.method === method);
  const fileMessages = () => slack.messages(CHANNEL).filter((m) => m.files?.length);
  const key = () => digestKeyOf("romashka", "2026-W47", CHANNEL);

  it("posts the three numbers with arrows, then the PDF in the summary's thread; a second run posts nothing", async () => {
    const first = await publish({ recipients: ["U0MARKETER", "S0COMMSTEAM"] });
    expect(first).toMatchObject({ status: "published", key: key() });
    const [summary, file, ...rest] = slack.messages(CHANNEL);
    expect(rest).toEqual([]);
    expect(summary!.metadata).toEqual({ event_type: DIGEST_EVENT_TYPE, event_payload: { key: key() } });
    expect(blockProblem(summary!.blocks)).toBeUndefined();
    const fields = (summary!.blocks![1] as { fields: { text: string }[] }).fields.map((f) => f.text);
    expect(fields[0]).toMatch(/^\*Mentions\*\n\*[\d\u202f]+\*\s+[▲▼→] /);
    expect(fields[1]).toMatch(/^\*Negative\*\n\*\d+\.\d%\*\s+[▲▼→] /);
    expect(fields[2]).toMatch(/^\*Rating\*\n\*\d\.\d ★\*\s+[▲▼→] /);
    expect(JSON.stringify(summary!.blocks)).toContain("cc <@U0MARKETER> <!subteam^S0COMMSTEAM>");
    expect(summary!.text).toMatch(/^Weekly digest Банк Ромашка 2026-W47: \d+ mentions/);
    expect(file).toMatchObject({
      thread_ts: summary!.ts,
      files: [{ id: first.status === "published" ? first.fileId : "" }],
    });
    expect(file!.files![0]!.title).toBe("Weekly digest — Банк Ромашка — 2026-W47");
    expect(calls("files.getUploadURLExternal")[0]!.body).toMatchObject({
      filename: "romashka-2026-W47.pdf",
      length: String(PDF.length),
    });
    expect(calls("upload")[0]!.body.bytes).toBeGreaterThan(PDF.length);
    expect(slack.workspace.files.size).toBe(1);
    expect(await store.getDigest(key())).toMatchObject({
      state: "sent",
      messageTs: summary!.ts,
      shared: true,
      uploaded: true,
    });

    const before = slack.requests.length;
    expect(await publish()).toEqual({ status: "already-published", key: key() });
    expect(slack.requests.length).toBe(before);
  });

  it("a failed upload of the bytes is retried to the same upload URL: still one file", async () => {
    slack.fault("upload", { kind: "status", status: 500 }, { kind: "hang" });
    expect((await publish()).status).toBe("published");
    expect(calls("files.getUploadURLExternal")).toHaveLength(1);
    expect(calls("upload")).toHaveLength(3);
    expect(slack.workspace.files.size).toBe(1);
    expect(fileMessages()).toHaveLength(1);
  });

  it("a completion whose answer was lost is found in the thread, not repeated", async () => {
    slack.fault("files.completeUploadExternal", { kind: "store-then-drop" });
    expect((await publish()).status).toBe("published");
    expect(calls("files.completeUploadExternal")).toHaveLength(1);
    expect(calls("conversations.replies").length).toBeGreaterThanOrEqual(1);
    expect(fileMessages()).toHaveLength(1);
  });

  it("a step failing past the run's retries is deferred; the next run resumes there without a second summary or file", async () => {
    slack.fault(
      "files.completeUploadExternal",
      ...Array.from({ length: 3 }, () => ({ kind: "status" as const, status: 503 })),
    );
    const first = await publish();
    expect(first).toMatchObject({
      status: "deferred",
      error: "Slack files.completeUploadExternal: HTTP 503",
    });
    const saved = await store.getDigest(key());
    expect(saved).toMatchObject({ state: "pending", uploaded: true, attempts: 1 });
    expect(saved?.messageTs).toBeDefined();
    expect(saved?.shared).toBeUndefined();
    expect(fileMessages()).toHaveLength(0);

    expect((await publish()).status).toBe("published");
    expect(calls("chat.postMessage")).toHaveLength(1);
    expect(calls("files.getUploadURLExternal")).toHaveLength(1);
    expect(calls("upload")).toHaveLength(1);
    expect(slack.messages(CHANNEL).filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(fileMessages()).toHaveLength(1);
    expect(await store.getDigest(key())).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("a summary whose answer was lost is found by its key, not posted twice; a short rate limit is waited out", async () => {
    slack.fault("chat.postMessage", { kind: "store-then-drop" });
    slack.fault("files.getUploadURLExternal", { kind: "rate-limit", retryAfter: 1 });
    expect((await publish()).status).toBe("published");
    expect(calls("chat.postMessage")).toHaveLength(1);
    expect(calls("conversations.history").length).toBeGreaterThanOrEqual(1);
    expect(calls("files.getUploadURLExternal")).toHaveLength(2);
    expect(slack.messages(CHANNEL).filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(fileMessages()).toHaveLength(1);
  });

  it("Slack refusing the channel fails it for good, saying what to fix; it is not retried", async () => {
    const out = await publish({ channel: "C0NOTMEMBR" });
    expect(out).toMatchObject({ status: "failed" });
    expect(out.status === "failed" && out.error).toMatch(
      /not_in_channel — the bot is not a member of the channel: \/invite/,
    );
    const n = slack.requests.length;
    expect((await publish({ channel: "C0NOTMEMBR" })).status).toBe("failed");
    expect(slack.requests.length).toBe(n);
  });

  it("two jobs at once: one publishes, the other is told it is busy", async () => {
    const outcomes = await Promise.all([publish(), publish()]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["busy", "published"]);
    expect(slack.messages(CHANNEL).filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(fileMessages()).toHaveLength(1);
  });
});
