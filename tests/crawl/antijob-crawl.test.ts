/** sources/antijob.yaml crawling its windows-1251 replica: labelled pros/cons paragraphs, next links, walls. */
import { ANTIJOB_ORIGIN, antijobReviews, antijobSite, listUrl } from "../web/antijob/site.js";
import { describeEmployerBoard } from "./employer-checks.js";

describeEmployerBoard({
  id: "antijob",
  site: antijobSite,
  startUrl: listUrl,
  reviews: antijobReviews,
  pages: 3,
  blockedUrl: `${ANTIJOB_ORIGIN}/black_list/blocked/`,
  brokenUrl: `${ANTIJOB_ORIGIN}/black_list/redesigned/`,
  extra: (r) => ({
    city: r.city,
    position: r.position,
    status: r.current ? "работает в компании" : "уже не работает",
  }),
  charset: "windows-1251",
  dateSlackMs: 86_400_000,
});
