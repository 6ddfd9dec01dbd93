import { afterEach, describe, expect, it } from "vitest";
import { makeScoredMention } from "../store/fixtures.js";
import { CHANNEL, makeWorld, metadataKeys, type World } from "./harness.js";

let world: World;
afterEach(async () => world?.close());

const negatives = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => makeScoredMention((from + i) * 5));

describe("batching", () => {
  it("more than batchOver alerts for a channel in one run: one summary, the alerts in its thread", async () => {
    world = await makeWorld();
    await world.ingest(negatives(7));
    expect(await world.deliver()).toMatchObject({ sent: 7, failed: 0 });
    const top = world.slack.workspace.history(CHANNEL);
    expect(top).toHaveLength(1);
    expect(top[0]!.text).toMatch(/7 new alerts/);
    expect(top[0]!.metadata?.event_type).toBe("repwatch_batch");
    const thread = world.slack.workspace.thread(CHANNEL, top[0]!.ts);
    expect(thread).toHaveLength(8);
    const rows = await world.store.listAlerts();
    expect(rows.every((r) => r.state === "sent" && r.receipt?.endsWith(`/${top[0]!.ts}`))).toBe(true);
    expect(
      metadataKeys(world.slack)
        .filter((k) => !k.startsWith("batch:"))
        .sort(),
    ).toEqual(rows.map((r) => r.key).sort());
  });

  it("up to batchOver alerts go out one by one", async () => {
    world = await makeWorld();
    await world.ingest(negatives(5));
    expect(await world.deliver()).toMatchObject({ sent: 5 });
    expect(world.slack.workspace.history(CHANNEL)).toHaveLength(5);
  });

  it("a summary that cannot be posted leaves its alerts pending", async () => {
    world = await makeWorld();
    world.slack.fault("chat.postMessage", { kind: "rate-limit" });
    await world.ingest(negatives(6));
    expect(await world.deliver()).toMatchObject({ sent: 0, retrying: 6 });
    expect((await world.store.listAlerts()).every((r) => r.state === "pending")).toBe(true);
    expect(await world.deliver({ now: new Date(Date.now() + 3_600_000) })).toMatchObject({ sent: 6 });
    expect(world.slack.workspace.history(CHANNEL)).toHaveLength(1);
    expect(world.slack.messages(CHANNEL)).toHaveLength(7);
  });

  it("a reply in the summary's thread stored then dropped: found in the thread, not reposted", async () => {
    world = await makeWorld();
    world.slack.fault("chat.postMessage", { kind: "pass" }, { kind: "pass" }, { kind: "store-then-drop" });
    await world.ingest(negatives(6));
    expect(await world.deliver()).toMatchObject({ sent: 6, retrying: 0 });
    const [summary] = world.slack.workspace.history(CHANNEL);
    expect(world.slack.workspace.thread(CHANNEL, summary!.ts)).toHaveLength(7);
    expect(world.slack.requests.map((r) => r.method)).toContain("conversations.replies");
  });
});
