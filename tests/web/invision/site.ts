/**
 * Replica of an Invision Community (IPS 4) forum (Russian), host `forum.ipoteka-club.ru`, rendering the
 * shared invented forum world (../forum-world.ts).
 *
 * Written 2026-11 without a saved real page (none was found), from IPS 4's default theme as remembered:
 * body[data-pageapp=forums][data-pagecontroller=topic|forums|search], article[id^=elComment_] with
 * h3.cAuthorPane_author, the date as <time datetime> in a ?do=findComment&comment=<id> link, the post in
 * div[data-role=commentContent], h1.ipsType_pageTitle; topic rows li.ipsDataItem[data-rowid] with
 * h4.ipsDataItem_title and div.ipsDataItem_meta; search results li.ipsStreamItem with h2.ipsStreamItem_title
 * and a data-findterm snippet; ul.ipsPagination li.ipsPagination_prev/_next; ?do=getLastComment
 * redirecting to the last page. (4PDA's heavily customised IPB is another matter.)
 *
 *   /topic/<id>-<slug>/[page/N/]      5 posts a page, oldest first; ?do=getLastComment: 302 to the last
 *   /forum/12-banki-i-kredity/[page/N/]  10 topics a page
 *   /search/?q=…&sortby=newest[&page=N]  5 a page
 *   /topic/6000-x/                    403 Cloudflare: blocked; /topic/6001-x/: IP.Board 3 markup: broken
 * Stage 1 adds 2 posts to the brand's thread and a topic to the section.
 */
import { cloudflarePage, LOADED_AT, msAgo, ruDay, slice } from "../forum-kit.js";
import {
  BRAND_THREAD,
  FORUM,
  type ForumPost,
  type ForumThread,
  SEARCH_WORD,
  SIDE_THREAD,
  searchHits,
  visiblePosts,
  visibleTopics,
} from "../forum-world.js";
import { escapeHtml, html, paragraphs, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const IPS_HOST = "forum.ipoteka-club.ru";
export const IPS_ORIGIN = `https://${IPS_HOST}`;
export const POSTS_PER_PAGE = 5;
export const TOPICS_PER_PAGE = 10;
export const HITS_PER_PAGE = 5;
const topicPath = (t: { id: number; slug: string }) => `/topic/${t.id}-${t.slug}/`;
export const lastCommentUrl = (t: ForumThread) => `${IPS_ORIGIN}${topicPath(t)}?do=getLastComment`;
export const sectionUrl = `${IPS_ORIGIN}/forum/${FORUM.sectionId}-${FORUM.sectionSlug}/`;
export const searchUrl = `${IPS_ORIGIN}/search/?q=${encodeURIComponent(SEARCH_WORD)}&sortby=newest`;

export function createInvisionSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: [IPS_HOST], handle: (req) => route(req, now) };
}

export const invisionSite: ReplicaSite = createInvisionSite();

const THREADS = [BRAND_THREAD, SIDE_THREAD];

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  const q = req.url.searchParams;
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /profile/\nDisallow: /login/\n");
  const topic = /^\/topic\/(\d+)-[\w-]+\/(?:page\/(\d+)\/)?$/.exec(path);
  if (topic) {
    const id = Number(topic[1]);
    if (id === 6000) return html(cloudflarePage(IPS_HOST), { status: 403 });
    if (id === 6001) return html(ipb3Page());
    const t = THREADS.find((x) => x.id === id);
    if (!t) return html(layout("error", "Ошибка", "<p>Тема не найдена.</p>"), { status: 404 });
    const posts = visiblePosts(t, req.stage);
    const pages = Math.ceil(posts.length / POSTS_PER_PAGE);
    if (q.get("do") === "getLastComment") {
      const location = `${IPS_ORIGIN}${topicPath(t)}${pages > 1 ? `page/${pages}/` : ""}#comment-${posts.at(-1)!.id}`;
      return { status: 302, headers: { location }, body: "" };
    }
    return html(topicPage(t, posts, Math.min(Number(topic[2] ?? 1), pages), now));
  }
  const forum = new RegExp(`^/forum/${FORUM.sectionId}-${FORUM.sectionSlug}/(?:page/(\\d+)/)?$`).exec(path);
  if (forum) return html(forumPage(req.stage, Number(forum[1] ?? 1), now));
  if (path === "/search/")
    return html(
      searchPage((q.get("q") ?? "").toLowerCase(), req.stage, Number(q.get("page") ?? 1) || 1, now),
    );
  return html(layout("error", "Ошибка", "<p>Страница не найдена.</p>"), { status: 404 });
}

function layout(controller: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ru-RU" dir="ltr"><head><meta charset="utf-8"><title>${escapeHtml(title)} - Ипотечный клуб</title></head>
<body class="ipsApp ipsApp_front ipsJS_none ipsClearfix" data-controller="core.front.core.app" data-message="" data-pageapp="forums" data-pagelocation="front" data-pagemodule="forums" data-pagecontroller="${controller}">
<div id="ipsLayout_header" class="ipsClearfix"><header><div class="ipsLayout_container"><a href="/" id="elLogo" accesskey="1"><img src="/uploads/logo.png" alt="Ипотечный клуб"></a></div></header></div>
<main id="ipsLayout_body" class="ipsLayout_container"><div id="ipsLayout_contentArea"><div id="ipsLayout_contentWrapper"><div id="ipsLayout_mainArea">
<div class="ipsPageHeader ipsClearfix"><h1 class="ipsType_pageTitle ipsContained_container"><span class="ipsType_break ipsContained"><span>${escapeHtml(title)}</span></span></h1></div>
${body}
</div></div></div></main>
<footer id="ipsLayout_footer" class="ipsClearfix"><p id="elCopyright"><a rel="nofollow" title="Invision Community" href="https://www.invisioncommunity.com/">Powered by Invision Community</a> (реплика)</p></footer>
</body></html>`;
}

function pagination(href: (p: number) => string, page: number, pages: number): string {
  if (pages <= 1) return "";
  const prev = `<li class="ipsPagination_prev${page === 1 ? " ipsPagination_inactive" : ""}"><a href="${href(Math.max(1, page - 1))}" rel="prev" data-page="${page - 1}">Назад</a></li>`;
  const next = `<li class="ipsPagination_next${page === pages ? " ipsPagination_inactive" : ""}"><a href="${href(Math.min(pages, page + 1))}" rel="next" data-page="${page + 1}">Далее</a></li>`;
  const items = Array.from({ length: pages }, (_, i) => i + 1)
    .map(
      (p) =>
        `<li class="ipsPagination_page${p === page ? " ipsPagination_active" : ""}"><a href="${href(p)}" data-page="${p}">${p}</a></li>`,
    )
    .join("");
  return `<ul class="ipsPagination" id="elPagination" data-pages="${pages}">${prev}${items}${next}</ul>`;
}

const time = (ms: number) =>
  `<time datetime="${new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace(".000", "")}" title="${ruDay(ms)}" data-short="">${ruDay(ms)}</time>`;
const profile = (name: string) =>
  `/profile/${[...name].reduce((a, c) => a + c.charCodeAt(0), 0)}-${encodeURIComponent(name.toLowerCase())}/`;

function comment(t: ForumThread, p: ForumPost, now: Date): string {
  return `<article id="elComment_${p.id}" class="cPost ipsBox ipsResponsive_pull ipsComment ipsComment_parent ipsClearfix ipsClear ipsColumns ipsColumns_noSpacing ipsColumns_collapsePhone">
  <div class="cAuthorPane_mobile ipsResponsive_showPhone"></div>
  <aside class="ipsComment_author cAuthorPane ipsColumn ipsColumn_medium ipsResponsive_hidePhone">
    <h3 class="ipsType_sectionHead cAuthorPane_author ipsType_blendLinks ipsType_break"><strong><a href="${profile(p.author)}" class="ipsType_break">${escapeHtml(p.author)}</a></strong></h3>
    <ul class="cAuthorPane_info ipsList_reset"><li class="ipsType_break">Участники</li></ul>
  </aside>
  <div class="ipsColumn ipsColumn_fluid ipsMargin:none"><div id="comment-${p.id}_wrap" data-controller="core.front.core.comment" data-commentapp="forums" data-commenttype="forums" data-commentid="${p.id}" class="ipsComment_content ipsType_medium">
    <div class="ipsComment_meta ipsType_light ipsFlex ipsFlex-ai:center ipsFlex-jc:between ipsFlex-fd:row-reverse"><div class="ipsType_reset ipsResponsive_hidePhone">
      <a href="${IPS_ORIGIN}${topicPath(t)}?do=findComment&amp;comment=${p.id}" rel="nofollow" class="ipsType_blendLinks">${time(msAgo(now, p.minutesAgo))}</a>
    </div></div>
    <div class="cPost_contentWrap"><div data-role="commentContent" class="ipsType_normal ipsType_richText ipsPadding_bottom ipsContained" data-controller="core.front.core.lightboxedImages">${paragraphs(p.text)}</div></div>
  </div></div>
</article>`;
}

function topicPage(t: ForumThread, posts: ForumPost[], page: number, now: Date): string {
  const { items, pages } = slice(posts, page, POSTS_PER_PAGE);
  const nav = pagination((p) => `${IPS_ORIGIN}${topicPath(t)}${p > 1 ? `page/${p}/` : ""}`, page, pages);
  return layout(
    "topic",
    t.title,
    `${nav}<div id="comments" data-controller="core.front.core.commentFeed" data-feedid="topic-${t.id}">${items.map((p) => comment(t, p, now)).join("\n")}</div>${nav}`,
  );
}

function forumPage(stage: number, page: number, now: Date): string {
  const { items, pages } = slice(visibleTopics(stage), page, TOPICS_PER_PAGE);
  const rows = items.map(
    (
      t,
    ) => `<li class="ipsDataItem ipsDataItem_responsivePhoto" data-rowid="${t.id}" data-location="" data-controller="forums.front.forum.topicRow">
  <div class="ipsDataItem_main">
    <h4 class="ipsDataItem_title ipsContained_container"><span class="ipsType_break ipsContained"><a href="${IPS_ORIGIN}${topicPath(t)}" title="" data-ipshover=""><span>${escapeHtml(t.title)}</span></a></span></h4>
    <div class="ipsDataItem_meta ipsType_reset ipsType_light ipsType_blendLinks"><span>Автор <a href="${profile(t.author)}" data-ipshover="">${escapeHtml(t.author)}</a>, </span>${time(msAgo(now, t.minutesAgo))}</div>
  </div>
  <ul class="ipsDataItem_stats"><li><span class="ipsDataItem_stats_number">${t.replies}</span> <span class="ipsDataItem_stats_type">ответов</span></li></ul>
</li>`,
  );
  const nav = pagination(
    (p) => `${IPS_ORIGIN}/forum/${FORUM.sectionId}-${FORUM.sectionSlug}/${p > 1 ? `page/${p}/` : ""}`,
    page,
    pages,
  );
  return layout(
    "forums",
    FORUM.sectionTitle,
    `${nav}<ol class="ipsClear ipsDataList cForumTopicTable" id="elTable_forums" data-role="tableRows">${rows.join("\n")}</ol>${nav}`,
  );
}

function searchPage(q: string, stage: number, page: number, now: Date): string {
  const hits = q === SEARCH_WORD ? searchHits(stage) : [];
  const { items, pages } = slice(hits, page, HITS_PER_PAGE);
  const rows = items.map(
    ({
      post: p,
      thread: t,
    }) => `<li class="ipsStreamItem ipsStreamItem_contentBlock ipsStreamItem_expanded ipsAreaBackground_reset ipsPad" data-role="activityItem" data-timestamp="${Math.floor(msAgo(now, p.minutesAgo) / 1000)}">
  <div class="ipsStreamItem_container ipsClearfix"><div class="ipsStreamItem_header ipsPhotoPanel ipsPhotoPanel_mini">
    <h2 class="ipsType_reset ipsStreamItem_title ipsContained_container"><span class="ipsType_break ipsContained"><a href="${IPS_ORIGIN}${topicPath(t)}?do=findComment&amp;comment=${p.id}" data-linktype="link" data-searchable="">${escapeHtml(t.title)}</a></span></h2>
    <p class="ipsType_reset ipsStreamItem_status ipsType_blendLinks"><a href="${profile(p.author)}">${escapeHtml(p.author)}</a> ответил в теме</p>
  </div>
  <div class="ipsStreamItem_snippet ipsType_break"><div class="ipsType_richText ipsContained ipsType_medium" data-searchable="" data-findterm="${escapeHtml(q)}">${p.text.map(escapeHtml).join(" ")}</div></div>
  <ul class="ipsList_inline ipsStreamItem_meta"><li class="ipsType_light ipsType_medium"><a href="${IPS_ORIGIN}${topicPath(t)}?do=findComment&amp;comment=${p.id}" class="ipsType_blendLinks">${time(msAgo(now, p.minutesAgo))}</a></li></ul>
  </div>
</li>`,
  );
  const nav = pagination(
    (p) => `${IPS_ORIGIN}/search/?q=${encodeURIComponent(q)}&sortby=newest&page=${p}`,
    page,
    pages,
  );
  return layout(
    "search",
    `Результаты поиска: «${q}»`,
    `${nav}<ol class="ipsStream ipsList_reset" data-role="resultsContents">${rows.join("\n")}</ol>${nav}`,
  );
}

/** The forum runs an IP.Board 3 skin again: none of the IPS 4 hooks. */
function ipb3Page(): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Тема</title></head><body id="ipboard_body">
<div class="post_block hentry clear clearfix" id="post_id_1"><div class="post_wrap"><div class="post entry-content">…</div></div></div></body></html>`;
}
