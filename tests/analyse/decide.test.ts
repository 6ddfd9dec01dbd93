import { beforeAll, describe, expect, it } from "vitest";
import { BANDS, bandFor, decide, genreOf, labelFor } from "../../src/analyse/decide.js";
import type { Evidence } from "../../src/analyse/evidence.js";
import { type Analyser, simhash } from "../../src/analyse/index.js";
import { shippedAnalyser } from "./resources.js";

let analyse: Analyser;
beforeAll(async () => {
  analyse = await shippedAnalyser();
});

function evidence(over: Partial<Evidence>): Evidence {
  return {
    lang: "en",
    lexLang: "en",
    pos: 0,
    neg: 0,
    nPos: 0,
    nNeg: 0,
    words: 10,
    prosWords: 0,
    consWords: 0,
    fields: [],
    structured: false,
    reasons: [],
    tokens: [],
    stems: [],
    ...over,
  };
}

describe("decision per genre", () => {
  it("tells short texts, reviews and pros/cons reviews apart", () => {
    expect(genreOf({ structured: false, words: 12 })).toBe("short");
    expect(genreOf({ structured: false, words: 120 })).toBe("review");
    expect(genreOf({ structured: true, words: 12 })).toBe("structured");
  });

  it("keeps a short text without sentiment words neutral", () => {
    const d = decide(evidence({ words: 20 }));
    expect(d.score).toBe(0);
    expect(d.label).toBe("neutral");
  });

  it("leans a long text without praise negative, and lets praise outweigh the lean", () => {
    const story = decide(evidence({ words: 200, neg: 1 }));
    expect(story.genre).toBe("review");
    expect(story.label).toBe("negative");
    const praised = decide(evidence({ words: 200, pos: 8, neg: 1 }));
    expect(praised.label).toBe("positive");
  });

  it("weighs negative evidence more than the same amount of praise", () => {
    expect(decide(evidence({ words: 20, pos: 2, neg: 2 })).score).toBeLessThan(0);
  });

  it("weighs English complaints 2.5x, and calls a review negative only when they clearly outweigh praise", () => {
    const ru = decide(evidence({ lang: "ru", lexLang: "ru", words: 20, pos: 2, neg: 2 }));
    const en = decide(evidence({ words: 20, pos: 2, neg: 2 }));
    expect(en.score).toBeLessThan(ru.score);
    // a three-star review: praise, then two mild complaints of about the same weight
    expect(decide(evidence({ words: 120, pos: 5, neg: 2.5 })).label).toBe("neutral");
    // a one-star review: complaints and hardly a good word
    expect(decide(evidence({ words: 120, pos: 1, neg: 8 })).label).toBe("negative");
  });

  it("halves the score of a text whose title is a middling verdict", () => {
    const plain = decide(
      evidence({ structured: true, words: 60, pos: 1, neg: 4, prosWords: 10, consWords: 40 }),
    );
    const middling = decide(
      evidence({
        structured: true,
        words: 60,
        pos: 1,
        neg: 4,
        prosWords: 10,
        consWords: 40,
        middling: "Just OK",
      }),
    );
    expect(middling.score).toBeCloseTo(plain.score / 2, 5);
    expect(middling.reasons.some((r) => r.note === "middling verdict")).toBe(true);
  });

  it("lets the pros/cons balance move a structured review and says so", () => {
    const longCons = decide(evidence({ structured: true, words: 80, prosWords: 3, consWords: 70 }));
    const longPros = decide(evidence({ structured: true, words: 80, prosWords: 70, consWords: 3 }));
    expect(longCons.score).toBeLessThan(longPros.score);
    expect(longCons.reasons[0]?.note).toBe("pros/cons balance");
    expect(longCons.reasons[0]?.weight).toBeLessThan(0);
  });

  it("maps scores to labels with per-language edges where a lexicon needs them", () => {
    expect(labelFor(-0.5, BANDS.review)).toBe("negative");
    expect(labelFor(0.1, BANDS.review)).toBe("neutral");
    expect(labelFor(0.9, BANDS.review)).toBe("positive");
    expect(bandFor("short", "en").negativeBelow).toBeLessThan(BANDS.short.negativeBelow);
    expect(bandFor("short", "en").positiveAbove).toBe(BANDS.short.positiveAbove);
    expect(bandFor("review", "en").negativeBelow).toBeLessThan(BANDS.review.negativeBelow);
    expect(bandFor("review", "ru").negativeBelow).toBeLessThan(BANDS.review.negativeBelow);
    expect(bandFor("short", "ru")).toEqual(BANDS.short);
  });
});

describe("review rules", () => {
  it("reads a denied complaint as praise ('проблем нет', 'нареканий не было')", () => {
    const a = analyse({ text: "Пользуюсь картой три года, проблем не было." });
    expect(a.label).toBe("positive");
    expect(a.reasons.find((r) => r.term === "проблем не было")).toBeDefined();
  });

  it("does not score sentiment words inside names", () => {
    const a = analyse({ text: "I bought a policy from Pets Best last year and filed one claim." });
    expect(a.reasons.some((r) => r.term === "best")).toBe(false);
    expect(a.label).toBe("neutral");
  });

  it("counts a 'why…?' question in a review as a complaint", () => {
    const a = analyse({ text: "Почему я должна ждать перевод две недели?" });
    expect(a.reasons.find((r) => r.note === "rhetorical")?.weight).toBeLessThan(0);
  });

  it("reads verdict phrases and 'no pros' fields", () => {
    expect(analyse({ text: "Никому не советую, бегите отсюда." }).label).toBe("negative");
    expect(analyse({ text: "Never coming back. Waste of money." }).label).toBe("negative");
    expect(analyse({ text: "Больше никогда не куплю эту машину." }).label).toBe("negative");
    expect(analyse({ text: "Жаль потраченного времени на эту книгу." }).label).toBe("negative");
    expect(analyse({ text: "Кормят долго, больше не придём." }).label).toBe("negative");
    expect(analyse({ text: "Книга ни о чём, чушь." }).label).toBe("negative");
    expect(analyse({ text: "Зацепило с первой страницы, шедевр!" }).label).toBe("positive");
    expect(analyse({ text: "Обязательно вернёмся ещё раз!" }).label).toBe("positive");
    const otzovik = analyse({
      text: "Банк\nДостоинства: Плюсов не вижу\nНедостатки: очереди, хамство\nОтзыв: обслуживание так себе.",
    });
    expect(otzovik.reasons.find((r) => r.note === "no pros")).toBeDefined();
    expect(otzovik.label).toBe("negative");
    const misspelt = analyse({
      text: "Банк\nДостоинства: не каких\nНедостатки: очереди\nОтзыв: ждать приходится.",
    });
    expect(misspelt.reasons.find((r) => r.note === "no pros")).toBeDefined();
  });

  it("keeps a mixed Russian review neutral and a complaint negative", () => {
    expect(bandFor("review", "ru").negativeBelow).toBeLessThan(BANDS.review.negativeBelow);
    const mixed = analyse({
      text:
        "Машину купили два года назад для поездок на дачу и по городу. Салон просторный, багажник вместительный, " +
        "расход небольшой. Из минусов: шумоизоляция слабая, зимой печка греет долго, запчасти дороговаты. " +
        "В целом машина своих денег стоит, ездим дальше и посмотрим, как покажет себя на третий год.",
    });
    expect(mixed.label).toBe("neutral");
    const complaint = analyse({
      text:
        "Открыла вклад, через месяц банк в одностороннем порядке снизил ставку. В отделении сказали, что так " +
        "написано в договоре мелким шрифтом. Деньги забрать без потери процентов нельзя, менеджер разговаривал " +
        "грубо, жалобу не приняли. Больше с этим банком дел иметь не буду.",
    });
    expect(complaint.label).toBe("negative");
  });

  it("reads news that a company's clients feel as negative, and plain news as neutral", () => {
    expect(analyse({ text: "Тарифы оператора подорожают на 20% с марта" }).label).toBe("negative");
    expect(analyse({ text: "Абоненты в трёх районах остались без связи" }).label).toBe("negative");
    expect(analyse({ text: "Банк открыл два новых отделения в области" }).label).toBe("neutral");
  });

  it("keeps a short Russian pros/cons review with one mild complaint out of 'strongly negative'", () => {
    const a = analyse({
      title: "Обычный банк",
      pros: "отделение рядом",
      cons: "комиссия за платежи",
      text: "Обычный банк. Отделение рядом с домом, но за платежи через кассу берут комиссию.",
      rating: 3,
    });
    expect(a.label).toBe("neutral");
  });

  it("weighs 'плохо' like 'плохой' and 'нормально' below 'хорошо'", () => {
    expect(analyse({ text: "Кухня нормальная, обслуживание плохо." }).label).toBe("negative");
    const ok = analyse({ text: "нормально" }).score;
    const good = analyse({ text: "хорошо" }).score;
    expect(ok).toBeLessThan(good);
    expect(analyse({ text: "Интересный сюжет и живые герои." }).label).toBe("positive");
  });

  it("reads a support account's apology formula as no verdict", () => {
    const a = analyse({ text: "Здравствуйте! Приносим извинения за неудобства, уточните номер договора." });
    expect(a.label).toBe("neutral");
  });

  it("does not score words every review uses ('общее впечатление', 'в общем', 'данный')", () => {
    const a = analyse({ text: "Общее впечатление: данный роман о героях и их вопросах, в общем, о другом." });
    expect(a.reasons).toEqual([]);
  });

  it("fingerprints the words the sentiment saw, the same as simhash of the text", () => {
    const text = "Отличный банк, вежливые сотрудники, всем рекомендую!";
    expect(analyse({ text }).fingerprint).toBe(simhash(text));
  });
});
