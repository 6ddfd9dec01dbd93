/**
 * The Dockerfile cannot be built here (no Docker engine), so this test does what its stages do:
 * build, then a production install (`npm ci --omit=dev`) of the built package in a clean
 * directory, and checks that `repwatch --help` and `repwatch config check` start from it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

describe("production install", () => {
  const dir = mkdtempSync(join(tmpdir(), "repwatch-prod-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("builds, installs without dev dependencies and starts `repwatch --help`", { timeout: 300_000 }, () => {
    const outDir = join(dir, "dist");
    execFileSync(
      process.execPath,
      [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", outDir],
      {
        cwd: ROOT,
        stdio: "pipe",
      },
    );
    for (const f of ["package.json", "package-lock.json", "sources", "rules", "schemas"])
      cpSync(join(ROOT, f), join(dir, f), { recursive: true });
    const install = spawnSync("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(install.status, install.stderr).toBe(0);

    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { bin: { repwatch: string } };
    const bin = join(dir, pkg.bin.repwatch);
    const help = spawnSync(process.execPath, [bin, "--help"], { cwd: dir, encoding: "utf8" });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Usage: repwatch/);
    expect(help.stdout).toMatch(/\brun\b/);
    expect(help.stdout).toMatch(/\bconfig\b/);
    // No dev tool is needed at run time: config check loads every schema and YAML file.
    const check = spawnSync(process.execPath, [bin, "config", "check"], { cwd: dir, encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^config ok/);
  });
});
