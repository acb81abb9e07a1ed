export {
  type CalibrateConstraints,
  type CalibrationResult,
  calibrateClaim,
} from "./calibrate.ts";
export { type CalibrationRun, calibrationRecord } from "./calibrationRecord.ts";
export {
  type CheckClaimOptions,
  type ClaimReport,
  type Counterexample,
  checkClaim,
  fastCheckSeed,
  type ScenarioRecord,
} from "./checkClaim.ts";
export { scenarioFields } from "./contract.ts";
export {
  type Citation,
  CLAIM_KINDS,
  type Claim,
  type ClaimBudget,
  type ClaimDefinition,
  ClaimDefinitionError,
  type ClaimKind,
  type ClaimScenario,
  defineClaim,
  type ReplicateRange,
} from "./defineClaim.ts";
export {
  declaresTests,
  type RegisteredClaim,
  registerClaim,
  registeredClaims,
  setRegisterOnly,
} from "./registry.ts";
export {
  batchMeans,
  type ReplicateConstraints,
  type ReplicateSpec,
  runReplicates,
  runReplicatesUntil,
  type UntilReplicateConstraints,
  type UntilReplicateSpec,
} from "./replicates.ts";
export { DEFAULT_ROOT_SEED, resolveRootSeed } from "./rootSeed.ts";
export {
  failureMessage,
  jsonSafe,
  parseReplay,
  replayCommand,
  type VerifyClaimOptions,
  verifyClaim,
} from "./verifyClaim.ts";
