export {
  type Check,
  checkObservations,
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
  quantileAtLeast,
  quantileAtMost,
  sure,
} from "./checks.ts";
export {
  decide,
  evaluateScenario,
  evaluateScenarioWithData,
  lookCount,
  type ScenarioBudget,
  type ScenarioVerdict,
} from "./evaluate.ts";
export { describeEvidence, type Evidence, fmt, type Outcome } from "./evidence.ts";
export {
  boundRule,
  clopperPearson,
  type Direction,
  meanEqualsRule,
  meanWithinRule,
  orderingRule,
  probabilityRule,
  sureRule,
  type Violation,
} from "./rules.ts";
