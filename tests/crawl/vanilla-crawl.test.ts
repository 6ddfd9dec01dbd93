/** sources/vanilla.yaml crawling the Vanilla replica: a discussion read backwards, a category, the search. */
import type { RawMention } from "../../src/domain/mention.js";
import {
  categoryUrl,
  lastPageUrl,
  searchUrl,
  THREADS,
  VANILLA_ORIGIN,
  vanillaSite,
} from "../web/vanilla/site.js";
import { describeForumEngine } from "./forum-checks.js";

/** Comments carry their id; a discussion's opening post is keyed by the discussion. */
function postId(item: RawMention): number | undefined {
  const id = item.externalId ?? "";
  if (/^\d+$/.test(id)) return Number(id);
  const discussion = /^discussion\/(\d+)$/.exec(id);
  return discussion ? THREADS.find((t) => t.id === Number(discussion[1]))?.posts[0]?.id : undefined;
}

describeForumEngine({
  id: "vanilla",
  site: vanillaSite,
  threadUrl: lastPageUrl,
  sectionUrl: categoryUrl,
  searchUrl,
  blockedUrl: `${VANILLA_ORIGIN}/discussion/6000/x`,
  brokenUrl: `${VANILLA_ORIGIN}/discussion/6001/x`,
  postId,
  topicId: (item: RawMention) => Number(/^Discussion_(\d+)$/.exec(item.externalId ?? "")?.[1]) || undefined,
  pages: { thread: 3, section: 2, search: 2 },
});
