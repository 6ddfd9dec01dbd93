/** sources/pravda-sotrudnikov.yaml crawling its replica: employer reviews with pros/cons apart and marks. */
import { listUrl, PS_ORIGIN, pravdaSite, psReviews } from "../web/pravda-sotrudnikov/site.js";
import { describeEmployerBoard } from "./employer-checks.js";

describeEmployerBoard({
  id: "pravda-sotrudnikov",
  site: pravdaSite,
  startUrl: listUrl,
  reviews: psReviews,
  pages: 4, // 5 + 5 + 2, then an empty page ends the list
  blockedUrl: `${PS_ORIGIN}/company/blocked`,
  brokenUrl: `${PS_ORIGIN}/company/redesigned`,
  extra: (r) => ({
    position: r.position,
    city: r.city,
    status: r.current ? "Работает сейчас" : "Бывший сотрудник",
    ...r.sub,
  }),
  dateSlackMs: 86_400_000,
});
