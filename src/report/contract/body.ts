/**
 * Builds a report body from a collected vitest run and the canonical simulations. The body is a
 * pure function of its inputs with a fixed key order: claims sorted by id (then file), files
 * sorted, durations left out (they go to the run section), so two runs with the same root seed
 * give byte-identical bodies whatever the worker count, shard split or finishing order.
 */
import { z } from "zod";
import { claimReportFields, counterexampleFields, scenarioFields } from "../../claims/contract.ts";
import { PRNG_ALGORITHM } from "../../rng/index.ts";
import { evidenceFields, verdictFields } from "../../verdict/contract.ts";
import type { CollectedRun, CollectedTest } from "../vitest/reporter.ts";
import { InvalidClaimMetaError } from "./errors.ts";
import { metaNumber } from "./numbers.ts";
import {
  type ClaimEntry,
  type CollapseMatrix,
  type FractionChart,
  type HistogramChart,
  HistogramChartSchema,
  NonFiniteSchema,
  type ReportBody,
  type ReportCounterexample,
  type ReportEvidence,
  type ReportNumber,
  type ReportScenario,
  type ReportSeries,
  SeriesSpecSchema,
  type SimulationPreset,
  type TrajectoryChart,
} from "./schema.ts";

const MetaNum = z.union([
  z.number(),
  z.enum(["Infinity", "-Infinity", "undefined"]),
  NonFiniteSchema,
]);
type MetaNumber = z.infer<typeof MetaNum>;

// The wire form of the verdict contract (src/verdict/contract.ts): numbers as jsonSafe wrote them.
const MetaEvidence = z.object({ ...evidenceFields(MetaNum), violation: z.string().optional() });
type MetaEvidence = z.infer<typeof MetaEvidence>;

const MetaScenario = z.object(
  scenarioFields(z.object(verdictFields(MetaEvidence, MetaNum)), z.json()),
);
type MetaScenario = z.infer<typeof MetaScenario>;

const MetaSeries = z.object({
  label: z.string(),
  spec: SeriesSpecSchema.nullable().optional(),
  mean: z.array(MetaNum),
  se: z.array(MetaNum).nullable().optional(),
  median: z.array(MetaNum).nullable().optional(),
  q05: z.array(MetaNum).nullable().optional(),
  q25: z.array(MetaNum).nullable().optional(),
  q75: z.array(MetaNum).nullable().optional(),
  q95: z.array(MetaNum).nullable().optional(),
  chains: z.array(z.object({ chain: z.number().int(), values: z.array(MetaNum) })).optional(),
  defined: z.array(z.number().int()).nullable().optional(),
  undefinedValues: z
    .array(z.object({ generation: z.number().int(), chains: z.number().int(), reason: z.string() }))
    .optional(),
  theory: z
    .object({ formula: z.string(), values: z.array(MetaNum) })
    .nullable()
    .optional(),
});

/**
 * Trajectories a claim may put in `task.meta.collapse.trajectories`: charts of per-generation
 * summaries (see seriesFromResult), numbers as JSON-safe values.
 */
export const ClaimTrajectoriesSchema = z.array(
  z.object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    title: z.string(),
    metric: z.string(),
    yLabel: z.string().optional(),
    note: z.string().optional(),
    series: z.array(MetaSeries).min(1),
  }),
);

/**
 * Histograms a claim may put in `tables.histograms` (e.g. series from pooledHistogramSeries): the
 * report's histogram charts, every count an integer.
 */
export const ClaimHistogramsSchema = z.array(HistogramChartSchema);

/** A collapse matrix a claim may put in `task.meta.collapse.matrix`. */
export const ClaimMatrixSchema = z.object({
  title: z.string(),
  rule: z.string(),
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(
    z.object({
      row: z.string(),
      column: z.string(),
      value: MetaNum,
      label: z.string(),
      detail: z.string().optional(),
      fraction: z
        .object({
          events: z.number().int(),
          chains: z.number().int(),
          interval: z.tuple([z.number(), z.number()]),
        })
        .nullable()
        .optional(),
    }),
  ),
});

// The wire form of a claim's report (claimReportFields, src/claims/contract.ts), plus what
// verifyClaim adds (expect, trajectories, matrix); lenient where older metas differ.
const MetaReport = z.object({
  ...claimReportFields(
    MetaScenario,
    MetaScenario.extend(counterexampleFields),
    MetaNum,
    z.string(),
  ),
  dataSources: z.array(z.string()).default([]),
  durationMs: z.number().optional(),
  tables: z.record(z.string(), z.json()).optional(),
  expect: z.enum(["supported", "refuted"]).optional(),
  trajectories: z.unknown().optional(),
  matrix: z.unknown().optional(),
});
type MetaReport = z.infer<typeof MetaReport>;

const EVIDENCE_FIELDS = ["statistic", "pValue", "estimate", "alpha", "detectableEffect"] as const;

function evidenceReason(e: MetaEvidence, field: string, value: string): string {
  if (field === "statistic" && value !== "undefined") {
    return "zero standard error: every replicate gave the same value, which differs from the claimed one";
  }
  if (field === "detectableEffect" && value === "Infinity") {
    return "no informative replicate (every pair tied), so no deviation is detectable";
  }
  if (field === "estimate" && value === "undefined") {
    return "no informative replicate (every pair tied): the estimate is undefined";
  }
  return `the ${e.rule} rule (${e.test}) computed ${field} = ${value}`;
}

function evidence(e: MetaEvidence): ReportEvidence {
  const n = (field: (typeof EVIDENCE_FIELDS)[number]) =>
    metaNumber(e[field], (v) => evidenceReason(e, field, v));
  return {
    rule: e.rule,
    claim: e.claim,
    test: e.test,
    outcome: e.outcome,
    statistic: n("statistic"),
    pValue: n("pValue"),
    estimate: n("estimate"),
    interval: [
      metaNumber(e.interval[0], (v) => evidenceReason(e, "interval lower bound", v)),
      metaNumber(e.interval[1], (v) => evidenceReason(e, "interval upper bound", v)),
    ],
    replicates: e.replicates,
    alpha: n("alpha"),
    detectableEffect: n("detectableEffect"),
    violation: e.violation ?? null,
  };
}

function scenario(s: MetaScenario): ReportScenario {
  return {
    scenario: s.scenario,
    setting: s.setting,
    seed: s.seed,
    verdict: {
      outcome: s.verdict.outcome,
      replicates: s.verdict.replicates,
      looks: s.verdict.looks,
      alphaPerTest: metaNumber(
        s.verdict.alphaPerTest,
        (v) => `α per test is ${v}: the claim's α split over checks × looks`,
      ),
      evidence: s.verdict.evidence.map(evidence),
    },
  };
}

/** `npx collapse replay …` and the equivalent vitest command for a counterexample. */
export function replayCommands(
  id: string,
  file: string,
  fcSeed: number,
  path: string,
): { collapse: string; vitest: string } {
  return {
    collapse: `npx collapse replay ${id} --seed=${fcSeed} --path='${path}'`,
    vitest: `COLLAPSE_REPLAY='${id}:${fcSeed}:${path}' npx vitest run ${file} -t '${id}'`,
  };
}

function claimNumber(id: string) {
  return (v: MetaNumber): ReportNumber =>
    metaNumber(v, (value) => `claim ${id} reported ${value} (no reason given)`);
}

/** Normalizes the trajectories a claim put in its meta; throws InvalidClaimMetaError. */
export function claimTrajectories(id: string, raw: unknown): TrajectoryChart[] {
  if (raw === undefined) return [];
  const r = ClaimTrajectoriesSchema.safeParse(raw);
  if (!r.success) {
    throw new InvalidClaimMetaError(
      id,
      `trajectories do not match the schema: ${r.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.map(String).join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  }
  const num = claimNumber(id);
  // A series' non-finite value at generation t takes the reason its undefinedValues give for t.
  const at =
    (s: { undefinedValues?: readonly { generation: number; reason: string }[] }) =>
    (v: MetaNumber, t: number): ReportNumber => {
      const reason = s.undefinedValues?.find((u) => u.generation === t)?.reason;
      return reason === undefined ? num(v) : metaNumber(v, () => reason);
    };
  return r.data.map((c) => ({
    id: c.id,
    title: c.title,
    metric: c.metric,
    yLabel: c.yLabel ?? c.metric,
    note: c.note ?? "",
    series: c.series.map(
      (s): ReportSeries => ({
        label: s.label,
        spec: s.spec ?? null,
        mean: s.mean.map(at(s)),
        se: s.se?.map(at(s)) ?? null,
        median: s.median?.map(at(s)) ?? null,
        q05: s.q05?.map(at(s)) ?? null,
        q25: s.q25?.map(at(s)) ?? null,
        q75: s.q75?.map(at(s)) ?? null,
        q95: s.q95?.map(at(s)) ?? null,
        chains: (s.chains ?? []).map((c) => ({ chain: c.chain, values: c.values.map(at(s)) })),
        defined: s.defined ?? null,
        undefinedValues: s.undefinedValues ?? [],
        theory: s.theory ? { formula: s.theory.formula, values: s.theory.values.map(num) } : null,
      }),
    ),
  }));
}

/**
 * Checks the histograms a claim put in its `tables`: the schema, ascending edges (> 0 on a log10
 * scale), and per series one row of edges − 1 counts and one outside count per generation;
 * throws InvalidClaimMetaError.
 */
export function claimHistograms(id: string, raw: unknown): HistogramChart[] {
  if (raw === undefined) return [];
  const r = ClaimHistogramsSchema.safeParse(raw);
  const why = (message: string) => new InvalidClaimMetaError(id, `histograms ${message}`);
  if (!r.success) {
    throw why(
      `do not match the schema: ${r.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.map(String).join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  }
  for (const c of r.data) {
    const bins = c.edges.length - 1;
    if (c.edges.some((x, b) => !Number.isFinite(x) || (b > 0 && !(x > c.edges[b - 1])))) {
      throw why(`${c.id}: edges must be finite and strictly ascending, got ${c.edges.join(", ")}`);
    }
    if (c.scale === "log10" && !(c.edges[0] > 0)) {
      throw why(`${c.id}: edges of a log10 scale must be > 0, got ${c.edges[0]}`);
    }
    for (const s of c.series) {
      const rows = s.counts.length;
      if (rows !== c.generations.length || s.outside.length !== c.generations.length) {
        throw why(
          `${c.id}, series "${s.label}": counts and outside need one entry per generation (${c.generations.length}), got ${rows} and ${s.outside.length}`,
        );
      }
      const bad = s.counts.findIndex((row) => row.length !== bins);
      if (bad >= 0) {
        throw why(
          `${c.id}, series "${s.label}": counts[${bad}] needs ${bins} bins (one per pair of edges), got ${s.counts[bad].length}`,
        );
      }
    }
  }
  return r.data;
}

/** Normalizes a collapse matrix a claim put in its meta; throws InvalidClaimMetaError. */
export function claimMatrix(id: string, raw: unknown): CollapseMatrix | null {
  if (raw === undefined || raw === null) return null;
  const r = ClaimMatrixSchema.safeParse(raw);
  if (!r.success) {
    throw new InvalidClaimMetaError(
      id,
      `matrix does not match the schema: ${r.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.map(String).join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  }
  const num = claimNumber(id);
  return {
    title: r.data.title,
    rule: r.data.rule,
    rows: r.data.rows,
    columns: r.data.columns,
    cells: r.data.cells.map((c) => ({
      row: c.row,
      column: c.column,
      value: num(c.value),
      label: c.label,
      detail: c.detail ?? "",
      fraction: c.fraction ?? null,
    })),
  };
}

const PLANTED = "(planted false claim, must be refuted)";

function nameParts(name: string): { id: string; title: string } {
  const i = name.indexOf(": ");
  const head = i < 0 ? name : name.slice(0, i);
  return {
    id: head.replace(` ${PLANTED}`, "").trim(),
    title: i < 0 ? "" : name.slice(i + 2),
  };
}

/** The claim id of a collected test: from its claim report, else from its name. */
export function testClaimId(t: CollectedTest): string {
  const m = t.meta;
  if (m !== null && typeof m === "object" && "claim" in m) {
    const c = m.claim;
    if (c !== null && typeof c === "object" && "id" in c && typeof c.id === "string") return c.id;
  }
  return nameParts(t.name).id;
}

function claimEntry(t: CollectedTest, errors: ReportBody["errors"]): ClaimEntry {
  const parsed = MetaReport.safeParse(t.meta);
  const fromName = nameParts(t.name);
  const expectFromName = t.name.includes(PLANTED) ? "refuted" : "supported";
  if (!parsed.success) {
    const why =
      t.meta === undefined
        ? t.errors.join("\n") || "the test stored no claim report"
        : `the test's claim report does not match the schema: ${parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.map(String).join(".")}: ${i.message}`)
            .join("; ")}`;
    return {
      id: fromName.id,
      title: fromName.title,
      file: t.file,
      expect: expectFromName,
      status: "error",
      passed: t.state === "passed",
      citation: null,
      statement: null,
      kind: null,
      assumptions: [],
      data: [],
      rootSeed: null,
      fcSeed: null,
      alpha: null,
      strict: null,
      scenarios: [],
      counterexample: null,
      warnings: [],
      error: why,
      trajectories: [],
      histograms: [],
      matrix: null,
      tables: {},
    };
  }
  const m: MetaReport = parsed.data;
  const id = m.claim.id;
  let trajectories: TrajectoryChart[] = [];
  let histograms: HistogramChart[] = [];
  let matrix: CollapseMatrix | null = null;
  // Typed data at meta.trajectories / meta.matrix must fit its schema; the claim's free-form
  // `tables` are kept as JSON, except entries named trajectories / matrix that fit the typed
  // schemas, which are charted and tabulated like the canonical ones.
  const tables: Record<string, z.core.util.JSONType> = { ...(m.tables ?? {}) };
  let rawTrajectories = m.trajectories;
  let rawMatrix = m.matrix;
  if (
    rawTrajectories === undefined &&
    ClaimTrajectoriesSchema.safeParse(tables.trajectories).success
  ) {
    rawTrajectories = tables.trajectories;
    delete tables.trajectories;
  }
  if (rawMatrix === undefined && ClaimMatrixSchema.safeParse(tables.matrix).success) {
    rawMatrix = tables.matrix;
    delete tables.matrix;
  }
  // Histograms exist only as `tables.histograms`; one that does not fit is an error, not a table.
  const rawHistograms = tables.histograms;
  delete tables.histograms;
  try {
    histograms = claimHistograms(id, rawHistograms);
    trajectories = claimTrajectories(id, rawTrajectories);
    matrix = claimMatrix(id, rawMatrix);
  } catch (e) {
    if (!(e instanceof InvalidClaimMetaError)) throw e;
    errors.push({ file: t.file, message: `${e.name}: ${e.message}` });
  }
  const c = m.counterexample;
  const counterexample: ReportCounterexample | null =
    c === undefined
      ? null
      : {
          ...scenario(c),
          fcSeed: c.fcSeed,
          path: c.path,
          shrinks: c.shrinks,
          replay: replayCommands(id, t.file, c.fcSeed, c.path),
        };
  // A test that failed although its verdict is what it expects failed for another reason.
  const unexpected = t.state === "failed" && m.status === (m.expect ?? expectFromName);
  return {
    id,
    title: m.claim.title,
    file: t.file,
    expect: m.expect ?? expectFromName,
    status: unexpected ? "error" : m.status,
    passed: t.state === "passed",
    citation: { source: m.claim.citation.source, where: m.claim.citation.where },
    statement: m.claim.statement,
    kind: m.claim.kind,
    assumptions: m.claim.assumptions,
    data: m.dataSources,
    rootSeed: m.rootSeed,
    fcSeed: m.fcSeed,
    alpha: metaNumber(m.alpha, (v) => `the claim's α is ${v}`),
    strict: m.strict,
    scenarios: m.scenarios.map(scenario),
    counterexample,
    warnings: m.warnings,
    error: unexpected ? t.errors.join("\n") || "the test failed" : null,
    trajectories,
    histograms,
    matrix,
    tables,
  };
}

/** Inputs of {@link buildBody} besides the collected run. */
export interface BodyOptions {
  readonly rootSeed: number;
  /** Claim ids asked for ([] = every claim in the files). */
  readonly claims: readonly string[];
  readonly preset: SimulationPreset;
  readonly chains: number;
  readonly generations: number;
  readonly trajectories: readonly TrajectoryChart[];
  readonly fractions: readonly FractionChart[];
  readonly histograms: readonly HistogramChart[];
  readonly matrix: CollapseMatrix | null;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The report body of a collected run (see the module comment for what makes it deterministic). */
export function buildBody(run: CollectedRun, o: BodyOptions): ReportBody {
  const errors: ReportBody["errors"] = [];
  const claims = run.tests
    .filter((t) => t.state === "passed" || t.state === "failed")
    .map((t) => claimEntry(t, errors))
    .sort((a, b) => compare(a.id, b.id) || compare(a.file, b.file));
  for (const e of run.moduleErrors) errors.push({ file: e.file, message: e.message });
  for (const message of run.unhandledErrors) errors.push({ file: null, message });
  errors.sort((a, b) => compare(a.file ?? "", b.file ?? "") || compare(a.message, b.message));
  // Counted as shown (lenientStatus): a non-strict claim whose every scenario was inconclusive
  // passed without evidence for it, so it counts as inconclusive, not supported.
  const shown = (c: ClaimEntry): ClaimEntry["status"] =>
    c.status === "supported" &&
    c.scenarios.length > 0 &&
    c.scenarios.every((sc) => sc.verdict.outcome === "inconclusive")
      ? "inconclusive"
      : c.status;
  const count = (s: ClaimEntry["status"]) => claims.filter((c) => shown(c) === s).length;
  const passed = claims.filter((c) => c.passed).length;
  return {
    rootSeed: o.rootSeed,
    prngAlgorithm: PRNG_ALGORITHM,
    selection: { files: [...run.files].sort(compare), claims: [...o.claims].sort(compare) },
    summary: {
      claims: claims.length,
      supported: count("supported"),
      refuted: count("refuted"),
      inconclusive: count("inconclusive"),
      error: count("error"),
      passed,
      failed: claims.length - passed,
    },
    claims,
    errors,
    simulations: { preset: o.preset, chains: o.chains, generations: o.generations },
    trajectories: [...o.trajectories],
    fractions: [...o.fractions],
    histograms: [...o.histograms],
    matrix: o.matrix,
  };
}
