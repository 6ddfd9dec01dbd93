/**
 * The real CLI with REPWATCH_STORE=mongodb and a MongoDB that is not there: exit code 3, a message
 * naming the host with the password redacted, and nothing crawled or alerted before it. Needs no server.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
import { closedPort } from "./mongo-helpers.js";

/** Every origin the shipped sources name, so any crawl request would land on our counting server. */
function sourceOrigins(): string[] {
  const dir = join(ROOT, "sources");
  const origins = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".yaml"))) {
    for (const m of readFileSync(join(dir, f), "utf8").matchAll(/https?:\/\/[a-z0-9.-]+/gi))
      origins.add(m[0]);
  }
  return [...origins];
}

describe("repwatch run with an unreachable MongoDB", () => {
  const requests: string[] = [];
  const web = createServer((req, res) => {
    requests.push(req.url ?? "");
    res.end("");
  });
  let webAddr = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
    webAddr = `127.0.0.1:${(web.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => web.close(() => resolve())));

  it("exits 3 naming 127.0.0.1:<port>, never the password, before crawling or alerting anything", async () => {
    const port = await closedPort();
    const originMap = sourceOrigins()
      .map((o) => `${o}=http://${webAddr}/${new URL(o).host}`)
      .join(",");
    const r = await runCli(["run", "--force"], {
      env: {
        REPWATCH_STORE: "mongodb",
        MONGODB_URI: `mongodb://repwatch:secret@127.0.0.1:${port}/x`,
        REPWATCH_ORIGIN_MAP: originMap,
        REPWATCH_ALLOW_ADDRESSES: webAddr,
        SLACK_BOT_TOKEN: "xoxb-test-0000000001",
      },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`store unavailable: cannot use MongoDB at 127.0.0.1:${port}`);
    expect(r.stderr).not.toContain("secret");
    expect(r.stdout).toBe(""); // no summary, no console alert
    expect(requests).toEqual([]); // nothing was fetched
  });
});
