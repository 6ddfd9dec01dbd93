/**
 * Runs several tests/store/race-worker.ts processes at once: starts them, waits until every one has
 * opened the store ("ready"), releases them together, and returns each one's JSON result.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./race-worker.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface Running {
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<string>;
}

function start(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => {
    markReady = r;
  });
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    if (stdout.startsWith("ready\n")) markReady();
  });
  child.stdin?.on("error", () => {}); // EPIPE from a worker that already died: its exit code tells
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<string>((resolveDone, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`race-worker ${args.join(" ")} exited with ${code}: ${stderr}`));
        return;
      }
      const lines = stdout.trim().split("\n");
      resolveDone(lines[lines.length - 1] ?? "");
    });
  });
  // a worker that dies before "ready" must not leave the others waiting for ever
  done.catch(() => markReady());
  return { child, ready, done };
}

/** Start one worker per argument list, release them together, return their parsed JSON outputs. */
export async function runWorkersTogether<T>(argLists: string[][], env: Record<string, string>): Promise<T[]> {
  const workers = argLists.map((args) => start(args, env));
  try {
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin?.end("go\n");
    const outputs = await Promise.all(workers.map((w) => w.done));
    return outputs.map((line) => JSON.parse(line) as T);
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.pid !== undefined) w.child.kill();
  }
}
