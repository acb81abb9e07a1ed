import { type ChainSpec, configFromSpec } from "../chain/chainSpec.ts";
import { type ChainResult, runChains } from "../chain/runChains.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";
import type { ReplicateRange } from "./defineClaim.ts";

/** A chain spec without the parts a replicate range supplies. */
export type ReplicateSpec = Omit<ChainSpec, "seed" | "chains" | "firstChain">;

/** Options of {@link runReplicates}. */
export interface ReplicateConstraints {
  /**
   * Chains per replicate: replicate i runs chains [i·batch, (i+1)·batch). Averaging a
   * heavy-tailed per-chain quantity over a batch (see {@link batchMeans}) makes each replicate's
   * value nearly normal, so a z- or t-test on replicates is well calibrated. @defaultValue 1
   */
  batch?: number;
}

/**
 * Runs the chains of a replicate range — one chain per replicate (or `batch` chains), chain i on
 * its own stream derived from the scenario seed — so looks that add replicates reuse the earlier
 * ones exactly.
 */
export function runReplicates(
  spec: ReplicateSpec,
  range: ReplicateRange,
  constraints: ReplicateConstraints = {},
): ChainResult {
  const batch = constraints.batch ?? 1;
  assertInteger("runReplicates", "batch", batch, 1);
  return runChains(
    configFromSpec({
      ...spec,
      seed: range.seed,
      firstChain: range.first * batch,
      chains: range.count * batch,
    }),
  );
}

/** Means of consecutive blocks of `batch` values: one value per replicate. */
export function batchMeans(values: Float64Array, batch: number): Float64Array {
  assertInteger("batchMeans", "batch", batch, 1);
  if (values.length % batch !== 0) {
    throw new InvalidParameterError(
      "batchMeans",
      "values.length",
      `must be a multiple of batch (${batch})`,
      values.length,
    );
  }
  const out = new Float64Array(values.length / batch);
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let j = 0; j < batch; j++) s += values[i * batch + j];
    out[i] = s / batch;
  }
  return out;
}
