import type { MetricId } from "../metrics/metric.ts";
import type { RootSeed, StreamKey } from "../rng/index.ts";
import type { ChainConfig } from "./runChains.ts";
import { familyFromSpec, regimeFromSpec, transformFromSpec, truthFromSpec } from "./specs.ts";

/**
 * A chain configuration in spec strings: plain data, so it can cross to worker threads and
 * into reports, and rebuilds the same {@link ChainConfig} anywhere.
 */
export interface ChainSpec {
  readonly truth: string;
  readonly family: string;
  readonly regime: string;
  readonly transforms?: readonly string[];
  readonly samples: number;
  readonly generations: number;
  readonly chains: number;
  readonly seed: RootSeed;
  readonly streamKeys?: readonly StreamKey[];
  readonly metrics: readonly MetricId[];
  readonly tailQ?: number;
  readonly mcSamples?: number;
  readonly firstChain?: number;
  /** Generations at which metrics are computed. @defaultValue every generation */
  readonly recordAt?: readonly number[];
  /**
   * Plug-in modules (paths or package names) that register the truths, families, regimes,
   * transforms or metrics the spec names; imported before the spec is built, also in worker
   * threads. @defaultValue []
   */
  readonly plugins?: readonly string[];
  /** Run even above the size limits (see RUN_LIMITS in runChains). @defaultValue false */
  readonly allowLarge?: boolean;
}

/** Builds the runnable configuration of a spec (validating every part). */
export function configFromSpec(spec: ChainSpec): ChainConfig {
  const truth = truthFromSpec(spec.truth);
  return {
    truth,
    // A family that fits several data kinds (gmm, kde) fits the truth's.
    family: familyFromSpec(spec.family, truth.dataKind),
    regime: regimeFromSpec(spec.regime),
    transforms: (spec.transforms ?? []).map(transformFromSpec),
    samples: spec.samples,
    generations: spec.generations,
    chains: spec.chains,
    seed: spec.seed,
    streamKeys: spec.streamKeys,
    metrics: spec.metrics,
    tailQ: spec.tailQ,
    mcSamples: spec.mcSamples,
    firstChain: spec.firstChain,
    recordAt: spec.recordAt,
    allowLarge: spec.allowLarge,
  };
}
