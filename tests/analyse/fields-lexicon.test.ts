import { beforeAll, describe, expect, it } from "vitest";
import {
  type Analyser,
  buildLanguageResources,
  createAnalyser,
  splitSections,
} from "../../src/analyse/index.js";
import { shippedAnalyser } from "./resources.js";

let analyse: Analyser;
beforeAll(async () => {
  analyse = await shippedAnalyser();
});

describe("sections", () => {
  it("splits otzovik and glassdoor headings into fields, and takes a short first line as title", () => {
    expect(splitSections("Надёжный банк\nДостоинства: быстро\nНедостатки: очереди\nОтзыв: всё ок")).toEqual({
      title: "Надёжный банк",
      pros: "быстро",
      cons: "очереди",
      text: "всё ок",
    });
    expect(splitSections("Good place\nPros: pay\nCons: hours")).toMatchObject({
      title: "Good place",
      pros: "pay",
    });
    expect(splitSections("Never again\nThey lost my claim twice.")).toEqual({
      title: "Never again",
      text: "They lost my claim twice.",
    });
    expect(splitSections("Just one line.")).toEqual({ text: "Just one line." });
  });

  it("does not let employer cons alone make a review negative", () => {
    const a = analyse({
      text: "",
      pros: "стабильная белая зарплата, хороший коллектив",
      cons: "иногда переработки",
    });
    expect(a.label).not.toBe("negative");
    expect(analyse({ text: "", pros: "нет", cons: "хамство, обман, задержка зарплаты" }).label).toBe(
      "negative",
    );
  });
});

describe("other languages", () => {
  it("scores Bulgarian and Ukrainian with their own lexicons", () => {
    expect(analyse({ text: "Много съм доволна, препоръчвам!" })).toMatchObject({
      lang: "bg",
      label: "positive",
    });
    expect(analyse({ text: "Ужасно обслужване, не препоръчвам." })).toMatchObject({
      lang: "bg",
      label: "negative",
    });
    expect(analyse({ text: "Жахливий сервіс, не рекомендую." })).toMatchObject({
      lang: "uk",
      label: "negative",
    });
  });

  it("uses the declared language over detection", () => {
    expect(analyse({ text: "ok", lang: "ru" }).lang).toBe("ru");
  });
});

describe("lexicon files", () => {
  it("rejects unknown fields and unknown base lexicons", () => {
    expect(() => buildLanguageResources({ lexicons: [{ language: "en", wrods: {} }] })).toThrow();
    expect(() =>
      buildLanguageResources({ lexicons: [{ language: "en", base: [{ id: "nope" }] }] }),
    ).toThrow();
  });

  it("applies prefixes, phrases before words, and modifiers from the file", () => {
    const r = buildLanguageResources({
      lexicons: [
        {
          language: "en",
          words: { "scam*": -3, good: 2 },
          phrases: { "good grief": -1 },
          negators: ["not"],
          modifiers: { very: 2 },
        },
      ],
    });
    const a = createAnalyser(r);
    expect(a({ text: "scammy outfit" }).reasons[0]).toMatchObject({ term: "scammy", weight: -3 });
    expect(a({ text: "good grief" }).reasons.map((x) => x.term)).toEqual(["good grief"]);
    expect(a({ text: "very good" }).reasons[0]).toMatchObject({ weight: 4, note: "intensified" });
  });

  it("reads middling verdicts from the file's `middling` section, for any language that has one", () => {
    const middling = (lexicon: object, input: { text: string; title?: string }) =>
      createAnalyser(buildLanguageResources({ lexicons: [lexicon] }))({ ...input, lang: "ru" }).reasons.find(
        (r) => r.note === "middling verdict",
      )?.term;
    const ru = {
      language: "ru",
      words: { плохо: -2 },
      middling: {
        titles: { hedges: ["просто"], verdicts: ["нормально", "на троечку"] },
        stated: ["(3|три) звезды"],
        bounds: ["даже"],
      },
    };
    expect(middling(ru, { title: "Просто  нормально!", text: "Кофе плохо сварен." })).toBe(
      "Просто  нормально!",
    );
    expect(middling(ru, { text: "Ставлю 3 звезды, кофе плохо сварен." })).toBe("3 звезды");
    // a bound is not a rating, and a lexicon without the section has no middling verdicts
    expect(middling(ru, { text: "Не стоит даже 3 звезды." })).toBeUndefined();
    expect(middling({ language: "ru" }, { title: "Просто нормально", text: "Кофе." })).toBeUndefined();
  });

  it("reads praise in excess and negative concord from the file's word lists", () => {
    const lexicon = {
      language: "en",
      words: { sweet: 2 },
      phrases: { "no one to answer": -2 },
      negators: ["not", "no"],
      excess: ["too"],
      concord: ["no"],
    };
    const a = createAnalyser(buildLanguageResources({ lexicons: [lexicon] }));
    expect(a({ text: "too sweet" }).reasons[0]?.weight).toBeLessThan(0);
    expect(a({ text: "not get no one to answer" }).reasons[0]?.weight).toBeLessThan(0);
    const plain = createAnalyser(
      buildLanguageResources({ lexicons: [{ ...lexicon, excess: [], concord: [] }] }),
    );
    expect(plain({ text: "too sweet" }).reasons[0]?.weight).toBeGreaterThan(0);
    expect(plain({ text: "not get no one to answer" }).reasons[0]?.weight).toBeGreaterThan(0);
  });

  it("rejects a middling pattern that is not a regular expression, and unknown middling lists", () => {
    const bad = (middling: object) => () =>
      buildLanguageResources({ lexicons: [{ language: "en", middling }] });
    expect(bad({ stated: ["(3 stars"] })).toThrow(/regular expression/);
    expect(bad({ titels: [] })).toThrow();
    expect(bad({ titles: { verdicts: ["ok"], extra: [] } })).toThrow();
  });
});
