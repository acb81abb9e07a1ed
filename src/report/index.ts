export {
  buildBody,
  ClaimMatrixSchema,
  ClaimTrajectoriesSchema,
  claimMatrix,
  claimTrajectories,
  replayCommands,
} from "./body.ts";
export {
  CANONICAL_REGIMES,
  COLLAPSE_RATIO,
  canonicalSpecs,
  collapseMatrix,
  fractionSeries,
  MATRIX_ROWS,
  MATRIX_RULE,
  matrixCellCounts,
  PRESET_SIZES,
  runCanonical,
  SAMPLE_CHAINS,
  seriesFromResult,
} from "./canonical.ts";
export {
  chartSpec,
  fractionChartSpec,
  renderChartSvg,
  renderFractionSvg,
} from "./charts.ts";
export { type Difference, diffJson } from "./compare.ts";
export { environment, gitState, host, lockfilePackages } from "./environment.ts";
export {
  ClaimFileError,
  DuplicateClaimError,
  ForeignClaimFileError,
  ForeignFilesError,
  InvalidClaimMetaError,
  MalformedReportError,
  MissingPathError,
  MissingSeedError,
  NoClaimFilesError,
  ReportError,
  ReportFolderBusyError,
  ReportVersionError,
  ScaffoldError,
  SeedMismatchError,
  UnknownClaimError,
  UnwritableOutputError,
} from "./errors.ts";
export { renderHtml } from "./html.ts";
export { claimById, findClaimFiles, type LoadedClaim, loadClaims } from "./loader.ts";
export { renderMarkdown } from "./markdown.ts";
export { formatNumber, numberValue, reportNumber } from "./numbers.ts";
export { CollapseReporter, type CollectedRun, type CollectedTest } from "./reporter.ts";
export {
  assembleReport,
  mergeReport,
  readReport,
  verify,
  verifyReport,
} from "./run.ts";
export {
  BodySchema,
  type ClaimEntry,
  type CollapseMatrix,
  type FractionChart,
  parseReport,
  REPORT_SCHEMA,
  REPORT_VERSION,
  type Report,
  type ReportBody,
  type ReportNumber,
  type ReportRun,
  ReportSchema,
  type ReportSeries,
  SIMULATION_PRESETS,
  type SimulationPreset,
  type TrajectoryChart,
  validateReport,
} from "./schema.ts";
export { bodyDigest, serializeReport, writeFileAtomic, writeReport } from "./write.ts";
