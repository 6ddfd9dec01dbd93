/**
 * Russian case forms generated from a brand name, one word at a time (Сбербанк → Сбербанка, Сбербанку,
 * Сбербанком, Сбербанке; Альфа → Альфы, Альфе, Альфу, Альфой). Over-generation is harmless here: the
 * forms are only compared with whole words of the text.
 */

const CONSONANT = /[бвгджзклмнпрстфхцчшщ]$/;
const VELAR_OR_HUSHING = /[гкхжшчщ]$/;

function withEndings(stem: string, endings: string[]): string[] {
  return endings.map((e) => stem + e);
}

/** All forms of one lower-case Cyrillic word, the word itself included. */
export function inflectRu(word: string): string[] {
  const forms = new Set<string>([word]);
  if (word.length < 3) return [...forms];
  const stem2 = word.slice(0, -2);
  const stem1 = word.slice(0, -1);
  const add = (xs: string[]) => {
    for (const x of xs) forms.add(x);
  };

  if (/(ый|ий|ой)$/.test(word)) {
    // Adjective, masculine (Русский Стандарт → Русского Стандарта; Связной → Связного).
    add(
      withEndings(stem2, [
        "ого",
        "ому",
        "ым",
        "им",
        "ом",
        "ые",
        "ие",
        "ых",
        "их",
        "ыми",
        "ими",
        "его",
        "ему",
      ]),
    );
  } else if (/(ая|яя)$/.test(word)) {
    add(withEndings(stem2, ["ой", "ей", "ую", "юю", "ые", "ие", "ых", "их"]));
  } else if (/(ое|ее)$/.test(word) && word.length > 4) {
    add(withEndings(stem2, ["ого", "ому", "ым", "ом", "его", "ему", "им", "ем"]));
  }
  if (CONSONANT.test(word)) {
    add(withEndings(word, ["а", "у", "ом", "е", "ов", "ам", "ами", "ах"]));
    add(withEndings(word, VELAR_OR_HUSHING.test(word) ? ["и", "ем", "ей"] : ["ы"]));
    if (/ц$/.test(word)) add(withEndings(word, ["ем", "ев"]));
  } else if (word.endsWith("й")) {
    add(withEndings(stem1, ["я", "ю", "ем", "е", "и", "ев", "ям", "ями", "ях"]));
  } else if (word.endsWith("ь")) {
    add(withEndings(stem1, ["я", "ю", "ем", "е", "и", "ей", "ью", "ям", "ями", "ях"]));
  } else if (word.endsWith("а")) {
    add(
      withEndings(stem1, [VELAR_OR_HUSHING.test(stem1) ? "и" : "ы", "е", "у", "ой", "ою", "ам", "ами", "ах"]),
    );
  } else if (/[ыи]$/.test(word) && word.length >= 4 && !/(ый|ий)$/.test(word)) {
    // Plural names (Ёлки, Известия): genitive/dative/instrumental/prepositional plural.
    add(withEndings(stem1, ["ов", "ей", "ам", "ями", "ами", "ах", "ях"]));
  } else if (word.endsWith("я") && !/(ая|яя)$/.test(word)) {
    add(withEndings(stem1, ["и", "е", "ю", "ей", "ею", "ям", "ями", "ях"]));
  }
  return [...forms];
}
