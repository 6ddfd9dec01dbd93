/** sources/smf.yaml crawling the windows-1251 SMF 2.1 replica: a topic read backwards from .new, a board, search. */
import type { RawMention } from "../../src/domain/mention.js";
import { boardUrl, lastPageUrl, SMF_BASE, searchUrl, smfSite } from "../web/smf/site.js";
import { describeForumEngine } from "./forum-checks.js";

describeForumEngine({
  id: "smf",
  site: smfSite,
  threadUrl: lastPageUrl,
  sectionUrl: boardUrl,
  searchUrl,
  blockedUrl: `${SMF_BASE}?topic=6000.0`,
  brokenUrl: `${SMF_BASE}?topic=6001.0`,
  postId: (item: RawMention) => (/^\d+$/.test(item.externalId ?? "") ? Number(item.externalId) : undefined),
  topicId: (item: RawMention) => Number(/^topic=(\d+)$/.exec(item.externalId ?? "")?.[1]) || undefined,
  pages: { thread: 3, section: 2, search: 2 },
  charset: "windows-1251",
  // "Сегодня в 14:04:05" / "20 Ноябрь 2026, 14:04:05": to the second
  dateSlackMs: 60_000,
});
