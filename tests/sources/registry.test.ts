/**
 * The source registry equals the folder listing (like renovate's datasource index test): every
 * sources/<id>.yaml is a valid Source whose id is its file name, carries the schema line and a
 * `modeledOn` note, has a replica in tests/web/<id>/ registered in allSites (serving its target URL's
 * host), and is named by at least one test. Whatever sources/ holds is checked, whoever added it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { Source } from "../../src/config/source.js";
import { ROOT } from "../helpers/cli.js";
import { allSites } from "../web/sites.js";

const ids = readdirSync(join(ROOT, "sources"))
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => f.slice(0, -".yaml".length))
  .sort();

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return e.name.endsWith(".test.ts") && p !== __filename ? [p] : [];
  });
}
const tests = testFiles(join(ROOT, "tests")).map((p) => ({
  path: relative(ROOT, p),
  text: readFileSync(p, "utf8"),
}));
const sitesTs = readFileSync(join(ROOT, "tests", "web", "sites.ts"), "utf8");
const servedHosts = new Set(allSites.flatMap((s) => s.hosts));

describe("source registry", () => {
  it("has sources", () => {
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toContain("otzovik");
  });

  describe.each(ids)("%s", (id) => {
    const text = readFileSync(join(ROOT, "sources", `${id}.yaml`), "utf8");

    it("is a valid source whose id is its file name, with the schema line and a modeledOn note", () => {
      expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../schemas/source.schema.json");
      const parsed = Source.safeParse(parse(text));
      expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues)).toBe(true);
      expect(parsed.data?.id).toBe(id);
      expect(parsed.data?.modeledOn?.length ?? 0).toBeGreaterThan(20);
    });

    it("has a replica in tests/web/<id>/ registered in allSites, serving its target's host", () => {
      expect(existsSync(join(ROOT, "tests", "web", id, "site.ts")), `tests/web/${id}/site.ts`).toBe(true);
      expect(sitesTs).toContain(`"./${id}/site.js"`);
      const source = Source.parse(parse(text));
      if (source.targetUrl) {
        const host = new URL(source.targetUrl.replaceAll("{id}", "x")).host;
        expect(servedHosts.has(host), `a replica serves ${host}`).toBe(true);
      }
    });

    it("is named by a test", () => {
      const re = new RegExp(`(["'\`])${id.replace(/[-]/g, "\\-")}\\1|sources/${id}\\.yaml`);
      const naming = tests.filter((t) => re.test(t.text)).map((t) => t.path);
      expect(naming.length, `no test names "${id}"`).toBeGreaterThan(0);
    });
  });
});
