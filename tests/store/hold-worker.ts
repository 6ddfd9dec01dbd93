/**
 * A long-lived tests/store/race-worker.ts (mode `lease … hold`): started, released, and read up to its
 * first JSON line; it then keeps running until the test kills it (`kill -9`, like a crashed container).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./race-worker.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface HeldWorker<T> {
  output: T;
  /** SIGKILL, resolved once the process is gone. */
  kill9(): Promise<void>;
}

export function startHoldingWorker<T>(args: string[], env: Record<string, string>): Promise<HeldWorker<T>> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", WORKER, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill9 = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await gone;
  };
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdin?.on("error", () => {});
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (stdout === "ready\n") child.stdin?.write("go\n");
      const lines = stdout.split("\n");
      if (lines.length >= 3) resolve({ output: JSON.parse(lines[1]!) as T, kill9 });
    });
    child.once("exit", (code, signal) =>
      reject(new Error(`holding worker ${args.join(" ")} exited early (${code ?? signal}): ${stderr}`)),
    );
  });
}
