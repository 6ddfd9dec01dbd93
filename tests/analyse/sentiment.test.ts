import { beforeAll, describe, expect, it } from "vitest";
import type { Analyser } from "../../src/analyse/index.js";
import { shippedAnalyser } from "./resources.js";

let analyse: Analyser;
beforeAll(async () => {
  analyse = await shippedAnalyser();
});
const label = (text: string, extra: Record<string, unknown> = {}) => analyse({ text, ...extra }).label;

describe("sentiment", () => {
  it("scores plain positive and negative reviews", () => {
    expect(label("Отличный банк, вежливые сотрудники, всем рекомендую!")).toBe("positive");
    expect(label("Ужасное обслуживание, хамство и обман. Мошенники!")).toBe("negative");
    expect(label("Terrible service, rude staff. Never again.")).toBe("negative");
    expect(label("Excellent coverage, friendly and helpful staff. Highly recommend!")).toBe("positive");
  });

  it("handles negation scope", () => {
    expect(label("Не рекомендую этот банк.")).toBe("negative");
    expect(label("Ни разу не пожалел, что открыл здесь вклад.")).toBe("positive");
    expect(label("I would not recommend them.")).toBe("negative");
    expect(label("The food was not good.")).toBe("negative");
    const notTasty = analyse({ text: "Еда была не вкусная." });
    expect(notTasty.label).toBe("negative");
    expect(notTasty.reasons[0]?.note).toContain("negated");
    const a = analyse({ text: "Не очень хорошо." });
    expect(a.score).toBeLessThan(0);
  });

  it("lets the clause after a contrast word weigh more", () => {
    expect(label("Сотрудники вежливые, но деньги так и не вернули, обман")).toBe("negative");
    expect(label("Очереди бывают, зато всё быстро и удобно, спасибо большое")).toBe("positive");
    expect(label("The food was great but the staff was rude and the wait was terrible.")).toBe("negative");
    const r = analyse({ text: "Хорошо, но дорого и долго" }).reasons.find((x) => x.term === "долго");
    expect(r?.note).toContain("contrast");
  });

  it("uses intensifiers, diminishers, exclamation and emoji", () => {
    const strong = analyse({ text: "очень плохо" }).score;
    const weak = analyse({ text: "немного плохо" }).score;
    expect(strong).toBeLessThan(weak);
    expect(label("Приехали, получили карту 👍👍")).toBe("positive");
    expect(label("Опять висит приложение((((")).toBe("negative");
    expect(analyse({ text: "Спасибо!!!" }).score).toBeGreaterThan(analyse({ text: "Спасибо." }).score);
  });

  it("strips site headings and scores pros and cons by their own rules", () => {
    const otzovik =
      "Работа как работа\nДостоинства: стабильность\nНедостатки: зарплата низкая, переработки\nОтзыв: в целом нормально, коллектив хороший.";
    const a = analyse({ text: otzovik, kind: "employer" });
    expect(a.label).not.toBe("negative");
    expect(a.reasons.some((r) => r.term.toLowerCase().includes("достоинства"))).toBe(false);
    expect(a.reasons.find((r) => r.field === "cons")).toBeDefined();
    expect(label("Хороший банк", { cons: "нет" })).toBe("positive");
  });

  it("lets the rating dominate and flags a text that contradicts it", () => {
    expect(label("нормально", { rating: 1 })).toBe("negative");
    expect(label("отличный банк", { rating: 3 })).toBe("neutral");
    const a = analyse({ text: "Ужасно, мошенники, хамство, никому не рекомендую, обман!", rating: 5 });
    expect(a.label).toBe("positive");
    expect(a.ratingMismatch).toBe(true);
    expect(a.reasons.some((r) => r.note === "text contradicts rating")).toBe(true);
  });

  it("keeps score and confidence in range and explains itself", () => {
    const a = analyse({ text: "Хамство, обман, не перезвонили!" });
    expect(a.score).toBeGreaterThanOrEqual(-1);
    expect(a.confidence).toBeGreaterThan(0);
    expect(a.confidence).toBeLessThanOrEqual(1);
    expect(a.reasons.map((r) => r.term)).toContain("не перезвонили");
  });

  it("reads no emoticon or sentiment into links and @handles", () => {
    const a = analyse({ text: "Новый тариф для абонентов: https://example.com/tarif?id=1 @some_bank" });
    expect(a.label).toBe("neutral");
    expect(a.reasons).toEqual([]);
    expect(label("Опять не работает приложение :/ www.example.ru")).toBe("negative");
  });

  it("does not read a retold story's death, war and fear as the reviewer's complaint", () => {
    const plot =
      "Книга рассказывает о преступлении и его жертвах, о мести и ненависти. Герой возвращается с войны, " +
      "видит смерть друзей, тюрьму и кровь, боль и страх; враги рядом, опасность растёт, " +
      "и трагедия близка. Автор ведёт нас от первой главы к последней, а в конце герой уезжает домой.";
    expect(analyse({ text: plot }).reasons.filter((r) => r.weight < 0)).toEqual([]);
    expect(
      label(
        "Роман о войне: герой теряет друзей, видит смерть и страх, но остаётся человеком. Читается на одном дыхании, не оторваться.",
      ),
    ).toBe("positive");
    expect(label("Сюжет предсказуемый, герои картонные, читать было скучно. Не зацепило.")).toBe("negative");
  });

  it("keeps story words in a short post, where they are the author's own state", () => {
    const a = analyse({ text: "Сессия, три экзамена подряд, я уже умираю" });
    expect(a.label).toBe("negative");
    expect(a.reasons.find((r) => r.term === "умираю")?.note).toBe("story");
  });

  it("reads praise in Russian scare quotes as irony and a longer quotation as someone else's words", () => {
    const irony = analyse({ text: "Особенно «порадовал» звонок в девять утра в субботу." });
    expect(irony.label).toBe("negative");
    expect(irony.reasons[0]).toMatchObject({ term: "порадовал", note: "irony" });
    const slogan = analyse({ text: 'Реклама обещает "самый удобный и надёжный банк для всей семьи".' });
    expect(slogan.reasons.every((r) => r.note?.includes("quoted"))).toBe(true);
    expect(slogan.label).not.toBe("negative");
    // English reviewers quote for emphasis: no irony there.
    expect(label('I am pleased with how "easy" it was to file a claim.')).toBe("positive");
  });

  it("reads a Russian double negation to its end and 'если бы не' as no negation", () => {
    const a = analyse({ text: "Пользуюсь картой давно. Ни разу не было проблем!" });
    expect(a.label).toBe("positive");
    expect(a.reasons.find((r) => r.term === "ни … проблем")?.weight).toBeGreaterThan(0);
    const b = analyse({ text: "Если бы не помощь добрых людей, я бы не справилась." });
    expect(b.reasons.find((r) => r.term === "добрых")?.weight).toBeGreaterThan(0);
  });

  it("knows Russian car and restaurant complaints and praise, and car parts that are no verdict", () => {
    expect(label("Машина прожорливая, кузов ржавеет, задние двери скрипят.")).toBe("negative");
    expect(label("Машинка шустрая, экономичная и неубиваемая.")).toBe("positive");
    expect(label("Официанты неприветливые, суп пересолен, а в конце нас ещё и обсчитали.")).toBe("negative");
    expect(label("Официанты расторопные и обходительные.")).toBe("positive");
    const parts = analyse({ text: "Поменял ходовую и радио, машина бизнес-класса." });
    expect(parts.reasons.map((r) => r.term)).not.toContain("ходовую");
    expect(parts.reasons.map((r) => r.term)).not.toContain("класса");
    const modern = analyse({ text: "Современный салон." }).reasons.find((r) => r.term === "современный");
    expect(modern?.weight).toBeGreaterThan(0);
    expect(modern?.weight).toBeLessThanOrEqual(1.5);
    // "лишь" is "only", not a form of "лишился"
    expect(analyse({ text: "Прочитал лишь половину." }).reasons.map((r) => r.term)).not.toContain("лишь");
    // "благодаря" is "because of": the stem of "благодарю" must not make it thanks
    expect(label("Благодаря этой ошибке я потеряла весь день.")).not.toBe("positive");
    expect(analyse({ text: "Благодаря этому всё и случилось." }).reasons).toHaveLength(0);
  });

  it("reads Russian middling verdicts as mild and disappointed expectations as a complaint", () => {
    expect(analyse({ text: "Книга на троечку." }).score).toBeGreaterThan(-0.3);
    expect(label("Прочитала, ничего особенного, на любителя.")).not.toBe("positive");
    expect(label("Честно говоря, ожидала большего от этого автора.")).toBe("negative");
    expect(analyse({ text: "Фильм мне не понравился." }).reasons[0]).toMatchObject({ term: "не понравился" });
    expect(label("Лучше бы не ходили: жаль времени.")).toBe("negative");
  });

  it("does not read 'no limit to' a complaint as its denial", () => {
    expect(label("Наглости нет предела.")).toBe("negative");
    expect(label("Проблем нет.")).toBe("positive");
  });

  it("scores mixed-language text by its main language", () => {
    const a = analyse({ text: "Приложение Sberbank Online ужасное, постоянно глючит, обман" });
    expect(a.lang).toBe("ru");
    expect(a.label).toBe("negative");
  });
});
