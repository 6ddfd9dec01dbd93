/**
 * A MongoDB-compatible server for tests and the store bench: FerretDB 1.24 over SQLite, started from
 * the binary scripts/ferretdb-build.sh caches, on 127.0.0.1 with its data in a temp dir.
 *
 *   const server = await mongoTestServer();  // MONGODB_URI when set, else a private FerretDB, else undefined
 *
 * `REQUIRE_MONGO=1` (set by .ci/run) turns "no server" into an error instead of a skip.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

/** The cached FerretDB binary (or FERRETDB_BIN), when it exists and is executable. */
export function ferretDbBinary(): string | undefined {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  const bin = process.env.FERRETDB_BIN || join(cache, "repwatch", "bin", "ferretdb");
  try {
    accessSync(bin, constants.X_OK);
    return bin;
  } catch {
    return undefined;
  }
}

export interface FerretDb {
  /** `mongodb://127.0.0.1:<port>/` (no database: tests add theirs). */
  uri: string;
  port: number;
  dataDir: string;
  /** SIGKILL the server (a crash); `start()` brings it back on the same port and data. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Stop it and remove its data. */
  stop(): Promise<void>;
}

const LISTENING = /Listening on TCP 127\.0\.0\.1:(\d+)/;
const START_TIMEOUT_MS = 30_000;

function launch(bin: string, dataDir: string, port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    bin,
    [
      "--handler=sqlite",
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      "--debug-addr=-",
      "--telemetry=disable",
      `--state-dir=${dataDir}`,
      "--log-format=json",
      "--log-level=INFO",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`FerretDB did not start within ${START_TIMEOUT_MS} ms:\n${log.slice(-2000)}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      log += chunk.toString("utf8");
      const m = LISTENING.exec(log);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, port: Number(m[1]) });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`FerretDB exited (${code ?? signal}) before listening:\n${log.slice(-2000)}`));
    });
  });
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Start a private FerretDB on an ephemeral port (throws when the binary is missing). */
export async function startFerretDb(bin = ferretDbBinary()): Promise<FerretDb> {
  if (!bin) throw new Error("no FerretDB binary: run scripts/ferretdb-build.sh");
  const dataDir = mkdtempSync(join(tmpdir(), "repwatch-ferretdb-"));
  let { child, port } = await launch(bin, dataDir, 0);
  running.add(child);
  const server: FerretDb = {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    dataDir,
    async kill() {
      child.kill("SIGKILL");
      await exited(child);
      running.delete(child);
    },
    async start() {
      ({ child } = await launch(bin, dataDir, port));
      running.add(child);
    },
    async stop() {
      child.kill("SIGTERM");
      await exited(child);
      running.delete(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

export interface MongoTestServer {
  uri: string;
  /** Set when this process started the server (a crash test can kill and restart it). */
  ferret?: FerretDb;
  stop(): Promise<void>;
}

/**
 * MONGODB_URI when set; else a private FerretDB from the cached binary; else undefined (the caller skips
 * with a notice), or an error when REQUIRE_MONGO=1.
 */
export async function mongoTestServer(): Promise<MongoTestServer | undefined> {
  const uri = process.env.MONGODB_URI;
  if (uri) return { uri, stop: async () => {} };
  const bin = ferretDbBinary();
  if (!bin) {
    if (process.env.REQUIRE_MONGO === "1")
      throw new Error(
        "REQUIRE_MONGO=1 but neither MONGODB_URI nor a FerretDB binary (scripts/ferretdb-build.sh)",
      );
    return undefined;
  }
  const ferret = await startFerretDb(bin);
  return { uri: ferret.uri, ferret, stop: () => ferret.stop() };
}
