import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "properties/**/*.test.ts"],
    // Statistical tests draw millions of variates; the default 5 s is too tight on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["test/setup/rootSeed.ts"],
  },
});
