/**
 * Replica of a Discourse forum's JSON API, host `forum.dengi-online.ru`, rendering the shared invented
 * forum world (../forum-world.ts).
 *
 * Modeled (2026-11) on the Discourse API responses saved in ../shared/fixtures/real-pages/discourse/
 * (latest.json: users[], topic_list.topics[] {id, title, fancy_title, slug, posts_count, created_at,
 * excerpt, posters}, topic_list.more_topics_url "/latest.json?page=1") and on try.discourse.org's
 * /t/<id>.json as the discourse_api fixtures show it (post_stream.posts[] {id, username, created_at,
 * cooked, post_number, topic_id, topic_slug}, post_stream.stream, title, highest_post_number) and the
 * documented /search.json (posts[] with blurb and topic_title_headline, topics[], grouped_search_result).
 *
 *   /t/<slug>/<id>/last.json | /t/<id>/last.json  the thread's last posts (the whole thread: 20 a chunk)
 *   /t/<id>.json                                  the thread from its first post
 *   /latest.json[?page=N]                         topics by activity, 5 a page, more_topics_url while more
 *   /search.json?q=…[&page=N]                     posts containing "ромашка", 5 a page
 *   /t/6000.json                                  403 Cloudflare wall: blocked
 *   /t/6001.json                                  the HTML app shell instead of JSON (API closed): broken
 * Stage 1 adds 2 posts to the brand's thread and a topic.
 */
import { cloudflarePage, LOADED_AT, msAgo, slice } from "../forum-kit.js";
import {
  BRAND_THREAD,
  type ForumPost,
  type ForumThread,
  SEARCH_WORD,
  SIDE_THREAD,
  searchHits,
  visiblePosts,
  visibleTopics,
} from "../forum-world.js";
import { escapeHtml, html, json, text } from "../replica-kit.js";
import type { ReplicaRequest, ReplicaResponse, ReplicaSite } from "../server.js";

export const DISCOURSE_HOST = "forum.dengi-online.ru";
export const DISCOURSE_ORIGIN = `https://${DISCOURSE_HOST}`;
export const TOPICS_PER_PAGE = 5;
export const HITS_PER_PAGE = 5;
export const lastPostsUrl = (t: ForumThread) => `${DISCOURSE_ORIGIN}/t/${t.slug}/${t.id}/last.json`;
export const latestUrl = `${DISCOURSE_ORIGIN}/latest.json`;
export const searchUrl = `${DISCOURSE_ORIGIN}/search.json?q=${encodeURIComponent(SEARCH_WORD)}`;

export function createDiscourseSite(options: { now?: Date } = {}): ReplicaSite {
  const now = options.now ?? LOADED_AT;
  return { hosts: [DISCOURSE_HOST], handle: (req) => route(req, now) };
}

export const discourseSite: ReplicaSite = createDiscourseSite();

const THREADS = [BRAND_THREAD, SIDE_THREAD];
const iso = (now: Date, minutesAgo: number) => new Date(msAgo(now, minutesAgo)).toISOString();
const userId = (name: string) => [...name].reduce((a, c) => a + c.charCodeAt(0), 0);

function route(req: ReplicaRequest, now: Date): ReplicaResponse {
  const path = req.url.pathname;
  const page = Number(req.url.searchParams.get("page") ?? 0) || 0;
  if (path === "/robots.txt")
    return text("User-agent: *\nDisallow: /admin/\nDisallow: /auth/\nDisallow: /u/\n");
  const topic = /^\/t\/(?:[\w-]+\/)?(\d+)(\/last)?\.json$/.exec(path);
  if (topic) {
    const id = Number(topic[1]);
    if (id === 6000) return html(cloudflarePage(DISCOURSE_HOST), { status: 403 });
    if (id === 6001) return html(appShell());
    const thread = THREADS.find((t) => t.id === id);
    if (!thread)
      return {
        status: 404,
        ...json({ errors: ["Запрошенная страница не найдена."], error_type: "not_found" }),
      };
    return json(topicJson(thread, req.stage, now));
  }
  if (path === "/latest.json") return json(latestJson(req.stage, page, now));
  if (path === "/search.json") {
    const q = (req.url.searchParams.get("q") ?? "").toLowerCase();
    return json(searchJson(q, req.stage, Math.max(1, page), now));
  }
  return { status: 404, ...json({ errors: ["Запрошенная страница не найдена."], error_type: "not_found" }) };
}

const cooked = (p: ForumPost) => p.text.map((x) => `<p>${escapeHtml(x)}</p>`).join("\n");

export function topicJson(thread: ForumThread, stage: number, now: Date): unknown {
  const posts = visiblePosts(thread, stage);
  return {
    post_stream: {
      posts: posts.slice(-20).map((p) => ({
        id: p.id,
        name: "",
        username: p.author,
        avatar_template: `/user_avatar/${DISCOURSE_HOST}/${p.author.toLowerCase()}/{size}/1_2.png`,
        created_at: iso(now, p.minutesAgo),
        cooked: cooked(p),
        post_number: posts.indexOf(p) + 1,
        post_type: 1,
        updated_at: iso(now, p.minutesAgo),
        reply_count: 0,
        reply_to_post_number: null,
        reads: 12,
        score: 2.4,
        topic_id: thread.id,
        topic_slug: thread.slug,
        display_username: "",
        user_id: userId(p.author),
      })),
      stream: posts.map((p) => p.id),
    },
    timeline_lookup: [[1, 20]],
    id: thread.id,
    title: thread.title,
    fancy_title: escapeHtml(thread.title),
    posts_count: posts.length,
    created_at: iso(now, thread.posts[0]!.minutesAgo),
    views: 418,
    reply_count: posts.length - 1,
    like_count: 7,
    last_posted_at: iso(now, posts.at(-1)!.minutesAgo),
    visible: true,
    closed: false,
    archived: false,
    slug: thread.slug,
    category_id: 12,
    highest_post_number: posts.length,
    chunk_size: 20,
  };
}

export function latestJson(stage: number, page: number, now: Date): unknown {
  const topics = visibleTopics(stage);
  const { items, pages } = slice(topics, page + 1, TOPICS_PER_PAGE);
  const users = [...new Set(items.map((t) => t.author))].map((name) => ({
    id: userId(name),
    username: name,
    avatar_template: `/user_avatar/${DISCOURSE_HOST}/${name.toLowerCase()}/{size}/1_2.png`,
  }));
  return {
    users,
    topic_list: {
      can_create_topic: false,
      ...(page + 1 < pages ? { more_topics_url: `/latest.json?no_definitions=true&page=${page + 1}` } : {}),
      draft: null,
      draft_key: "new_topic",
      per_page: TOPICS_PER_PAGE,
      topics: items.map((t) => ({
        id: t.id,
        title: t.title,
        fancy_title: escapeHtml(t.title),
        slug: t.slug,
        posts_count: t.replies + 1,
        reply_count: t.replies,
        highest_post_number: t.replies + 1,
        created_at: iso(now, t.minutesAgo),
        last_posted_at: iso(now, Math.max(1, t.minutesAgo - 20)),
        bumped: true,
        pinned: false,
        visible: true,
        closed: false,
        archived: false,
        views: t.views,
        like_count: 0,
        last_poster_username: t.author,
        category_id: 12,
        posters: [
          { extras: "latest single", description: "Автор, Последний автор", user_id: userId(t.author) },
        ],
      })),
    },
  };
}

export function searchJson(q: string, stage: number, page: number, now: Date): unknown {
  const hits = q === SEARCH_WORD ? searchHits(stage) : [];
  const { items, pages } = slice(hits, page, HITS_PER_PAGE);
  const shown = page <= pages ? items : [];
  const highlight = (s: string) =>
    escapeHtml(s).replace(/(ромашк[а-я]*)/gi, '<span class="search-highlight">$1</span>');
  return {
    posts: shown.map(({ post: p, thread }) => ({
      id: p.id,
      name: "",
      username: p.author,
      avatar_template: `/user_avatar/${DISCOURSE_HOST}/${p.author.toLowerCase()}/{size}/1_2.png`,
      created_at: iso(now, p.minutesAgo),
      like_count: 0,
      blurb: p.text.join(" "),
      post_number: thread.posts.indexOf(p) + 1,
      topic_title_headline: highlight(thread.title),
      topic_id: thread.id,
    })),
    topics: [...new Set(shown.map((x) => x.thread))].map((t) => ({
      id: t.id,
      title: t.title,
      fancy_title: escapeHtml(t.title),
      slug: t.slug,
      posts_count: t.posts.length,
    })),
    users: [],
    categories: [],
    tags: [],
    groups: [],
    grouped_search_result: {
      more_posts: null,
      more_users: null,
      more_categories: null,
      term: q,
      search_log_id: 4411,
      more_full_page_results: page < pages ? true : null,
      can_create_topic: false,
      error: null,
      post_ids: shown.map((x) => x.post.id),
    },
  };
}

function appShell(): string {
  return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Форум Деньги Онлайн</title>
<meta name="discourse_theme_id" content="2"></head><body><noscript>Для работы форума нужен JavaScript.</noscript>
<section id="main"></section><script defer src="/assets/discourse.js"></script></body></html>`;
}
