import { beforeAll, describe, expect, it } from "vitest";
import {
  type Analyser,
  buildLanguageResources,
  createAnalyser,
  detectLanguage,
  groupNearDuplicates,
  hammingDistance,
  simhash,
} from "../../src/analyse/index.js";
import { shippedAnalyser } from "./resources.js";

let analyse: Analyser;
beforeAll(async () => {
  analyse = await shippedAnalyser();
});

describe("language detection", () => {
  it("tells ru, uk, bg and en apart", () => {
    expect(detectLanguage("Это был очень хороший банк, всё понравилось").lang).toBe("ru");
    expect(detectLanguage("Це дуже гарний банк, і мені все сподобалось").lang).toBe("uk");
    expect(detectLanguage("Това е много добър телефон, който съм купила миналата година").lang).toBe("bg");
    expect(detectLanguage("This was a very good bank").lang).toBe("en");
    expect(detectLanguage("12345 !!!").lang).toBe("und");
  });
});

describe("risk flags", () => {
  it("raises flags independently of sentiment and names the trigger", () => {
    const a = analyse({
      text: "Отличный банк, но если не вернут деньги, подам в суд и напишу в Роспотребнадзор",
      rating: 5,
    });
    expect(a.risks.map((r) => r.flag)).toEqual(expect.arrayContaining(["legal-threat"]));
    expect(a.risks.find((r) => r.flag === "legal-threat")?.trigger).toBe("суд");
    expect(analyse({ text: "Судя по отзывам, банк хороший" }).risks).toEqual([]);
    expect(
      analyse({ text: "Третий месяц задержка зарплаты, зарплата в конверте" }).risks.map((r) => r.flag),
    ).toContain("unpaid-wages");
    expect(analyse({ text: "They are scammers, I will contact my lawyer" }).risks.map((r) => r.flag)).toEqual(
      expect.arrayContaining(["fraud-accusation", "legal-threat"]),
    );
  });

  it("validates risk rules with zod", () => {
    expect(() =>
      buildLanguageResources({ lexicons: [], risk: { flags: [{ id: "Bad Id", terms: ["x"] }] } }),
    ).toThrow();
    const r = buildLanguageResources({
      lexicons: [{ language: "en", words: { bad: -2 } }],
      risk: { flags: [{ id: "x", terms: ["foo bar"] }] },
    });
    const a = createAnalyser(r)({ text: "so bad, foo bars" });
    expect(a).toMatchObject({ label: "negative", risks: [{ flag: "x", trigger: "foo bars" }] });
  });
});

describe("near-duplicate fingerprint", () => {
  it("groups the same review posted twice with small edits, not different ones", () => {
    const base =
      "Ужасный банк, списали деньги со счета без предупреждения, в поддержке хамят и не перезванивают уже третью неделю";
    const a = simhash(base);
    const b = simhash(`${base}!!! Не советую.`);
    const c = simhash(
      "Отличное обслуживание в отделении на Ленина, менеджер Анна быстро оформила карту и всё объяснила",
    );
    expect(hammingDistance(a, b)).toBeLessThan(hammingDistance(a, c));
    const groups = groupNearDuplicates(
      [
        { id: "1", fingerprint: a },
        { id: "2", fingerprint: simhash(base.toUpperCase()) },
        { id: "3", fingerprint: c },
      ],
      3,
    );
    expect(groups).toEqual([["1", "2"]]);
  });
});
