import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { LATEST_SCHEMA_VERSION, MIGRATIONS, schemaVersionOf } from "../../src/store/sqlite/migrations.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { StoreUnavailableError } from "../../src/store/store.js";
import { describeStoreContract, T0 } from "./contract.js";
import { makeScoredMentions, noAlerts } from "./fixtures.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "repwatch-store-"));
}

describeStoreContract("sqlite", async () => {
  const dir = tempDir();
  const file = join(dir, "repwatch.db");
  const opened: SqliteStore[] = [];
  const open = () => {
    const s = openSqliteStore(file);
    opened.push(s);
    return s;
  };
  return {
    store: open(),
    reopen: async () => open(),
    cleanup: async () => {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
    workerEnv: { REPWATCH_STORE: "sqlite", REPWATCH_DB: file },
  };
});

describe("sqlite store specifics", () => {
  it("records the schema version and re-running migrations is harmless", async () => {
    const dir = tempDir();
    const file = join(dir, "nested", "dir", "store.db"); // parent directories are created
    try {
      const store = openSqliteStore(file);
      await store.init();
      expect(store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
      await store.ingest(makeScoredMentions(5), noAlerts, T0);
      await store.close();

      const again = openSqliteStore(file);
      await again.init();
      await again.init();
      expect(again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(await again.countMentions()).toBe(5);
      await again.close();

      const db = new Database(file, { readonly: true });
      const rows = db.prepare("SELECT version, name FROM schema_version ORDER BY version").all();
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("migrates an older database forward without touching its data", async () => {
    const dir = tempDir();
    const file = join(dir, "old.db");
    try {
      const db = new Database(file);
      db.exec(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
      );
      db.exec(MIGRATIONS[0]!.sql);
      db.prepare("INSERT INTO schema_version VALUES (1, ?, ?)").run(MIGRATIONS[0]!.name, T0.toISOString());
      db.prepare("INSERT INTO source_state (key, source_id, doc) VALUES ('k', 's', ?)").run(
        JSON.stringify({ key: "k", sourceId: "s", consecutiveFailures: 1 }),
      );
      expect(schemaVersionOf(db)).toBe(1);
      db.close();

      const store = openSqliteStore(file);
      await store.init();
      expect(store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      expect(await store.getSourceState("k")).toEqual({ key: "k", sourceId: "s", consecutiveFailures: 1 });
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a database from a newer repwatch", async () => {
    const dir = tempDir();
    const file = join(dir, "future.db");
    try {
      const db = new Database(file);
      db.exec(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
      );
      db.prepare("INSERT INTO schema_version VALUES (?, 'future', ?)").run(
        LATEST_SCHEMA_VERSION + 1,
        T0.toISOString(),
      );
      db.close();
      const store = openSqliteStore(file);
      await expect(store.init()).rejects.toThrow(/newer than this repwatch knows/);
      await expect(store.init()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an unusable path fails with StoreUnavailableError naming the file", async () => {
    const dir = tempDir();
    try {
      const blocker = join(dir, "not-a-dir");
      writeFileSync(blocker, "a file where a directory should be");
      const file = join(blocker, "store.db");
      const store = openSqliteStore(file);
      const err = await store.init().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect((err as Error).message).toContain(file);
      await expect(store.countMentions()).rejects.toThrow(/not initialised/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a corrupt file fails with StoreUnavailableError naming the file", async () => {
    const dir = tempDir();
    try {
      const file = join(dir, "corrupt.db");
      writeFileSync(file, Buffer.alloc(8192, "this is not an sqlite database "));
      const store = openSqliteStore(file);
      await expect(store.init()).rejects.toThrow(StoreUnavailableError);
      await expect(store.init()).rejects.toThrow(file);
      await expect(store.init()).rejects.toThrow(/not a database/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a closed store says so", async () => {
    const store = openSqliteStore(":memory:");
    await store.init();
    await store.close();
    await store.close();
    await expect(store.getMention("x")).rejects.toThrow(/closed/);
  });
});
