/** Every replica site, for `startReplicaWeb(allSites)`. One entry per platform folder in tests/web/. */
import { gisSite } from "./2gis/site.js";
import { antijobSite } from "./antijob/site.js";
import { bankiSite } from "./banki-ru/site.js";
import { discourseSite } from "./discourse/site.js";
import { dreamjobSite } from "./dreamjob/site.js";
import { flampSite } from "./flamp/site.js";
import { glassdoorSite } from "./glassdoor/site.js";
import { googleAlertsSite } from "./google-alerts/site.js";
import { mapsSite } from "./google-maps/site.js";
import { playSite } from "./google-play/site.js";
import { hhSite } from "./hh-ru/site.js";
import { indeedSite } from "./indeed/site.js";
import { invisionSite } from "./invision/site.js";
import { irecommendSite } from "./irecommend/site.js";
import { neoraboteSite } from "./neorabote/site.js";
import { otrudeSite } from "./otrude/site.js";
import { otzovikSite } from "./otzovik/site.js";
import { phpbbSite } from "./phpbb/site.js";
import { pravdaSite } from "./pravda-sotrudnikov/site.js";
import { rssSite } from "./rss/site.js";
import { catalogSite } from "./schema-org/site.js";
import type { ReplicaSite } from "./server.js";
import { sharedHost } from "./shared-host.js";
import { smfSite } from "./smf/site.js";
import { sravniSite } from "./sravni/site.js";
import { trustpilotSite } from "./trustpilot/site.js";
import { vanillaSite } from "./vanilla/site.js";
import { vbulletinSite } from "./vbulletin/site.js";
import { xenforoSite } from "./xenforo/site.js";
import { yandexMapsSite } from "./yandex-maps/site.js";
import { marketSite } from "./yandex-market/site.js";
import { yelpSite } from "./yelp/site.js";
import { zoonSite } from "./zoon/site.js";

export const allSites: ReplicaSite[] = [
  otzovikSite,
  bankiSite,
  irecommendSite,
  trustpilotSite,
  gisSite,
  playSite,
  // www.google.com: Google Alerts feeds under /alerts/, Google Maps elsewhere
  sharedHost(mapsSite, [["/alerts/", googleAlertsSite]]),
  catalogSite,
  zoonSite,
  flampSite,
  marketSite,
  sravniSite,
  yelpSite,
  rssSite,
  phpbbSite,
  vbulletinSite,
  yandexMapsSite,
  discourseSite,
  glassdoorSite,
  pravdaSite,
  antijobSite,
  hhSite,
  dreamjobSite,
  xenforoSite,
  invisionSite,
  smfSite,
  vanillaSite,
  neoraboteSite,
  otrudeSite,
  indeedSite,
];
