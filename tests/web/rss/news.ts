/**
 * Invented news items for the feed replicas (rss, google-alerts). Some name the demo brand "Банк Ромашка",
 * most do not: feed entries go through brand matching, and only the ones naming a brand become mentions.
 */

export interface NewsItem {
  id: number;
  slug: string;
  title: string;
  /** Paragraphs of the body. */
  body: string[];
  author: string;
  minutesAgo: number;
  aboutBrand: boolean;
  /** Replica-world stage from which the item exists. */
  stage: number;
}

const n = (
  id: number,
  slug: string,
  title: string,
  author: string,
  minutesAgo: number,
  aboutBrand: boolean,
  body: string[],
  stage = 0,
): NewsItem => ({ id, slug, title, body, author, minutesAgo, aboutBrand, stage });

/** The business-news site's RSS 2.0 feed, newest first. */
export const FINVESTNIK_NEWS: NewsItem[] = [
  n(
    48_213,
    "romashka-app-sboi",
    "Клиенты Банка Ромашка пожаловались на сбой приложения",
    "Ольга Смирнова",
    45,
    true,
    [
      "Утром в понедельник клиенты Банка Ромашка не могли войти в мобильное приложение около двух часов.",
      "В банке сбой объяснили обновлением серверов и пообещали компенсировать комиссии за переводы.",
    ],
    1,
  ),
  n(
    48_210,
    "klyuchevaya-stavka",
    "ЦБ сохранил ключевую ставку",
    "Редакция",
    55,
    false,
    ["Совет директоров Банка России сохранил ключевую ставку на прежнем уровне."],
    1,
  ),
  n(48_201, "vklady-noyabr", "Ставки по вкладам в ноябре: обзор", "Павел Орлов", 300, false, [
    "Крупные банки снизили ставки по краткосрочным вкладам на 0,2–0,5 п.п.",
  ]),
  n(
    48_196,
    "romashka-ipoteka",
    "Банк Ромашка снизил ставки по семейной ипотеке",
    "Ольга Смирнова",
    1_400,
    true,
    ["Банк Ромашка с 1 декабря снижает ставки по семейной ипотеке для заёмщиков с зарплатной картой банка."],
  ),
  n(48_188, "fintech-konferentsiya", "В Казани прошла финтех-конференция", "Редакция", 2_900, false, [
    "Участники обсудили биометрию, открытые API и платежи по QR-коду.",
  ]),
  n(
    48_180,
    "chai-s-romashkoi",
    "Чай с ромашкой вошёл в топ продаж маркетплейсов",
    "Анна Белова",
    4_300,
    false,
    ["Аналитики отметили рост спроса на травяные чаи: лидирует чай с ромашкой."],
  ),
  n(
    48_172,
    "moshennichestvo",
    "Новая схема мошенничества с «безопасными счетами»",
    "Павел Орлов",
    7_100,
    false,
    ["Мошенники снова представляются сотрудниками службы безопасности банков."],
  ),
  n(48_160, "bank-romashka-otchet", "Bank Romashka отчитался о прибыли за квартал", "Редакция", 9_800, true, [
    "Bank Romashka (Банк Ромашка) увеличил чистую прибыль на 12% благодаря росту комиссионных доходов.",
  ]),
  n(48_151, "kreditnye-kanikuly", "Госдума продлила кредитные каникулы", "Анна Белова", 13_000, false, [
    "Закон продлевает право на кредитные каникулы для пострадавших от паводков.",
  ]),
  n(48_144, "sbp-limity", "Лимиты СБП: что изменится", "Павел Орлов", 20_000, false, [
    "С нового года бесплатный лимит переводов через СБП увеличится.",
  ]),
];

/** The banking blog's Atom feed (paged by 4), newest first. */
export const BLOG_POSTS: NewsItem[] = [
  n(901, "obzor-kart", "Обзор дебетовых карт месяца", "Игорь Ветров", 600, false, [
    "Сравнили десять карт по кэшбэку и стоимости.",
  ]),
  n(899, "romashka-keshbek", "Кэшбэк Банка Ромашка: честный разбор", "Игорь Ветров", 3_000, true, [
    "Разобрались, как на самом деле работает кэшбэк Банка Ромашка и где его урезали.",
  ]),
  n(897, "vklad-ili-obligatsii", "Вклад или облигации?", "Мария Лис", 6_000, false, [
    "Когда вклад выгоднее облигаций федерального займа.",
  ]),
  n(894, "kak-vybrat-bank", "Как выбрать банк для ИП", "Мария Лис", 9_000, false, [
    "Тарифы на РКО: на что смотреть.",
  ]),
  n(890, "ipoteka-romashka", "Ипотека в Ромашка Банк: опыт читателя", "Игорь Ветров", 14_000, true, [
    "Читатель рассказал, как оформил ипотеку в Ромашка Банк за две недели.",
  ]),
  n(887, "nalogovyi-vychet", "Налоговый вычет за 15 минут", "Мария Лис", 19_000, false, [
    "Пошаговая инструкция через личный кабинет.",
  ]),
  n(881, "finansovaya-podushka", "Финансовая подушка: сколько нужно", "Игорь Ветров", 25_000, false, [
    "Считаем подушку безопасности на полгода.",
  ]),
];

export function visibleNews<T extends { stage: number }>(items: T[], stage: number): T[] {
  return items.filter((x) => x.stage <= stage);
}
