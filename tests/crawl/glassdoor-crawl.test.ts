/** sources/glassdoor.yaml crawling the Glassdoor replica (2019 markup): pros/cons apart, sub-ratings, pages. */
import { glassdoorReviews, glassdoorSite, listUrl } from "../web/glassdoor/site.js";
import { describeEmployerBoard } from "./employer-checks.js";

describeEmployerBoard({
  id: "glassdoor",
  site: glassdoorSite,
  startUrl: listUrl,
  reviews: glassdoorReviews,
  pages: 3,
  blockedUrl: "https://www.glassdoor.com/Reviews/Blocked-Reviews-E1.htm",
  brokenUrl: "https://www.glassdoor.com/Reviews/Redesigned-Reviews-E2.htm",
  extra: (r) => ({
    position: r.position,
    status: r.current ? "Current Employee" : "Former Employee",
    city: r.city,
    ...r.sub,
  }),
  // dates are days (UTC midnight)
  dateSlackMs: 86_400_000,
});
