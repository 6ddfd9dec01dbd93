/** sources/indeed.yaml crawling its replica (cmp-Review markup): author line facts, sub-ratings, next links. */
import { INDEED_ORIGIN, indeedReviews, indeedSite, listUrl } from "../web/indeed/site.js";
import { describeEmployerBoard } from "./employer-checks.js";

describeEmployerBoard({
  id: "indeed",
  site: indeedSite,
  startUrl: listUrl,
  reviews: indeedReviews,
  pages: 3,
  blockedUrl: `${INDEED_ORIGIN}/cmp/Blocked/reviews`,
  brokenUrl: `${INDEED_ORIGIN}/cmp/Redesigned/reviews`,
  extra: (r) => ({
    position: r.position,
    status: r.current ? "Current Employee" : "Former Employee",
    city: r.city,
    ...r.sub,
  }),
  dateSlackMs: 86_400_000,
});
