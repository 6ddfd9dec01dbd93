/** Exit codes operators can script against. */
export const EXIT = {
  ok: 0,
  /** Some source failed, was blocked or broken; or an alert could not be delivered for good. */
  someFailed: 1,
  /** Configuration or environment invalid: nothing was crawled. */
  config: 2,
  /** The store is unreachable: nothing was crawled, nothing was alerted. */
  store: 3,
} as const;
