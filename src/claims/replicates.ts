import { type ChainSpec, configFromSpec } from "../chain/chainSpec.ts";
import { type ChainResult, runChains } from "../chain/runChains.ts";
import type { ReplicateRange } from "./defineClaim.ts";

/** A chain spec without the parts a replicate range supplies. */
export type ReplicateSpec = Omit<ChainSpec, "seed" | "chains" | "firstChain">;

/**
 * Runs the chains of a replicate range — one chain per replicate, chain i on its own stream
 * derived from the scenario seed — so looks that add replicates reuse the earlier ones exactly.
 */
export function runReplicates(spec: ReplicateSpec, range: ReplicateRange): ChainResult {
  return runChains(
    configFromSpec({ ...spec, seed: range.seed, firstChain: range.first, chains: range.count }),
  );
}
