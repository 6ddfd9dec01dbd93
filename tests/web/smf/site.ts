/**
 * Replica of a Russian Simple Machines Forum (SMF 2.1) served in windows-1251, host `forum.vkladchik.ru`,
 * rendering the shared invented forum world (../forum-world.ts).
 *
 * Written 2026-11 without a saved real page (none was found), from SMF 2.1's default theme as remembered:
 * body.action_display / action_messageindex / action_search2, posts div.windowbg[id^=msg] with
 * div.poster h4 a, div.keyinfo (a.smalltext holding "<strong>Сегодня</strong> в 14:04:05" or
 * "20 Ноябрь 2026, 14:04:05", linking topic=<id>.msg<id>#msg<id>) and div.inner[data-msgid], h2.display_title
 * span#top_subject; message index rows div.windowbg with div.message_index_title and p.floatleft "Автор";
 * search results with div.topic_details and div.list_posts; div.pagelinks a.nav_page with previous_page /
 * next_page icons; `topic=<id>.new` taking guests to the last post; `;`-separated query strings.
 *
 *   /index.php?topic=<id>.<start>|.new    5 posts a page, oldest first (.new: the last page)
 *   /index.php?board=12.<start>           10 topics a page
 *   /index.php?action=search2;search=<cp1251>;sort=id_msg|desc[;start=N]   5 a page
 *   topic 6000: 403 DDoS-Guard: blocked; topic 6001: SMF 1.1 markup: broken
 * Stage 1 adds 2 posts to the brand's thread and a topic to the board.
 */
import { cp1251Query, decodeCp1251Query, LOADED_AT, msAgo, slice, smfDate } from "../forum-kit.js";
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
import { escapeHtml, html, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const SMF_HOST = "forum.vkladchik.ru";
export const SMF_BASE = `https://${SMF_HOST}/index.php`;
const CHARSET = "windows-1251";
export const POSTS_PER_PAGE = 5;
export const TOPICS_PER_PAGE = 10;
export const HITS_PER_PAGE = 5;
export const lastPageUrl = (t: ForumThread) => `${SMF_BASE}?topic=${t.id}.new`;
export const boardUrl = `${SMF_BASE}?board=${FORUM.sectionId}.0`;
export const searchUrl = `${SMF_BASE}?action=search2;search=${cp1251Query(SEARCH_WORD)};sort=id_msg|desc`;

export function createSmfSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: [SMF_HOST], handle: (req) => route(req, now) };
}

export const smfSite: ReplicaSite = createSmfSite();

const THREADS = [BRAND_THREAD, SIDE_THREAD];
const page1251 = (body: string, status = 200) => html(body, { status, charset: CHARSET });

/** SMF query strings: `a=b;c=d` as well as `a=b&c=d`, values left percent-encoded. */
function params(search: string): Map<string, string> {
  return new Map(
    search
      .replace(/^\?/, "")
      .split(/[;&]/)
      .filter(Boolean)
      .map((kv) => {
        const i = kv.indexOf("=");
        return i < 0 ? [kv, ""] : [kv.slice(0, i), kv.slice(i + 1)];
      }),
  );
}

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  if (req.url.pathname === "/robots.txt") return text("User-agent: *\nDisallow: /index.php?action=profile\n");
  if (req.url.pathname !== "/index.php")
    return page1251(layout("display", "Ошибка", "Страница не найдена."), 404);
  const q = params(req.url.search);
  const topic = /^(\d+)\.(new|\d+)$/.exec(q.get("topic") ?? "");
  if (topic) {
    const id = Number(topic[1]);
    if (id === 6000)
      return html(
        `<!DOCTYPE html><html><head><title>DDoS-Guard</title></head><body>Проверка браузера</body></html>`,
        { status: 403 },
      );
    if (id === 6001) return page1251(smf1Page());
    const t = THREADS.find((x) => x.id === id);
    if (!t) return page1251(layout("display", "Ошибка", "Тема не найдена."), 404);
    const posts = visiblePosts(t, req.stage);
    const pages = Math.ceil(posts.length / POSTS_PER_PAGE);
    const page =
      topic[2] === "new" ? pages : Math.min(Math.floor(Number(topic[2]) / POSTS_PER_PAGE) + 1, pages);
    return page1251(topicPage(t, posts, page, now));
  }
  const board = /^(\d+)\.(\d+)$/.exec(q.get("board") ?? "");
  if (board && Number(board[1]) === FORUM.sectionId)
    return page1251(boardPage(req.stage, Math.floor(Number(board[2]) / TOPICS_PER_PAGE) + 1, now));
  if (q.get("action") === "search2") {
    const word = decodeCp1251Query(q.get("search") ?? "").toLowerCase();
    return page1251(
      searchPage(word, req.stage, Math.floor(Number(q.get("start") ?? 0) / HITS_PER_PAGE) + 1, now),
    );
  }
  return page1251(layout("display", "Ошибка", "Страница не найдена."), 404);
}

function layout(action: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ru-RU">
<head>
	<meta charset="windows-1251">
	<link rel="stylesheet" href="https://${SMF_HOST}/Themes/default/css/index.css?smf214">
	<title>${escapeHtml(title)}</title>
</head>
<body id="chrome" class="action_${action} board_${FORUM.sectionId}">
<div id="footerfix"><div id="header"><h1 class="forumtitle"><a id="top" href="${SMF_BASE}">Форум вкладчиков</a></h1></div>
<div id="wrapper"><div id="content_section"><div id="main_content_section">
${body}
</div></div></div>
<div id="footer"><ul><li class="copyright"><a href="${SMF_BASE}?action=credits" title="License" target="_blank" rel="noopener">SMF 2.1.4 &copy; 2023</a>, Simple Machines (реплика)</li></ul></div></div>
</body></html>`;
}

function pagelinks(href: (p: number) => string, page: number, pages: number): string {
  if (pages <= 1) return "";
  const prev =
    page > 1
      ? `<a class="nav_page" href="${href(page - 1)}"><span class="main_icons previous_page"></span></a> `
      : "";
  const next =
    page < pages
      ? ` <a class="nav_page" href="${href(page + 1)}"><span class="main_icons next_page"></span></a>`
      : "";
  const items = Array.from({ length: pages }, (_, i) => i + 1)
    .map((p) =>
      p === page
        ? `<span class="current_page">${p}</span>`
        : `<a class="nav_page" href="${href(p)}">${p}</a>`,
    )
    .join(" ");
  return `<div class="pagesection"><div class="pagelinks floatleft"><a href="#bot" class="button">Вниз</a> <span class="pages">Страницы</span>${prev}${items}${next}</div></div>`;
}

const profile = (name: string) =>
  `${SMF_BASE}?action=profile;u=${[...name].reduce((a, c) => a + c.charCodeAt(0), 0)}`;

function message(t: ForumThread, p: ForumPost, n: number, now: Date): string {
  return `<div class="windowbg" id="msg${p.id}">
	<div class="post_wrapper">
		<div class="poster"><h4><a href="${profile(p.author)}" title="Просмотр профиля ${escapeHtml(p.author)}">${escapeHtml(p.author)}</a></h4>
			<ul class="user_info"><li class="membergroup">Пользователь</li><li class="postcount">Сообщений: ${(p.id % 200) + 5}</li></ul></div>
		<div class="postarea">
			<div class="keyinfo">
				<div id="subject_${p.id}" class="subject_title subject_hidden"><a href="${SMF_BASE}?msg=${p.id}" rel="nofollow">${n === 1 ? "" : "Re: "}${escapeHtml(t.title)}</a></div>
				<span class="page_number floatright">#${n}</span>
				<div class="postinfo"><span class="messageicon"><img src="https://${SMF_HOST}/Themes/default/images/post/xx.png" alt=""></span>
				<a href="${SMF_BASE}?topic=${t.id}.msg${p.id}#msg${p.id}" title="${n === 1 ? "" : "Re: "}${escapeHtml(t.title)}" class="smalltext">${smfDate(msAgo(now, p.minutesAgo), now)}</a></div>
			</div>
			<div class="post"><div class="inner" data-msgid="${p.id}" id="msg_${p.id}">${p.text.map(escapeHtml).join("<br><br>")}</div></div>
		</div>
	</div>
</div>
<hr class="post_separator">`;
}

function topicPage(t: ForumThread, posts: ForumPost[], page: number, now: Date): string {
  const { items } = slice(posts, page, POSTS_PER_PAGE);
  const pages = Math.ceil(posts.length / POSTS_PER_PAGE);
  const start = (page - 1) * POSTS_PER_PAGE;
  const nav = pagelinks((p) => `${SMF_BASE}?topic=${t.id}.${(p - 1) * POSTS_PER_PAGE}`, page, pages);
  return layout(
    "display",
    t.title,
    `<div id="display_head" class="information"><h2 class="display_title"><span id="top_subject">${escapeHtml(t.title)}</span></h2><p>Автор ${escapeHtml(t.posts[0]!.author)}, тема прочитана ${t.posts.length * 31} раз</p></div>
${nav}
<div id="forumposts"><form action="${SMF_BASE}?action=quickmod2;topic=${t.id}.${start}" method="post" name="quickModForm" id="quickModForm">
${items.map((p, i) => message(t, p, start + i + 1, now)).join("\n")}
</form></div>
${nav}`,
  );
}

function boardPage(stage: number, page: number, now: Date): string {
  const topics = visibleTopics(stage);
  const { items, pages } = slice(topics, page, TOPICS_PER_PAGE);
  const rows = items.map(
    (t) => `<div class="windowbg">
	<div class="board_icon"><img src="https://${SMF_HOST}/Themes/default/images/post/xx.png" alt=""></div>
	<div class="info info_block"><div class="icons floatright"></div>
		<div class="message_index_title"><span class="preview" title="${escapeHtml(t.preview)}"><span id="msg_${t.id}0"><a href="${SMF_BASE}?topic=${t.id}.0">${escapeHtml(t.title)}</a></span></span></div>
		<p class="floatleft">Автор <a href="${profile(t.author)}" title="Просмотр профиля ${escapeHtml(t.author)}">${escapeHtml(t.author)}</a></p>
	</div>
	<div class="board_stats centertext"><p>Ответов: ${t.replies}<br>Просмотров: ${t.views}</p></div>
	<div class="lastpost"><p><a href="${SMF_BASE}?topic=${t.id}.0">${smfDate(msAgo(now, Math.max(1, t.minutesAgo - 20)), now)}</a><br>Автор: ${escapeHtml(t.author)}</p></div>
</div>`,
  );
  const nav = pagelinks(
    (p) => `${SMF_BASE}?board=${FORUM.sectionId}.${(p - 1) * TOPICS_PER_PAGE}`,
    page,
    pages,
  );
  return layout(
    "messageindex",
    FORUM.sectionTitle,
    `<div id="display_head" class="information"><h2 class="display_title">${FORUM.sectionTitle}</h2></div>
${nav}<div id="messageindex"><div id="topic_container">${rows.join("\n")}</div></div>${nav}`,
  );
}

function searchPage(word: string, stage: number, page: number, now: Date): string {
  const hits = word === SEARCH_WORD ? searchHits(stage) : [];
  const { items, pages } = slice(hits, page, HITS_PER_PAGE);
  const rows = items.map(
    ({ post: p, thread: t }, i) => `<div class="windowbg"><div class="block">
	<span class="floatright counter">${(page - 1) * HITS_PER_PAGE + i + 1}</span>
	<div class="topic_details"><h5><a href="${SMF_BASE}?board=${FORUM.sectionId}.0">${FORUM.sectionTitle}</a> / <a href="${SMF_BASE}?topic=${t.id}.msg${p.id}#msg${p.id}">${escapeHtml(t.title)}</a></h5>
		<span class="smalltext">&#171;&nbsp;<strong>Сообщение от: </strong><a href="${profile(p.author)}">${escapeHtml(p.author)}</a> <strong>в</strong> <em>${smfDate(msAgo(now, p.minutesAgo), now)}</em>&nbsp;&#187;</span></div>
	<div class="list_posts">${p.text.map(escapeHtml).join("<br><br>")}</div>
</div></div>`,
  );
  const base = `${SMF_BASE}?action=search2;search=${cp1251Query(word)};sort=id_msg|desc`;
  const nav = pagelinks((p) => `${base};start=${(p - 1) * HITS_PER_PAGE}`, page, pages);
  return layout(
    "search2",
    "Результаты поиска",
    `<div id="display_head" class="information"><h2 class="display_title">Результаты поиска: ${escapeHtml(word)}</h2></div>${nav}<div id="search_results">${rows.join("\n")}</div>${nav}`,
  );
}

/** An SMF 1.1 theme: tables, none of the 2.1 hooks. */
function smf1Page(): string {
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>Тема</title></head>
<body><table class="bordercolor"><tr><td class="windowbg"><div class="post">…</div></td></tr></table></body></html>`;
}
