/** The pure coverage comparison behind `degraded` (a usual field mostly gone). */
import { describe, expect, it } from "vitest";
import { coverageDrops, describeDrops } from "../../src/crawl/coverage-drop.js";

describe("coverageDrops", () => {
  const usual = { text: 1, rating: 0.98, title: 0.3, reply: 0.6 };

  it("names a usual field that fell below half its share", () => {
    const drops = coverageDrops(usual, { text: 1, rating: 0, title: 0.3, reply: 0.5 }, 20);
    expect(drops).toEqual([{ field: "rating", usual: 0.98, now: 0 }]);
    expect(describeDrops(drops)).toBe("rating 0.98 → 0");
  });

  it("ignores rare fields, small runs, unknown baselines and empty runs", () => {
    expect(coverageDrops(usual, { text: 1, rating: 0.9, title: 0, reply: 0.6 }, 20)).toEqual([]);
    expect(coverageDrops(usual, { text: 1, rating: 0 }, 4)).toEqual([]);
    expect(coverageDrops(undefined, { text: 1, rating: 0 }, 20)).toEqual([]);
    expect(coverageDrops(usual, {}, 20)).toEqual([]);
  });

  it("never compares reply and likes: fresh reviews have neither yet", () => {
    expect(coverageDrops({ text: 1, reply: 0.9, likes: 0.8 }, { text: 1, reply: 0, likes: 0 }, 20)).toEqual(
      [],
    );
  });

  it("treats a field missing from the current run as 0 and honours the options", () => {
    expect(coverageDrops({ author: 0.8 }, { text: 1 }, 10).map((d) => d.field)).toEqual(["author"]);
    expect(coverageDrops({ author: 0.8 }, { author: 0.5 }, 10, { ratio: 0.7 })).toHaveLength(1);
    expect(coverageDrops({ author: 0.4 }, { author: 0 }, 10, { minUsual: 0.3 })).toHaveLength(1);
  });
});
