import { afterEach, describe, expect, it } from "vitest";
import { outboxKeyOf } from "../../src/store/store.js";
import { makeScoredMention } from "../store/fixtures.js";
import { CHANNEL, makeWorld, metadataKeys, type World } from "./harness.js";

/** Mention i of the fixtures is negative when i % 5 is 0 or 1 (rating 1 or 2). */
const negative = (i: number) => makeScoredMention(i * 5);

let world: World;
afterEach(async () => world?.close());

describe("Slack delivery through the outbox", () => {
  it("posts each alert once with its key in metadata and records Slack's ts", async () => {
    world = await makeWorld();
    await world.ingest([negative(0), negative(1), makeScoredMention(4)]);
    const first = await world.deliver();
    expect(first).toMatchObject({ sent: 2, retrying: 0, failed: 0 });
    const rows = await world.store.listAlerts();
    expect(rows.map((r) => r.state)).toEqual(["sent", "sent"]);
    for (const row of rows) expect(row.receipt).toMatch(new RegExp(`^${CHANNEL}/\\d+\\.\\d{6}$`));
    expect(metadataKeys(world.slack).sort()).toEqual(rows.map((r) => r.key).sort());
    const post = world.posts()[0]!.body;
    expect(post).toMatchObject({ unfurl_links: false, unfurl_media: false });
    expect(post).not.toHaveProperty("link_names");
    expect(post.parse).not.toBe("full");
    // a second run sends nothing
    expect(await world.deliver()).toMatchObject({ sent: 0 });
    expect(world.slack.messages(CHANNEL)).toHaveLength(2);
  });

  it("429 with Retry-After: waits it out and posts once", async () => {
    world = await makeWorld();
    world.slack.fault("chat.postMessage", { kind: "rate-limit", retryAfter: 1 });
    await world.ingest([negative(0)]);
    expect(await world.deliver()).toMatchObject({ sent: 1, retrying: 0 });
    const posts = world.slack.requests.filter((r) => r.method === "chat.postMessage");
    expect(posts.map((r) => r.outcome)).toEqual([429, 200]);
    expect(world.slack.messages(CHANNEL)).toHaveLength(1);
  });

  it("429 without Retry-After: stays pending and goes out on the next run", async () => {
    world = await makeWorld();
    world.slack.fault("chat.postMessage", { kind: "rate-limit" });
    await world.ingest([negative(0)]);
    expect(await world.deliver()).toMatchObject({ sent: 0, retrying: 1 });
    const [row] = await world.store.listAlerts();
    expect(row).toMatchObject({ state: "pending", lastError: expect.stringMatching(/rate limited/) });
    expect(world.slack.messages(CHANNEL)).toHaveLength(0);
    const later = new Date(Date.now() + 3_600_000);
    expect(await world.deliver({ now: later })).toMatchObject({ sent: 1 });
    expect(world.slack.messages(CHANNEL)).toHaveLength(1);
  });

  it("stored, then the connection dropped: the retry finds the key and does not repost", async () => {
    world = await makeWorld();
    world.slack.fault("chat.postMessage", { kind: "store-then-drop" });
    await world.ingest([negative(0)]);
    expect(await world.deliver()).toMatchObject({ sent: 1 });
    expect(world.slack.messages(CHANNEL)).toHaveLength(1);
    const methods = world.slack.requests.map((r) => r.method);
    expect(methods).toEqual(["chat.postMessage", "conversations.history"]);
    const [row] = await world.store.listAlerts();
    expect(row?.receipt).toBe(`${CHANNEL}/${world.slack.messages(CHANNEL)[0]!.ts}`);
  });

  it("Slack hangs: the request times out, the alert stays pending and goes out once later", async () => {
    world = await makeWorld();
    world.slack.fault("*", { kind: "hang" }, { kind: "hang" }, { kind: "hang" });
    await world.ingest([negative(0)]);
    expect(await world.deliver()).toMatchObject({ sent: 0, retrying: 1 });
    expect((await world.store.listAlerts())[0]).toMatchObject({
      state: "pending",
      lastError: expect.stringMatching(/timed out/),
    });
    expect(world.slack.messages(CHANNEL)).toHaveLength(0);
    expect(await world.deliver({ now: new Date(Date.now() + 3_600_000) })).toMatchObject({ sent: 1 });
    expect(world.slack.messages(CHANNEL)).toHaveLength(1);
  });

  it("a timeout after Slack stored the message: looked up, not reposted", async () => {
    world = await makeWorld();
    world.slack.fault("chat.postMessage", { kind: "store-then-hang" });
    await world.ingest([negative(0)]);
    expect(await world.deliver()).toMatchObject({ sent: 1 });
    expect(world.slack.messages(CHANNEL)).toHaveLength(1);
  });

  it.each(["channel_not_found", "not_in_channel", "invalid_auth"])(
    "ok:false %s: failed for good with a clear message, never retried",
    async (code) => {
      world = await makeWorld();
      world.slack.fault("chat.postMessage", { kind: "error", error: code });
      await world.ingest([negative(0)]);
      const result = await world.deliver();
      expect(result).toMatchObject({ sent: 0, failed: 1, retrying: 0 });
      expect(result.problems).toEqual([expect.stringContaining(code)]);
      const [row] = await world.store.listAlerts();
      expect(row).toMatchObject({ state: "failed", lastError: expect.stringContaining(code) });
      expect(await world.deliver({ now: new Date(Date.now() + 86_400_000) })).toMatchObject({
        sent: 0,
        failed: 0,
      });
      expect(world.slack.requests.filter((r) => r.method === "chat.postMessage")).toHaveLength(1);
    },
  );

  it("a channel the bot is not in, for real: not_in_channel from the fake's own state", async () => {
    world = await makeWorld({
      notifiers: [{ id: "slack", type: "slack", channel: "C0NOTMEMBR" }],
      rules: [{ id: "all", notify: ["slack"] }],
    });
    await world.ingest([negative(0)]);
    const result = await world.deliver();
    expect(result.failed).toBe(1);
    expect(result.problems[0]).toMatch(/not_in_channel — the bot is not a member/);
  });

  it("an edited review updates its original message and adds a thread note, no second alert", async () => {
    world = await makeWorld();
    const original = negative(0);
    await world.ingest([original]);
    await world.deliver();
    const [first] = world.slack.messages(CHANNEL);
    await world.ingest([
      { ...original, text: "Отредактировано: всё ещё ужасно, деньги не вернули.", rating: 1 },
    ]);
    expect(await world.deliver()).toMatchObject({ sent: 1 });
    const top = world.slack.workspace.history(CHANNEL);
    expect(top).toHaveLength(1);
    expect(top[0]!.edited).toBeDefined();
    expect(JSON.stringify(top[0]!.blocks)).toContain("Отредактировано");
    const thread = world.slack.workspace.thread(CHANNEL, first!.ts);
    expect(thread).toHaveLength(2);
    expect(thread[1]!.text).toMatch(/edited/);
    const editKey = outboxKeyOf(original.id, "negative", "slack", 2);
    expect(thread[1]!.metadata?.event_payload.key).toBe(editKey);
    const row = (await world.store.listAlerts()).find((r) => r.key === editKey);
    expect(row?.receipt).toBe(`${CHANNEL}/${thread[1]!.ts}/${first!.ts}`);
  });
});
