import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeScoredMention } from "../store/fixtures.js";
import { alertsConfig, CHANNEL, makeWorld, TOKEN, type World } from "./harness.js";

let world: World;
afterEach(async () => world?.close());

describe("kill -9 between Slack's answer and the outbox commit", () => {
  it("the next run finds the key in the channel and does not repost", async () => {
    world = await makeWorld();
    await world.ingest([makeScoredMention(0)]);
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "deliver-worker.ts")],
      {
        env: {
          ...process.env,
          WORKER_DB: world.dbPath,
          WORKER_ALERTS: JSON.stringify(alertsConfig()),
          SLACK_BOT_TOKEN: TOKEN,
          REPWATCH_SLACK_API_URL: world.slack.apiUrl,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    const acked = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        const m = /acked (\S+)\n/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on("exit", () => reject(new Error(`worker exited before the ack: ${stderr}`)));
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // Slack has the message; the outbox does not know it was sent.
    expect(world.slack.messages(CHANNEL)).toHaveLength(1);
    const [row] = await world.store.listAlerts();
    expect(row).toMatchObject({ key: acked, state: "sending", attempts: 1 });

    // The claim expires; the next run looks before posting.
    const result = await world.deliver({ now: new Date(Date.now() + 10 * 60_000) });
    expect(result).toMatchObject({ sent: 1, failed: 0, retrying: 0 });
    expect(world.slack.messages(CHANNEL)).toHaveLength(1);
    expect(world.slack.requests.filter((r) => r.method === "chat.postMessage")).toHaveLength(1);
    const [after] = await world.store.listAlerts();
    expect(after).toMatchObject({
      state: "sent",
      receipt: `${CHANNEL}/${world.slack.messages(CHANNEL)[0]!.ts}`,
    });
  });
});
