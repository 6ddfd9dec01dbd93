/** sources/dreamjob.yaml crawling its replica: "Показать ещё" chunks (data-url), pros/cons apart, marks. */
import { DREAMJOB_ORIGIN, dreamjobReviews, dreamjobSite, listUrl } from "../web/dreamjob/site.js";
import { describeEmployerBoard } from "./employer-checks.js";

describeEmployerBoard({
  id: "dreamjob",
  site: dreamjobSite,
  startUrl: listUrl,
  reviews: dreamjobReviews,
  pages: 3,
  blockedUrl: `${DREAMJOB_ORIGIN}/employers/blocked`,
  brokenUrl: `${DREAMJOB_ORIGIN}/employers/redesigned`,
  extra: (r) => ({
    position: r.position,
    city: r.city,
    status: r.current ? "Работает в компании" : "Работал(а) в компании",
    recommends: r.recommends ? "Рекомендует работодателя" : "Не рекомендует работодателя",
    ...r.sub,
  }),
});
