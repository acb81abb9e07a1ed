import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import { collapsePreset } from "./src/vitest.ts";

/**
 * The harness's own tests use the preset it ships (`collapse-harness/vitest`), and test its
 * sources: the package's entry points resolve to src/, exactly as tsconfig.json's `paths` do for
 * the type-checker (users get the built dist/ through `exports`).
 */
const entry = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default mergeConfig(
  collapsePreset(),
  defineConfig({
    resolve: {
      alias: [
        { find: /^collapse-harness$/, replacement: entry("./src/index.ts") },
        { find: /^collapse-harness\/engine$/, replacement: entry("./src/engine.ts") },
        { find: /^collapse-harness\/theory$/, replacement: entry("./src/theory/index.ts") },
        { find: /^collapse-harness\/vitest$/, replacement: entry("./src/vitest.ts") },
      ],
    },
    test: {
      include: ["test/**/*.test.ts", "properties/**/*.test.ts"],
      pool: "forks",
      // Test files share their worker's module cache instead of re-importing the harness per
      // file (about 0.3 s of CPU each, a minute over the suite). Registries are therefore shared
      // too: a test must not depend on what another file did or did not register — the README
      // reference is generated in a fresh process for that reason.
      isolate: false,
      // Vitest's default leaves one core idle; the suite is CPU-bound, so use them all.
      maxWorkers: availableParallelism(),
    },
  }),
);
