/**
 * A target's list-page validators between runs. They live in its SourceState, so a cron run (a new
 * process each time) can ask "not modified?" as a long-lived daemon can, and any replica can use what
 * another one stored. Trusted only from a crawl that ended `ok` with its items stored: an unchanged
 * page must never hide reviews that were never stored (a failed or blocked page is not "seen").
 */
import type { ValidatorStore } from "../crawl/validators.js";
import type { SourceState, StoredPageValidators } from "../store/store.js";

/** List pages remembered per target (an unchanged first page stops the crawl; later ones rarely matter). */
const KEPT = 10;

export interface TargetValidators {
  /** What the fetcher reads and records during this crawl. */
  store: ValidatorStore;
  /** Conditional requests are safe: the validators come from a crawl whose items were stored. */
  trusted: boolean;
  /** The validators to keep in the state, newest KEPT pages. */
  snapshot(): StoredPageValidators[];
}

export function targetValidators(
  state: SourceState | undefined,
  mode: "incremental" | "backfill",
): TargetValidators {
  const usable = mode === "incremental" && state?.lastStatus === "ok" ? (state.pageValidators ?? []) : [];
  const byUrl = new Map(usable.map(({ url, ...v }) => [url, v]));
  return {
    store: {
      get: (url) => byUrl.get(url),
      set(url, v) {
        byUrl.delete(url);
        byUrl.set(url, v);
      },
    },
    trusted: byUrl.size > 0,
    snapshot: () => [...byUrl].slice(-KEPT).map(([url, v]) => ({ url, ...v })),
  };
}
