export {
  type BandOptions,
  CHECK_RULES,
  type Check,
  checkObservations,
  type GreaterThanOptions,
  greaterThan,
  type MeanEqualsOptions,
  type MeanWithinOptions,
  meanAtLeast,
  meanAtMost,
  meanEquals,
  meanWithin,
  type Observations,
  probabilityAtLeast,
  probabilityAtMost,
  probabilityEquals,
  probabilityWithin,
  quantileAtLeast,
  quantileAtMost,
  quantileWithin,
  sure,
} from "./checks.ts";
export { evidenceFields, OutcomeSchema, verdictFields } from "./contract.ts";
export {
  decide,
  evaluateScenario,
  evaluateScenarioWithData,
  lookCount,
  type ScenarioBudget,
  type ScenarioVerdict,
} from "./evaluate.ts";
export { describeEvidence, type Evidence, fmt, fmtSetting, type Outcome } from "./evidence.ts";
export {
  boundRule,
  clopperPearson,
  type Direction,
  meanEqualsRule,
  meanWithinRule,
  orderingRule,
  probabilityRule,
  probabilityWithinRule,
  quantileIntervalRanks,
  quantileWithinRule,
  sureRule,
  type Violation,
} from "./rules.ts";
export {
  FAR_REGION_SHARE,
  type VarianceBoundInterval,
  varianceBoundInterval,
} from "./varianceBoundInterval.ts";
