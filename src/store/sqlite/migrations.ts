/**
 * Numbered schema migrations of the SQLite store. Append only: never edit a step that has shipped,
 * add a new one. `applyMigrations` runs the missing steps in one `BEGIN IMMEDIATE` transaction, so two
 * processes opening a fresh file at the same time cannot both migrate it.
 *
 * Column conventions: instants are `Date#toISOString()` strings (UTC, millisecond precision), so string
 * order is time order; `doc` columns hold the domain object as JSON (scraped values stay plain strings).
 */
import type Database from "better-sqlite3";

export interface Migration {
  /** 1, 2, 3, … in array order. */
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "mentions, outbox, crawl runs, source state",
    sql: `
      CREATE TABLE mentions (
        id            TEXT PRIMARY KEY,
        brand_id      TEXT NOT NULL,
        platform      TEXT NOT NULL,
        key           TEXT NOT NULL,
        kind          TEXT NOT NULL,
        url           TEXT NOT NULL,
        published_at  TEXT,
        first_seen_at TEXT NOT NULL,
        last_seen_at  TEXT NOT NULL,
        -- effective time: published_at, else first_seen_at (what findMentions filters and sorts on)
        at            TEXT NOT NULL,
        content_hash  TEXT NOT NULL,
        version       INTEGER NOT NULL,
        rating        REAL,
        label         TEXT NOT NULL,
        score         REAL NOT NULL,
        -- the ScoredMention as JSON; the stored-only fields live in the columns above
        doc           TEXT NOT NULL
      );
      CREATE INDEX mentions_brand_at ON mentions (brand_id, at);
      CREATE INDEX mentions_label ON mentions (label);

      CREATE TABLE outbox (
        key           TEXT PRIMARY KEY,
        mention_id    TEXT NOT NULL,
        rule_id       TEXT NOT NULL,
        notifier_id   TEXT NOT NULL,
        severity      TEXT NOT NULL,
        change        TEXT NOT NULL,
        state         TEXT NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        created_at    TEXT NOT NULL,
        not_before    TEXT NOT NULL,
        claimed_by    TEXT,
        claimed_until TEXT,
        sent_at       TEXT,
        receipt       TEXT,
        last_error    TEXT
      ) WITHOUT ROWID;
      -- claim order is (not_before, created_at, key): this index serves it without a sort
      CREATE INDEX outbox_state_not_before ON outbox (state, not_before, created_at);
      CREATE INDEX outbox_mention ON outbox (mention_id);

      CREATE TABLE crawl_runs (
        id          TEXT PRIMARY KEY,
        source_id   TEXT NOT NULL,
        brand_id    TEXT,
        started_at  TEXT NOT NULL,
        status      TEXT,
        doc         TEXT NOT NULL
      );
      CREATE INDEX crawl_runs_started ON crawl_runs (started_at);
      CREATE INDEX crawl_runs_source_started ON crawl_runs (source_id, started_at);

      CREATE TABLE source_state (
        key        TEXT PRIMARY KEY,
        source_id  TEXT NOT NULL,
        doc        TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: "leases with fencing tokens",
    sql: `
      CREATE TABLE leases (
        name        TEXT PRIMARY KEY,
        holder      TEXT NOT NULL,
        -- fencing token: grows by one on every acquisition, never reused for a name
        token       INTEGER NOT NULL,
        acquired_at TEXT NOT NULL,
        expires_at  TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: "weekly digest publications",
    sql: `
      -- one row per brand × ISO week × Slack channel: a digest is published once, even when the job runs twice
      CREATE TABLE digests (
        key           TEXT PRIMARY KEY,
        brand_id      TEXT NOT NULL,
        week          TEXT NOT NULL,
        channel       TEXT NOT NULL,
        state         TEXT NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        claimed_by    TEXT,
        claimed_until TEXT,
        -- progress: summary ts, file id, upload URL, uploaded/shared flags, sent time, last error
        doc           TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX digests_brand_week ON digests (brand_id, week);
    `,
  },
  {
    version: 4,
    name: "covering index for the weekly digest",
    sql: `
      -- the digest's weekly counts read only this index (no row lookups): 12 weeks of a brand with
      -- 500,000+ mentions in well under a second; the week's negatives and employer reviews are found
      -- in it before any row is read
      CREATE INDEX mentions_digest ON mentions (brand_id, at, label, platform, kind, rating);
    `,
  },
];

/** Highest version this code knows. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Current schema version of an open database (0 when never migrated). */
export function schemaVersionOf(db: Database.Database): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (!table) return 0;
  const row = db.prepare("SELECT MAX(version) AS v FROM schema_version").get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Apply the steps newer than the database's version, in one immediate transaction.
 * Returns the versions applied (empty when already up to date). Refuses a database written by a
 * newer repwatch (its version is above `LATEST_SCHEMA_VERSION`).
 */
export function applyMigrations(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  now: Date = new Date(),
): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration #${i} has version ${m.version}, expected ${i + 1}`);
  });
  const run = db.transaction(() => {
    db.exec(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    const current = schemaVersionOf(db);
    const latest = migrations.length;
    if (current > latest) {
      throw new Error(
        `schema version ${current} is newer than this repwatch knows (${latest}); upgrade repwatch`,
      );
    }
    const applied: number[] = [];
    const record = db.prepare("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)");
    for (const m of migrations.slice(current)) {
      db.exec(m.sql);
      record.run(m.version, m.name, now.toISOString());
      applied.push(m.version);
    }
    return applied;
  });
  return run.immediate();
}
