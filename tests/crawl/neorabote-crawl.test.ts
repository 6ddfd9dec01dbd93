/** sources/neorabote.yaml crawling its replica: relative dates, <link rel="next"> pages, marks. */
import { listUrl, NEORABOTE_ORIGIN, neoraboteReviews, neoraboteSite } from "../web/neorabote/site.js";
import { describeEmployerBoard } from "./employer-checks.js";

describeEmployerBoard({
  id: "neorabote",
  site: neoraboteSite,
  startUrl: listUrl,
  reviews: neoraboteReviews,
  pages: 3,
  blockedUrl: `${NEORABOTE_ORIGIN}/company/blocked/`,
  brokenUrl: `${NEORABOTE_ORIGIN}/company/redesigned/`,
  extra: (r) => ({
    position: r.position,
    city: r.city,
    status: r.current ? "работаю" : "работал(а)",
    ...r.sub,
  }),
  // "вчера в 12:02" keeps the minute, "3 дня назад" and "12 марта 2026" only the day
  dateSlackMs: 86_400_000,
});
