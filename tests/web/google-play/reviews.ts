/**
 * Invented Google Play reviews of the invented "Банк Ромашка" mobile app (the demo brand), in Russian,
 * with the bank's developer replies. Any likeness to real people, apps or banks is accidental.
 */
import { type PlatformReview, type Story, selectReviews, visibleAt } from "../bank-stories.js";

export const APP = {
  id: "ru.romashka.bank",
  name: "Банк Ромашка: онлайн-банк",
  developer: "АО «Банк Ромашка»",
  rating: 3.4,
  ratings: 18_342,
} as const;

const s = (rating: number, text: string, reply?: string): Story => ({
  rating,
  title: "",
  text: [text],
  pros: "",
  cons: "",
  ...(reply ? { reply } : {}),
});

const STORIES: Story[] = [
  s(
    1,
    "После обновления приложение вылетает при входе. Переустановка не помогает, а платить за квартиру надо сегодня.",
    "Здравствуйте! Исправление уже в версии 7.4.2, обновите, пожалуйста, приложение.",
  ),
  s(5, "Удобное приложение, переводы по номеру телефона проходят мгновенно. Всё понятно даже маме."),
  s(4, "Хорошее приложение, но не хватает тёмной темы и виджета с балансом."),
  s(
    2,
    "Постоянно просит заново подтвердить личность по СМС. Код приходит через раз.",
    "Спасибо за отзыв! Мы проверили доставку СМС у оператора, напишите нам в чат, разберёмся.",
  ),
  s(1, "Списали деньги за подписку, которую я не оформлял. Отключить её в приложении невозможно!"),
  s(5, "Кэшбэк отображается сразу после покупки, очень наглядно. Пользуюсь каждый день."),
  s(3, "Нормально, но приложение весит почти 400 мегабайт. Зачем столько?"),
  s(
    4,
    "Вход по отпечатку работает быстро, выписки выгружаются в PDF. Иногда подтормаживает история операций.",
  ),
  s(
    1,
    "Не приходят push-уведомления о списаниях, узнала о покупке с моей карты только из выписки.",
    "Здравствуйте! Проверьте, пожалуйста, настройки уведомлений в разделе «Профиль». Если проблема останется — напишите в чат.",
  ),
  s(5, "Открыл вклад за пару минут прямо в приложении. Спасибо!"),
  s(2, "Курс валют в приложении хуже, чем в отделении, а комиссия видна только в конце."),
];

const AUTHORS = [
  "Андрей Соколов",
  "Марина Ковалёва",
  "Игорь П.",
  "Светлана",
  "Denis K",
  "Юлия Миронова",
  "Павел",
  "Ольга Н.",
  "Артём Белов",
  "Нина Григорьевна",
  "Константин",
];

export interface PlayReview extends PlatformReview {
  id: string;
  version: string;
}

/** 25 reviews from the start, 2 more on top per stage (up to 2). */
export const REVIEWS: PlayReview[] = selectReviews({
  offset: 1,
  step: 4,
  count: 25,
  stages: 2,
  stories: STORIES,
  authors: AUTHORS,
}).map((r) => ({
  ...r,
  id: `gp:AOqpTOE${(9_000_000 - r.index * 7_919).toString(36).toUpperCase()}rmsk${r.index}`,
  version: `7.${4 - Math.min(4, Math.floor(r.index / 6))}.${r.index % 3}`,
}));

export function visibleReviews(stage: number): PlayReview[] {
  return visibleAt(REVIEWS, stage);
}
