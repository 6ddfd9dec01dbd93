/** sources/otrude.yaml crawling its replica: stars as a width bar (scale 100), ?p=N pages, dl facts. */
import { listUrl, OTRUDE_ORIGIN, otrudeReviews, otrudeSite } from "../web/otrude/site.js";
import { describeEmployerBoard } from "./employer-checks.js";

describeEmployerBoard({
  id: "otrude",
  site: otrudeSite,
  startUrl: listUrl,
  reviews: otrudeReviews,
  pages: 4, // 5 + 5 + 2, then an empty page ends the list
  blockedUrl: `${OTRUDE_ORIGIN}/company/blocked`,
  brokenUrl: `${OTRUDE_ORIGIN}/company/redesigned`,
  // topic bars (width in %, 20% a star) are normalised to 1..5 like the overall mark
  extra: (r) => ({
    position: r.position,
    city: r.city,
    status: r.current ? "Работаю в компании" : "Работал(а) в компании",
    ...r.sub,
  }),
});
