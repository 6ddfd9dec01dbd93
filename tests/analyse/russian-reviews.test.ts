/**
 * Russian review rules of issue #9, round 3 (branch lang-ru3). Sentences written for these tests,
 * not taken from the evaluation datasets.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Analyser } from "../../src/analyse/index.js";
import { shippedAnalyser } from "./resources.js";

let analyse: Analyser;
beforeAll(async () => {
  analyse = await shippedAnalyser();
});
const weightOf = (text: string, term: string) =>
  analyse({ text }).reasons.find((r) => r.term === term)?.weight ?? 0;

describe("Russian reviews", () => {
  it("reads a negator before a phrase that starts with one as negative concord, not double negation", () => {
    // "никому не советую" is one negation: the phrase "не советую" must not flip back to praise.
    expect(analyse({ text: "Мы туда больше не ходим. Никому не советую." }).label).toBe("negative");
    expect(weightOf("Никогда не советую такие места.", "не советую")).toBeLessThan(0);
  });
});
