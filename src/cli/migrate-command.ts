/**
 * `repwatch migrate --from sqlite:<file> --to <mongodb uri>`: copy an embedded SQLite store into
 * MongoDB without losing history or re-alerting: mentions keep firstSeenAt/version/contentHash,
 * outbox rows their state (a sent alert stays sent), runs, source state and lease tokens come along.
 * Idempotent: run twice, the second run copies nothing (see src/store/mongo/import-ops.ts).
 * Prints one JSON line per collection and a total; stdout carries only that.
 */
import { resolve } from "node:path";
import { redact } from "../config/env.js";
import type { ImportCounts } from "../store/mongo/import-ops.js";
import { openMongoStore } from "../store/mongo/mongo-store.js";
import { openSqlitePages } from "../store/mongo/sqlite-source.js";
import { StoreUnavailableError } from "../store/store.js";
import { EXIT } from "./exit-codes.js";

export interface MigrateOptions {
  /** `sqlite:<file>` (or a plain path). */
  from: string;
  /** A mongodb:// or mongodb+srv:// connection string. */
  to: string;
}

export class MigrateUsageError extends Error {
  override name = "MigrateUsageError";
}

export interface MigrateLine extends ImportCounts {
  collection: string;
  read: number;
}

function sqlitePathOf(from: string): string {
  const path = from.startsWith("sqlite:") ? from.slice("sqlite:".length) : from;
  if (!path || /^[a-z][a-z0-9+.-]*:\/\//i.test(path))
    throw new MigrateUsageError(`--from must be sqlite:<file>, got ${JSON.stringify(redact(from))}`);
  return resolve(path);
}

/** Usage errors print one line and exit 2; an unreachable store throws StoreUnavailableError (exit 3). */
export async function migrateCommand(
  opts: MigrateOptions,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<{ lines: MigrateLine[]; exitCode: number }> {
  try {
    return await migrate(opts, out);
  } catch (e) {
    if (!(e instanceof MigrateUsageError)) throw e;
    err.write(`repwatch migrate: ${e.message}\n`);
    return { lines: [], exitCode: EXIT.config };
  }
}

async function migrate(
  opts: MigrateOptions,
  out: NodeJS.WritableStream,
): Promise<{ lines: MigrateLine[]; exitCode: number }> {
  const file = sqlitePathOf(opts.from);
  if (!/^mongodb(\+srv)?:\/\//i.test(opts.to ?? ""))
    throw new MigrateUsageError("--to must be a mongodb:// connection string (or set MONGODB_URI)");
  const source = await openSqlitePages(file);
  let target: ReturnType<typeof openMongoStore>;
  try {
    target = openMongoStore(opts.to);
  } catch (err) {
    source.close();
    throw new StoreUnavailableError(`--to: ${err instanceof Error ? err.message : String(err)}`);
  }
  const lines: MigrateLine[] = [];
  try {
    await target.init();
    const imports = target.importer();
    const copy = async <T>(
      collection: string,
      pages: Iterable<T[]>,
      put: (rows: T[]) => Promise<ImportCounts>,
    ) => {
      const line: MigrateLine = { collection, read: 0, inserted: 0, updated: 0, kept: 0 };
      for (const page of pages) {
        const c = await put(page);
        line.read += page.length;
        line.inserted += c.inserted;
        line.updated += c.updated;
        line.kept += c.kept;
      }
      lines.push(line);
      out.write(`${JSON.stringify(line)}\n`);
    };
    // mentions before their alert rows, so a delivery running meanwhile finds every alert's mention
    await copy("mentions", source.mentions(), imports.mentions);
    await copy("outbox", source.alerts(), imports.alerts);
    await copy("crawl_runs", source.runs(), imports.runs);
    await copy("source_state", source.sourceStates(), imports.sourceStates);
    await copy("leases", source.leases(), imports.leases);
    await copy("digests", source.digests(), imports.digests);
  } finally {
    source.close();
    await target.close();
  }
  const total = lines.reduce(
    (t, l) => ({ read: t.read + l.read, inserted: t.inserted + l.inserted, updated: t.updated + l.updated }),
    { read: 0, inserted: 0, updated: 0 },
  );
  out.write(`${JSON.stringify({ migrated: file, to: `${target.hosts}/${target.database}`, ...total })}\n`);
  return { lines, exitCode: EXIT.ok };
}
