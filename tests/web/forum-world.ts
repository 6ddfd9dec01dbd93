/**
 * The invented forum world shared by the forum-engine replicas (phpbb, vbulletin, xenforo, invision, smf,
 * vanilla, discourse): one section "Банки и кредиты" with its topics, two watched threads and the posts that
 * a search for "ромашка" finds. Some posts name the demo brand ("Банк Ромашка" and its spellings), some only
 * talk around it, one is about camomile tea (the brand's exclusion): forum items go through brand matching
 * and only the ones naming the brand may become mentions. Every replica renders this same world with its
 * engine's markup, ids and date format. Any likeness to real people or banks is accidental.
 */

export interface ForumPost {
  /** Post id (unique across the world; engines print it their way). */
  id: number;
  author: string;
  /** Minutes before the replica clock. */
  minutesAgo: number;
  /** Paragraphs. */
  text: string[];
  /** Whether the post names the demo brand (what brand matching should find). */
  aboutBrand: boolean;
  /** Replica-world stage from which the post exists. */
  stage: number;
}

export interface ForumThread {
  id: number;
  title: string;
  slug: string;
  /** Oldest first, as forums show a thread. */
  posts: ForumPost[];
}

export interface ForumTopic {
  id: number;
  title: string;
  slug: string;
  author: string;
  /** When the topic was started, minutes before the replica clock. */
  minutesAgo: number;
  replies: number;
  views: number;
  /** First words of the opening post (some engines show them in the list). */
  preview: string;
  aboutBrand: boolean;
  stage: number;
}

export const FORUM = {
  sectionId: 12,
  sectionTitle: "Банки и кредиты",
  sectionSlug: "banki-i-kredity",
} as const;

const p = (
  id: number,
  author: string,
  minutesAgo: number,
  aboutBrand: boolean,
  text: string[],
  stage = 0,
): ForumPost => ({ id, author, minutesAgo, aboutBrand, text, stage });

/** The brand's own thread: 12 posts at stage 0, 2 more at stage 1 (one names the brand). */
export const BRAND_THREAD: ForumThread = {
  id: 5301,
  title: "Банк Ромашка — впечатления клиентов",
  slug: "bank-romashka-vpechatleniya-klientov",
  posts: [
    p(70_101, "kot_baton", 14_400, true, [
      "Открываю тему про Банк Ромашка. Перевёл туда зарплату месяц назад, делитесь опытом: кто давно обслуживается, какие подводные камни?",
    ]),
    p(70_105, "Marina_K", 14_100, true, [
      "Обслуживаюсь в Банке Ромашка третий год. Приложение удобное, переводы по СБП без комиссии. Из минусов — очереди в отделении на Тверской по субботам.",
    ]),
    p(70_112, "dr_Watson", 13_000, false, ["Подпишусь, тоже думаю менять банк."]),
    p(70_118, "lena_spb", 11_900, true, [
      "У Банка Ромашка заблокировали карту на выходных из-за «подозрительной операции» — я оплатила коммуналку. Разблокировали в понедельник, извинились, но осадок остался.",
    ]),
    p(70_126, "kot_baton", 11_000, false, ["lena_spb, а в чате поддержки что ответили?"]),
    p(70_131, "lena_spb", 10_800, false, [
      "Бот отвечал шаблонами, живой оператор появился только через сорок минут.",
    ]),
    p(70_140, "Ivan_Petrovich", 8_600, true, [
      "Брал в Ромашка Банк ипотеку в прошлом году. Одобрили за два дня, ставку снизили после подтверждения дохода. Страховку не навязывали, что приятно удивило.",
    ]),
    p(70_152, "skeptik", 7_000, false, ["Все банки одинаковые, пока не случится проблема."]),
    p(70_160, "Marina_K", 5_200, true, [
      "Кстати, у Банка Ромашка вклад «Летний» продлили до конца года, ставка та же.",
    ]),
    p(70_171, "finansist77", 3_900, false, ["Ставка так себе, в соседних банках на полпроцента выше."]),
    p(70_183, "kot_baton", 2_500, true, [
      "Итог за месяц: Банк Ромашка пока устраивает, кэшбэк пришёл вовремя. Отпишусь, если что-то изменится.",
    ]),
    p(70_190, "dr_Watson", 1_300, false, ["Спасибо всем, картина понятна."]),
    p(
      70_204,
      "lena_spb",
      60,
      true,
      ["Снова заблокировали карту в Банке Ромашка, теперь при оплате билетов. Второй раз за два месяца!"],
      1,
    ),
    p(70_209, "skeptik", 40, false, ["Сочувствую. Пишите жалобу через приложение, так быстрее."], 1),
  ],
};

/** A thread about something else where the brand comes up once, in passing. */
export const SIDE_THREAD: ForumThread = {
  id: 5288,
  title: "Куда перевести зарплатную карту?",
  slug: "kuda-perevesti-zarplatnuyu-kartu",
  posts: [
    p(69_850, "alex_ekb", 20_000, false, [
      "Работодатель разрешил выбрать банк для зарплаты. Что посоветуете, чтобы без платы за обслуживание?",
    ]),
    p(69_861, "finansist77", 19_500, false, [
      "Смотрите на условия кэшбэка и лимиты на снятие. Бесплатное обслуживание сейчас почти везде.",
    ]),
    p(69_877, "Marina_K", 19_000, true, [
      "Я в Bank Romashka, за три года ни разу не платила за карту. Но поддержка иногда медленная.",
    ]),
    p(69_880, "tea_lover", 18_800, false, [
      "Не по теме, но после таких выборов пью чай с ромашкой и успокаиваюсь :)",
    ]),
    p(69_893, "alex_ekb", 18_000, false, ["Спасибо, почитаю условия и решу."]),
  ],
};

const t = (
  id: number,
  title: string,
  slug: string,
  author: string,
  minutesAgo: number,
  replies: number,
  aboutBrand: boolean,
  preview: string,
  stage = 0,
): ForumTopic => ({
  id,
  title,
  slug,
  author,
  minutesAgo,
  replies,
  views: replies * 37 + 11,
  aboutBrand,
  preview,
  stage,
});

/** The section's topics, newest first (by start). */
export const SECTION_TOPICS: ForumTopic[] = [
  t(
    5330,
    "Банк Ромашка закрывает отделения в Твери?",
    "bank-romashka-zakryvaet-otdeleniya",
    "tver_news",
    30,
    2,
    true,
    "Слышал, что Банк Ромашка закрывает два отделения в Твери.",
    1,
  ),
  t(
    5311,
    "Ипотека для ИТ: кто уже оформил?",
    "ipoteka-dlya-it",
    "dev_ops",
    9_000,
    8,
    false,
    "Делимся опытом оформления льготной ипотеки.",
  ),
  t(
    5301,
    BRAND_THREAD.title,
    BRAND_THREAD.slug,
    "kot_baton",
    14_400,
    11,
    true,
    "Открываю тему про Банк Ромашка.",
  ),
  t(
    5296,
    "Вклады: ставки падают, что делать",
    "vklady-stavki-padayut",
    "finansist77",
    16_000,
    23,
    false,
    "Ставки по вкладам снижаются второй месяц подряд.",
  ),
  t(
    5288,
    SIDE_THREAD.title,
    SIDE_THREAD.slug,
    "alex_ekb",
    20_000,
    4,
    false,
    "Работодатель разрешил выбрать банк для зарплаты.",
  ),
  t(
    5275,
    "Кэшбэк в Ромашка Банк урезали",
    "keshbek-v-romashka-bank-urezali",
    "Marina_K",
    26_000,
    15,
    true,
    "С нового месяца кэшбэк в Ромашка Банк снизили до 1%.",
  ),
  t(
    5260,
    "Как вернуть страховку по кредиту",
    "kak-vernut-strahovku",
    "yurist_online",
    33_000,
    41,
    false,
    "Инструкция по отказу от страховки в период охлаждения.",
  ),
  t(
    5248,
    "Чай с ромашкой и нервы после ипотеки",
    "chai-s-romashkoi",
    "tea_lover",
    41_000,
    3,
    false,
    "Чай с ромашкой спасает после походов в банк.",
  ),
  t(
    5231,
    "Кредитные каникулы в 2026 году",
    "kreditnye-kanikuly-2026",
    "yurist_online",
    52_000,
    12,
    false,
    "Кто имеет право на кредитные каникулы.",
  ),
  t(
    5219,
    "Сравниваем приложения банков",
    "sravnivaem-prilozheniya",
    "dev_ops",
    65_000,
    30,
    false,
    "Оцениваем приложения по скорости и удобству.",
  ),
  t(
    5204,
    "Банк Ромашка и переводы за границу",
    "bank-romashka-perevody",
    "alex_ekb",
    80_000,
    6,
    true,
    "Кто отправлял переводы через Банк Ромашка?",
  ),
  t(
    5190,
    "Мошенники звонят от имени банков",
    "moshenniki-zvonyat",
    "skeptik",
    100_000,
    19,
    false,
    "Опять звонят «из службы безопасности».",
  ),
];

export function visiblePosts(thread: ForumThread, stage: number): ForumPost[] {
  return thread.posts.filter((x) => x.stage <= stage);
}

export function visibleTopics(stage: number): ForumTopic[] {
  return SECTION_TOPICS.filter((x) => x.stage <= stage);
}

/** What a search for "ромашка" finds: every post containing the word, newest first (tea included). */
export function searchHits(stage: number): { post: ForumPost; thread: ForumThread }[] {
  return [BRAND_THREAD, SIDE_THREAD]
    .flatMap((thread) => visiblePosts(thread, stage).map((post) => ({ post, thread })))
    .filter(({ post }) => /ромашк|romashka/i.test(post.text.join(" ")))
    .sort((a, b) => a.post.minutesAgo - b.post.minutesAgo);
}

export const SEARCH_WORD = "ромашка";
