/**
 * Replica of a XenForo 2 forum (Russian), host `club.finforum.ru`, rendering the shared invented forum
 * world (../forum-world.ts).
 *
 * Written 2026-11 without a saved real page (none was found), from XenForo 2's default templates as
 * remembered: <html data-template="thread_view|forum_view|search_results">, article.message--post with
 * data-author and data-content="post-<id>", time.u-dt[datetime] in ul.message-attribution-main, the body
 * in div.bbWrapper, h1.p-title-value, div.structItem--thread rows (js-threadListItem-<id>,
 * li.structItem-startDate time), search results li.block-row with h3.contentRow-title and
 * div.contentRow-snippet, page navigation a.pageNav-jump--prev/--next, /threads/<slug>.<id>/latest
 * redirecting to the last page.
 *
 *   /threads/<slug>.<id>/[page-N]      5 posts a page, oldest first; /latest: 302 to the last page
 *   /forums/banki-i-kredity.12/[page-N] 10 threads a page
 *   /search/?q=…&o=date                302 to /search/8801/?q=…&o=date[&page=N] (5 a page)
 *   /threads/x.6000/                   403 Cloudflare: blocked; /threads/x.6001/: XenForo 1 markup: broken
 * Stage 1 adds 2 posts to the brand's thread and a thread to the section.
 */
import { cloudflarePage, LOADED_AT, msAgo, ruDay, slice, xfDatetime } from "../forum-kit.js";
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

export const XF_HOST = "club.finforum.ru";
export const XF_ORIGIN = `https://${XF_HOST}`;
export const POSTS_PER_PAGE = 5;
export const THREADS_PER_PAGE = 10;
export const HITS_PER_PAGE = 5;
const SEARCH_ID = 8801;
export const latestUrl = (t: ForumThread) => `${XF_ORIGIN}/threads/${t.slug}.${t.id}/latest`;
export const sectionUrl = `${XF_ORIGIN}/forums/${FORUM.sectionSlug}.${FORUM.sectionId}/`;
export const searchUrl = `${XF_ORIGIN}/search/?q=${encodeURIComponent(SEARCH_WORD)}&o=date`;

export function createXenforoSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: [XF_HOST], handle: (req) => route(req, now) };
}

export const xenforoSite: ReplicaSite = createXenforoSite();

const THREADS = [BRAND_THREAD, SIDE_THREAD];
const redirect = (path: string): ReplicaResponse => ({
  status: 303,
  headers: { location: `${XF_ORIGIN}${path}` },
  body: "",
});

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /account/\nDisallow: /members/\n");
  const thread = /^\/threads\/[\w-]*\.(\d+)\/(?:(latest)|page-(\d+))?$/.exec(path);
  if (thread) {
    const id = Number(thread[1]);
    if (id === 6000) return html(cloudflarePage(XF_HOST), { status: 403 });
    if (id === 6001) return html(xf1Page());
    const t = THREADS.find((x) => x.id === id);
    if (!t) return html(layout("error", "Ошибка", "<p>Запрошенная тема не найдена.</p>"), { status: 404 });
    const posts = visiblePosts(t, req.stage);
    const pages = Math.ceil(posts.length / POSTS_PER_PAGE);
    if (thread[2]) {
      const last = posts.at(-1)!;
      return redirect(`/threads/${t.slug}.${t.id}/${pages > 1 ? `page-${pages}` : ""}#post-${last.id}`);
    }
    return html(threadPage(t, posts, Math.min(Number(thread[3] ?? 1), pages), now));
  }
  const forum = new RegExp(`^/forums/${FORUM.sectionSlug}\\.${FORUM.sectionId}/(?:page-(\\d+))?$`).exec(path);
  if (forum) return html(forumPage(req.stage, Number(forum[1] ?? 1), now));
  if (path === "/search/" || path === `/search/${SEARCH_ID}/`) {
    const q = (req.url.searchParams.get("q") ?? "").toLowerCase();
    if (path === "/search/") return redirect(`/search/${SEARCH_ID}/?q=${encodeURIComponent(q)}&o=date`);
    return html(searchPage(q, req.stage, Number(req.url.searchParams.get("page") ?? 1) || 1, now));
  }
  return html(layout("error", "Ошибка", "<p>Запрошенная страница не найдена.</p>"), { status: 404 });
}

function layout(template: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html id="XF" lang="ru-RU" dir="LTR" data-xf="2.2" data-app="public" data-template="${template}" data-container-key="" data-content-key="" data-logged-in="false" class="has-no-js template-${template}">
<head><meta charset="utf-8" /><title>${escapeHtml(title)} | Финфорум</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body data-template="${template}">
<div class="p-pageWrapper" id="top">
<header class="p-header" id="header"><div class="p-header-logo"><a href="/"><img src="/styles/default/xenforo/xenforo-logo.png" alt="Финфорум"></a></div></header>
<div class="p-body"><div class="p-body-inner">
<div class="p-body-header"><div class="p-title "><h1 class="p-title-value">${escapeHtml(title)}</h1></div></div>
<div class="p-body-main"><div class="p-body-content"><div class="p-body-pageContent">
${body}
</div></div></div></div></div>
<footer class="p-footer" id="footer"><div class="p-footer-copyright">Community platform by XenForo&reg; &copy; 2010-2024 XenForo Ltd. (реплика)</div></footer>
</div></body></html>`;
}

function pageNav(href: (p: number) => string, page: number, pages: number): string {
  if (pages <= 1) return "";
  const prev =
    page > 1 ? `<a href="${href(page - 1)}" class="pageNav-jump pageNav-jump--prev">Назад</a>` : "";
  const next =
    page < pages ? `<a href="${href(page + 1)}" class="pageNav-jump pageNav-jump--next">Вперёд</a>` : "";
  const items = Array.from({ length: pages }, (_, i) => i + 1)
    .map(
      (p) =>
        `<li class="pageNav-page${p === page ? " pageNav-page--current" : ""}"><a href="${href(p)}">${p}</a></li>`,
    )
    .join("");
  return `<div class="pageNavWrapper pageNavWrapper--mixed"><nav class="pageNavWrapper-nav"><div class="pageNav">${prev}<ul class="pageNav-main">${items}</ul>${next}</div></nav></div>`;
}

function time(ms: number): string {
  return `<time class="u-dt" dir="auto" datetime="${xfDatetime(ms)}" data-time="${Math.floor(ms / 1000)}" title="${ruDay(ms)}">${ruDay(ms)}</time>`;
}

function post(t: ForumThread, p: ForumPost, n: number, now: Date): string {
  const at = msAgo(now, p.minutesAgo);
  return `<article class="message message--post js-post js-inlineModContainer" data-author="${escapeHtml(p.author)}" data-content="post-${p.id}" id="js-post-${p.id}">
  <span class="u-anchorTarget" id="post-${p.id}"></span>
  <div class="message-inner">
    <div class="message-cell message-cell--user"><section class="message-user"><div class="message-userDetails">
      <h4 class="message-name"><a href="/members/${encodeURIComponent(p.author.toLowerCase())}.${p.id % 1000}/" class="username" dir="auto">${escapeHtml(p.author)}</a></h4>
      <h5 class="userTitle message-userTitle" dir="auto">Участник</h5></div></section></div>
    <div class="message-cell message-cell--main"><div class="message-main js-quickEditTarget">
      <header class="message-attribution message-attribution--split">
        <ul class="message-attribution-main listInline "><li class="u-concealed"><a href="/threads/${t.slug}.${t.id}/post-${p.id}" rel="nofollow">${time(at)}</a></li></ul>
        <ul class="message-attribution-opposite listInline"><li><a href="/threads/${t.slug}.${t.id}/post-${p.id}" rel="nofollow">#${n}</a></li></ul>
      </header>
      <div class="message-content js-messageContent"><div class="message-userContent lbContainer js-lbContainer">
        <article class="message-body js-selectToQuote"><div class="bbWrapper">${p.text.map(escapeHtml).join("<br />\n<br />\n")}</div></article>
      </div></div>
    </div></div>
  </div>
</article>`;
}

function threadPage(t: ForumThread, posts: ForumPost[], page: number, now: Date): string {
  const { items, pages } = slice(posts, page, POSTS_PER_PAGE);
  const start = (page - 1) * POSTS_PER_PAGE;
  const nav = pageNav((p) => `/threads/${t.slug}.${t.id}/${p > 1 ? `page-${p}` : ""}`, page, pages);
  return layout(
    "thread_view",
    t.title,
    `${nav}<div class="block block--messages"><div class="block-container lbContainer"><div class="block-body js-replyNewMessageContainer">
${items.map((p, i) => post(t, p, start + i + 1, now)).join("\n")}
</div></div></div>${nav}`,
  );
}

function forumPage(stage: number, page: number, now: Date): string {
  const { items, pages } = slice(visibleTopics(stage), page, THREADS_PER_PAGE);
  const rows = items.map(
    (
      t,
    ) => `<div class="structItem structItem--thread js-inlineModContainer js-threadListItem-${t.id}" data-author="${escapeHtml(t.author)}">
  <div class="structItem-cell structItem-cell--main" data-xf-init="touch-proxy">
    <div class="structItem-title"><a href="/threads/${t.slug}.${t.id}/" class="" data-tp-primary="on">${escapeHtml(t.title)}</a></div>
    <div class="structItem-minor"><ul class="structItem-parts">
      <li><a href="/members/${encodeURIComponent(t.author.toLowerCase())}.1/" class="username " dir="auto">${escapeHtml(t.author)}</a></li>
      <li class="structItem-startDate"><a href="/threads/${t.slug}.${t.id}/" rel="nofollow">${time(msAgo(now, t.minutesAgo))}</a></li>
    </ul></div>
  </div>
  <div class="structItem-cell structItem-cell--meta" title="Ответов: ${t.replies}"><dl class="pairs pairs--justified"><dt>Ответы</dt><dd>${t.replies}</dd></dl><dl class="pairs pairs--justified structItem-minor"><dt>Просмотры</dt><dd>${t.views}</dd></dl></div>
</div>`,
  );
  const nav = pageNav(
    (p) => `/forums/${FORUM.sectionSlug}.${FORUM.sectionId}/${p > 1 ? `page-${p}` : ""}`,
    page,
    pages,
  );
  return layout(
    "forum_view",
    FORUM.sectionTitle,
    `${nav}<div class="block-container"><div class="block-body"><div class="structItemContainer"><div class="structItemContainer-group js-threadList">
${rows.join("\n")}
</div></div></div></div>${nav}`,
  );
}

function searchPage(q: string, stage: number, page: number, now: Date): string {
  const hits = q === SEARCH_WORD ? searchHits(stage) : [];
  const { items, pages } = slice(hits, page, HITS_PER_PAGE);
  const rows = items.map(
    ({
      post: p,
      thread: t,
    }) => `<li class="block-row block-row--separated  js-inlineModContainer" data-author="${escapeHtml(p.author)}">
  <div class="contentRow "><div class="contentRow-main">
    <h3 class="contentRow-title"><a href="/threads/${t.slug}.${t.id}/post-${p.id}">${escapeHtml(t.title)}</a></h3>
    <div class="contentRow-snippet">${p.text
      .map(escapeHtml)
      .join(" ")
      .replace(/(ромашк[а-я]*)/gi, '<em class="textHighlight">$1</em>')}</div>
    <div class="contentRow-minor contentRow-minor--hideLinks"><ul class="listInline listInline--bullet">
      <li><a href="/members/${encodeURIComponent(p.author.toLowerCase())}.1/" class="username " dir="auto">${escapeHtml(p.author)}</a></li>
      <li>Сообщение #${t.posts.indexOf(p) + 1}</li><li>${time(msAgo(now, p.minutesAgo))}</li>
      <li>Форум: <a href="/forums/${FORUM.sectionSlug}.${FORUM.sectionId}/">${FORUM.sectionTitle}</a></li></ul></div>
  </div></div>
</li>`,
  );
  const nav = pageNav(
    (p) => `/search/${SEARCH_ID}/?page=${p}&q=${encodeURIComponent(q)}&o=date`,
    page,
    pages,
  );
  return layout(
    "search_results",
    `Результаты поиска по запросу: ${q}`,
    `<div class="block-container"><ol class="block-body">${rows.join("\n")}</ol></div>${nav}`,
  );
}

/** The forum went back to a XenForo 1 style: none of the 2.x hooks. */
function xf1Page(): string {
  return `<!DOCTYPE html><html id="XenForo" lang="ru-RU" class="Public"><head><meta charset="utf-8"><title>Тема | Финфорум</title></head>
<body><ol class="messageList" id="messageList"><li id="post-1" class="message" data-author="x"><div class="messageContent"><blockquote class="messageText">…</blockquote></div></li></ol></body></html>`;
}
