/**
 * Contract: leases with fencing tokens, for adapters that have them (`hasLeases`); skipped otherwise.
 * Includes two real processes competing for one lease, the holder killed with SIGKILL.
 */
import { expect, it } from "vitest";
import { hasLeases, type Lease } from "../../src/store/store.js";
import { at, type HarnessRef } from "./contract-harness.js";
import { startHoldingWorker } from "./hold-worker.js";
import { runWorkersTogether } from "./spawn-workers.js";

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

  it("leases across processes: the holder is kill -9'd, another process takes over after expiry, the stale holder is fenced off", async (ctx) => {
    const { store, workerEnv } = h();
    if (!hasLeases(store) || !workerEnv) return ctx.skip();
    const name = "crawl:otzovik:acme";
    // a TTL long enough that the lease cannot expire between the kill and the next line, short
    // enough that the takeover comes soon (the waiting process polls; nothing here is timed)
    const ttlMs = 3_000;
    const holder = await startHoldingWorker<{ lease: Lease | null }>(
      ["lease", name, "proc-a", String(ttlMs), "hold"],
      workerEnv,
    );
    const leaseA = holder.output.lease;
    expect(leaseA).toMatchObject({ name, holder: "proc-a", token: 1 });
    await holder.kill9();

    // the dead holder's lease is still in force: nobody else gets it yet
    expect(await store.acquireLease(name, "proc-b", ttlMs)).toBeUndefined();
    // a second process waits for the expiry and takes over, with a higher fencing token
    const [waiter] = await runWorkersTogether<{ lease: Lease | null }>(
      [["lease", name, "proc-b", "60000", "wait"]],
      workerEnv,
    );
    const leaseB = waiter!.lease;
    expect(leaseB).toMatchObject({ name, holder: "proc-b", token: 2 });

    // the stale holder's writes are rejected: no renewal, and its release does not free B's lease
    expect(await store.renewLease(leaseA!, ttlMs)).toBeUndefined();
    await store.releaseLease(leaseA!);
    expect(await store.acquireLease(name, "proc-c", ttlMs)).toBeUndefined();
    // while the current holder's token still works
    expect(await store.renewLease(leaseB!, 60_000)).toMatchObject({ holder: "proc-b", token: 2 });
  }, 120_000);
}
