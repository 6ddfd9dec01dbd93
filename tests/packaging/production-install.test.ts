/**
 * The Dockerfile cannot be built here (no Docker engine), so this test does what its stages do:
 * build, then a production install (`npm ci --omit=dev`) of the built package in a clean
 * directory, and checks that `repwatch --help` and `repwatch config check` start from it.
 * Child processes run asynchronously: a minutes-long synchronous call would starve vitest's
 * worker of its event loop.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe("production install", () => {
  const dir = mkdtempSync(join(tmpdir(), "repwatch-prod-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("builds, installs without dev dependencies and starts `repwatch --help`", {
    timeout: 600_000,
  }, async () => {
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const build = await run(
      process.execPath,
      [tsc, "-p", "tsconfig.build.json", "--outDir", join(dir, "dist")],
      ROOT,
    );
    expect(build.code, build.stdout + build.stderr).toBe(0);
    for (const f of ["package.json", "package-lock.json", "sources", "rules", "schemas"])
      cpSync(join(ROOT, f), join(dir, f), { recursive: true });
    const install = await run(
      "npm",
      ["ci", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"],
      dir,
    );
    expect(install.code, install.stderr).toBe(0);

    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { bin: { repwatch: string } };
    const bin = join(dir, pkg.bin.repwatch);
    const help = await run(process.execPath, [bin, "--help"], dir);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Usage: repwatch/);
    expect(help.stdout).toMatch(/\brun\b/);
    expect(help.stdout).toMatch(/\bconfig\b/);
    // No dev tool is needed at run time: config check loads every schema and YAML file.
    const check = await run(process.execPath, [bin, "config", "check"], dir);
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^config ok/);
  });
});
