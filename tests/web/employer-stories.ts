/**
 * Invented employee reviews of the invented "Банк Ромашка" as an employer, shared by the employer-board
 * replicas (pravda-sotrudnikov, antijob, dreamjob, hh-ru, neorabote, otrude in Russian; glassdoor, indeed
 * in English). Any likeness to real people or companies is accidental. Each replica takes its own
 * selection (`employerReviews`) and prints it its way.
 */

export interface SubRatings {
  salary: number;
  management: number;
  conditions: number;
  team: number;
  career: number;
}

export interface EmployerStory {
  /** Overall 1..5. */
  rating: number;
  title: string;
  pros: string;
  cons: string;
  /** A general comment or advice to management, when the author wrote one. */
  comment?: string;
  position: string;
  city: string;
  /** Still works there. */
  current: boolean;
  sub: SubRatings;
  recommends: boolean;
}

const s = (
  rating: number,
  title: string,
  position: string,
  city: string,
  current: boolean,
  sub: [number, number, number, number, number],
  pros: string,
  cons: string,
  comment?: string,
): EmployerStory => ({
  rating,
  title,
  position,
  city,
  current,
  pros,
  cons,
  ...(comment ? { comment } : {}),
  sub: { salary: sub[0], management: sub[1], conditions: sub[2], team: sub[3], career: sub[4] },
  recommends: rating >= 4,
});

export const RU_STORIES: EmployerStory[] = [
  s(
    2,
    "Колл-центр выжимает все соки",
    "Оператор колл-центра",
    "Тверь",
    false,
    [2, 1, 2, 4, 2],
    "Официальное оформление, зарплата без задержек, хороший коллектив.",
    "План по звонкам невыполним, штрафы за каждую минуту перерыва, руководитель смены кричит на сотрудников.",
    "Уволилась через восемь месяцев. Руководству стоит пересмотреть нормы и систему штрафов.",
  ),
  s(
    5,
    "Лучшее место для старта в ИТ",
    "Junior-разработчик",
    "Москва",
    true,
    [4, 5, 5, 5, 5],
    "Наставник, код-ревью, оплачиваемое обучение, гибкий график и удалёнка два дня в неделю.",
    "Много согласований с безопасностью, доступы выдают неделями.",
  ),
  s(
    3,
    "Нормально, но рост медленный",
    "Кредитный специалист",
    "Казань",
    true,
    [3, 3, 4, 4, 2],
    "Стабильность, ДМС после испытательного срока, понятные KPI.",
    "Повышение раз в два года, премии зависят от продаж страховок.",
    "Для опыта подойдёт, для карьеры — вряд ли.",
  ),
  s(
    1,
    "Обман при трудоустройстве",
    "Менеджер по продажам",
    "Екатеринбург",
    false,
    [1, 1, 2, 3, 1],
    "Нет.",
    "На собеседовании обещали оклад, по факту — только проценты. Задерживали расчёт при увольнении на месяц.",
    "Не верьте обещаниям HR, читайте договор.",
  ),
  s(
    4,
    "Хороший банк для работы в отделении",
    "Старший кассир",
    "Санкт-Петербург",
    true,
    [3, 4, 4, 5, 3],
    "Дружный коллектив, адекватный управляющий, график два через два.",
    "Зарплата ниже рынка, летом кондиционер в отделении не работает.",
  ),
  s(
    2,
    "Переработки не оплачиваются",
    "Аналитик данных",
    "Москва",
    false,
    [3, 2, 2, 3, 2],
    "Интересные задачи, современный стек, сильная команда.",
    "Постоянные переработки и звонки в выходные, отпуск согласуют со скандалом.",
    "Выгорела за год. Руководству — считать нагрузку.",
  ),
  s(
    5,
    "Забота о сотрудниках на деле",
    "HR-бизнес-партнёр",
    "Новосибирск",
    true,
    [4, 5, 5, 5, 4],
    "Корпоративная пенсия, компенсация спорта, честная обратная связь.",
    "Офис далеко от метро.",
  ),
  s(
    3,
    "Как везде",
    "Специалист службы поддержки",
    "Пермь",
    true,
    [3, 3, 3, 4, 3],
    "Удалённая работа, техника от компании.",
    "Скрипты меняются каждую неделю, оценки качества субъективные.",
  ),
  s(
    1,
    "Токсичное руководство",
    "Руководитель группы продаж",
    "Москва",
    false,
    [2, 1, 2, 2, 1],
    "Бренд в резюме.",
    "Унижения на планёрках, увольнения задним числом, угрозы «плохой характеристикой».",
    "Обратилась в трудовую инспекцию, проверка нашла нарушения.",
  ),
  s(
    4,
    "Честная белая зарплата",
    "Бухгалтер",
    "Казань",
    false,
    [4, 4, 4, 4, 3],
    "Белая зарплата, индексация раз в год, нормальные начальники.",
    "Много бумажной работы и отчётов для головного офиса.",
  ),
  s(
    2,
    "Отделение закрыли без предупреждения",
    "Операционист",
    "Тверь",
    false,
    [2, 2, 2, 4, 2],
    "Коллеги поддерживали друг друга.",
    "О закрытии отделения узнали за неделю, перевод в другой город без компенсации переезда.",
  ),
  s(
    5,
    "Горжусь своей командой",
    "Product owner",
    "Москва",
    true,
    [5, 4, 5, 5, 5],
    "Свобода принимать решения, быстрые релизы, бонус по итогам года.",
    "Иногда много встреч.",
  ),
];

export const EN_STORIES: EmployerStory[] = [
  s(
    2,
    "Call targets you cannot meet",
    "Customer Service Representative",
    "Moscow",
    false,
    [2, 1, 2, 4, 2],
    "Official contract, salary always on time, friendly colleagues.",
    "Impossible call quotas, fines for short breaks, shift leads shouting at people.",
    "Rethink the quotas and stop fining people.",
  ),
  s(
    5,
    "Great first job in tech",
    "Junior Software Engineer",
    "Moscow",
    true,
    [4, 5, 5, 5, 5],
    "Mentoring, code reviews, paid courses, flexible hours and two remote days a week.",
    "Security approvals take weeks.",
  ),
  s(
    3,
    "Stable but slow growth",
    "Loan Officer",
    "Kazan",
    true,
    [3, 3, 4, 4, 2],
    "Stability, health insurance after probation, clear KPIs.",
    "Promotions every two years at best, bonuses tied to insurance sales.",
  ),
  s(
    1,
    "Misleading job offer",
    "Sales Manager",
    "Yekaterinburg",
    false,
    [1, 1, 2, 3, 1],
    "None.",
    "Promised a base salary, got commission only. Final pay was a month late.",
    "Read the contract, not the recruiter's promises.",
  ),
  s(
    4,
    "Good branch team",
    "Senior Teller",
    "Saint Petersburg",
    true,
    [3, 4, 4, 5, 3],
    "Supportive team, fair branch manager, two-on two-off schedule.",
    "Below-market pay, no air conditioning in summer.",
  ),
  s(
    2,
    "Unpaid overtime",
    "Data Analyst",
    "Moscow",
    false,
    [3, 2, 2, 3, 2],
    "Interesting problems, modern stack, strong team.",
    "Constant overtime and weekend calls, vacations approved only after a fight.",
  ),
  s(
    5,
    "They really care",
    "HR Business Partner",
    "Novosibirsk",
    true,
    [4, 5, 5, 5, 4],
    "Corporate pension plan, gym allowance, honest feedback.",
    "Office is far from the metro.",
  ),
];

export interface EmployerReview extends EmployerStory {
  /** Position in the selection, 0 = newest. */
  index: number;
  minutesAgo: number;
  /** Replica-world stage from which the review exists. */
  stage: number;
}

/** Stage-0 ages (minutes before the replica clock), newest first; later stages add 2 newer reviews each. */
const AGES = [300, 2_000, 5_000, 9_000, 14_000, 21_000, 30_000, 42_000, 60_000, 85_000, 120_000, 170_000];
const STAGE_AGES: Record<number, number[]> = { 1: [40, 90], 2: [10, 20] };

/** A board's reviews, every stage included, newest first: `count` at stage 0 (≤ 12), 2 more per stage. */
export function employerReviews(opts: {
  stories: EmployerStory[];
  count: number;
  offset?: number;
  stages?: number;
}): EmployerReview[] {
  const ages: { minutesAgo: number; stage: number }[] = AGES.slice(0, opts.count).map((m) => ({
    minutesAgo: m,
    stage: 0,
  }));
  for (let st = 1; st <= (opts.stages ?? 1); st++)
    for (const m of STAGE_AGES[st] ?? []) ages.push({ minutesAgo: m, stage: st });
  ages.sort((a, b) => a.minutesAgo - b.minutesAgo);
  return ages.map((a, index) => ({
    ...opts.stories[((opts.offset ?? 0) + index * 5) % opts.stories.length]!,
    index,
    minutesAgo: a.minutesAgo,
    stage: a.stage,
  }));
}

export function visibleAt<T extends { stage: number }>(list: T[], stage: number): T[] {
  return list.filter((r) => r.stage <= stage);
}

export const EMPLOYER = { ru: "Банк Ромашка", en: "Romashka Bank" } as const;
