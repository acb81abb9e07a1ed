/**
 * Reports, by concern:
 * - `vitest/`: what runs inside vitest — the reporter that collects claims' `task.meta`, the
 *   evidence table printed after a run, the default config file;
 * - `contract/`: the report and calibration file formats (zod schemas, from which the JSON
 *   Schema is generated), the body built from a collected run, numbers, errors, environment;
 * - `render/`: Markdown, HTML, charts and math typesetting of a report or a calibration;
 * - `run/`: orchestration — `collapse verify`/`report`/`verify-report`/`calibrate` runs, loading
 *   claim files, atomic writes;
 * - `simulations/`: the canonical chain simulations a report carries.
 */
export {
  buildBody,
  ClaimMatrixSchema,
  ClaimTrajectoriesSchema,
  claimMatrix,
  claimTrajectories,
  replayCommands,
} from "./contract/body.ts";
export { type Difference, diffJson } from "./contract/compare.ts";
export { environment, gitState, host, lockfilePackages } from "./contract/environment.ts";
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
} from "./contract/errors.ts";
export { formatNumber, numberValue, reportNumber } from "./contract/numbers.ts";
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
} from "./contract/schema.ts";
export {
  chartSpec,
  fractionChartSpec,
  renderChartSvg,
  renderFractionSvg,
} from "./render/charts.ts";
export { renderHtml } from "./render/html.ts";
export { renderMarkdown } from "./render/markdown.ts";
export { claimById, findClaimFiles, type LoadedClaim, loadClaims } from "./run/loader.ts";
export {
  assembleReport,
  mergeReport,
  readReport,
  verify,
  verifyReport,
} from "./run/run.ts";
export { bodyDigest, serializeReport, writeFileAtomic, writeReport } from "./run/write.ts";
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
} from "./simulations/canonical.ts";
export { CollapseReporter, type CollectedRun, type CollectedTest } from "./vitest/reporter.ts";
