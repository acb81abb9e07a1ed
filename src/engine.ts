/**
 * `collapse-harness/engine`: the simulation engine and its plug-in API.
 *
 * - Chains: {@link runChains} (one thread), {@link runChainsParallel} (worker threads, same
 *   numbers), {@link runReplicates} (per-replicate values for claims), {@link runChainsUntil} /
 *   {@link runReplicatesUntil} (chains run to a stopping time), {@link ChainStepper} (one chain, a
 *   generation at a time), spec strings.
 * - Plug-ins: {@link defineModelKind} (a model kind's operation table), {@link defineTruth},
 *   {@link defineFamily}, {@link defineRegime}, {@link defineTransform}, {@link defineMetric}.
 *   A registered name is usable wherever a built-in's is.
 * - Building blocks for plug-ins and hand-made experiments: data sets, the built-in model
 *   constructors, {@link synthesize}, {@link startRegime}, and exact samplers in single-draw and
 *   fill-an-array forms over an injected {@link RandomStream}.
 */

// Chains
export { type ChainSpec, configFromSpec } from "./chain/chainSpec.ts";
export { type ChainProcedure, ChainStepper } from "./chain/chainStepper.ts";
export { loadPlugins } from "./chain/loadPlugins.ts";
export {
  type ChainConfig,
  type ChainResult,
  checkChainConfig,
  estimateRun,
  RUN_LIMITS,
  runChains,
  type UndefinedValue,
} from "./chain/runChains.ts";
export { type ParallelConstraints, runChainsParallel } from "./chain/runChainsParallel.ts";
export {
  replicateThreads,
  runChainsThreaded,
  startThreads,
  type ThreadedConstraints,
} from "./chain/runChainsThreaded.ts";
export {
  runChainsUntil,
  type UntilConfig,
  type UntilConstraints,
  type UntilResult,
} from "./chain/runChainsUntil.ts";
export {
  familyFromSpec,
  regimeFromSpec,
  registeredPlugins,
  transformFromSpec,
  truthFromSpec,
} from "./chain/specs.ts";
export {
  fractionBelow,
  generationValues,
  type MetricSummary,
  summarizeMetric,
} from "./chain/summarize.ts";
export {
  type CategoricalTruthConstraints,
  categoricalTruthArbitrary,
} from "./claims/categoricalTruthArbitrary.ts";
export {
  type ReplicateConstraints,
  type ReplicateRange,
  type ReplicateSpec,
  runReplicates,
  runReplicatesUntil,
  type UntilReplicateConstraints,
  type UntilReplicateSpec,
} from "./claims/index.ts";
// Plug-in API
export {
  type DataOf,
  defineFamily,
  type FamilyDefinition,
  type FamilyEntry,
} from "./families/defineFamily.ts";
export type { AnyFamily, Family } from "./families/family.ts";
export {
  defineMetric,
  METRIC_IDS,
  type Metric,
  type MetricContext,
  type MetricCostInput,
  type MetricDefinition,
  type MetricId,
  metricById,
} from "./metrics/metric.ts";
export { categoricalAbsorbed, categoricalModel } from "./model/categorical.ts";
// Data sets and built-in models
export {
  type CategoricalData,
  categoricalData,
  concatData,
  DATA_KINDS,
  type DataKind,
  type Dataset,
  dataSize,
  keepBest,
  type RealData,
  type RegressionData,
  type SequenceData,
  subsampleData,
  takeRows,
  type VectorData,
} from "./model/data.ts";
export {
  type AnyModel,
  defineModelKind,
  type GaussianComponents,
  hasOperations,
  type ModelKindDefinition,
  type ModelKindEntry,
  type ModelOperations,
  type MonteCarlo,
  modelKind,
  modelKinds,
  OPERATION_NAMES,
  type OperationName,
} from "./model/kinds.ts";
export type {
  CategoricalModel,
  CirclesModel,
  GaussianModel,
  LinearModel,
  MixtureModel,
  Model,
  MoonsModel,
  MvGaussianModel,
  MvKdeModel,
  MvMixtureModel,
  NgramModel,
  ParetoModel,
  StudentTModel,
  SwissRollModel,
} from "./model/models.ts";
export { expectModel, type ModelKind, type ModelOf } from "./model/models.ts";
export { mvGaussianModel } from "./model/mvGaussian.ts";
export { mvKdeModel } from "./model/mvKde.ts";
export { mvMixtureModel } from "./model/mvMixture.ts";
export { sampleModel } from "./model/sampleModel.ts";
export { circlesModel, moonsModel, swissRollModel } from "./model/toyLaws.ts";
export { gaussianModel, mixtureModel, paretoModel, studentTModel } from "./model/univariate.ts";
export {
  type WeightedPart,
  type WeightedParts,
  weightedParts,
} from "./model/weightedParts.ts";
export {
  defineRegime,
  firstRealCount,
  freshRealCount,
  type Regime,
  type RegimeDefinition,
  type RegimeEntry,
  type RegimeRun,
  startRegime,
  weightsSources,
} from "./regimes/regime.ts";
// Randomness and samplers
export {
  derive,
  deriveSeed,
  PRNG_ALGORITHM,
  RandomStream,
  type RandomStreamState,
  type RootSeed,
  type StreamKey,
} from "./rng/index.ts";
export * from "./sample/index.ts";
export {
  defineTransform,
  synthesize,
  type Transform,
  type TransformDefinition,
  type TransformEntry,
  transformModel,
} from "./transforms/transform.ts";
export {
  defineTruth,
  type TruthDefinition,
  type TruthEntry,
  type TruthParts,
} from "./truths/defineTruth.ts";
export {
  type TailSet,
  type Truth,
  type TruthSummaries,
  tailMassOf,
  truthTailSet,
} from "./truths/truth.ts";
export type {
  IntegerParam,
  ListParam,
  NumberParam,
  ParamDef,
  ParamSchema,
  ParamValues,
  StringParam,
} from "./util/params.ts";
export { PluginError } from "./util/registry.ts";
export { InvalidParameterError, UndefinedQuantityError } from "./util/validate.ts";
