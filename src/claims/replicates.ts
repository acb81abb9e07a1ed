import { type ChainSpec, configFromSpec } from "../chain/chainSpec.ts";
import { type ChainResult, runChains } from "../chain/runChains.ts";
import { runChainsThreaded } from "../chain/runChainsThreaded.ts";
import { runChainsUntil, type UntilResult } from "../chain/runChainsUntil.ts";
import type { AnyModel } from "../model/kinds.ts";
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
  /**
   * Named observations of each fitted model beyond the registered metrics, read back with
   * `generationValues(result, name, t)` like a metric (see `ChainConfig.observe`). @defaultValue {}
   */
  observe?: Readonly<Record<string, (model: AnyModel, generation: number) => number>>;
  /**
   * Start every chain from this model instead of the truth (see `ChainConfig.initialModel`).
   * @defaultValue the truth
   */
  initialModel?: AnyModel;
}

/**
 * Runs the chains of a replicate range — one chain per replicate (or `batch` chains), chain i on
 * its own stream derived from the scenario seed — so looks that add replicates reuse the earlier
 * ones exactly. Without `observe` and `initialModel` (functions do not cross threads), a range
 * estimated at ≥ 0.2 s is shared with worker threads (`runChainsThreaded`: `COLLAPSE_THREADS`
 * of them, default every core; bit-identical values).
 */
export function runReplicates(
  spec: ReplicateSpec,
  range: ReplicateRange,
  constraints: ReplicateConstraints = {},
): ChainResult {
  const batch = constraints.batch ?? 1;
  assertInteger("runReplicates", "batch", batch, 1);
  const chainSpec: ChainSpec = {
    ...spec,
    seed: range.seed,
    firstChain: range.first * batch,
    chains: range.count * batch,
  };
  if (constraints.observe === undefined && constraints.initialModel === undefined) {
    // Plain data: the chains can be shared with worker threads (same values, less wall time).
    return runChainsThreaded(chainSpec);
  }
  return runChains({
    ...configFromSpec(chainSpec),
    ...(constraints.observe === undefined ? {} : { observe: constraints.observe }),
    ...(constraints.initialModel === undefined ? {} : { initialModel: constraints.initialModel }),
  });
}

/** A replicate spec for {@link runReplicatesUntil}: no metrics, no fixed horizon. */
export type UntilReplicateSpec = Omit<ReplicateSpec, "generations" | "metrics" | "recordAt">;

/** Options of {@link runReplicatesUntil}. */
export interface UntilReplicateConstraints {
  /** The chain stops after the first fit where this returns true. */
  stop: (model: AnyModel, generation: number) => boolean;
  /** Last generation fitted when `stop` never holds (≤ 1e7). */
  maxGenerations: number;
  /** Start every chain from this model instead of the truth. @defaultValue the truth */
  initialModel?: AnyModel;
}

/**
 * One chain per replicate, each run until `stop` holds (or `maxGenerations`): per replicate, the
 * stopping generation, whether `stop` held, and the last model. Chain i uses the same stream as
 * in {@link runReplicates}, so looks that add replicates reuse the earlier ones exactly.
 */
export function runReplicatesUntil(
  spec: UntilReplicateSpec,
  range: ReplicateRange,
  constraints: UntilReplicateConstraints,
): UntilResult {
  const config = configFromSpec({
    ...spec,
    generations: constraints.maxGenerations,
    metrics: [],
    seed: range.seed,
    firstChain: range.first,
    chains: range.count,
  });
  return runChainsUntil(
    {
      ...config,
      ...(constraints.initialModel === undefined ? {} : { initialModel: constraints.initialModel }),
    },
    { stop: constraints.stop, maxGenerations: constraints.maxGenerations },
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
