/**
 * collapse-harness public API. Internals stay internal: import from here.
 */

export type { ChainSpec } from "./chain/chainSpec.ts";
export { type ChainResult, runChains } from "./chain/runChains.ts";
export { runChainsParallel } from "./chain/runChainsParallel.ts";
export type { UntilResult } from "./chain/runChainsUntil.ts";
export {
  familyFromSpec,
  regimeFromSpec,
  transformFromSpec,
  truthFromSpec,
} from "./chain/specs.ts";
export {
  fractionBelow,
  generationValues,
  type MetricSummary,
  summarizeMetric,
  summarizeValues,
  type ValueSummary,
} from "./chain/summarize.ts";
export { choiceOf } from "./claims/arbitraries/choiceOf.ts";
export {
  type LogUniformIntegerConstraints,
  logUniformInteger,
} from "./claims/arbitraries/logUniformInteger.ts";
export {
  type LogUniformRealConstraints,
  logUniformReal,
} from "./claims/arbitraries/logUniformReal.ts";
export {
  type UniformIntegerConstraints,
  uniformInteger,
} from "./claims/arbitraries/uniformInteger.ts";
export { type UniformRealConstraints, uniformReal } from "./claims/arbitraries/uniformReal.ts";
export {
  type CategoricalTruthConstraints,
  categoricalTruthArbitrary,
} from "./claims/categoricalTruthArbitrary.ts";
export {
  batchMeans,
  type Citation,
  type Claim,
  type ClaimBudget,
  type ClaimDefinition,
  ClaimDefinitionError,
  type ClaimKind,
  type ClaimReport,
  type ClaimScenario,
  checkClaim,
  DEFAULT_ROOT_SEED,
  defineClaim,
  type ReplicateConstraints,
  type ReplicateRange,
  type ReplicateSpec,
  runReplicates,
  runReplicatesUntil,
  type UntilReplicateConstraints,
  type UntilReplicateSpec,
  verifyClaim,
} from "./claims/index.ts";
export {
  type PooledHistogramSeries,
  pooledHistogramSeries,
} from "./claims/pooledHistogramSeries.ts";
export {
  type ReplicateSeries,
  type ReplicateSeriesConstraints,
  replicateSeries,
  type SeriesNumber,
} from "./claims/replicateSeries.ts";
export { METRIC_IDS, type MetricId } from "./metrics/metric.ts";
export type { RandomStreamState, RootSeed, StreamKey } from "./rng/index.ts";
export { derive, deriveSeed, PRNG_ALGORITHM, RandomStream } from "./rng/index.ts";
export { InvalidParameterError, UndefinedQuantityError } from "./util/validate.ts";
export {
  type BandOptions,
  type Check,
  clopperPearson,
  describeEvidence,
  type Evidence,
  type GreaterThanOptions,
  greaterThan,
  type MeanWithinOptions,
  meanAtLeast,
  meanAtMost,
  meanEquals,
  meanWithin,
  type Observations,
  type Outcome,
  probabilityAtLeast,
  probabilityAtMost,
  probabilityEquals,
  probabilityWithin,
  quantileAtLeast,
  quantileAtMost,
  quantileWithin,
  sure,
  type VarianceBoundInterval,
  type Violation,
  varianceBoundInterval,
} from "./verdict/index.ts";
