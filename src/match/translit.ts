/** Cyrillic ↔ Latin transliteration variants of brand names (Сбербанк ↔ Sberbank, Тинькофф ↔ Tinkoff). */

/** Cyrillic letter → Latin spellings, the usual one first. */
const CYR_TO_LAT: Record<string, string[]> = {
  а: ["a"],
  б: ["b"],
  в: ["v", "w"],
  г: ["g"],
  д: ["d"],
  е: ["e"],
  ё: ["e", "yo"],
  ж: ["zh", "j"],
  з: ["z"],
  и: ["i"],
  й: ["y", "i", "j"],
  к: ["k"],
  л: ["l"],
  м: ["m"],
  н: ["n"],
  о: ["o"],
  п: ["p"],
  р: ["r"],
  с: ["s"],
  т: ["t"],
  у: ["u"],
  ф: ["f"],
  х: ["kh", "h"],
  ц: ["ts", "c"],
  ч: ["ch"],
  ш: ["sh"],
  щ: ["shch", "sch"],
  ъ: [""],
  ы: ["y", "i"],
  ь: ["", "'"],
  э: ["e"],
  ю: ["yu", "ju"],
  я: ["ya", "ja"],
  і: ["i"],
  ї: ["yi", "i"],
  є: ["ye", "e"],
  ґ: ["g"],
};

/** Latin letter groups → Cyrillic, longest first; the usual reading first. */
const LAT_TO_CYR: [string, string[]][] = [
  ["shch", ["щ"]],
  ["sch", ["щ", "ш"]],
  ["zh", ["ж"]],
  ["kh", ["х"]],
  ["ts", ["ц"]],
  ["tz", ["ц"]],
  ["ch", ["ч"]],
  ["sh", ["ш"]],
  ["ya", ["я"]],
  ["ja", ["я"]],
  ["yu", ["ю"]],
  ["ju", ["ю"]],
  ["yo", ["е"]],
  ["ye", ["е"]],
  ["ck", ["к"]],
  ["ph", ["ф"]],
  ["th", ["т"]],
  ["oo", ["у"]],
  ["ee", ["и"]],
  ["ff", ["фф"]],
  ["a", ["а"]],
  ["b", ["б"]],
  ["c", ["к", "ц"]],
  ["d", ["д"]],
  ["e", ["е", "э"]],
  ["f", ["ф"]],
  ["g", ["г"]],
  ["h", ["х"]],
  ["i", ["и", "ай"]],
  ["j", ["дж", "й"]],
  ["k", ["к"]],
  ["l", ["л"]],
  ["m", ["м"]],
  ["n", ["н"]],
  ["o", ["о"]],
  ["p", ["п"]],
  ["q", ["к"]],
  ["r", ["р"]],
  ["s", ["с"]],
  ["t", ["т"]],
  ["u", ["у", "а"]],
  ["v", ["в"]],
  ["w", ["в"]],
  ["x", ["кс"]],
  ["y", ["и", "й"]],
  ["z", ["з"]],
];

const MAX_VARIANTS = 6;

/**
 * Spellings of one word in the other script: the usual one first, then the alternatives of one
 * ambiguous letter at a time (so the count stays small), at most `MAX_VARIANTS`.
 */
function variants(units: string[][]): string[] {
  const out = new Set<string>([units.map((u) => u[0]).join("")]);
  for (let i = 0; i < units.length && out.size < MAX_VARIANTS; i++) {
    const alts = units[i]!;
    for (let k = 1; k < alts.length && out.size < MAX_VARIANTS; k++) {
      out.add(units.map((u, j) => (j === i ? alts[k] : u[0])).join(""));
    }
  }
  return [...out];
}

/** Latin spellings of a lower-case Cyrillic word. */
export function cyrToLat(word: string): string[] {
  return variants([...word].map((ch) => CYR_TO_LAT[ch] ?? [ch]));
}

/** Cyrillic spellings of a lower-case Latin word. */
export function latToCyr(word: string): string[] {
  const units: string[][] = [];
  let i = 0;
  while (i < word.length) {
    const hit = LAT_TO_CYR.find(([lat]) => word.startsWith(lat, i));
    if (hit) {
      // "y" after a vowel reads as "й" (Hyundai, May), word-final "y" after a consonant as "и".
      if (hit[0] === "y" && i > 0 && /[aeiou]/.test(word[i - 1]!)) units.push(["й", "и"]);
      else units.push(hit[1]);
      i += hit[0].length;
    } else {
      units.push([word[i]!]);
      i++;
    }
  }
  return variants(units);
}
