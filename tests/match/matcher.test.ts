import { describe, expect, it } from "vitest";
import { Brand } from "../../src/config/brands.js";
import {
  compileBrandMatcher,
  findBrandMatches,
  inflectRu,
  latToCyr,
  matchBrand,
  matchFields,
} from "../../src/match/index.js";

const brand = (b: Record<string, unknown>) => compileBrandMatcher(Brand.parse(b));

describe("brand matching", () => {
  const sber = brand({ id: "sber", name: "Сбербанк", aliases: ["Сбер"] });

  it("finds inflected forms of a Russian name", () => {
    for (const t of ["Был в Сбербанке", "Сбербанка нет", "позвонил Сбербанку", "доволен Сбербанком"]) {
      expect(matchBrand(sber, t)?.alias, t).toBe("Сбербанк");
    }
  });

  it("normalises case, ё and quotes", () => {
    const m = matchBrand(sber, "Клиент «СБЕРБАНКА» с 2010 года");
    expect(m).toMatchObject({ alias: "Сбербанк", start: 8, end: 17 });
    expect(matchBrand(brand({ id: "e", name: "Ёлки" }), "купили в елках")?.alias).toBe("Ёлки");
  });

  it("matches the Latin transliteration of a Cyrillic name and back", () => {
    expect(matchBrand(sber, "Sberbank online is down")?.alias).toBe("Сбербанк");
    const tinkoff = brand({ id: "t", name: "Tinkoff" });
    expect(latToCyr("tinkoff")).toContain("тинкофф");
    // "Тинькофф" has a soft sign no transliteration guesses: the typo tolerance covers it.
    expect(matchBrand(tinkoff, "перешел в Тинькофф")?.alias).toBe("Tinkoff");
    expect(matchBrand(tinkoff, "в Тинькоффе ответили")?.alias).toBe("Tinkoff");
  });

  it("inflects multi-word names per word and joins hyphens and spaces", () => {
    const alfa = brand({ id: "alfa", name: "Альфа-Банк" });
    expect(matchBrand(alfa, "карта Альфа-Банка")?.alias).toBe("Альфа-Банк");
    expect(matchBrand(alfa, "в Альфа Банке")).toBeDefined();
    expect(matchBrand(alfa, "в АльфаБанке")).toBeDefined();
    const rs = brand({ id: "rs", name: "Русский Стандарт" });
    expect(matchBrand(rs, "кредит Русского Стандарта")?.snippet).toContain("Русского Стандарта");
    expect(inflectRu("почта")).toContain("почтой");
  });

  it("never matches a short name inside a longer word", () => {
    expect(matchBrand(sber, "мои сбережения в банке")).toBeUndefined();
    const mts = brand({ id: "mts", name: "МТС" });
    expect(matchBrand(mts, "система мтсы и МТСовский")).toBeUndefined();
    expect(matchBrand(mts, "Связь МТС пропала")?.alias).toBe("МТС");
  });

  it("tolerates a typo in a long name but not in a short one", () => {
    expect(matchBrand(sber, "Сбербвнк опять завис")?.alias).toBe("Сбербанк");
    expect(matchBrand(brand({ id: "mts", name: "МТС" }), "МТЦ")).toBeUndefined();
  });

  it("applies exclusions that contain the name only where they overlap", () => {
    const apple = brand({ id: "apple", name: "Apple", exclusions: ["apple pie", "apple juice"] });
    expect(matchBrand(apple, "I baked an apple pie")).toBeUndefined();
    expect(matchBrand(apple, "Apple pie, then my Apple phone broke")?.start).toBe(19);
  });

  it("requires context words within the window", () => {
    const mir = brand({ id: "mir", name: "Мир", context: ["карта", "платежная система"], contextWindow: 3 });
    expect(matchBrand(mir, "Мир во всем мире")).toBeUndefined();
    expect(matchBrand(mir, "оплатил картой Мир")).toBeDefined();
  });

  it("supports all / none and proximity rules", () => {
    const b = brand({
      id: "sber",
      name: "Сбер",
      all: ["банк"],
      none: ["мегамаркет"],
      near: [{ terms: ["карта", "вклад"], within: 2 }],
    });
    expect(matchBrand(b, "банк Сбер закрыл вклад мне")).toBeDefined();
    expect(matchBrand(b, "банк Сбер, а через много слов потом вклад")).toBeUndefined();
    expect(matchBrand(b, "банк Сбер вклад и Мегамаркет")).toBeUndefined();
    expect(matchBrand(b, "Сбер вклад")).toBeUndefined();
  });

  it("returns every occurrence with a snippet, and matches fields in order", () => {
    const long = `${"слово ".repeat(40)}Сбербанк ${"ещё ".repeat(40)}`;
    const [m] = findBrandMatches(sber, long);
    expect(m?.snippet.startsWith("…")).toBe(true);
    expect(m?.snippet.endsWith("…")).toBe(true);
    expect(m?.snippet.length).toBeLessThan(220);
    expect(findBrandMatches(sber, "Сбер и Сбербанк")).toHaveLength(2);
    expect(matchFields(sber, { title: "Отзыв", text: "про Сбер" })?.field).toBe("text");
  });

  it("handles mixed-language text", () => {
    expect(matchBrand(sber, "My salary card is from Сбербанк, honestly")?.alias).toBe("Сбербанк");
  });
});
