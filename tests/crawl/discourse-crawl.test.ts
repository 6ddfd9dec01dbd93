/** sources/discourse.yaml crawling the Discourse JSON API replica: a thread's last posts, latest topics, search. */
import type { RawMention } from "../../src/domain/mention.js";
import {
  DISCOURSE_ORIGIN,
  discourseSite,
  lastPostsUrl,
  latestUrl,
  searchUrl,
} from "../web/discourse/site.js";
import { describeForumEngine } from "./forum-checks.js";

const idOf = (prefix: string) => (item: RawMention) =>
  Number(new RegExp(`^${prefix}-(\\d+)$`).exec(item.externalId ?? "")?.[1]) || undefined;

describeForumEngine({
  id: "discourse",
  site: discourseSite,
  threadUrl: lastPostsUrl,
  sectionUrl: latestUrl,
  searchUrl,
  blockedUrl: `${DISCOURSE_ORIGIN}/t/6000.json`,
  brokenUrl: `${DISCOURSE_ORIGIN}/t/6001.json`,
  postId: idOf("post"),
  topicId: idOf("topic"),
  // latest: 3 pages by more_topics_url, then one empty page; search: 2 pages, then an empty one
  pages: { thread: 1, section: 4, search: 3 },
  topicAuthors: false,
});
