import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // 2-core CI machine: more workers only add contention.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
