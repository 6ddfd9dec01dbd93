/** Contract: ingest — idempotence, new/changed detection, alert intents written with the mention. */
import { expect, it } from "vitest";
import { contentHashOf } from "../../src/domain/mention.js";
import { type AlertDecider, outboxKeyOf } from "../../src/store/store.js";
import { at, type HarnessRef, T0 } from "./contract-harness.js";
import { makeScoredMention, makeScoredMentions, noAlerts, recordingDecider } from "./fixtures.js";

export function ingestContract(h: HarnessRef): void {
  it("init twice is harmless", async () => {
    const { store } = h();
    await store.ingest(makeScoredMentions(3), noAlerts, T0);
    await store.init();
    expect(await store.countMentions()).toBe(3);
    const again = await store.ingest(makeScoredMentions(4), noAlerts, at(1000));
    expect([again.new, again.unchanged]).toEqual([1, 3]);
  });

  it("stores a new mention with first/last seen, content hash and version 1", async () => {
    const { store } = h();
    const m = makeScoredMention(7);
    const r = await store.ingest([m], noAlerts, T0);
    expect(r).toEqual({
      items: [{ id: m.id, status: "new", alertsQueued: 0 }],
      new: 1,
      changed: 0,
      unchanged: 0,
      alertsQueued: 0,
    });
    const iso = T0.toISOString();
    expect(await store.getMention(m.id)).toEqual({
      ...m,
      firstSeenAt: iso,
      lastSeenAt: iso,
      contentHash: contentHashOf(m),
      version: 1,
    });
    expect(await store.getMention("acme/otzovik:nope")).toBeUndefined();
  });

  it("is idempotent: the same batch twice stores nothing twice and reports unchanged", async () => {
    const { store } = h();
    const batch = makeScoredMentions(50);
    const first = await store.ingest(batch, noAlerts, T0);
    expect([first.new, first.changed, first.unchanged]).toEqual([50, 0, 0]);
    expect(first.items.map((i) => i.id)).toEqual(batch.map((m) => m.id));
    const second = await store.ingest(batch, noAlerts, at(60_000));
    expect([second.new, second.changed, second.unchanged]).toEqual([0, 0, 50]);
    expect(second.items.every((i) => i.status === "unchanged")).toBe(true);
    expect(await store.countMentions()).toBe(50);
    const stored = await store.getMention(batch[3]!.id);
    expect(stored?.firstSeenAt).toBe(T0.toISOString());
    expect(stored?.lastSeenAt).toBe(at(60_000).toISOString());
    expect(stored?.version).toBe(1);
  });

  it("an empty batch is a no-op", async () => {
    const { store } = h();
    expect(await store.ingest([], noAlerts, T0)).toEqual({
      items: [],
      new: 0,
      changed: 0,
      unchanged: 0,
      alertsQueued: 0,
    });
    expect(await store.countMentions()).toBe(0);
  });

  it("detects edits: text, rating, a company reply each make one change, then unchanged", async () => {
    const { store } = h();
    const decide = recordingDecider();
    const v1 = makeScoredMention(1);
    const v2 = { ...v1, text: `${v1.text} UPD: деньги вернули через месяц.` };
    const v3 = { ...v2, rating: 3 };
    const v4 = { ...v3, reply: { text: "Приносим извинения, разобрались.", author: "Акме" } };
    const steps = [v1, v1, v2, v2, v3, v3, v4, v4];
    const statuses: string[] = [];
    for (const [n, m] of steps.entries()) {
      statuses.push((await store.ingest([m], decide, at(n * 1000))).items[0]!.status);
    }
    expect(statuses).toEqual([
      "new",
      "unchanged",
      "changed",
      "unchanged",
      "changed",
      "unchanged",
      "changed",
      "unchanged",
    ]);
    const stored = await store.getMention(v1.id);
    expect(stored).toMatchObject({
      version: 4,
      firstSeenAt: T0.toISOString(),
      lastSeenAt: at(7000).toISOString(),
      contentHash: contentHashOf(v4),
      text: v4.text,
      rating: 3,
      reply: v4.reply,
    });
    expect(decide.calls).toEqual([
      { id: v1.id, change: "new", version: 1 },
      { id: v1.id, change: "changed", version: 2 },
      { id: v1.id, change: "changed", version: 3 },
      { id: v1.id, change: "changed", version: 4 },
    ]);
    expect(await store.countMentions()).toBe(1);
  });

  it("a change outside the content hash (likes, analysis) is unchanged", async () => {
    const { store } = h();
    const m = makeScoredMention(2);
    await store.ingest([m], noAlerts, T0);
    const r = await store.ingest([{ ...m, likes: 12 }], noAlerts, at(1));
    expect(r.items[0]!.status).toBe("unchanged");
    expect((await store.getMention(m.id))?.version).toBe(1);
  });

  it("calls decide only for new and changed mentions, with the stored mention", async () => {
    const { store } = h();
    const decide = recordingDecider();
    const batch = makeScoredMentions(10);
    await store.ingest(batch, decide, T0);
    expect(decide.calls.map((c) => c.id)).toEqual(batch.map((m) => m.id));
    expect(decide.calls.every((c) => c.change === "new" && c.version === 1)).toBe(true);
    decide.calls.length = 0;
    const edited = batch.map((m, i) => (i === 4 ? { ...m, title: "Новый заголовок" } : m));
    await store.ingest(edited, decide, at(1000));
    expect(decide.calls).toEqual([{ id: batch[4]!.id, change: "changed", version: 2 }]);
  });

  it("writes one outbox row per mention × rule × notifier; re-ingest never duplicates", async () => {
    const { store } = h();
    const decide = recordingDecider();
    const batch = makeScoredMentions(20); // ratings 1..5 cycle: 8 of 20 are negative
    const negatives = batch.filter((m) => m.analysis.label === "negative");
    const first = await store.ingest(batch, decide, T0);
    expect(first.alertsQueued).toBe(negatives.length * 2);
    expect(first.items.find((i) => i.id === negatives[0]!.id)?.alertsQueued).toBe(2);
    await store.ingest(batch, decide, at(1000));
    await store.ingest(batch.slice(0, 5), decide, at(2000));
    const rows = await store.listAlerts();
    expect(rows).toHaveLength(negatives.length * 2);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    const one = await store.listAlerts({ mentionId: negatives[0]!.id });
    expect(one.map((r) => r.key).sort()).toEqual(
      [
        outboxKeyOf(negatives[0]!.id, "negative", "console"),
        outboxKeyOf(negatives[0]!.id, "negative", "slack-orm"),
      ].sort(),
    );
    expect(one.find((r) => r.notifierId === "slack-orm")).toEqual({
      key: outboxKeyOf(negatives[0]!.id, "negative", "slack-orm"),
      mentionId: negatives[0]!.id,
      ruleId: "negative",
      notifierId: "slack-orm",
      severity: "warning",
      change: "new",
      state: "pending",
      attempts: 0,
      createdAt: T0.toISOString(),
      notBefore: T0.toISOString(),
    });
  });

  it("an edit alerts once more under a #v<version> key; an edit that first qualifies uses the base key", async () => {
    const { store } = h();
    const decide = recordingDecider([{ ruleId: "negative", notifierId: "slack-orm", severity: "critical" }]);
    const neg = makeScoredMention(0); // rating 1: negative
    const neutral = makeScoredMention(2); // rating 3: neutral, no alert
    await store.ingest([neg, neutral], decide, T0);
    const negEdited = { ...neg, text: `${neg.text} Стало ещё хуже.` };
    const turnedNegative = {
      ...neutral,
      rating: 1,
      analysis: { ...neutral.analysis, label: "negative" as const },
    };
    for (const n of [1, 2]) await store.ingest([negEdited, turnedNegative], decide, at(n * 1000));
    const negRows = await store.listAlerts({ mentionId: neg.id });
    expect(negRows.map((r) => [r.key, r.change]).sort((x, y) => x[0]!.localeCompare(y[0]!))).toEqual([
      [outboxKeyOf(neg.id, "negative", "slack-orm"), "new"],
      [outboxKeyOf(neg.id, "negative", "slack-orm", 2), "changed"],
    ]);
    const turnedRows = await store.listAlerts({ mentionId: neutral.id });
    expect(turnedRows.map((r) => [r.key, r.change])).toEqual([
      [outboxKeyOf(neutral.id, "negative", "slack-orm"), "changed"],
    ]);
  });

  it("repeated intents in one decision make one row", async () => {
    const { store } = h();
    const intent = { ruleId: "r", notifierId: "console", severity: "info" } as const;
    const r = await store.ingest([makeScoredMention(5)], () => [intent, intent, intent], T0);
    expect(r.alertsQueued).toBe(1);
    expect(await store.listAlerts()).toHaveLength(1);
  });

  it("a failing decision rolls the whole batch back: no mention is stored without its intents", async () => {
    const { store } = h();
    const batch = makeScoredMentions(10);
    const boom: AlertDecider = (m) => {
      if (m.id === batch[6]!.id) throw new Error("rule blew up");
      return [{ ruleId: "all", notifierId: "console", severity: "info" }];
    };
    await expect(store.ingest(batch, boom, T0)).rejects.toThrow("rule blew up");
    expect(await store.countMentions()).toBe(0);
    expect(await store.listAlerts()).toEqual([]);
    const ok = await store.ingest(batch, noAlerts, at(1));
    expect(ok.new).toBe(10);
  });
}
