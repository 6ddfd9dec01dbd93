/** Contract: the alert outbox — claims, leases, sent/failed/retry. */
import { expect, it } from "vitest";
import { type OutboxIntent, outboxKeyOf, type Store } from "../../src/store/store.js";
import { at, type HarnessRef, T0 } from "./contract-harness.js";
import { makeScoredMention } from "./fixtures.js";

const ONE = [{ ruleId: "neg", notifierId: "slack", severity: "warning" }] as const;

/** `n` mentions, each with one pending alert; the i-th is created at T0 + i seconds. */
async function seed(store: Store, n: number): Promise<string[]> {
  for (let i = 0; i < n; i++) await store.ingest([makeScoredMention(i)], () => [...ONE], at(i * 1000));
  const rows = await store.listAlerts();
  expect(rows).toHaveLength(n);
  return rows.map((r) => r.key);
}

export function outboxContract(h: HarnessRef): void {
  it("claims due rows oldest first, moves them to sending with a lease, and never twice", async () => {
    const { store } = h();
    const keys = await seed(store, 7);
    const now = at(60_000);
    const a = await store.claimAlerts("worker-a", 3, 30_000, now);
    expect(a.map((r) => r.key)).toEqual(keys.slice(0, 3));
    expect(a[0]).toMatchObject({
      state: "sending",
      claimedBy: "worker-a",
      claimedUntil: at(90_000).toISOString(),
      attempts: 1,
    });
    const b = await store.claimAlerts("worker-b", 10, 30_000, now);
    expect(b.map((r) => r.key)).toEqual(keys.slice(3));
    expect(await store.claimAlerts("worker-c", 10, 30_000, now)).toEqual([]);
    const sending = await store.listAlerts({ state: "sending" });
    expect(sending).toHaveLength(7);
    expect(await store.listAlerts({ state: "pending" })).toEqual([]);
  });

  it("does not claim rows that are not yet due, nor with limit 0", async () => {
    const { store } = h();
    await seed(store, 3); // created at T0, T0+1s, T0+2s
    expect(await store.claimAlerts("w", 0, 1000, at(10_000))).toEqual([]);
    const early = await store.claimAlerts("w", 10, 1000, at(1000));
    expect(early).toHaveLength(2);
  });

  it("returns a crashed claimer's rows once the lease expires", async () => {
    const { store } = h();
    const keys = await seed(store, 2);
    const first = await store.claimAlerts("crashy", 10, 5_000, at(10_000));
    expect(first).toHaveLength(2);
    expect(await store.claimAlerts("rescuer", 10, 5_000, at(14_999))).toEqual([]);
    const second = await store.claimAlerts("rescuer", 10, 5_000, at(15_001));
    expect(second.map((r) => r.key)).toEqual(keys);
    expect(second.every((r) => r.claimedBy === "rescuer" && r.attempts === 2)).toBe(true);
  });

  it("never re-claims a sent row and keeps its receipt", async () => {
    const { store } = h();
    const [key] = await seed(store, 1);
    await store.claimAlerts("w", 1, 5_000, at(1000));
    await store.markAlertSent(key!, "1710072000.000100", at(2000));
    expect(await store.claimAlerts("w", 10, 5_000, at(10_000_000))).toEqual([]);
    const [row] = await store.listAlerts({ state: "sent" });
    expect(row).toMatchObject({
      key,
      state: "sent",
      receipt: "1710072000.000100",
      sentAt: at(2000).toISOString(),
    });
    expect(row?.attempts).toBe(1);
  });

  it("a failure with retryAt returns the row then; without retryAt it is failed for good", async () => {
    const { store } = h();
    const [k1, k2] = await seed(store, 2);
    await store.claimAlerts("w", 10, 5_000, at(5000));
    await store.markAlertFailed(k1!, "slack 503", at(65_000));
    await store.markAlertFailed(k2!, "channel_not_found");
    const pending = await store.listAlerts({ state: "pending" });
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      key: k1,
      lastError: "slack 503",
      notBefore: at(65_000).toISOString(),
    });
    expect(await store.listAlerts({ state: "failed" })).toMatchObject([
      { key: k2, lastError: "channel_not_found" },
    ]);
    expect(await store.claimAlerts("w", 10, 5_000, at(64_999))).toEqual([]);
    const again = await store.claimAlerts("w2", 10, 5_000, at(65_000));
    expect(again.map((r) => [r.key, r.attempts, r.claimedBy])).toEqual([[k1, 2, "w2"]]);
    await store.markAlertSent(k1!, undefined, at(66_000));
    expect(await store.claimAlerts("w3", 10, 5_000, at(10_000_000))).toEqual([]);
    expect((await store.listAlerts({ state: "sent" }))[0]?.receipt).toBeUndefined();
  });

  it("enqueueAlerts (optional): incident rows are idempotent by key, due at notBefore", async (ctx) => {
    const { store } = h();
    if (!store.enqueueAlerts) return ctx.skip();
    const storm = (notifierId: string, notBefore?: string): OutboxIntent => ({
      key: outboxKeyOf("storm:acme:2024-03-10", "storm", notifierId),
      mentionId: "storm:acme:2024-03-10",
      ruleId: "storm",
      notifierId,
      severity: "critical",
      change: "new",
      ...(notBefore ? { notBefore } : {}),
    });
    expect(await store.enqueueAlerts([storm("slack"), storm("console", at(60_000).toISOString())], T0)).toBe(
      2,
    );
    expect(await store.enqueueAlerts([storm("slack"), storm("console")], at(1000))).toBe(0);
    expect(await store.enqueueAlerts([], T0)).toBe(0);
    const rows = await store.listAlerts({ mentionId: "storm:acme:2024-03-10" });
    expect(rows.map((r) => [r.notifierId, r.state, r.notBefore, r.createdAt]).sort()).toEqual([
      ["console", "pending", at(60_000).toISOString(), T0.toISOString()],
      ["slack", "pending", T0.toISOString(), T0.toISOString()],
    ]);
    expect((await store.claimAlerts("w", 10, 600_000, at(1))).map((r) => r.notifierId)).toEqual(["slack"]);
    expect((await store.claimAlerts("w", 10, 1000, at(60_000))).map((r) => r.notifierId)).toEqual([
      "console",
    ]);
  });

  it("lists alerts by state and by mention", async () => {
    const { store } = h();
    const m = makeScoredMention(0);
    await store.ingest([m, makeScoredMention(1)], () => [...ONE], T0);
    expect(await store.listAlerts({ mentionId: m.id })).toMatchObject([{ mentionId: m.id, ruleId: "neg" }]);
    expect(await store.listAlerts({ state: "pending", mentionId: m.id })).toHaveLength(1);
    expect(await store.listAlerts({ state: "sent" })).toEqual([]);
  });
}
