import { describe, expect, it } from "vitest";
import { formatSummary } from "../../src/cli/format-summary.js";
import type { RunSummary } from "../../src/pipeline/run.js";

function summary(alerts: Partial<RunSummary["alerts"]>): RunSummary {
  return {
    runId: "r1",
    startedAt: "2026-11-23T10:00:00.000Z",
    finishedAt: "2026-11-23T10:01:00.000Z",
    targets: [],
    mentions: { new: 3, changed: 0, unchanged: 1, byPlatform: {} },
    alerts: { queued: 2, incidents: 0, sent: 2, retrying: 0, failed: 0, held: 0, problems: [], ...alerts },
    someFailed: false,
  };
}

describe("run summary text", () => {
  it("counts the incident messages delivery queued itself, so sent can exceed queued and still add up", () => {
    const text = formatSummary(summary({ queued: 6, incidents: 1, sent: 7 }));
    expect(text).toContain("alerts: 6 queued (+1 incident message), 7 sent, 0 retrying, 0 failed");
  });

  it("says nothing about incidents when there were none", () => {
    expect(formatSummary(summary({}))).toContain("alerts: 2 queued, 2 sent, 0 retrying, 0 failed\n");
  });
});
