import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { decideAlerts, ruleMatches } from "../../src/alert/decide.js";
import { AlertRule, AlertsFile } from "../../src/config/alerts.js";
import type { StoredMention } from "../../src/domain/mention.js";
import { makeScoredMention } from "../store/fixtures.js";

function stored(i: number, overrides: Parameters<typeof makeScoredMention>[1] = {}): StoredMention {
  const m = makeScoredMention(i, overrides);
  return { ...m, firstSeenAt: m.publishedAt!, lastSeenAt: m.publishedAt!, contentHash: "h", version: 1 };
}

const rule = (match: object, extra: object = {}) =>
  AlertRule.parse({ id: "r", match, notify: ["n"], ...extra });

describe("the alert decision follows its truth table", () => {
  // fixture 0: rating 1, negative, score -0.7, lang ru, otzovik, review, brand acme
  const m = stored(0, {
    title: "Подаю в суд на Акме",
    analysis: { risks: [{ flag: "legal-threat", trigger: "суд" }] },
  });
  it.each<[string, object, "new" | "changed", boolean]>([
    ["on default new", {}, "new", true],
    ["on default: not changed", {}, "changed", false],
    ["on changed", { on: ["changed"] }, "changed", true],
    ["brands listed", { brands: ["acme"] }, "new", true],
    ["brands not listed", { brands: ["other"] }, "new", false],
    ["platforms", { platforms: ["otzovik"] }, "new", true],
    ["kinds", { kinds: ["forum"] }, "new", false],
    ["sentiment", { sentiment: ["negative"] }, "new", true],
    ["maxScore holds", { maxScore: -0.5 }, "new", true],
    ["maxScore fails", { maxScore: -0.8 }, "new", false],
    ["minScore", { minScore: 0 }, "new", false],
    ["maxRating", { maxRating: 2 }, "new", true],
    ["minRating", { minRating: 4 }, "new", false],
    ["risks any of", { risks: ["fraud", "legal-threat"] }, "new", true],
    ["risks none", { risks: ["fraud"] }, "new", false],
    ["keyword at a word start, inflected", { keywords: ["суд"] }, "new", true],
    ["keyword case and ё", { keywords: ["АКМЕ"] }, "new", true],
    ["keyword inside a word does not count", { keywords: ["уд"] }, "new", false],
    ["languages", { languages: ["en"] }, "new", false],
    ["all conditions AND", { sentiment: ["negative"], maxRating: 1, languages: ["ru"] }, "new", true],
  ])("%s", (_name, match, change, fires) => {
    expect(ruleMatches(rule(match), m, change)).toBe(fires);
  });

  it("a mention without a rating never satisfies maxRating or minRating", () => {
    const noRating = { ...m, rating: undefined };
    expect(ruleMatches(rule({ maxRating: 5 }), noRating, "new")).toBe(false);
    expect(ruleMatches(rule({ minRating: 1 }), noRating, "new")).toBe(false);
  });

  it("several rules for one channel: one intent, from the most severe rule", () => {
    const rules = [
      AlertRule.parse({ id: "negative", match: { sentiment: ["negative"] }, notify: ["slack", "console"] }),
      AlertRule.parse({
        id: "legal",
        match: { risks: ["legal-threat"] },
        notify: ["slack"],
        severity: "critical",
      }),
      AlertRule.parse({ id: "info", notify: ["slack"], severity: "info" }),
    ];
    expect(decideAlerts(rules, m, "new")).toEqual([
      { ruleId: "legal", notifierId: "slack", severity: "critical" },
      { ruleId: "negative", notifierId: "console", severity: "warning" },
    ]);
  });

  it("each firing rule yields one intent per notifier", () => {
    const rules = [
      AlertRule.parse({ id: "a", notify: ["slack", "console"], severity: "critical" }),
      AlertRule.parse({ id: "b", match: { kinds: ["forum"] }, notify: ["slack"] }),
    ];
    expect(decideAlerts(rules, m, "new")).toEqual([
      { ruleId: "a", notifierId: "slack", severity: "critical" },
      { ruleId: "a", notifierId: "console", severity: "critical" },
    ]);
  });
});

describe("rules/alerts.yaml schema", () => {
  it("the repository's own alerts.yaml is valid", () => {
    const file = join(import.meta.dirname, "..", "..", "rules", "alerts.yaml");
    const result = AlertsFile.safeParse(parse(readFileSync(file, "utf8")));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it("names what is wrong: user-group mention on a non-critical rule, unknown notifiers, bad ids", () => {
    const result = AlertsFile.safeParse({
      notifiers: [
        { id: "slack", type: "slack", channel: "#reputation" },
        { id: "slack", type: "console" },
      ],
      rules: [{ id: "r", notify: ["slack"], severity: "warning", mention: "S0123ABCD" }],
      storm: { notify: ["nope"] },
    });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues).toContainEqual(
      expect.stringMatching(/^notifiers\.0\.channel: expected a Slack channel id/),
    );
    const refined = AlertsFile.safeParse({
      notifiers: [
        { id: "slack", type: "slack", channel: "C0123456789" },
        { id: "slack", type: "console" },
      ],
      rules: [{ id: "r", notify: ["slack"], severity: "warning", mention: "S0123ABCD" }],
      storm: { notify: ["nope"] },
    });
    const messages = refined.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toContainEqual("rules.0.mention: only a critical rule may mention a user group");
    const whole = AlertsFile.safeParse({
      notifiers: [
        { id: "slack", type: "slack", channel: "C0123456789" },
        { id: "slack", type: "console" },
      ],
      rules: [],
      storm: { notify: ["nope"] },
    });
    expect(whole.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      'notifiers.1.id: duplicate notifier id "slack"',
      'storm.notify.0: unknown notifier "nope"',
    ]);
  });

  it("rejects a token pasted where an env var name belongs", () => {
    const r = AlertsFile.safeParse({
      notifiers: [{ id: "s", type: "slack", channel: "C0123456789", tokenEnv: "xoxb-123" }],
      rules: [],
    });
    expect(r.error?.issues[0]?.message).toMatch(/environment variable name/);
  });
});
