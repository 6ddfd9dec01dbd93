/** sources/invision.yaml crawling the IPS 4 replica: a topic read backwards from getLastComment, a forum, search. */
import type { RawMention } from "../../src/domain/mention.js";
import { IPS_ORIGIN, invisionSite, lastCommentUrl, searchUrl, sectionUrl } from "../web/invision/site.js";
import { describeForumEngine } from "./forum-checks.js";

describeForumEngine({
  id: "invision",
  site: invisionSite,
  threadUrl: lastCommentUrl,
  sectionUrl,
  searchUrl,
  blockedUrl: `${IPS_ORIGIN}/topic/6000-x/`,
  brokenUrl: `${IPS_ORIGIN}/topic/6001-x/`,
  postId: (item: RawMention) => (/^\d+$/.test(item.externalId ?? "") ? Number(item.externalId) : undefined),
  topicId: (item: RawMention) => Number(/^topic\/(\d+)$/.exec(item.externalId ?? "")?.[1]) || undefined,
  pages: { thread: 3, section: 2, search: 2 },
});
