/**
 * Helpers for the operations tests: CLI children we can signal and kill, a gate that holds a replica
 * page in flight (so a crawl is "in the middle" for as long as a test needs, without timing), polling,
 * and read-only looks into a SQLite store while children write to it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import { MongoClient } from "mongodb";
import { withDatabase } from "../../src/store/mongo/connection.js";
import { openMongoStore } from "../../src/store/mongo/mongo-store.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { Store } from "../../src/store/store.js";
import type { FakeSlack } from "../fakes/slack/server.js";
import { ROOT } from "../helpers/cli.js";
import type { ReplicaRequest, ReplicaSite } from "../web/server.js";

export interface CliChild {
  child: ChildProcess;
  pid: number;
  readonly stdout: string;
  readonly stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when stderr (JSON logs) matches. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

export function startCli(args: string[], env: Record<string, string>): CliChild {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "cli.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, REPWATCH_LOG_FORMAT: "json", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => {
    stdout += d;
  });
  child.stderr!.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => {
    done = true;
  });
  return {
    child,
    pid: child.pid!,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    waitForLog: (pattern, timeoutMs = 120_000) =>
      eventually(
        () => {
          if (pattern.test(stderr)) return true;
          if (done) throw new Error(`exited before logging ${pattern}:\n${stderr.slice(-3000)}`);
          return false;
        },
        timeoutMs,
        `log ${pattern}`,
      ),
  };
}

/** Poll `check` until it returns true (a thrown error stops at once). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 120_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A replica site whose requests matching `path` wait until the gate opens. */
export function gatedSite(site: ReplicaSite, path: RegExp) {
  let open = false;
  let release!: () => void;
  const opened = new Promise<void>((r) => {
    release = r;
  });
  let waiting = 0;
  const gated: ReplicaSite = {
    hosts: site.hosts,
    async handle(req: ReplicaRequest) {
      if (!open && path.test(req.path)) {
        waiting++;
        await opened;
      }
      return site.handle(req);
    },
  };
  return {
    site: gated,
    /** Requests held so far. */
    get waiting() {
      return waiting;
    },
    open() {
      open = true;
      release();
    },
  };
}

/** Rows of a SQLite table, read through a separate read-only connection (WAL: writers go on). */
export function readTable<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export interface LeaseRow {
  name: string;
  holder: string;
  token: number;
  acquired_at: string;
  expires_at: string;
}

/** Leases held right now (not expired, not released). */
export function liveLeases(dbPath: string): LeaseRow[] {
  try {
    return readTable<LeaseRow>(dbPath, "SELECT * FROM leases WHERE expires_at > ?", new Date().toISOString());
  } catch {
    return []; // the file or table is not there yet
  }
}

/** Alert keys of every message in a fake Slack channel (top level and thread replies), one per post. */
export function postedAlertKeys(slack: FakeSlack): string[] {
  return slack.requests
    .filter((r) => r.method === "chat.postMessage" && r.ok)
    .map((r) => (r.body.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key)
    .filter((k): k is string => typeof k === "string" && !k.startsWith("batch:"));
}

/** Keys occurring more than once. */
export function duplicates(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const k of keys) (seen.has(k) ? dup : seen).add(k);
  return [...dup];
}

/** A store the children share, as the test sees it: the env to give them, a way to read it back. */
export interface SharedStore {
  name: string;
  env: Record<string, string>;
  open(): Promise<Store>;
  /** Leases held right now (not expired, not released). */
  liveLeases(): Promise<Array<{ name: string; holder: string }>>;
}

export function sqliteShared(dbPath: string): SharedStore {
  return {
    name: "sqlite",
    env: { REPWATCH_STORE: "sqlite", REPWATCH_DB: dbPath },
    async open() {
      const s = openSqliteStore(dbPath);
      await s.init();
      return s;
    },
    liveLeases: async () => liveLeases(dbPath),
  };
}

export function mongoShared(uri: string, database: string): SharedStore {
  const dbUri = withDatabase(uri, database);
  return {
    name: "mongodb",
    env: { REPWATCH_STORE: "mongodb", MONGODB_URI: dbUri },
    async open() {
      const s = openMongoStore(dbUri);
      await s.init();
      return s;
    },
    async liveLeases() {
      const client = new MongoClient(dbUri, { serverSelectionTimeoutMS: 5000 });
      try {
        const docs = await client
          .db(database)
          .collection<{ _id: string; holder: string; expiresAt: Date }>("leases")
          .find({ expiresAt: { $gt: new Date() } })
          .toArray();
        return docs.map((d) => ({ name: d._id, holder: d.holder }));
      } finally {
        await client.close();
      }
    },
  };
}
