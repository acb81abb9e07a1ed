/**
 * vitest global setup of the preset (`collapse-harness/vitest`): resolves the run's root seed
 * once (COLLAPSE_SEED; `random` draws one), prints it at the start of every run, and writes it
 * back to the environment so every test worker (started after this runs) uses the same seed.
 */
import { resolveRootSeed } from "./rootSeed.ts";

export default function setup(): void {
  const seed = resolveRootSeed(process.env);
  process.env.COLLAPSE_SEED = String(seed);
  console.log(`collapse-harness: root seed ${seed} (rerun with COLLAPSE_SEED=${seed})`);
}
