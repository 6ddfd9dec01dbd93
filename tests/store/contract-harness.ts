/** Types and clock shared by the contract groups (see contract.ts). */
import type { Store } from "../../src/store/store.js";

export interface StoreHarness {
  /** A store on fresh, empty data, not yet initialised (the suite calls `init()`). */
  store: Store;
  /** Another not-yet-initialised store on the same data (a restart). */
  reopen?: () => Promise<Store>;
  /** Close whatever is open (stores from `reopen` included) and remove the data. */
  cleanup: () => Promise<void>;
  /** Environment under which tests/store/race-worker.ts opens the same data from other processes. */
  workerEnv?: Record<string, string>;
}

/** What each contract group gets: the current test's harness (its store already initialised). */
export type HarnessRef = () => StoreHarness;

/** A fixed "now" for the suite; the store must take every instant from the `now` arguments. */
export const T0 = new Date("2024-03-10T12:00:00.000Z");
export const at = (ms: number): Date => new Date(T0.getTime() + ms);
