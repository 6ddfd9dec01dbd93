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

  it("denies the clause after «не могу сказать, что», «не скажу, что», «это не значит, что»", () => {
    const a = analyse({ text: "Не могу сказать, что книга плохая." });
    expect(a.label).not.toBe("negative");
    expect(a.reasons.find((r) => r.term === "плохая")?.note).toContain("denied");
    expect(weightOf("Не скажу, что мне понравилось.", "понравилось")).toBeLessThan(0);
    expect(analyse({ text: "Это не значит, что роман слабый, он просто длинный." }).label).not.toBe(
      "negative",
    );
    // Without a comma the denial still reaches the clause after "что".
    expect(weightOf("Не скажу что роман скучный.", "скучный")).toBeGreaterThan(0);
  });

  it("weighs a sentence that opens as the author's verdict («В общем», «Итог», «Общее впечатление») more", () => {
    const plain = weightOf("Книга неплохая.", "неплохая");
    const verdict = weightOf("В общем, книга неплохая.", "неплохая");
    expect(verdict).toBeGreaterThan(plain);
    expect(weightOf("Итог: машина надёжная.", "надежная")).toBeGreaterThan(
      weightOf("Машина надёжная.", "надежная"),
    );
    expect(weightOf("Вобщем, место уютное.", "уютное")).toBeGreaterThan(weightOf("Место уютное.", "уютное"));
  });

  it("reads a grade stated in the text as the author's rating («3 из 5», «6/10», «оценка 2»)", () => {
    const middling =
      "Взяла эту книгу по совету подруги и читала её почти две недели. Сюжет местами затянут, герои плоские, " +
      "финал предсказуемый, а некоторые главы я просто пролистывала. Язык у автора простой, читается легко, " +
      "обложка красивая, и пару сцен я запомнила. Оценка 3 из 5.";
    expect(analyse({ text: middling }).label).toBe("neutral");
    expect(analyse({ text: middling.replace(" Оценка 3 из 5.", "") }).label).toBe("negative");
    const low = "Прочитала за вечер, обложка красивая, язык лёгкий. Но в целом поставила бы 2 из 10.";
    expect(analyse({ text: low }).label).toBe("negative");
    expect(analyse({ text: "Впечатление — 6/10." }).reasons.some((r) => r.note === "stated grade")).toBe(
      true,
    );
    // Not a grade: a scale other than 5 or 10, or part of a date.
    expect(
      analyse({ text: "Прочитала 50/50 и бросила" }).reasons.some((r) => r.note === "stated grade"),
    ).toBe(false);
    // A count, not a grade: a lower-case word other than a unit follows the number.
    const grade = (text: string) => analyse({ text }).reasons.find((r) => r.note === "stated grade")?.term;
    expect(grade("5 из 10 клиентов остались недовольны.")).toBeUndefined();
    expect(grade("Поставил 2 часа назад.")).toBeUndefined();
    expect(grade("Оценка 4 из 5 баллов.")).toBe("4 of 5");
    expect(grade("Рассказ слабый: 2 балла из 5.")).toBe("2 of 5");
  });

  it("counts a text with a middling verdict («впечатление двоякое», «на один раз») as mostly middling", () => {
    const complaints =
      "Прочитала роман за неделю, хотя обычно читаю быстрее. Начало затянуто, героиня временами раздражает, " +
      "а некоторые повороты сюжета кажутся натянутыми и нелогичными. Язык простой, описания природы красивые. " +
      "Второй том, наверное, тоже прочитаю, но не сразу.";
    expect(analyse({ text: complaints }).label).toBe("negative");
    const a = analyse({ text: `${complaints} В итоге впечатление двоякое.` });
    expect(a.label).toBe("neutral");
    expect(a.reasons.some((r) => r.note === "middling verdict")).toBe(true);
    const car = analyse({ text: "Шумная, прожорливая, сидения скрипят. Общее впечатление: ездить можно." });
    expect(car.reasons.some((r) => r.note === "middling verdict")).toBe(true);
    const bank = analyse({
      title: "Банк среднего качества",
      text: "Отделения есть везде.",
      pros: "Надёжность",
      cons: "Очереди, хамство, навязывают страховку",
    });
    expect(bank.reasons.some((r) => r.note === "middling verdict")).toBe(true);
    expect(bank.label).toBe("neutral");
    // A character who is "неоднозначный" is no verdict on the book.
    const hero = analyse({ text: "Главный герой неоднозначный, его поступки пугают." });
    expect(hero.reasons.some((r) => r.note === "middling verdict")).toBe(false);
  });

  it("reads review idioms with «не могу» and «трудно» («не могу оторваться», «не могу не отметить», «трудно сказать»)", () => {
    expect(analyse({ text: "Не могла оторваться от книги." }).label).toBe("positive");
    expect(analyse({ text: "Сложно оторваться, читается на одном дыхании." }).label).toBe("positive");
    expect(analyse({ text: "Не могу не отметить перевод." }).label).toBe("neutral");
    expect(analyse({ text: "Трудно сказать, чем всё закончится." }).label).toBe("neutral");
  });

  it("does not read a word through the stem of another («печать» is not «печаль», «досталось» not «достали»)", () => {
    for (const text of [
      "Книга вышла в печать в мае.",
      "Герой делает жест рукой.",
      "Мне досталось издание с картинками.",
      "На этом первый том кончился.",
      "Врата открылись.",
      "Марка машины японская.",
      "Эту историю невозможно забыть.",
      "Это скорее повесть, нежели роман.",
      "Банкомат недалеко от дома, пин-код пришёл в СМС.",
    ]) {
      expect(analyse({ text }).label, text).toBe("neutral");
    }
    // The complaints whose stems they share still count.
    expect(analyse({ text: "Достали своими звонками." }).label).toBe("negative");
    expect(analyse({ text: "Про мою заявку просто забыли." }).label).toBe("negative");
    // Difficulty is a mild con, like "сложно": "трудно" and "тяжело" weigh no more.
    expect(weightOf("Читать было трудно.", "трудно")).toBe(weightOf("Читать было сложно.", "сложно"));
    // "не может" is mostly a plot or a general statement ("героиня не может сопротивляться"): a mild con.
    expect(weightOf("Героиня не может сопротивляться.", "не может")).toBeGreaterThan(-0.5);
  });

  it("reads a short title that opens with «нормальный», «обычный», «средне» as a middling verdict", () => {
    const review = {
      text: "Пользуюсь картой несколько лет. Хамят, очереди по часу.",
      pros: "Много отделений",
      cons: "Очереди, долго ждать ответа, навязывают страховку",
    };
    expect(
      analyse({ ...review, title: "Самый обычный банк" }).reasons.some((r) => r.note === "middling verdict"),
    ).toBe(true);
    expect(analyse({ ...review, title: "Нормальный банк" }).label).toBe("neutral");
    expect(analyse({ ...review, title: "Про мою карту" }).label).toBe("negative");
    // Only a short title: a long one that starts the same way is a sentence of its own.
    const long = analyse({ ...review, title: "Обычный банк отказал мне в кредите без объяснения причин" });
    expect(long.reasons.some((r) => r.note === "middling verdict")).toBe(false);
  });

  it("matches the short words of a phrase as written: «ней», «нее» stem to «не» but negate nothing", () => {
    // "не обращайтесь" is a verdict; "к ней обращаются" is not.
    expect(analyse({ text: "К ней обращаются соседи." }).label).toBe("neutral");
    expect(analyse({ text: "Не обращайтесь к ним." }).label).toBe("negative");
  });

  it("matches a plural imperative in a phrase as written: «не пользуйтесь» is advice, «не пользуюсь» a fact", () => {
    expect(analyse({ text: "Не пользуйтесь их картой." }).label).toBe("negative");
    expect(analyse({ text: "Давно не пользуюсь их картой." }).label).toBe("neutral");
    expect(analyse({ text: "Не покупала у них ничего." }).label).toBe("neutral");
  });

  it("reads a reader's verdicts («не читайте», «не стоит читать», «еле домучила»)", () => {
    expect(analyse({ text: "Не читайте эту книгу." }).label).toBe("negative");
    expect(analyse({ text: "Эту книгу я не читала, но фильм видела." }).label).toBe("neutral");
    expect(analyse({ text: "Еле домучила до конца." }).label).toBe("negative");
    expect(analyse({ text: "Не стоит читать." }).label).toBe("negative");
    expect(analyse({ text: "Будьте осторожны с этим банком." }).label).toBe("negative");
  });

  it("reads «откровенно» as an intensifier, not as praise", () => {
    const a = analyse({ text: "Откровенно скучная книга." });
    expect(a.reasons.some((r) => r.term === "откровенно")).toBe(false);
    expect(a.label).toBe("negative");
  });

  it("reads a title that turns praise against a complaint on «но» / «хоть» as a mixed verdict", () => {
    const review = {
      text: "Пользуюсь картой несколько лет. Хамят, очереди по часу.",
      pros: "Много отделений",
      cons: "Очереди, долго ждать ответа, навязывают страховку",
    };
    const mixed = analyse({ ...review, title: "Банк надёжный, но невыгодный" });
    expect(mixed.reasons.some((r) => r.note === "middling verdict")).toBe(true);
    expect(mixed.label).toBe("neutral");
    // Both halves complaints: no mixed verdict.
    const both = analyse({ ...review, title: "Долго, но ещё и грубо" });
    expect(both.reasons.some((r) => r.note === "middling verdict")).toBe(false);
    expect(both.label).toBe("negative");
  });

  it("does not count what other reviews say as the author's verdict («много негативных отзывов»)", () => {
    const a = analyse({ text: "Про этот банк много негативных отзывов." });
    expect(a.label).toBe("neutral");
    expect(analyse({ text: "Про эту книгу много восторженных отзывов." }).label).toBe("neutral");
  });
});
