/**
 * The versioned schema of `report.json` (zod). A report has two parts:
 * - `body`: what was checked and found — claims, citations, scenarios, verdicts, estimates with
 *   intervals, seeds and replay paths, trajectory summaries and the collapse matrix. It is a
 *   function of the root seed, the claim files and the code alone: byte-identical across reruns,
 *   worker counts and shard splits.
 * - `run`: how this particular run went — timestamps, durations, host and environment.
 * Numbers in the body are finite JSON numbers; an infinite or undefined value is an object
 * `{ value: "Infinity" | "-Infinity" | "undefined", reason }`, never NaN, null or a missing key.
 */
import { z } from "zod";
import { scenarioFields } from "../../claims/contract.ts";
import { PRNG_ALGORITHM } from "../../rng/index.ts";
import { evidenceFields, IntSchema, OutcomeSchema, verdictFields } from "../../verdict/contract.ts";
import { MalformedReportError, ReportVersionError } from "./errors.ts";
import { SIMULATION_PRESETS, type SimulationPreset } from "./simulationPresets.ts";

/** `schema` field of every report. */
export const REPORT_SCHEMA = "collapse-harness/report";
/** The report version this harness writes and reads. */
export const REPORT_VERSION = 3;

const int = IntSchema;

/** An infinite or undefined quantity, with why. */
export const NonFiniteSchema = z.strictObject({
  value: z.enum(["Infinity", "-Infinity", "undefined"]),
  reason: z.string().min(1),
});
export type NonFinite = z.infer<typeof NonFiniteSchema>;

/** A number in a report: finite, or a {@link NonFinite} with its reason (zod rejects ±∞/NaN). */
export const NumSchema = z.union([z.number(), NonFiniteSchema]);
export type ReportNumber = z.infer<typeof NumSchema>;

export { OutcomeSchema };

// The report form of the verdict contract (src/verdict/contract.ts): non-finite numbers with
// their reasons, `violation` always present (null when none).
export const EvidenceSchema = z.strictObject({
  ...evidenceFields(NumSchema),
  violation: z.string().nullable(),
});
export type ReportEvidence = z.infer<typeof EvidenceSchema>;

export const VerdictSchema = z.strictObject(verdictFields(EvidenceSchema, NumSchema));

export const ScenarioSchema = z.strictObject(scenarioFields(VerdictSchema, z.json()));
export type ReportScenario = z.infer<typeof ScenarioSchema>;

export const CounterexampleSchema = z.strictObject({
  ...ScenarioSchema.shape,
  fcSeed: int,
  path: z.string(),
  shrinks: int,
  /** Commands that rerun exactly this counterexample. */
  replay: z.strictObject({ collapse: z.string(), vitest: z.string() }),
});
export type ReportCounterexample = z.infer<typeof CounterexampleSchema>;

/** The chain configuration a trajectory was simulated with. */
export const SeriesSpecSchema = z.strictObject({
  truth: z.string(),
  family: z.string(),
  regime: z.string(),
  samples: int,
  generations: int,
  chains: int,
  seed: int,
  streamKeys: z.array(z.union([z.string(), int])),
  tailQ: z.number(),
});

/** Per-generation across-chain summaries of one metric under one setting (index = generation). */
export const SeriesSchema = z.strictObject({
  label: z.string(),
  /** null when a claim supplied the series without a chain spec. */
  spec: SeriesSpecSchema.nullable(),
  mean: z.array(NumSchema),
  /** Standard error of the mean; null when not reported. */
  se: z.array(NumSchema).nullable(),
  median: z.array(NumSchema).nullable(),
  q05: z.array(NumSchema).nullable(),
  /** Lower and upper quartiles: the middle 50% of chains; null when not reported. */
  q25: z.array(NumSchema).nullable(),
  q75: z.array(NumSchema).nullable(),
  q95: z.array(NumSchema).nullable(),
  /**
   * A few individual chains' trajectories (the first chains by index: chains are exchangeable,
   * so the first few are a fair sample), to show what single chains do; [] when not reported.
   */
  chains: z.array(z.strictObject({ chain: int, values: z.array(NumSchema) })),
  /** Chains with a defined value, per generation; null when not reported. */
  defined: z.array(int).nullable(),
  /** Undefined metric values: how many chains, at which generation, and why. */
  undefinedValues: z.array(z.strictObject({ generation: int, chains: int, reason: z.string() })),
  /** The exact expectation, where theory gives one. */
  theory: z.strictObject({ formula: z.string(), values: z.array(NumSchema) }).nullable(),
});
export type ReportSeries = z.infer<typeof SeriesSchema>;

/** One chart's worth of trajectories: a metric per generation, one series per setting. */
export const TrajectoryChartSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  title: z.string(),
  metric: z.string(),
  yLabel: z.string(),
  note: z.string(),
  series: z.array(SeriesSchema).min(1),
});
export type TrajectoryChart = z.infer<typeof TrajectoryChartSchema>;

/** A fraction of chains: how many had the event, of how many, with its exact interval. */
export const ChainFractionSchema = z.strictObject({
  events: int,
  chains: int,
  /** Two-sided 95% Clopper–Pearson interval of events/chains. */
  interval: z.tuple([z.number(), z.number()]),
});
export type ChainFraction = z.infer<typeof ChainFractionSchema>;

/** A table of settings × regimes with one judged number per cell. */
export const MatrixSchema = z.strictObject({
  title: z.string(),
  /** How a cell's value and label are computed. */
  rule: z.string(),
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(
    z.strictObject({
      row: z.string(),
      column: z.string(),
      value: NumSchema,
      label: z.string(),
      detail: z.string(),
      /** The fraction of chains behind the label, when the rule counts chains. */
      fraction: ChainFractionSchema.nullable(),
    }),
  ),
});
export type CollapseMatrix = z.infer<typeof MatrixSchema>;

/** Per generation (index = generation): the fraction of one setting's chains with a collapse event. */
export const FractionSeriesSchema = z.strictObject({
  label: z.string(),
  spec: SeriesSpecSchema.nullable(),
  /** Chains with the event. */
  events: z.array(int),
  /** Chains with a defined value (the denominator). */
  chains: z.array(int),
  /** events/chains; undefined (with reason) when no chain has a defined value. */
  fraction: z.array(NumSchema),
  /** Two-sided 95% Clopper–Pearson interval of the fraction. */
  lower: z.array(NumSchema),
  upper: z.array(NumSchema),
});
export type FractionSeries = z.infer<typeof FractionSeriesSchema>;

/**
 * One setting's across-chain distribution of a metric at a few generations: counts of chains in
 * each bin (the bins shared by every generation and series of the chart).
 */
export const HistogramSeriesSchema = z.strictObject({
  label: z.string(),
  spec: SeriesSpecSchema.nullable(),
  /** counts[i][b]: chains (or the chart's unit) whose value at generations[i] falls in bin b. */
  counts: z.array(z.array(int)),
  /** Chains (units) not in any bin at generations[i] (undefined values; ≤ 0 on a log axis). */
  outside: z.array(int),
});
export type HistogramSeries = z.infer<typeof HistogramSeriesSchema>;

/**
 * Per-generation histograms of a metric across chains (the literature's "distribution at
 * generation t" figures): where the typical chain goes while the mean may stay put.
 */
export const HistogramChartSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  title: z.string(),
  metric: z.string(),
  /** The x axis, e.g. "σ²_t (log scale)". */
  xLabel: z.string(),
  /** Binning scale: bins equal in log10 of the value, or in the value. */
  scale: z.enum(["log10", "linear"]),
  /**
   * What the counts count, plural: "chains" for the across-chain distributions of the canonical
   * runs; "sentences" for a claim's per-sentence perplexities pooled over its chains.
   */
  unit: z.string().min(1).default("chains"),
  /** Bin edges (values, ascending; bins are [edges[b], edges[b + 1]), the last one closed). */
  edges: z.array(z.number()).min(2),
  /** The generations drawn. */
  generations: z.array(int).min(1),
  note: z.string(),
  series: z.array(HistogramSeriesSchema).min(1),
});
export type HistogramChart = z.infer<typeof HistogramChartSchema>;

/** The fraction of chains collapsed per generation, one series per regime. */
export const FractionChartSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  title: z.string(),
  metric: z.string(),
  /** The collapse event, e.g. "tail mass = 0". */
  event: z.string(),
  note: z.string(),
  series: z.array(FractionSeriesSchema).min(1),
});
export type FractionChart = z.infer<typeof FractionChartSchema>;

export const CitationSchema = z.strictObject({ source: z.string(), where: z.string() });

/** What became of one claim. `error`: the test failed without a verdict (a bug or bad setup). */
export const ClaimStatusSchema = z.enum(["supported", "refuted", "inconclusive", "error"]);

export const ClaimEntrySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  /** Property file, relative to the project root (POSIX separators). */
  file: z.string(),
  /** What the test requires: `refuted` for a planted false claim. */
  expect: z.enum(["supported", "refuted"]),
  status: ClaimStatusSchema,
  /** Whether the test passed (status matched expect). */
  passed: z.boolean(),
  citation: CitationSchema.nullable(),
  statement: z.string().nullable(),
  kind: z.string().nullable(),
  assumptions: z.array(z.string()),
  /** Real data the claim's simulations read (a text corpus with its size and split). */
  data: z.array(z.string()).default([]),
  rootSeed: int.nullable(),
  fcSeed: int.nullable(),
  alpha: NumSchema.nullable(),
  strict: z.boolean().nullable(),
  scenarios: z.array(ScenarioSchema),
  /**
   * The shrunk, replayable scenario the claim failed on: refuted (a counterexample), or — a strict
   * claim that met no refuted one — inconclusive (an undecided scenario, not evidence against the
   * claim; renderers label it by `verdict.outcome`). Null when the claim did not fail.
   */
  counterexample: CounterexampleSchema.nullable(),
  warnings: z.array(z.string()),
  /** The test's error message when status is `error`. */
  error: z.string().nullable(),
  /** Trajectories the claim put in its report meta. */
  trajectories: z.array(TrajectoryChartSchema),
  /** Per-generation histograms the claim put in its report meta (its `tables.histograms`). */
  histograms: z.array(HistogramChartSchema).default([]),
  /** A collapse matrix the claim put in its report meta. */
  matrix: MatrixSchema.nullable(),
  /** Other report tables of the claim (its `tables`), as JSON. */
  tables: z.record(z.string(), z.json()),
});
export type ClaimEntry = z.infer<typeof ClaimEntrySchema>;

export { SIMULATION_PRESETS, type SimulationPreset };

export const BodySchema = z.strictObject({
  rootSeed: int.nonnegative(),
  prngAlgorithm: z.literal(PRNG_ALGORITHM),
  /** What was run: property files (sorted) and the claim ids asked for ([] = every claim). */
  selection: z.strictObject({ files: z.array(z.string()), claims: z.array(z.string()) }),
  /**
   * Claim tests by status as shown: a non-strict claim that passed with every scenario
   * inconclusive counts as inconclusive (see lenientStatus); passed/failed as vitest judged them.
   */
  summary: z.strictObject({
    claims: int,
    supported: int,
    refuted: int,
    inconclusive: int,
    error: int,
    passed: int,
    failed: int,
  }),
  /** Sorted by id, then file. */
  claims: z.array(ClaimEntrySchema),
  /** Files that failed to load, and errors outside any test. */
  errors: z.array(z.strictObject({ file: z.string().nullable(), message: z.string() })),
  /** The canonical simulations `collapse verify` runs itself, seeded from the root seed. */
  simulations: z.strictObject({
    preset: z.enum(SIMULATION_PRESETS),
    chains: int,
    generations: int,
  }),
  trajectories: z.array(TrajectoryChartSchema),
  /** Fraction of the canonical chains collapsed per generation. */
  fractions: z.array(FractionChartSchema),
  /** Per-generation histograms of the canonical simulations. */
  histograms: z.array(HistogramChartSchema),
  matrix: MatrixSchema.nullable(),
});
export type ReportBody = z.infer<typeof BodySchema>;

export const EnvironmentSchema = z.strictObject({
  node: z.string(),
  os: z.string(),
  cpu: z.string(),
  /** Direct dependencies with the versions the lockfile pins. */
  packages: z.record(z.string(), z.string()),
  lockfile: z.string().nullable(),
  git: z.strictObject({
    commit: z.string().nullable(),
    dirty: z.boolean().nullable(),
    note: z.string(),
  }),
  rootSeed: int.nonnegative(),
  prngAlgorithm: z.literal(PRNG_ALGORITHM),
});
export type ReportEnvironment = z.infer<typeof EnvironmentSchema>;

export const RunSchema = z.strictObject({
  id: z.string(),
  /** The command line, as run. */
  command: z.array(z.string()),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
  /** Per-claim check time (ms), sorted by id. */
  claims: z.array(
    z.strictObject({ id: z.string(), file: z.string(), durationMs: z.number().nonnegative() }),
  ),
  simulationsMs: z.number().nonnegative(),
  /** vitest workers as given (--workers); null for vitest's default or a merge of shards. */
  workers: int.positive().nullable(),
  /** Set when the claims came from blob reports (`collapse report --merge`). */
  merged: z.strictObject({ folder: z.string(), blobs: z.array(z.string()) }).nullable(),
  /** SHA-256 of the body's compact JSON. */
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
  host: z.strictObject({
    hostname: z.string(),
    platform: z.string(),
    release: z.string(),
    arch: z.string(),
    cpus: int,
    memoryBytes: z.number().nonnegative(),
  }),
  environment: EnvironmentSchema,
});
export type ReportRun = z.infer<typeof RunSchema>;

export const ReportSchema = z.strictObject({
  schema: z.literal(REPORT_SCHEMA),
  version: z.literal(REPORT_VERSION),
  body: BodySchema,
  run: RunSchema,
});
export type Report = z.infer<typeof ReportSchema>;

/**
 * The JSON Schema (draft 2020-12) of report.json, generated from {@link ReportSchema} so the two
 * cannot disagree; shipped as `collapse-harness/report.schema.json` for consumers outside
 * TypeScript (`npm run schema` rewrites schemas/report.schema.json).
 */
export function reportJsonSchema(): Record<string, unknown> {
  // Named definitions for the parts a consumer refers to; other repeats get generated names.
  const names = z.registry<{ id: string }>();
  const named: [z.ZodType, string][] = [
    [NonFiniteSchema, "NonFinite"],
    [NumSchema, "ReportNumber"],
    [EvidenceSchema, "Evidence"],
    [VerdictSchema, "Verdict"],
    [ScenarioSchema, "Scenario"],
    [CounterexampleSchema, "Counterexample"],
    [SeriesSchema, "Series"],
    [TrajectoryChartSchema, "TrajectoryChart"],
    [MatrixSchema, "CollapseMatrix"],
    [FractionChartSchema, "FractionChart"],
    [HistogramChartSchema, "HistogramChart"],
    [ClaimEntrySchema, "ClaimEntry"],
    [BodySchema, "Body"],
    [RunSchema, "Run"],
  ];
  for (const [schema, id] of named) names.add(schema, { id });
  return {
    ...z.toJSONSchema(ReportSchema, {
      target: "draft-2020-12",
      reused: "ref",
      metadata: names,
      // What a reader accepts: fields zod defaults (data, histograms, unit, …) are optional.
      io: "input",
    }),
    $id: `https://collapse-harness.dev/schemas/report-v${REPORT_VERSION}.schema.json`,
    title: `collapse-harness report.json, version ${REPORT_VERSION}`,
  };
}

/** Validates a report object; throws {@link MalformedReportError} naming the first problems. */
export function validateReport(value: unknown, file: string): Report {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new MalformedReportError(file, "not a JSON object");
  }
  const o = value as Record<string, unknown>;
  if (o.schema !== REPORT_SCHEMA) {
    throw new MalformedReportError(
      file,
      `not a collapse report (schema ${JSON.stringify(o.schema)}, expected ${JSON.stringify(REPORT_SCHEMA)})`,
    );
  }
  if (o.version !== REPORT_VERSION) throw new ReportVersionError(file, o.version, REPORT_VERSION);
  const r = ReportSchema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
    throw new MalformedReportError(
      file,
      `does not match the report schema v${REPORT_VERSION}: ${issues.join("; ")}${r.error.issues.length > 5 ? ` (and ${r.error.issues.length - 5} more)` : ""}`,
    );
  }
  return r.data;
}

/** Parses report.json text; throws {@link MalformedReportError} or {@link ReportVersionError}. */
export function parseReport(text: string, file: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new MalformedReportError(file, `not valid JSON (${(e as Error).message})`);
  }
  return validateReport(value, file);
}
