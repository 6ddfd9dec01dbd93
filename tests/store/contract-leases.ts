/**
 * Contract: leases with fencing tokens, for adapters that have them (`hasLeases`); skipped otherwise.
 */
import { expect, it } from "vitest";
import { hasLeases } from "../../src/store/store.js";
import { at, type HarnessRef } from "./contract-harness.js";

export function leasesContract(h: HarnessRef): void {
  it("leases: one holder at a time, fencing token grows on every change of holder", async (ctx) => {
    const { store } = h();
    if (!hasLeases(store)) return ctx.skip();
    const a = await store.acquireLease("crawl:otzovik", "host-a", 10_000, at(0));
    expect(a).toEqual({
      name: "crawl:otzovik",
      holder: "host-a",
      token: 1,
      expiresAt: at(10_000).toISOString(),
    });
    expect(await store.acquireLease("crawl:otzovik", "host-b", 10_000, at(5_000))).toBeUndefined();
    // the holder asking again extends it, same token
    const a2 = await store.acquireLease("crawl:otzovik", "host-a", 10_000, at(5_000));
    expect(a2).toMatchObject({ holder: "host-a", token: 1, expiresAt: at(15_000).toISOString() });
    // another name is independent
    expect(await store.acquireLease("digest", "host-b", 10_000, at(5_000))).toMatchObject({ token: 1 });

    const renewed = await store.renewLease(a2!, 10_000, at(14_000));
    expect(renewed?.expiresAt).toBe(at(24_000).toISOString());
    // expired: someone else takes it with a higher token; the old holder can no longer renew
    const b = await store.acquireLease("crawl:otzovik", "host-b", 10_000, at(24_000));
    expect(b).toMatchObject({ holder: "host-b", token: 2 });
    expect(await store.renewLease(renewed!, 10_000, at(25_000))).toBeUndefined();
    // a stale release is a no-op; the holder's release frees it at once, and tokens are never reused
    await store.releaseLease(renewed!);
    expect(await store.acquireLease("crawl:otzovik", "host-c", 10_000, at(26_000))).toBeUndefined();
    await store.releaseLease(b!);
    expect(await store.renewLease(b!, 10_000, at(26_000))).toBeUndefined();
    expect(await store.acquireLease("crawl:otzovik", "host-a", 10_000, at(26_000))).toMatchObject({
      holder: "host-a",
      token: 3,
    });
  });

  it("leases: an expired lease re-taken by the same holder gets a new token", async (ctx) => {
    const { store } = h();
    if (!hasLeases(store)) return ctx.skip();
    const first = await store.acquireLease("run", "host-a", 1_000, at(0));
    const again = await store.acquireLease("run", "host-a", 1_000, at(1_000));
    expect([first?.token, again?.token]).toEqual([1, 2]);
    expect(await store.renewLease(first!, 1_000, at(1_500))).toBeUndefined();
  });
}
