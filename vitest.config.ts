import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The repository tests its sources: the package's entry points resolve to src/, exactly as
 * tsconfig.json's `paths` do for the type-checker (users get the built dist/ through `exports`).
 */
const entry = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^collapse-harness$/, replacement: entry("./src/index.ts") },
      { find: /^collapse-harness\/engine$/, replacement: entry("./src/engine.ts") },
      { find: /^collapse-harness\/theory$/, replacement: entry("./src/theory/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "properties/**/*.test.ts"],
    // Statistical tests draw millions of variates; the default 5 s is too tight on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default leaves one core idle; the suite is CPU-bound, so use them all.
    maxWorkers: availableParallelism(),
    globalSetup: ["test/setup/rootSeed.ts"],
    setupFiles: ["test/setup/plugins.ts"],
  },
});
