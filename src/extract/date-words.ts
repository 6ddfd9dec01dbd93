/** Words that dates are written with, in Russian, English and Bulgarian (lower case, "ё" folded to "е"). */

/** Month names (every case form that differs), Russian, Bulgarian and English; index + 1 = month. */
const MONTH_FORMS: string[][] = [
  ["январь", "января", "январе", "януари", "january"],
  ["февраль", "февраля", "феврале", "февруари", "february"],
  ["март", "марта", "марте", "march"],
  ["апрель", "апреля", "апреле", "април", "april"],
  ["май", "мая", "мае", "may"],
  ["июнь", "июня", "июне", "юни", "june"],
  ["июль", "июля", "июле", "юли", "july"],
  ["август", "августа", "августе", "august"],
  ["сентябрь", "сентября", "сентябре", "септември", "september"],
  ["октябрь", "октября", "октябре", "октомври", "october"],
  ["ноябрь", "ноября", "ноябре", "ноември", "november"],
  ["декабрь", "декабря", "декабре", "декември", "december"],
];

/**
 * Month number of a month word: a full form or an abbreviation of at least three letters
 * ("марта" -> 3, "сент" -> 9, "Sept" -> 9, "май" -> 5); any other word ("марка") -> undefined.
 */
export function monthOf(word: string): number | undefined {
  if (word.length < 3) return undefined;
  for (let i = 0; i < MONTH_FORMS.length; i++) {
    if (MONTH_FORMS[i]!.some((form) => form.startsWith(word))) return i + 1;
  }
  return undefined;
}

/** Words ignored between the parts of an absolute date: weekdays, "г.", "года", "в", "at", "of". */
export const NOISE_WORDS = new Set([
  "г",
  "го",
  "год",
  "года",
  "гг",
  "в",
  "во",
  "at",
  "of",
  "on",
  "the",
  "um",
  "posted",
  "опубликовано",
  "добавлен",
  "добавлено",
  "дата",
  "date",
  // weekdays, en
  "mon",
  "tue",
  "tues",
  "wed",
  "thu",
  "thur",
  "thurs",
  "fri",
  "sat",
  "sun",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
  // weekdays, ru
  "пн",
  "вт",
  "ср",
  "чт",
  "пт",
  "сб",
  "вс",
  "понедельник",
  "вторник",
  "среда",
  "четверг",
  "пятница",
  "суббота",
  "воскресенье",
  // weekdays, bg
  "понеделник",
  "сряда",
  "четвъртък",
  "петък",
  "събота",
  "неделя",
]);

export type RelativeUnit = "second" | "minute" | "hour" | "day" | "week" | "month" | "year";

/** Unit of a relative-date word ("дня" -> day, "mins" -> minute, "седмици" -> week). */
export function unitOf(word: string): RelativeUnit | undefined {
  for (const [unit, re] of UNIT_PATTERNS) if (re.test(word)) return unit;
  return undefined;
}

const UNIT_PATTERNS: [RelativeUnit, RegExp][] = [
  ["second", /^(секунд[уыа]?|сек|секунди|seconds?|secs?|s)$/],
  ["minute", /^(минут[уыа]?|мин|минути|minutes?|mins?|m)$/],
  ["hour", /^(час|часа|часов|ч|hours?|hrs?|h)$/],
  ["day", /^(день|дня|дней|дн|ден|дни|дена|days?|d)$/],
  ["week", /^(неделю|недели|недель|нед|седмица|седмици|weeks?|wks?|w)$/],
  ["month", /^(месяц|месяца|месяцев|мес|месец|месеца|months?|mos?)$/],
  ["year", /^(год|года|лет|година|години|years?|yrs?|y)$/],
];

/** Count words standing for numbers in "час назад", "an hour ago", "пару дней назад", "преди една седмица". */
export const COUNT_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  few: 3,
  "a few": 3,
  couple: 2,
  "a couple of": 2,
  один: 1,
  одна: 1,
  одну: 1,
  одно: 1,
  два: 2,
  две: 2,
  пару: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  несколько: 3,
  един: 1,
  една: 1,
  едно: 1,
  няколко: 3,
};

/** Offsets of time-zone abbreviations seen in RFC 822 dates and forum footers, in minutes. */
export const ZONE_ABBREVIATIONS: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  msk: 180,
  мск: 180,
  eet: 120,
  eest: 180,
  cet: 60,
  cest: 120,
  bst: 60,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

/** Locales (by language prefix) that write 04/05/2019 as day/month. */
export const DAY_FIRST_LANGUAGES = new Set([
  "ru",
  "bg",
  "uk",
  "be",
  "kk",
  "de",
  "fr",
  "es",
  "it",
  "pl",
  "tr",
]);
