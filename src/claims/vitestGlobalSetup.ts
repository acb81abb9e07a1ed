/**
 * vitest global setup of the preset (`collapse-harness/vitest`): resolves the run's root seed
 * once (COLLAPSE_SEED; `random` draws one), prints it at the start of every run, and writes it
 * back to the environment so every test worker (started after this runs) uses the same seed;
 * sets COLLAPSE_THREADS when nothing has (see ThreadShareReporter). The returned teardown puts
 * both variables back as they were, so a later run in the same process resolves its own seed
 * (`random` draws again) and thread share.
 */
import { availableParallelism } from "node:os";
import type { TestProject } from "vitest/node";
import { threadsPerClaimFile } from "../chain/runChainsThreaded.ts";
import { resolveRootSeed } from "./rootSeed.ts";

export default function setup(project?: TestProject): () => void {
  const before = {
    COLLAPSE_SEED: process.env.COLLAPSE_SEED,
    COLLAPSE_THREADS: process.env.COLLAPSE_THREADS,
  };
  const seed = resolveRootSeed(process.env);
  process.env.COLLAPSE_SEED = String(seed);
  // The preset's ThreadShareReporter has set COLLAPSE_THREADS from the run's file count; when
  // the reporters were replaced (--reporter=dot), share the cores among the workers.
  if (process.env.COLLAPSE_THREADS === undefined) {
    const cores = availableParallelism();
    process.env.COLLAPSE_THREADS = String(
      threadsPerClaimFile(cores, project?.vitest.config.maxWorkers, cores),
    );
  }
  console.log(`collapse-harness: root seed ${seed} (rerun with COLLAPSE_SEED=${seed})`);
  const setHere = before.COLLAPSE_THREADS === undefined;
  return () => {
    if (before.COLLAPSE_SEED === undefined) delete process.env.COLLAPSE_SEED;
    else process.env.COLLAPSE_SEED = before.COLLAPSE_SEED;
    // Only the value set here: one the reporter set is the reporter's to remove.
    if (setHere) delete process.env.COLLAPSE_THREADS;
  };
}
