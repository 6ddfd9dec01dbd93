/**
 * Replica of a phpBB 3.3 board (prosilver style, Russian language pack), host `forum.finansy-club.ru`,
 * rendering the shared invented forum world (../forum-world.ts).
 *
 * Modeled (2026-11) on the phpBB 3.0 prosilver pages saved in ../shared/fixtures/real-pages/forum-phpbb/
 * (div.post[id^=p] > .postbody > h3 + p.author + div.content, dl.postprofile, li.row a.topictitle,
 * div.pagination) and on phpBB 3.3's prosilver templates as shipped (p.author <time datetime>, h2.topic-title,
 * div.topic-poster, li.arrow.next a[rel=next], search results div.search.post with dl.postprofile).
 *
 *   /viewtopic.php?t=5301[&sd=d][&start=N]   the brand's thread, 5 posts a page (sd=d: newest first)
 *   /viewtopic.php?t=5288                    a thread naming the brand once
 *   /viewforum.php?f=12[&start=N]            the section, 10 topics a page, newest first
 *   /search.php?keywords=…&sr=posts[&start=N] posts containing "ромашка", 5 a page, newest first
 *   /viewtopic.php?t=6000                    403 Cloudflare wall: blocked
 *   /viewtopic.php?t=6001                    the board switched to a custom style (no div.post): broken
 * Stage 1 adds 2 posts to the brand's thread and a topic to the section.
 */

import { cloudflarePage, isoUtc, LOADED_AT, msAgo, phpbbDate, slice } from "../forum-kit.js";
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

export const PHPBB_HOST = "forum.finansy-club.ru";
export const PHPBB_ORIGIN = `https://${PHPBB_HOST}`;
export const POSTS_PER_PAGE = 5;
export const TOPICS_PER_PAGE = 10;
export const HITS_PER_PAGE = 5;
export const threadUrl = (t: number, newestFirst = true) =>
  `${PHPBB_ORIGIN}/viewtopic.php?t=${t}${newestFirst ? "&sd=d" : ""}`;
export const sectionUrl = `${PHPBB_ORIGIN}/viewforum.php?f=${FORUM.sectionId}`;
export const searchUrl = `${PHPBB_ORIGIN}/search.php?keywords=${encodeURIComponent(SEARCH_WORD)}&sr=posts`;
export const postUrl = (id: number) => `${PHPBB_ORIGIN}/viewtopic.php?p=${id}#p${id}`;

export function createPhpbbSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: [PHPBB_HOST], handle: (req) => route(req, now) };
}

export const phpbbSite: ReplicaSite = createPhpbbSite();

const THREADS = new Map<number, ForumThread>([
  [BRAND_THREAD.id, BRAND_THREAD],
  [SIDE_THREAD.id, SIDE_THREAD],
]);

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const q = req.url.searchParams;
  const start = Number(q.get("start") ?? 0);
  const page = Number.isInteger(start) && start >= 0 ? start : 0;
  switch (req.url.pathname) {
    case "/robots.txt":
      return text("User-agent: *\nDisallow: /ucp.php\nDisallow: /memberlist.php\n");
    case "/viewtopic.php": {
      const t = Number(q.get("t"));
      if (t === 6000) return html(cloudflarePage(PHPBB_HOST), { status: 403 });
      const thread = THREADS.get(t === 6001 ? BRAND_THREAD.id : t);
      if (!thread)
        return html(layout("Информация", "<p>Запрошенной темы не существует.</p>"), { status: 404 });
      const posts = visiblePosts(thread, req.stage);
      const ordered = q.get("sd") === "d" ? [...posts].reverse() : posts;
      return html(topicPage(thread, ordered, page, q.get("sd") === "d", now, t === 6001));
    }
    case "/viewforum.php":
      return Number(q.get("f")) === FORUM.sectionId
        ? html(forumPage(req.stage, page, now))
        : html(layout("Информация", "<p>Запрошенного форума не существует.</p>"), { status: 404 });
    case "/search.php":
      return html(searchPage(q.get("keywords") ?? "", req.stage, page, now));
    default:
      return html(layout("Информация", "<p>Страница не найдена.</p>"), { status: 404 });
  }
}

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html dir="ltr" lang="ru">
<head>
<meta charset="utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)} - Финансовый клуб</title>
<link href="./styles/prosilver/theme/stylesheet.css?assets_version=42" rel="stylesheet">
</head>
<body id="phpbb" class="nojs notouch section-viewtopic ltr ">
<div id="wrap" class="wrap">
  <div id="page-header"><div class="headerbar" role="banner"><div class="inner"><div id="site-description" class="site-description">
    <a id="logo" class="logo" href="./index.php" title="Список форумов"><span class="site_logo"></span></a>
    <h1>Финансовый клуб</h1><p>Форум о банках, вкладах и кредитах (реплика)</p></div></div></div>
    <div class="navbar" role="navigation"><ul id="nav-breadcrumbs" class="nav-breadcrumbs linklist navlinks" role="menubar">
      <li class="breadcrumbs"><span class="crumb"><a href="./index.php" accesskey="h" itemprop="url">Список форумов</a></span></li></ul></div>
  </div>
  <div id="page-body" class="page-body" role="main">
${body}
  </div>
  <div id="page-footer" class="page-footer" role="contentinfo"><div class="copyright">Создано на основе <a href="https://www.phpbb.com/">phpBB</a>&reg; Forum Software &copy; phpBB Limited</div></div>
</div>
</body>
</html>`;
}

function pagination(base: string, total: number, noun: string, page: number, size: number): string {
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.floor(page / size) + 1;
  const href = (p: number) => escapeHtml(`${base}${p > 1 ? `&start=${(p - 1) * size}` : ""}`);
  const items = Array.from({ length: pages }, (_, i) => i + 1).map((p) =>
    p === current
      ? `<li class="active"><span>${p}</span></li>`
      : `<li><a class="button" href="${href(p)}" role="button">${p}</a></li>`,
  );
  if (current > 1)
    items.unshift(
      `<li class="arrow previous"><a class="button button-icon-only" href="${href(current - 1)}" rel="prev" role="button"><span class="sr-only">Пред.</span></a></li>`,
    );
  if (current < pages)
    items.push(
      `<li class="arrow next"><a class="button button-icon-only" href="${href(current + 1)}" rel="next" role="button"><i class="icon fa-chevron-right fa-fw" aria-hidden="true"></i><span class="sr-only">След.</span></a></li>`,
    );
  return `<div class="pagination">
      ${total} ${noun}
      ${pages > 1 ? `<ul>\n${items.join("\n")}\n</ul>` : `&bull; Страница <strong>1</strong> из <strong>1</strong>`}
    </div>`;
}

const userLink = (name: string) =>
  `<a href="./memberlist.php?mode=viewprofile&amp;u=${[...name].reduce((a, c) => a + c.charCodeAt(0), 0)}" class="username">${escapeHtml(name)}</a>`;

function post(p: ForumPost, thread: ForumThread, first: boolean, now: Date): string {
  const at = msAgo(now, p.minutesAgo);
  return `<div id="p${p.id}" class="post has-profile bg${p.id % 2 ? 1 : 2}">
    <div class="inner">
    <dl class="postprofile" id="profile${p.id}">
      <dt class="has-profile-rank no-avatar"><div class="avatar-container"></div>${userLink(p.author)}</dt>
      <dd class="profile-rank">Участник</dd>
      <dd class="profile-posts"><strong>Сообщения:</strong> <a href="./search.php?author_id=1&amp;sr=posts">${(p.id % 97) + 3}</a></dd>
    </dl>
    <div class="postbody">
      <div id="post_content${p.id}">
      <h3${first ? ' class="first"' : ""}><a href="#p${p.id}">${first ? "" : "Re: "}${escapeHtml(thread.title)}</a></h3>
      <ul class="post-buttons"><li><a href="./posting.php?mode=quote&amp;p=${p.id}" title="Ответить с цитатой" class="button button-icon-only"><span>Цитата</span></a></li></ul>
      <p class="author">
        <a class="unread" href="./viewtopic.php?p=${p.id}#p${p.id}" title="Сообщение"><i class="icon fa-file fa-fw icon-lightgray icon-md" aria-hidden="true"></i><span class="sr-only">Сообщение</span></a>
        <span class="responsive-hide">Автор: <strong>${userLink(p.author)}</strong> &raquo; </span><time datetime="${isoUtc(at)}">${phpbbDate(at)}</time>
      </p>
      <div class="content">${p.text.map(escapeHtml).join("<br>\n<br>\n")}</div>
      </div>
    </div>
    <div class="back2top"><a href="#top" class="top" title="Вернуться к началу"><span class="sr-only">Вернуться к началу</span></a></div>
    </div>
  </div>
  <hr class="divider" />`;
}

function topicPage(
  thread: ForumThread,
  posts: ForumPost[],
  start: number,
  desc: boolean,
  now: Date,
  restyled: boolean,
): string {
  const shown = posts.slice(start, start + POSTS_PER_PAGE);
  const firstId = thread.posts[0]!.id;
  const body = restyled
    ? shown
        .map(
          (p) =>
            `<article class="cf-message" data-post="${p.id}"><header>${escapeHtml(p.author)}</header>${paragraphs(p.text)}</article>`,
        )
        .join("\n")
    : shown.map((p) => post(p, thread, p.id === firstId, now)).join("\n");
  const base = `./viewtopic.php?t=${thread.id}${desc ? "&sd=d" : ""}`;
  return layout(
    thread.title,
    `<h2 class="topic-title"><a href="./viewtopic.php?t=${thread.id}">${escapeHtml(thread.title)}</a></h2>
<div class="action-bar bar-top">
  <a href="./posting.php?mode=reply&amp;t=${thread.id}" class="button" title="Ответить"><span>Ответить</span></a>
  ${pagination(base, posts.length, "сообщений", start, POSTS_PER_PAGE)}
</div>
${body}
<div class="action-bar bar-bottom">${pagination(base, posts.length, "сообщений", start, POSTS_PER_PAGE)}</div>`,
  );
}

function forumPage(stage: number, start: number, now: Date): string {
  const topics = visibleTopics(stage);
  const { items } = slice(topics, Math.floor(start / TOPICS_PER_PAGE) + 1, TOPICS_PER_PAGE);
  const rows = items.map((t) => {
    const at = msAgo(now, t.minutesAgo);
    return `		<li class="row bg${t.id % 2 ? 1 : 2}">
			<dl class="row-item topic_read">
				<dt title="Нет непрочитанных сообщений">
					<div class="list-inner">
						<a href="./viewtopic.php?t=${t.id}" class="topictitle">${escapeHtml(t.title)}</a>
						<br />
						<div class="topic-poster responsive-hide left-box">
							Автор: ${userLink(t.author)} &raquo; <time datetime="${isoUtc(at)}">${phpbbDate(at)}</time>
						</div>
					</div>
				</dt>
				<dd class="posts">${t.replies} <dfn>Ответы</dfn></dd>
				<dd class="views">${t.views} <dfn>Просмотры</dfn></dd>
				<dd class="lastpost"><span><dfn>Последнее сообщение </dfn>${userLink(t.author)}<br /><time datetime="${isoUtc(at)}">${phpbbDate(at)}</time></span></dd>
			</dl>
		</li>`;
  });
  return layout(
    FORUM.sectionTitle,
    `<h2 class="forum-title"><a href="./viewforum.php?f=${FORUM.sectionId}">${FORUM.sectionTitle}</a></h2>
<div class="action-bar bar-top">${pagination(`./viewforum.php?f=${FORUM.sectionId}`, topics.length, "тем", start, TOPICS_PER_PAGE)}</div>
<div class="forumbg"><div class="inner">
	<ul class="topiclist"><li class="header"><dl class="row-item"><dt><div class="list-inner">Темы</div></dt><dd class="posts">Ответы</dd><dd class="views">Просмотры</dd><dd class="lastpost"><span>Последнее сообщение</span></dd></dl></li></ul>
	<ul class="topiclist topics">
${rows.join("\n")}
	</ul>
</div></div>`,
  );
}

function searchPage(keywords: string, stage: number, start: number, now: Date): string {
  const hits = keywords.toLowerCase() === SEARCH_WORD ? searchHits(stage) : [];
  const shown = hits.slice(start, start + HITS_PER_PAGE);
  const results = shown.map(({ post: p, thread }) => {
    const at = msAgo(now, p.minutesAgo);
    return `<div class="search post bg${p.id % 2 ? 1 : 2}">
    <div class="inner">
    <dl class="postprofile">
      <dt class="author">Автор: ${userLink(p.author)}</dt>
      <dd class="search-result-date"><time datetime="${isoUtc(at)}">${phpbbDate(at)}</time></dd>
      <dd>Форум: <a href="./viewforum.php?f=${FORUM.sectionId}">${FORUM.sectionTitle}</a></dd>
      <dd>Тема: <a href="./viewtopic.php?t=${thread.id}&amp;hilit=${encodeURIComponent(keywords)}">${escapeHtml(thread.title)}</a></dd>
    </dl>
    <div class="postbody">
      <h3><a href="./viewtopic.php?p=${p.id}&amp;hilit=${encodeURIComponent(keywords)}#p${p.id}">Re: ${escapeHtml(thread.title)}</a></h3>
      <div class="content">${p.text
        .map(escapeHtml)
        .join("<br>")
        .replace(/(ромашк[а-я]*)/gi, '<span class="posthilit">$1</span>')}</div>
    </div>
    <ul class="searchresults"><li><a href="./viewtopic.php?p=${p.id}&amp;hilit=${encodeURIComponent(keywords)}#p${p.id}" class="arrow-right"><span>Перейти к сообщению</span></a></li></ul>
    </div>
  </div>
  <hr class="divider" />`;
  });
  const base = `./search.php?keywords=${encodeURIComponent(keywords)}&sr=posts`;
  return layout(
    "Поиск",
    `<h2 class="searchresults-title">Результаты поиска: найдено совпадений: ${hits.length}: <a href="${escapeHtml(base)}">${escapeHtml(keywords)}</a></h2>
<div class="action-bar bar-top">${pagination(base, hits.length, "совпадений", start, HITS_PER_PAGE)}</div>
${results.length > 0 ? results.join("\n") : '<div class="panel"><div class="inner"><h3>Подходящих тем или сообщений не найдено.</h3></div></div>'}`,
  );
}
