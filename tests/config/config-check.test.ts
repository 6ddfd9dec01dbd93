import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/load.js";
import { ROOT, runCli } from "../helpers/cli.js";

const GOOD_SOURCE = `id: shop
name: Shop reviews
kind: review
homepage: https://shop.example/
targetUrl: https://shop.example/reviews/{id}
schedule: "*/15 * * * *"
extract:
  type: html
  item: div.review
  fields:
    text: .body
`;

function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "repwatch-config-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const GOOD = {
  "sources/shop.yaml": GOOD_SOURCE,
  "rules/brands.yaml":
    "brands:\n  - id: acme\n    name: Acme\n    targets:\n      - source: shop\n        id: acme\n",
  "rules/alerts.yaml":
    "notifiers:\n  - id: console\n    type: console\nrules:\n  - id: neg\n    match: { maxRating: 2 }\n    notify: [console]\n",
};

describe("config check", () => {
  it("accepts a valid config and the repository's own config", async () => {
    const config = loadConfig(configDir(GOOD));
    expect([...config.sources.keys()]).toEqual(["shop"]);
    expect(config.sources.get("shop")?.fetch.minIntervalMs).toBe(1000);
    const own = await runCli(["config", "check"]);
    expect(own.stderr).toBe("");
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/^config ok: \d+ sources/);
  });

  it("reports a typo'd key, a wrong type, a bad URL, a duplicate key and a bad cron at once, with positions, exit 2", async () => {
    const bad = `id: shop
name: Shop reviews
kind: review
homepage: not a url
targetUrl: https://shop.example/reviews/{id}
schedule: "61 * * * *"
fetch:
  minIntervalMs: fast
  concurrency: 1
  concurency: 2
extract:
  type: html
  item: div.review
  item: div.other
  fields:
    text: .body
`;
    const dir = configDir({ ...GOOD, "sources/shop.yaml": bad });
    const res = await runCli(["config", "check", "--config-dir", dir]);
    expect(res.code).toBe(2);
    const lines = res.stderr.split("\n").filter((l) => l.startsWith("sources/") || l.includes("shop.yaml:"));
    const find = (re: RegExp) => lines.find((l) => re.test(l));
    // file:line:col path — message
    expect(find(/shop\.yaml:10:3 fetch\.concurency — unknown key "concurency"/)).toBeDefined();
    expect(find(/shop\.yaml:8:18 fetch\.minIntervalMs — .*number/i)).toBeDefined();
    expect(find(/shop\.yaml:4:11 homepage — .*URL/)).toBeDefined();
    expect(find(/shop\.yaml:14:3 extract\.item — duplicate key "item"/)).toBeDefined();
    expect(find(/shop\.yaml:6:11 schedule — invalid cron expression "61 \* \* \* \*"/)).toBeDefined();
    expect(lines).toHaveLength(5);
  });

  it("names an unknown source referenced from brands.yaml, and a token pasted into YAML", () => {
    const dir = configDir({
      ...GOOD,
      "rules/brands.yaml":
        "brands:\n  - id: acme\n    name: Acme\n    targets:\n      - source: shopp\n        id: acme\n",
      "rules/alerts.yaml":
        "notifiers:\n  - id: console\n    type: console\nrules:\n  - id: neg\n    description: xoxb-1234567890-abcdefghij\n    notify: [consol]\n",
    });
    let err: unknown;
    try {
      loadConfig(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const text = (err as ConfigError).message;
    expect(text).toMatch(/brands\.yaml:5:17 brands\[0\]\.targets\[0\]\.source — unknown source id "shopp"/);
    expect(text).toMatch(/alerts\.yaml:6:18 rules\[0\]\.description — .*Slack token.*SLACK_BOT_TOKEN/);
    expect(text).toMatch(/alerts\.yaml:7:14 rules\[0\]\.notify\[0\] — unknown notifier "consol"/);
    // the secret itself never appears in the error
    expect(text).not.toContain("xoxb-1234567890");
  });

  it("the committed JSON Schemas are generated from the zod schemas", async () => {
    const { CONFIG_SCHEMAS, renderJsonSchema } = await import("../../src/config/json-schemas.js");
    const { readFileSync } = await import("node:fs");
    for (const [name, schema] of Object.entries(CONFIG_SCHEMAS)) {
      const committed = readFileSync(join(ROOT, "schemas", name), "utf8");
      expect(JSON.parse(committed), `schemas/${name} is stale: run npm run schemas`).toEqual(
        JSON.parse(renderJsonSchema(schema)),
      );
      expect(JSON.parse(committed).additionalProperties).toBe(false);
    }
  });
});
