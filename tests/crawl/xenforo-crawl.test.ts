/** sources/xenforo.yaml crawling the XenForo 2 replica: a thread read backwards from /latest, a section, search. */
import type { RawMention } from "../../src/domain/mention.js";
import { latestUrl, searchUrl, sectionUrl, XF_ORIGIN, xenforoSite } from "../web/xenforo/site.js";
import { describeForumEngine } from "./forum-checks.js";

describeForumEngine({
  id: "xenforo",
  site: xenforoSite,
  threadUrl: latestUrl,
  sectionUrl,
  searchUrl,
  blockedUrl: `${XF_ORIGIN}/threads/x.6000/`,
  brokenUrl: `${XF_ORIGIN}/threads/x.6001/`,
  postId: (item: RawMention) => (/^\d+$/.test(item.externalId ?? "") ? Number(item.externalId) : undefined),
  topicId: (item: RawMention) =>
    Number(/^threadListItem-(\d+)$/.exec(item.externalId ?? "")?.[1]) || undefined,
  pages: { thread: 3, section: 2, search: 2 },
});
