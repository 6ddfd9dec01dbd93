/**
 * `npm run demo` end to end: the replica web, the real CLI as a child process, the SQLite store
 * kept between runs. The second run must store nothing new and send no alert twice.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { ROOT } from "../helpers/cli.js";
import { HOSTILE_REVIEW_ID, visibleReviews } from "../web/otzovik/reviews.js";

interface DemoSummary {
  mentions: { total: number; new: number; byPlatform: Record<string, { total: number; new: number }> };
  alerts: { total: number; sent: number; sentThisRun: number; pending: number };
  sources: Array<{ source: string; status: string; items: number }>;
  digest: {
    exitCode: number;
    week: string;
    brands: Array<{ brand: string; slack: Array<{ status: string }> }>;
  };
  exitCode: number;
}

function demo(outDir: string, extra: string[] = []): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "scripts", "demo.ts"), "--out", outDir, ...extra],
      {
        cwd: ROOT,
        env: { ...process.env, REPWATCH_LOG_FORMAT: "json" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let stdout = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

describe("npm run demo", () => {
  const out = mkdtempSync(join(tmpdir(), "repwatch-demo-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const summary = () => JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as DemoSummary;
  const replica = visibleReviews(0);
  const negatives = replica.filter((r) => r.rating <= 2);
  const demoPlatforms = new Set(
    (
      parse(readFileSync(join(ROOT, "rules", "brands.yaml"), "utf8")) as {
        brands: Array<{ targets: Array<{ source: string }> }>;
      }
    ).brands.flatMap((b) => b.targets.map((t) => t.source)),
  );
  let firstTotals = { mentions: 0, alerts: 0 };

  it("first run stores every replica review and alerts each negative one once", {
    timeout: 240_000,
  }, async () => {
    const first = await demo(out, ["--fresh"]);
    expect(first.code).toBe(0);
    const s = summary();
    expect(s.mentions.new).toBe(s.mentions.total);
    // every platform the demo brand has a target on yields reviews
    const platforms = Object.keys(s.mentions.byPlatform).sort();
    expect(platforms).toEqual([...demoPlatforms].sort());
    for (const p of platforms) expect(s.mentions.byPlatform[p]!.total, p).toBeGreaterThan(0);
    const sum = Object.values(s.mentions.byPlatform).reduce((n, p) => n + p.total, 0);
    expect(s.mentions.total).toBe(sum);
    expect(s.mentions.byPlatform.otzovik).toEqual({ total: replica.length, new: replica.length });
    expect(negatives.length).toBeGreaterThan(0);
    expect(s.alerts.total).toBeGreaterThanOrEqual(negatives.length);
    expect(s.alerts.sentThisRun).toBe(s.alerts.total);
    // every negative otzovik review's link is in the console alerts, and no positive one's
    for (const r of replica) {
      const link = `https://otzovik.com/review_${r.id}.html`;
      expect(first.stdout.includes(link), `alert for review ${r.id} (rating ${r.rating})`).toBe(
        r.rating <= 2,
      );
    }
    expect(first.stdout).toContain(`review_${HOSTILE_REVIEW_ID}.html`);
    firstTotals = { mentions: s.mentions.total, alerts: s.alerts.total };
  });

  it("stores forum posts and feed entries only when they name a demo brand", async () => {
    const s = summary();
    const targetedOf = (id: string) =>
      (parse(readFileSync(join(ROOT, "sources", `${id}.yaml`), "utf8")) as { targeted?: boolean }).targeted;
    const chatter = [...demoPlatforms].filter((id) => targetedOf(id) === false);
    expect(chatter.length).toBeGreaterThan(0);
    const store = openSqliteStore(join(out, "repwatch.db"));
    await store.init();
    try {
      for (const platform of chatter) {
        const read = s.sources.filter((t) => t.source === platform).reduce((n, t) => n + t.items, 0);
        const stored = await store.findMentions({ platform, limit: 1000 });
        expect(stored.length, platform).toBeGreaterThan(0);
        // some items read did not name the brand: brand matching dropped them
        expect(stored.length, platform).toBeLessThan(read);
        for (const m of stored) {
          expect(m.match, `${platform} ${m.url}`).toBeDefined();
          expect(`${m.title ?? ""} ${m.text}`, m.url).toMatch(/ромашк|romashka/i);
          expect(m.text, m.url).not.toMatch(/чай с ромашкой/i); // the brand's exclusion
        }
      }
    } finally {
      await store.close();
    }
  });

  it("writes the weekly digest (HTML, PDF, PNG of its first page) and posts it to Slack once", () => {
    const s = summary();
    expect(s.digest.exitCode).toBe(0);
    expect(s.digest.week).toMatch(/^\d{4}-W\d{2}$/);
    expect(s.digest.brands.map((b) => b.slack.map((c) => c.status))).toEqual(
      s.digest.brands.map(() => ["published"]),
    );
    const html = readFileSync(join(out, "digest.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg class="chart chart-volume"');
    expect(html).not.toMatch(/<script|<img|<link/i);
    expect(readFileSync(join(out, "digest.pdf")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(readFileSync(join(out, "digest.png")).subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("second run reports 0 new and sends nothing twice", { timeout: 240_000 }, async () => {
    const second = await demo(out);
    expect(second.code).toBe(0);
    const s = summary();
    expect(s.mentions.new).toBe(0);
    expect(s.mentions.total).toBe(firstTotals.mentions);
    expect(s.alerts.sentThisRun).toBe(0);
    expect(s.alerts.total).toBe(firstTotals.alerts);
    expect(s.alerts.sent).toBe(firstTotals.alerts);
    expect(s.digest.brands.flatMap((b) => b.slack.map((c) => c.status))).not.toContain("published");
    expect(second.stdout).not.toMatch(/\[WARNING\]/);
  });
});
