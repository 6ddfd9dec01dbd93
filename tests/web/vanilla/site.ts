/**
 * Replica of a Vanilla Forums community (Vanilla 2/3, Russian locale), host `community.kreditnyi-forum.ru`,
 * rendering the shared invented forum world (../forum-world.ts).
 *
 * Written 2026-11 without a saved real page (none was found), from Vanilla's default theme as remembered:
 * body#vanilla_discussion_index / #vanilla_categories_index / #vanilla_search_index; the discussion's own
 * post in div.ItemDiscussion and replies in li.ItemComment[id=Comment_<id>] (span.Author a.Username,
 * span.DateCreated a.Permalink time[datetime], div.Message.userContent); h1 in div.PageTitle; category rows
 * li.ItemDiscussion[id=Discussion_<id>] with div.Title a; search results li.Item-Search (div.Title a,
 * div.Summary); pagers with a.Previous / a.Next and /pN pages. Serving the last page for a page number past
 * the end (target /p99999) is the replica's assumption: check it on a live forum.
 *
 *   /discussion/<id>/<slug>[/pN]   the opening post + 4 comments on p1, 5 comments a page after; past the end: the last page
 *   /categories/banki-i-kredity[/pN]   10 discussions a page
 *   /search?Search=…[&Page=pN]     5 a page
 *   /discussion/6000/x: 403 Cloudflare: blocked; /discussion/6001/x: a redesign: broken
 * Stage 1 adds 2 comments to the brand's discussion and a discussion to the category.
 */
import { cloudflarePage, isoUtc, LOADED_AT, msAgo, ruDay, slice } from "../forum-kit.js";
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

export const VANILLA_HOST = "community.kreditnyi-forum.ru";
export const VANILLA_ORIGIN = `https://${VANILLA_HOST}`;
export const POSTS_PER_PAGE = 5;
export const TOPICS_PER_PAGE = 10;
export const HITS_PER_PAGE = 5;
const discussionPath = (t: { id: number; slug: string }) => `/discussion/${t.id}/${t.slug}`;
export const lastPageUrl = (t: ForumThread) => `${VANILLA_ORIGIN}${discussionPath(t)}/p99999`;
export const categoryUrl = `${VANILLA_ORIGIN}/categories/${FORUM.sectionSlug}`;
export const searchUrl = `${VANILLA_ORIGIN}/search?Search=${encodeURIComponent(SEARCH_WORD)}`;
export const THREADS = [BRAND_THREAD, SIDE_THREAD];

export function createVanillaSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: [VANILLA_HOST], handle: (req) => route(req, now) };
}

export const vanillaSite: ReplicaSite = createVanillaSite();

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  if (path === "/robots.txt") return text("User-agent: *\nDisallow: /entry/\nDisallow: /profile/\n");
  const discussion = /^\/discussion\/(\d+)\/[\w-]+(?:\/p(\d+))?$/.exec(path);
  if (discussion) {
    const id = Number(discussion[1]);
    if (id === 6000) return html(cloudflarePage(VANILLA_HOST), { status: 403 });
    if (id === 6001)
      return html(
        `<!DOCTYPE html><html><head><title>Форум</title></head><body><div id="app"><div class="threadItem">…</div></div></body></html>`,
      );
    const t = THREADS.find((x) => x.id === id);
    if (!t)
      return html(layout("vanilla_discussion_index", "Не найдено", "<p>Обсуждение не найдено.</p>"), {
        status: 404,
      });
    const posts = visiblePosts(t, req.stage);
    const pages = Math.max(1, Math.ceil(posts.length / POSTS_PER_PAGE));
    return html(discussionPage(t, posts, Math.min(Number(discussion[2] ?? 1), pages), pages, now));
  }
  const category = new RegExp(`^/categories/${FORUM.sectionSlug}(?:/p(\\d+))?$`).exec(path);
  if (category) return html(categoryPage(req.stage, Number(category[1] ?? 1), now));
  if (path === "/search") {
    const q = (req.url.searchParams.get("Search") ?? "").toLowerCase();
    const page = Number((req.url.searchParams.get("Page") ?? "p1").replace(/^p/, "")) || 1;
    return html(searchPage(q, req.stage, page, now));
  }
  return html(layout("vanilla_home_index", "Не найдено", "<p>Страница не найдена.</p>"), { status: 404 });
}

function layout(bodyId: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)} — Кредитный форум</title></head>
<body id="${bodyId}" class="Vanilla ${bodyId.split("_")[1] ?? ""} Section-Category-${FORUM.sectionSlug}">
<div id="Frame"><div class="Head" id="Head"><div class="Row"><strong class="SiteTitle"><a href="/">Кредитный форум</a></strong></div></div>
<div id="Body"><div class="Row"><div class="Column ContentColumn" id="Content"><div class="PageTitle"><h1>${escapeHtml(title)}</h1></div>
${body}
</div></div></div>
<div id="Foot"><div class="Row"><a href="https://open.vanillaforums.com" class="PoweredByVanilla" title="Community Software by Vanilla Forums">Forum Software Powered by Vanilla</a> (реплика)</div></div></div>
</body></html>`;
}

function pager(href: (p: number) => string, page: number, pages: number): string {
  if (pages <= 1) return "";
  const prev =
    page > 1
      ? `<a href="${href(page - 1)}" class="Previous" rel="prev">«</a>`
      : `<span class="Previous Pager-nav">«</span>`;
  const next =
    page < pages
      ? `<a href="${href(page + 1)}" class="Next" rel="next">»</a>`
      : `<span class="Next Pager-nav">»</span>`;
  const items = Array.from({ length: pages }, (_, i) => i + 1)
    .map((p) =>
      p === page
        ? `<a href="${href(p)}" class="Highlight">${p}</a>`
        : `<a href="${href(p)}" class="Pager-p p-${p}">${p}</a>`,
    )
    .join(" ");
  return `<div class="PageControls"><div class="Pager NumberedPager">${prev} ${items} ${next}</div></div>`;
}

const when = (ms: number) => `<time title="${ruDay(ms)}" datetime="${isoUtc(ms)}">${ruDay(ms)}</time>`;
const user = (name: string) =>
  `<span class="Author"><a href="/profile/${encodeURIComponent(name)}" class="Username">${escapeHtml(name)}</a></span>`;

function opening(t: ForumThread, p: ForumPost, now: Date): string {
  return `<div class="Item ItemDiscussion noPhotoWrap"><div class="Discussion">
  <div class="Item-Header DiscussionHeader"><div class="AuthorWrap">${user(p.author)}</div>
    <div class="Meta DiscussionMeta"><span class="MItem DateCreated"><a href="${VANILLA_ORIGIN}${discussionPath(t)}" class="Permalink" rel="nofollow">${when(msAgo(now, p.minutesAgo))}</a></span></div></div>
  <div class="Item-BodyWrap"><div class="Item-Body"><div class="Message userContent">${paragraphs(p.text)}</div></div></div>
</div></div>`;
}

function comment(p: ForumPost, now: Date): string {
  return `<li class="Item ItemComment noPhotoWrap" id="Comment_${p.id}"><div class="Comment">
  <div class="Item-Header CommentHeader"><div class="AuthorWrap">${user(p.author)}</div>
    <div class="Meta CommentMeta CommentInfo"><span class="MItem DateCreated"><a href="/discussion/comment/${p.id}/#Comment_${p.id}" class="Permalink" rel="nofollow">${when(msAgo(now, p.minutesAgo))}</a></span></div></div>
  <div class="Item-BodyWrap"><div class="Item-Body"><div class="Message userContent">${paragraphs(p.text)}</div></div></div>
</div></li>`;
}

function discussionPage(t: ForumThread, posts: ForumPost[], page: number, pages: number, now: Date): string {
  const { items } = slice(posts, page, POSTS_PER_PAGE);
  const first = posts[0]!;
  const nav = pager((p) => `${discussionPath(t)}/p${p}`, page, pages);
  return layout(
    "vanilla_discussion_index",
    t.title,
    `${page === 1 ? `<div class="MessageList Discussion">${opening(t, first, now)}</div>` : ""}
<div class="CommentsWrap"><span class="BeforeCommentHeading">${nav}</span>
<div class="DataBox DataBox-Comments"><ul class="MessageList DataList Comments">
${items
  .filter((p) => p !== first)
  .map((p) => comment(p, now))
  .join("\n")}
</ul></div>${nav}</div>`,
  );
}

function categoryPage(stage: number, page: number, now: Date): string {
  const { items, pages } = slice(visibleTopics(stage), page, TOPICS_PER_PAGE);
  const rows = items.map(
    (t) => `<li id="Discussion_${t.id}" class="Item ItemDiscussion">
  <div class="ItemContent Discussion"><div class="Title" role="heading" aria-level="3"><a href="${discussionPath(t)}">${escapeHtml(t.title)}</a></div>
  <div class="Meta Meta-Discussion"><span class="MItem DiscussionAuthor"><a href="/profile/${encodeURIComponent(t.author)}">${escapeHtml(t.author)}</a></span>
    <span class="MItem MCount CommentCount">${t.replies} ответов</span>
    <span class="MItem LastCommentDate">${when(msAgo(now, Math.max(1, t.minutesAgo - 20)))}</span></div></div>
</li>`,
  );
  const nav = pager((p) => `/categories/${FORUM.sectionSlug}/p${p}`, page, pages);
  return layout(
    "vanilla_categories_index",
    FORUM.sectionTitle,
    `${nav}<ul class="DataList Discussions">${rows.join("\n")}</ul>${nav}`,
  );
}

function searchPage(q: string, stage: number, page: number, now: Date): string {
  const hits = q === SEARCH_WORD ? searchHits(stage) : [];
  const { items, pages } = slice(hits, page, HITS_PER_PAGE);
  const rows = items.map(({ post: p, thread: t }) => {
    const link = p === t.posts[0] ? discussionPath(t) : `/discussion/comment/${p.id}/#Comment_${p.id}`;
    return `<li class="Item Item-Search"><div class="Item-Body Media"><div class="Media-Body">
  <div class="Title"><a href="${link}">${escapeHtml(t.title)}</a></div>
  <div class="Summary">${p.text.map(escapeHtml).join(" ")}</div>
  <div class="Item-Footer"><a href="/profile/${encodeURIComponent(p.author)}" class="Username">${escapeHtml(p.author)}</a> <span class="MItem-Time"><a href="${link}">${when(msAgo(now, p.minutesAgo))}</a></span></div>
</div></div></li>`;
  });
  const nav = pager((p) => `/search?Search=${encodeURIComponent(q)}&Page=p${p}`, page, pages);
  return layout(
    "vanilla_search_index",
    `Поиск: ${q}`,
    `<ol id="search-results" class="DataList DataList-Search">${rows.join("\n")}</ol>${nav}`,
  );
}
