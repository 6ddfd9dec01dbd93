/** sources/vbulletin.yaml crawling the windows-1251 vBulletin 3.8 replica: a thread read backwards, a section, the search. */
import type { RawMention } from "../../src/domain/mention.js";
import { lastPostUrl, searchUrl, sectionUrl, VB_BASE, vbulletinSite } from "../web/vbulletin/site.js";
import { describeForumEngine } from "./forum-checks.js";

describeForumEngine({
  id: "vbulletin",
  site: vbulletinSite,
  threadUrl: (t) => lastPostUrl(t.id),
  sectionUrl,
  searchUrl,
  blockedUrl: `${VB_BASE}showthread.php?t=6000`,
  brokenUrl: `${VB_BASE}showthread.php?t=6001`,
  postId: (item: RawMention) => (/^\d+$/.test(item.externalId ?? "") ? Number(item.externalId) : undefined),
  topicId: (item: RawMention) => Number(/^t=(\d+)$/.exec(item.externalId ?? "")?.[1]) || undefined,
  pages: { thread: 3, section: 2, search: 2 },
  charset: "windows-1251",
});
