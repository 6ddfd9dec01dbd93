/**
 * Replica of a Russian vBulletin 3.8 board served in windows-1251, host `forum.dengi-nn.ru` (under
 * /forum/), rendering the shared invented forum world (../forum-world.ts).
 *
 * Modeled (2026-11) on the vBulletin 3.8.5 forumdisplay page saved in
 * ../shared/fixtures/real-pages/forum-vbulletin/ (windows-1251; tbody#threadbits_forum_N rows with
 * td[id^=td_threadtitle_][title=preview], a[id^=thread_title_], the starter in div.smallfont span[onclick],
 * td.alt2[title="Ответов: N, просмотров: M"], "Сегодня <span class=time>08:27</span>", td.navbar strong,
 * div.pagenav with a[rel=next]) and on vBulletin 3.8's postbit_legacy and search result templates as
 * remembered (table[id^=post] with the date in td.thead, a.bigusername, div[id^=post_message_],
 * showpost.php permalinks, pagenav a[rel=prev]); not on saved thread or search pages.
 *
 *   /forum/showthread.php?t=5301[&page=N]       the brand's thread, 5 posts a page, oldest first
 *   /forum/showthread.php?goto=lastpost&t=5301  302 to the last post (showthread.php?p=<id>): its page
 *   /forum/forumdisplay.php?f=12[&page=N]       the section, 10 threads a page
 *   /forum/search.php?do=process&query=<cp1251>&showposts=1  302 to search.php?searchid=N (5 a page)
 *   /forum/showthread.php?t=6000                403 DDoS-Guard wall; t=6001: moved to vBulletin 5 markup
 * Stage 1 adds 2 posts to the brand's thread and a thread to the section.
 */
import {
  cloudflarePage,
  cp1251Query,
  decodeCp1251Query,
  LOADED_AT,
  msAgo,
  slice,
  vbDate,
} from "../forum-kit.js";
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

export const VB_HOST = "forum.dengi-nn.ru";
export { cp1251Query };
export const VB_BASE = `https://${VB_HOST}/forum/`;
const CHARSET = "windows-1251";
export const POSTS_PER_PAGE = 5;
export const THREADS_PER_PAGE = 10;
export const HITS_PER_PAGE = 5;
const SEARCH_ID = 7731;
export const lastPostUrl = (t: number) => `${VB_BASE}showthread.php?goto=lastpost&t=${t}`;
export const sectionUrl = `${VB_BASE}forumdisplay.php?f=${FORUM.sectionId}`;
/** The query URL-encoded in windows-1251, as the board expects it. */
export const searchUrl = `${VB_BASE}search.php?do=process&query=${cp1251Query(SEARCH_WORD)}&showposts=1`;

export function createVbulletinSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: [VB_HOST], handle: (req) => route(req, now) };
}

export const vbulletinSite: ReplicaSite = createVbulletinSite();

const THREADS = [BRAND_THREAD, SIDE_THREAD];
const page1251 = (body: string, status = 200) => html(body, { status, charset: CHARSET });
const redirect = (location: string): ReplicaResponse => ({ status: 302, headers: { location }, body: "" });

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const q = req.url.searchParams;
  const page = Math.max(1, Number(q.get("page") ?? 1) || 1);
  switch (req.url.pathname) {
    case "/robots.txt":
      return text("User-agent: *\nDisallow: /forum/private.php\nDisallow: /forum/member.php\n");
    case "/forum/showthread.php": {
      const t = Number(q.get("t"));
      if (t === 6000)
        return html(cloudflarePage(VB_HOST).replace("Just a moment...", "DDoS-Guard"), { status: 403 });
      if (t === 6001) return page1251(vb5Page());
      const byPost = Number(q.get("p"));
      const thread = THREADS.find((x) => x.id === t || x.posts.some((p) => p.id === byPost));
      if (!thread) return page1251(layout("Форум", "Неверно указана тема."), 404);
      const posts = visiblePosts(thread, req.stage);
      if (q.get("goto") === "lastpost")
        return redirect(`${VB_BASE}showthread.php?p=${posts.at(-1)!.id}#post${posts.at(-1)!.id}`);
      const pages = Math.ceil(posts.length / POSTS_PER_PAGE);
      const index = posts.findIndex((p) => p.id === byPost);
      const shown = index >= 0 ? Math.floor(index / POSTS_PER_PAGE) + 1 : Math.min(page, pages);
      return page1251(threadPage(thread, posts, shown, now));
    }
    case "/forum/forumdisplay.php":
      if (Number(q.get("f")) !== FORUM.sectionId)
        return page1251(layout("Форум", "Неверно указан раздел."), 404);
      return page1251(forumPage(req.stage, page, now));
    case "/forum/search.php": {
      if (q.get("do") === "process") {
        const query = decodeCp1251Query(req.url.search.match(/[?&]query=([^&]*)/)?.[1] ?? "");
        return query.toLowerCase() === SEARCH_WORD
          ? redirect(`${VB_BASE}search.php?searchid=${SEARCH_ID}`)
          : page1251(layout("Поиск", "По вашему запросу ничего не найдено."));
      }
      if (Number(q.get("searchid")) !== SEARCH_ID)
        return page1251(layout("Поиск", "Неверный поисковый запрос."), 404);
      return page1251(searchPage(req.stage, page, now));
    }
    default:
      return page1251(layout("Форум", "Страница не найдена."), 404);
  }
}

function layout(title: string, body: string, navbar = title): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" dir="ltr" lang="ru">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251" />
<meta name="generator" content="vBulletin 3.8.11" />
<style type="text/css" id="vbulletin_css">@import url("clientscript/vbulletin_css/style-00000001-00001.css");</style>
<title>${escapeHtml(title)} - Форум «Деньги Нижнего»</title>
</head>
<body>
<a name="top"></a>
<table class="tborder" cellpadding="6" cellspacing="1" border="0" width="100%" align="center"><tr>
	<td class="alt1" width="100%"><table cellpadding="0" cellspacing="0" border="0"><tr valign="bottom">
		<td><span class="navbar"><a href="index.php" accesskey="1">Форум «Деньги Нижнего»</a></span></td></tr>
		<tr><td class="navbar" style="font-size:10pt; padding-top:1px" colspan="3"><a href="${escapeHtml(VB_BASE)}"><img class="inlineimg" src="images/misc/navbits_finallink_ltr.gif" alt="Перезагрузить страницу" border="0" /></a> <strong>
	${escapeHtml(navbar)}
</strong></td></tr></table></td>
</tr></table>
<br />
${body}
<br />
<div class="smallfont" align="center">Powered by vBulletin&reg; Version 3.8.11<br />Copyright &copy;2000 - 2026, vBulletin Solutions, Inc. Перевод: zCarot (реплика)</div>
</body>
</html>`;
}

function pagenav(href: (p: number) => string, page: number, pages: number, total: number): string {
  if (pages <= 1) return "";
  const cells = Array.from({ length: pages }, (_, i) => i + 1).map((p) =>
    p === page
      ? `<td class="alt2"><span class="smallfont" title="Показано с ${(p - 1) * 5 + 1} из ${total}."><strong>${p}</strong></span></td>`
      : `<td class="alt1"><a class="smallfont" href="${escapeHtml(href(p))}" title="Страница ${p}">${p}</a></td>`,
  );
  if (page > 1)
    cells.unshift(
      `<td class="alt1"><a rel="prev" class="smallfont" href="${escapeHtml(href(page - 1))}" title="Предыдущая страница">&lt;</a></td>`,
    );
  if (page < pages)
    cells.push(
      `<td class="alt1"><a rel="next" class="smallfont" href="${escapeHtml(href(page + 1))}" title="Следующая страница">&gt;</a></td>`,
    );
  return `<div class="pagenav" align="right">
<table class="tborder" cellpadding="3" cellspacing="1" border="0">
<tr>
	<td class="vbmenu_control" style="font-weight:normal">Страница ${page} из ${pages}</td>
	${cells.join("")}
</tr>
</table>
</div>`;
}

const memberId = (name: string) => [...name].reduce((a, c) => a + c.charCodeAt(0), 0);

function vbWhen(ms: number, now: Date): string {
  const d = vbDate(ms, now);
  return `${d.day}, ${d.time}`;
}

function postbit(p: ForumPost, n: number, thread: ForumThread, now: Date): string {
  return `<!-- post #${p.id} -->
<div id="edit${p.id}" style="padding:0px 0px 6px 0px">
<table id="post${p.id}" class="tborder" cellpadding="6" cellspacing="0" border="0" width="100%" align="center">
<tr>
	<td class="thead" style="font-weight:normal; border: 1px solid #D1D1E1; border-right: 0px">
		<!-- status icon and date -->
		<a name="post${p.id}"><img class="inlineimg" src="images/statusicon/post_old.gif" alt="Старый" border="0" /></a>
		${vbWhen(msAgo(now, p.minutesAgo), now)}
		<!-- / status icon and date -->
	</td>
	<td class="thead" style="font-weight:normal; border: 1px solid #D1D1E1; border-left: 0px" align="right">
		&nbsp;
		#<a href="showpost.php?p=${p.id}&amp;postcount=${n}" target="new" rel="nofollow" id="postcount${p.id}" name="${n}"><strong>${n}</strong></a>
	</td>
</tr>
<tr valign="top">
	<td class="alt2" width="175" style="border: 1px solid #D1D1E1; border-top: 0px; border-bottom: 0px">
		<div id="postmenu_${p.id}"><a class="bigusername" href="member.php?u=${memberId(p.author)}">${escapeHtml(p.author)}</a></div>
		<div class="smallfont">Местный</div>
		<div class="smallfont">&nbsp;<br /><div>Сообщений: ${(p.id % 300) + 12}</div></div>
	</td>
	<td class="alt1" id="td_post_${p.id}" style="border-right: 1px solid #D1D1E1">
		<!-- icon and title -->
		<div class="smallfont"><strong>${n === 1 ? escapeHtml(thread.title) : ""}</strong></div>
		<hr size="1" style="color:#D1D1E1; background-color:#D1D1E1" />
		<!-- / icon and title -->
		<!-- message -->
		<div id="post_message_${p.id}">${p.text.map(escapeHtml).join("<br />\n<br />\n")}</div>
		<!-- / message -->
	</td>
</tr>
</table>
</div>
<!-- / post #${p.id} -->`;
}

function threadPage(thread: ForumThread, posts: ForumPost[], page: number, now: Date): string {
  const start = (page - 1) * POSTS_PER_PAGE;
  const shown = posts.slice(start, start + POSTS_PER_PAGE);
  const nav = pagenav(
    (p) => `showthread.php?t=${thread.id}&page=${p}`,
    page,
    Math.ceil(posts.length / POSTS_PER_PAGE),
    posts.length,
  );
  return layout(
    thread.title,
    `${nav}
<div id="posts">${shown.map((p, i) => postbit(p, start + i + 1, thread, now)).join("\n")}
<div id="lastpost"></div></div>
${nav}`,
  );
}

function forumPage(stage: number, page: number, now: Date): string {
  const topics = visibleTopics(stage);
  const { items, pages } = slice(topics, page, THREADS_PER_PAGE);
  const rows = items.map((t) => {
    const last = vbDate(msAgo(now, Math.max(1, t.minutesAgo - 20)), now);
    return `<tr>
	<td class="alt1" id="td_threadstatusicon_${t.id}"><img src="images/statusicon/thread_hot.gif" id="thread_statusicon_${t.id}" alt="" border="" /></td>
	<td class="alt2"><img src="images/icons/icon1.gif" alt="" border="0" /></td>
	<td class="alt1" id="td_threadtitle_${t.id}" title="${escapeHtml(t.preview)}">
		<div>
			<a href="showthread.php?t=${t.id}" id="thread_title_${t.id}">${escapeHtml(t.title)}</a>
		</div>
		<div class="smallfont">
			<span style="cursor:pointer" onclick="window.open('member.php?u=${memberId(t.author)}', '_self')">${escapeHtml(t.author)}</span>
		</div>
	</td>
	<td class="alt2" title="Ответов: ${t.replies}, просмотров: ${t.views.toLocaleString("en-US")}">
		<div class="smallfont" style="text-align:right; white-space:nowrap">
			${last.day} <span class="time">${last.time}</span><br />
			от <a href="member.php?find=lastposter&amp;t=${t.id}" rel="nofollow">${escapeHtml(t.author)}</a>
		</div>
	</td>
	<td class="alt1" align="center"><a href="misc.php?do=whoposted&amp;t=${t.id}">${t.replies}</a></td>
	<td class="alt2" align="center">${t.views.toLocaleString("en-US")}</td>
</tr>`;
  });
  const nav = pagenav(
    (p) => `forumdisplay.php?f=${FORUM.sectionId}&order=desc&page=${p}`,
    page,
    pages,
    topics.length,
  );
  return layout(
    FORUM.sectionTitle,
    `${nav}
<table class="tborder" cellpadding="6" cellspacing="1" border="0" width="100%" align="center" id="threadslist">
<tbody><tr><td class="thead" colspan="2">&nbsp;</td><td class="thead" width="100%">Тема / Автор</td><td class="thead" width="150" align="center" nowrap="nowrap">Последнее сообщение</td><td class="thead">Ответов</td><td class="thead">Просмотров</td></tr></tbody>
<tbody id="threadbits_forum_${FORUM.sectionId}">
${rows.join("\n")}
</tbody>
</table>
${nav}`,
  );
}

function searchPage(stage: number, page: number, now: Date): string {
  const hits = searchHits(stage);
  const { items, pages } = slice(hits, page, HITS_PER_PAGE);
  const results = items.map(
    ({
      post: p,
      thread,
    }) => `<table class="tborder" id="post${p.id}" cellpadding="6" cellspacing="1" border="0" width="100%" align="center">
<tr><td class="thead"><span class="smallfont" style="float:right">Ответов: ${thread.posts.length - 1}</span> ${vbWhen(msAgo(now, p.minutesAgo), now)}</td></tr>
<tr><td class="alt1">
	<div class="smallfont">
		<strong>Тема</strong>: <a href="showthread.php?t=${thread.id}&amp;highlight=${cp1251Query(SEARCH_WORD)}">${escapeHtml(thread.title)}</a><br />
		<strong>Автор</strong>: <a href="member.php?u=${memberId(p.author)}">${escapeHtml(p.author)}</a><br />
		<strong>Раздел</strong>: <a href="forumdisplay.php?f=${FORUM.sectionId}">${FORUM.sectionTitle}</a>
	</div>
	<div class="alt2" style="margin:6px 0px 0px 0px; padding:6px; border:1px inset">
		<div class="smallfont"><em><a href="showthread.php?p=${p.id}&amp;highlight=${cp1251Query(SEARCH_WORD)}#post${p.id}">Re: ${escapeHtml(thread.title)}</a></em></div>
		<div class="smallfont">${p.text.map(escapeHtml).join(" ")}</div>
	</div>
</td></tr>
</table>
<br />`,
  );
  const nav = pagenav(
    (p) => `search.php?searchid=${SEARCH_ID}&pp=${HITS_PER_PAGE}&page=${p}`,
    page,
    pages,
    hits.length,
  );
  return layout("Результаты поиска", `${nav}\n${results.join("\n")}\n${nav}`, "Результаты поиска");
}

/** The board moved to vBulletin 5: every 3.8 hook is gone. */
function vb5Page(): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="windows-1251"><title>Форум</title></head><body>
<ul class="conversation-list"><li class="b-post js-post" data-node-id="1"><div class="b-post__content js-post__content">
<div class="js-post__content-text">Форум переехал на новый движок.</div></div></li></ul></body></html>`;
}
