/** sources/phpbb.yaml crawling the phpBB 3.3 replica: a thread newest first, a section, the search, walls. */
import type { RawMention } from "../../src/domain/mention.js";
import { PHPBB_ORIGIN, phpbbSite, searchUrl, sectionUrl, threadUrl } from "../web/phpbb/site.js";
import { describeForumEngine } from "./forum-checks.js";

const postId = (item: RawMention) =>
  /^\d+$/.test(item.externalId ?? "") ? Number(item.externalId) : undefined;
const topicId = (item: RawMention) => Number(/^t=(\d+)$/.exec(item.externalId ?? "")?.[1]) || undefined;

describeForumEngine({
  id: "phpbb",
  site: phpbbSite,
  threadUrl: (t) => threadUrl(t.id),
  sectionUrl,
  searchUrl,
  blockedUrl: `${PHPBB_ORIGIN}/viewtopic.php?t=6000&sd=d`,
  brokenUrl: `${PHPBB_ORIGIN}/viewtopic.php?t=6001&sd=d`,
  postId,
  topicId,
  pages: { thread: 3, section: 2, search: 2 },
});
