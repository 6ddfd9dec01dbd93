/**
 * The source tools through the real CLI (a child process): `repwatch extract`, `repwatch sources list`,
 * `repwatch sources check` on saved files and, over loopback, on the replica web via REPWATCH_ORIGIN_MAP.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realPage } from "../extract/helpers.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { NOT_FOUND_ID } from "../web/2gis/reviews.js";
import { firmUrl, gisSite } from "../web/2gis/site.js";
import { shellPage } from "../web/google-maps/site.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";
import { COMPANY, visibleReviews } from "../web/trustpilot/reviews.js";
import { companyPage, trustpilotSite } from "../web/trustpilot/site.js";

const dir = mkdtempSync(join(tmpdir(), "repwatch-sources-cli-"));
let web: ReplicaWeb;
let env: Record<string, string>;
beforeAll(async () => {
  web = await startReplicaWeb([trustpilotSite, gisSite]);
  env = {
    REPWATCH_ORIGIN_MAP: web.originMap,
    REPWATCH_ALLOW_ADDRESSES: web.allowAddresses,
    REPWATCH_LOG_LEVEL: "warn",
  };
});
afterAll(async () => {
  await web.close();
  rmSync(dir, { recursive: true, force: true });
});

const TP = `https://www.trustpilot.com/review/${COMPANY.identifyingName}`;

describe("repwatch sources list", () => {
  it("lists every sources/*.yaml with kind, fetch mode and extract type", async () => {
    const r = await runCli(["sources", "list", "--json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ id: string; kind: string; mode: string; extract: string }>;
    const files = readdirSync(join(ROOT, "sources"))
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.slice(0, -5));
    expect(rows.map((x) => x.id).sort()).toEqual(files.sort());
    expect(rows.find((x) => x.id === "google-maps")).toMatchObject({
      kind: "map",
      mode: "browser",
      extract: "json",
    });
    expect(rows.find((x) => x.id === "schema-org")).toMatchObject({ mode: "http", extract: "schema-org" });
    const table = await runCli(["sources", "list"]);
    expect(table.stdout).toMatch(/^id\s+kind\s+mode\s+extract\s+name$/m);
    expect(table.stdout).toMatch(/^trustpilot\s+review\s+http\s+json\s+Trustpilot$/m);
  });
});

describe("repwatch extract", () => {
  it("prints the mentions of a saved page as a JSON array (links resolved against --url)", async () => {
    const file = join(dir, "tp.html");
    writeFileSync(file, companyPage(visibleReviews(0), 1, new Date("2026-11-23T12:00:00Z"))!);
    const r = await runCli(["extract", "--source", "trustpilot", "--file", file, "--url", TP, "--json"]);
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as Array<{ externalId: string; url: string; platform: string }>;
    expect(items.map((i) => i.externalId)).toEqual(
      visibleReviews(0)
        .slice(0, 20)
        .map((x) => x.id),
    );
    expect(items[0]!.platform).toBe("trustpilot");
  });

  const api = realPage("trustpilot/01_trustpilot_reviews.json");
  it.skipIf(!api)("reads a saved API response (JSON) from the shared real pages", async () => {
    const file = join(
      ROOT,
      "..",
      "shared",
      "fixtures",
      "real-pages",
      "trustpilot",
      "01_trustpilot_reviews.json",
    );
    const r = await runCli(["extract", "--source", "trustpilot", "--file", file, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(3);
  });

  it("exits 2 naming the known sources for an unknown id", async () => {
    const r = await runCli(["extract", "--source", "nope", "--file", join(dir, "tp.html"), "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown source id "nope" \(known: .*trustpilot/);
  });
});

describe("repwatch sources check", () => {
  it("fetches through the real fetcher and the origin map: items, coverage, aggregate, no warnings", async () => {
    const r = await runCli(["sources", "check", "trustpilot", "--url", TP], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`trustpilot  ${TP}  (HTTP 200)`);
    expect(r.stdout).toMatch(/^items: 20 valid of 20 found$/m);
    expect(r.stdout).toMatch(/^aggregate: rating 2\.9, count 25$/m);
    expect(r.stdout).toMatch(/^ {2}rating\s+100%$/m);
    expect(r.stdout).toMatch(/^warnings: 0$/m);
    expect(
      web.hits.some(
        (h) => h.host === "www.trustpilot.com" && h.path === `/review/${COMPANY.identifyingName}`,
      ),
    ).toBe(true);
  });

  it("reports a not-found firm (exit 1) and the JSON report says why", async () => {
    const r = await runCli(["sources", "check", "2gis", "--url", firmUrl(NOT_FOUND_ID), "--json"], { env });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ source: "2gis", items: 0, blocked: false });
    expect(report.notFound).toMatch(/says not found/);
  });

  it("reads a saved JS shell with --file: no data, exit 1", async () => {
    const file = join(dir, "shell.html");
    writeFileSync(file, shellPage());
    const r = await runCli(["sources", "check", "google-maps", "--file", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^NO DATA: no JSON to read: variable APP_INITIALIZATION_STATE at \[3\]\[6\]/m);
    expect(r.stdout).toMatch(/^items: 0 valid of 0 found$/m);
  });
});
