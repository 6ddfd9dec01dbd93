/**
 * The store CONTRACT SUITE: what every adapter of src/store/store.ts must do, written against the
 * port only (no SQL, no Mongo queries), so each adapter runs the very same tests:
 *
 *   describeStoreContract("sqlite", async () => ({ store, reopen, cleanup, workerEnv }));
 *
 * `makeStore` is called once per test and returns a store on fresh, empty data, NOT yet initialised
 * (the suite calls `init()`); `reopen` (optional) returns another not-yet-initialised store on the
 * same data; `cleanup` closes whatever is open and removes the data; `workerEnv` (optional) is the
 * environment under which tests/store/race-worker.ts opens the same data from other processes.
 * Tests that need `reopen`/`workerEnv` are skipped for a harness without them, and the lease tests
 * for an adapter without the optional `LeaseStore` capability.
 */
import { afterEach, beforeEach, describe } from "vitest";
import { digestContract } from "./contract-digest.js";
import type { HarnessRef, StoreHarness } from "./contract-harness.js";
import { ingestContract } from "./contract-ingest.js";
import { leasesContract } from "./contract-leases.js";
import { outboxContract } from "./contract-outbox.js";
import { raceContract } from "./contract-race.js";
import { recordsContract } from "./contract-records.js";

export type { HarnessRef, StoreHarness } from "./contract-harness.js";
export { at, T0 } from "./contract-harness.js";

export function describeStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`store contract: ${name}`, () => {
    let harness: StoreHarness | undefined;
    beforeEach(async () => {
      harness = await makeStore();
      await harness.store.init();
    });
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });
    const ref: HarnessRef = () => {
      if (!harness) throw new Error("store contract: no harness (beforeEach failed?)");
      return harness;
    };
    ingestContract(ref);
    outboxContract(ref);
    recordsContract(ref);
    leasesContract(ref);
    raceContract(ref);
    digestContract(ref);
  });
}
