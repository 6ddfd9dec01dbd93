import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createBrowserSite } from "../web/lab/browser-site.js";
import { type ReplicaWeb, startReplicaWeb } from "../web/server.js";
import { eventually, taggedPids } from "./browser-helpers.js";

let web: ReplicaWeb;
beforeAll(async () => {
  web = await startReplicaWeb([createBrowserSite()]);
});
afterAll(() => web.close());

it("leaves no Chromium process behind when the crawler gets SIGTERM", async () => {
  const tag = `sigterm-${process.pid}`;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./fixtures/browser-child.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        ORIGIN_MAP: web.originMap,
        ALLOW: web.allowAddresses,
        URL: "https://js.lab/p/1",
        CHILD_TAG: tag,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const ready = await new Promise<boolean>((resolve) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("READY")) resolve(out.includes("NOT READY") === false);
    });
    child.on("exit", () => resolve(false));
  });
  expect(ready, err).toBe(true);
  // Only Chromium's processes carry the tag (the child Node process does not).
  expect(taggedPids(tag).length).toBeGreaterThan(0);
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  child.kill("SIGTERM");
  await exited;
  expect(child.signalCode ?? child.exitCode).toBe("SIGTERM");
  expect(await eventually(() => taggedPids(tag).length === 0)).toBe(true);
}, 30_000);
