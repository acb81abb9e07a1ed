/**
 * vitest setup file of the preset (`collapse-harness/vitest`): before a test file runs, loads
 * the plug-ins its project registers (the `collapse.plugins` list of the nearest package.json
 * above the file), so claims name them in specs like built-ins. The file's own project, not the
 * run's root: the harness's bundled claims (`collapse verify --suite builtin`) get the harness's
 * plug-ins and a user's claims get the user's. The imports go through this file's own
 * `import()`, i.e. vitest's module graph, which compiles TypeScript plug-ins. Then starts the
 * worker threads runReplicates shares large runs with (COLLAPSE_THREADS − 1 of them, default
 * one per further core), which load the same plug-ins.
 */
import { dirname } from "node:path";
import { expect } from "vitest";
import { loadProjectPlugins } from "../chain/loadPlugins.ts";
import { startThreads } from "../chain/runChainsThreaded.ts";
import { findProjectRoot } from "../util/findProjectRoot.ts";

const testFile = expect.getState().testPath;
await loadProjectPlugins(
  findProjectRoot(testFile ? dirname(testFile) : process.cwd()),
  (specifier) => import(/* @vite-ignore */ specifier),
);
// runReplicates shares large runs with worker threads: start them while the file loads.
startThreads();
