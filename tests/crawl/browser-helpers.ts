/** Helpers for browser tests: find Chromium processes by the tag in their environment. */
import { readdirSync, readFileSync } from "node:fs";
import { FetchSettings } from "../../src/config/source.js";

export const TAG_VAR = "REPWATCH_TEST_BROWSER_TAG";

/** Pids of live processes whose environment holds `REPWATCH_TEST_BROWSER_TAG=<tag>`. */
export function taggedPids(tag: string): number[] {
  const needle = `${TAG_VAR}=${tag}\0`;
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const env = readFileSync(`/proc/${d}/environ`, "latin1");
      if (!`${env}\0`.includes(needle)) continue;
      const stat = readFileSync(`/proc/${d}/stat`, "latin1");
      if (/\) Z /.test(stat)) continue; // a zombie is gone already
      out.push(Number(d));
    } catch {
      // the process went away while we looked
    }
  }
  return out;
}

export function browserSettings(overrides: Record<string, unknown> = {}): FetchSettings {
  return FetchSettings.parse({
    mode: "browser",
    minIntervalMs: 0,
    concurrency: 4,
    timeoutMs: 8000,
    ...overrides,
  });
}

/** Poll until `check` holds or `ms` pass (process teardown is asynchronous). */
export async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}
