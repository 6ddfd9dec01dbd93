/**
 * Language detection for ru / uk / bg / en. Script first (Latin vs Cyrillic), then letters only one
 * Cyrillic language uses (uk: і ї є ґ; ru: ы э ё; bg: ъ before a consonant), then frequent function words.
 */
import type { Lang } from "./nlp.js";

const RU_WORDS = new Set(
  "что это как так все был была были быть если уже или только еще очень мне меня его их когда они она он вы мы нет даже чтобы которые который этот эта этого тоже здесь там потому через".split(
    " ",
  ),
);
const BG_WORDS = new Set(
  "е са съм сме сте това тази този които който която ще много като със във защото ама нещо някой беше бях тя той ги ѝ че какво кога къде също трябва вече само тук нали".split(
    " ",
  ),
);
const UK_WORDS = new Set(
  "що це як також вже або тільки дуже мені його коли вони вона він ми ви немає який яка".split(" "),
);

export interface LangGuess {
  lang: Lang | "und";
  /** Share of the deciding evidence, in [0, 1]. */
  confidence: number;
}

export function detectLanguage(text: string): LangGuess {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const lower = sample.toLowerCase();
  let latin = 0;
  let cyr = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c >= 97 && c <= 122) latin++;
    else if (c >= 0x430 && c <= 0x45f) cyr++;
  }
  if (latin + cyr === 0) return { lang: "und", confidence: 0 };
  if (latin > cyr * 2) return { lang: "en", confidence: latin / (latin + cyr) };

  let ru = (lower.match(/[ыэё]/g)?.length ?? 0) * 2;
  let uk = (lower.match(/[іїєґ]/g)?.length ?? 0) * 2;
  let bg = (lower.match(/ъ(?=[бвгджзклмнпрстфхцчшщ])|ѝ/g)?.length ?? 0) * 2;
  ru += lower.match(/ъ(?=[еёюя])/g)?.length ?? 0;
  for (const w of lower.match(/[а-яёіїєґѝ]+/g) ?? []) {
    if (RU_WORDS.has(w)) ru += 1;
    if (BG_WORDS.has(w)) bg += 1;
    if (UK_WORDS.has(w)) uk += 1;
  }
  const total = ru + uk + bg;
  if (total === 0) return { lang: "ru", confidence: 0.5 };
  if (uk > ru && uk >= bg) return { lang: "uk", confidence: uk / total };
  if (bg > ru) return { lang: "bg", confidence: bg / total };
  return { lang: "ru", confidence: ru / total };
}
