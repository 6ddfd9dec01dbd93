/**
 * Invented reviews of the invented coffee brand "Ласточка" / "Lastochka" (cafés and roasted coffee): the
 * second demo brand, for platforms where a bank does not fit (yandex-market: the coffee and the shop;
 * yelp: the Brooklyn café). Any likeness to real businesses or people is accidental.
 */
import type { Story } from "./bank-stories.js";

export const COFFEE = {
  brand: "Ласточка",
  product: "Кофе в зёрнах Ласточка «Эспрессо», 1 кг",
  shop: "Ласточка — кофейная обжарка",
  cafe: "Lastochka Café",
} as const;

/** Russian reviews of the roasted coffee (and the brand's shop on the marketplace). */
export const COFFEE_STORIES: Story[] = [
  {
    rating: 5,
    title: "Отличная обжарка",
    text: [
      "Беру третий раз. Свежая обжарка, дата на пачке неделя назад. В кофемашине даёт плотную пенку, горчинки нет.",
    ],
    pros: "свежесть, вкус, цена за килограмм",
    cons: "нет",
  },
  {
    rating: 1,
    title: "Пришла вскрытая пачка",
    text: [
      "Пачка пришла с порванным клапаном, зёрна пахнут картоном. Дата обжарки полугодовой давности, хотя в карточке обещали свежую.",
      "Продавец в чате предложил вернуть деньги только после экспертизы. Больше не закажу.",
    ],
    pros: "нет",
    cons: "вскрытая упаковка, старая обжарка",
    reply:
      "Здравствуйте! Приносим извинения: пачка повреждена при доставке. Мы отправили вам новую упаковку свежей обжарки и вернули деньги без экспертизы.",
  },
  {
    rating: 4,
    title: "Хороший кофе на каждый день",
    text: [
      "Нормальный эспрессо-бленд, шоколадные ноты. Для молочных напитков отлично, в чистом виде немного плосковат.",
    ],
    pros: "для капучино идеально",
    cons: "в чистом эспрессо простоват",
  },
  {
    rating: 2,
    title: "Слишком тёмная обжарка",
    text: [
      "Зёрна маслянистые, почти чёрные. Вкус горелый, кислинки нет совсем. Ожидал средней обжарки, как написано в описании.",
    ],
    pros: "быстрая доставка",
    cons: "пережаренные зёрна, не соответствует описанию",
    reply:
      "Спасибо за отзыв! Уточнили описание степени обжарки в карточке товара. Для эспрессо рекомендуем нашу среднюю обжарку «Утро».",
  },
  {
    rating: 5,
    title: "Лучший магазин кофе на Маркете",
    text: [
      "Заказываю в этом магазине полгода: всегда свежая обжарка, аккуратная упаковка, к заказу кладут пробник другого сорта.",
    ],
    pros: "пробники, упаковка, свежесть",
    cons: "нет",
  },
  {
    rating: 1,
    title: "Заказ отменили после оплаты",
    text: [
      "Оплатил заказ, через три дня магазин его отменил без объяснений. Деньги вернулись только через неделю. Поддержка Маркета отвечает, что это решение продавца.",
    ],
    pros: "нет",
    cons: "отмена заказа, долгий возврат",
    reply:
      "Здравствуйте! Заказ был отменён из-за ошибки в остатках на складе. Приносим извинения, мы начислили вам промокод на следующий заказ.",
  },
  {
    rating: 3,
    title: "Неплохо, но дороговато",
    text: ["Кофе хороший, но за эту цену можно найти обжарку не хуже. Возьму ещё, если будет скидка."],
    pros: "вкус",
    cons: "цена",
  },
  {
    rating: 4,
    title: "Вкусно с молоком",
    text: [
      "Варю в гейзерной кофеварке. С молоком получается мягкий сладковатый вкус. Помол лучше делать чуть крупнее.",
    ],
    pros: "мягкий вкус",
    cons: "в турке горчит",
  },
  {
    rating: 2,
    title: "Зёрна разного размера и много брака",
    text: [
      "В пачке много битых зёрен и несколько камешков. Кофемолка чуть не сломалась. Вкус при этом нормальный, но доверие потеряно.",
    ],
    pros: "вкус",
    cons: "брак, камешки в пачке",
  },
  {
    rating: 5,
    title: "Подарок оценили",
    text: [
      "Брала в подарок коллеге-кофеману. Сказал, что один из лучших бленд-эспрессо, что он пробовал за эти деньги.",
    ],
    pros: "вкус, красивая упаковка",
    cons: "нет",
  },
  {
    rating: 1,
    title: "Курьер привёз чужой заказ",
    text: ["Вместо кофе привезли чай другого магазина. Возврат оформлял две недели, кофе так и не получил."],
    pros: "нет",
    cons: "перепутали заказ",
  },
  {
    rating: 4,
    title: "Стабильное качество",
    text: ["Беру по подписке раз в месяц. Вкус от партии к партии не меняется, это главное."],
    pros: "стабильность, подписка",
    cons: "иногда задерживают отправку",
  },
  {
    rating: 5,
    title: "Свежая обжарка и быстрая доставка",
    text: ["Заказ пришёл на следующий день, дата обжарки — позавчера. Аромат на всю кухню."],
    pros: "доставка, аромат",
    cons: "нет",
  },
  {
    rating: 3,
    title: "Кислит",
    text: ["Для меня кисловат, хотя жене нравится. Дело вкуса, кофе свежий."],
    pros: "свежесть",
    cons: "кислинка",
  },
  {
    rating: 2,
    title: "Вес меньше заявленного",
    text: ["Взвесил пачку: 920 граммов вместо килограмма. Мелочь, но неприятно. Продавец ответил шаблоном."],
    pros: "нормальный вкус",
    cons: "недовес",
    reply:
      "Здравствуйте! Проверили партию: на фасовочной линии была ошибка весов. Компенсировали разницу баллами, спасибо, что сообщили.",
  },
  {
    rating: 5,
    title: "Теперь только этот кофе",
    text: ["Перепробовал много обжарщиков с Маркета, остановился на этом. Сладкий, ореховый, без горечи."],
    pros: "вкус без горечи",
    cons: "нет",
  },
];

/** English reviews of the Brooklyn café. */
export const CAFE_STORIES: Story[] = [
  {
    rating: 5,
    title: "Best syrniki in Brooklyn",
    text: [
      "The syrniki with sour cream taste like my grandmother's. Cozy room, friendly staff, great flat white.",
    ],
    pros: "",
    cons: "",
  },
  {
    rating: 1,
    title: "Rude staff, cold food",
    text: [
      "Waited forty minutes for a plate of pelmeni that arrived cold. When I asked to have it warmed up, the server rolled her eyes and said that is how it is served.",
      "Paid and left. Never again.",
    ],
    pros: "",
    cons: "",
    reply:
      "We are very sorry about your visit. Pelmeni should never arrive cold; we have talked to the kitchen and the team. Please ask for Irina next time, your meal is on us.",
  },
  {
    rating: 4,
    title: "Great coffee, small space",
    text: ["Excellent espresso from their own roastery. Only six tables, so expect to wait on weekends."],
    pros: "",
    cons: "",
  },
  {
    rating: 2,
    title: "Overpriced brunch",
    text: [
      "Eighteen dollars for two blini and a spoon of caviar spread. The coffee was good but brunch is not worth it.",
    ],
    pros: "",
    cons: "",
  },
  {
    rating: 5,
    title: "Lovely neighborhood spot",
    text: ["I work from here twice a week. Good wifi, the honey cake is fantastic and nobody rushes you."],
    pros: "",
    cons: "",
  },
  {
    rating: 1,
    title: "Found a hair in my soup",
    text: ["Found a long hair in the borscht. The manager apologized but still charged us full price."],
    pros: "",
    cons: "",
    reply:
      "This is unacceptable and we apologize. We have refunded your order to your card and reviewed our kitchen hygiene rules with the whole team.",
  },
  {
    rating: 3,
    title: "Okay",
    text: ["Coffee is solid, pastries are hit or miss. The napoleon was dry, the eclair was great."],
    pros: "",
    cons: "",
  },
  {
    rating: 4,
    title: "Friendly baristas",
    text: ["The baristas remember my order after two visits. Cardamom latte is a must."],
    pros: "",
    cons: "",
  },
  {
    rating: 2,
    title: "Delivery took forever",
    text: [
      "Ordered through the app, the delivery took an hour and a half and the latte was spilled all over the bag.",
    ],
    pros: "",
    cons: "",
  },
  {
    rating: 5,
    title: "Perfect birthday cake",
    text: ["They baked a custom medovik for my mom's birthday on short notice. Everyone loved it."],
    pros: "",
    cons: "",
  },
  {
    rating: 1,
    title: "Charged twice",
    text: [
      "My card was charged twice for one breakfast. Called three times, still no refund after two weeks.",
    ],
    pros: "",
    cons: "",
  },
  {
    rating: 4,
    title: "Solid breakfast",
    text: ["Buckwheat porridge with mushrooms and a good americano. Simple and filling."],
    pros: "",
    cons: "",
  },
  {
    rating: 5,
    title: "Hidden gem",
    text: ["Walked in by chance and stayed for two hours. Best pirozhki I've had outside of Moscow."],
    pros: "",
    cons: "",
  },
  {
    rating: 3,
    title: "Loud on weekends",
    text: ["Food is good but the music on Saturday was so loud we couldn't talk."],
    pros: "",
    cons: "",
  },
  {
    rating: 2,
    title: "Closed during posted hours",
    text: ["Came at 8 am on a Sunday, the sign said open at 7, the door was locked until 9. Twice now."],
    pros: "",
    cons: "",
    reply:
      "Sorry for the trouble! Our Sunday hours changed to 9 am and we forgot to update the listing. It is fixed now.",
  },
  {
    rating: 5,
    title: "Great coffee beans to go",
    text: ["They sell their own roasted beans. The espresso blend is now my daily coffee at home."],
    pros: "",
    cons: "",
  },
];

export const RU_SHOPPERS = [
  "Алексей М.",
  "Дарья",
  "Константин Б.",
  "Полина",
  "Егор",
  "Валентина С.",
  "Тимур",
  "Анастасия К.",
  "Фёдор",
  "Ксения Р.",
  "Леонид",
  "Софья",
  "Артём В.",
];

export const EN_PEOPLE = [
  "Jessica M.",
  "Dmitry K.",
  "Aaron B.",
  "Priya S.",
  "Luis G.",
  "Hannah W.",
  "Mike T.",
  "Olga R.",
  "Chris P.",
  "Nadia F.",
  "Sam L.",
  "Becky H.",
  "Tom O.",
];
