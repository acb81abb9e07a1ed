/**
 * The canonical simulations `collapse verify` runs itself so every report carries meaningful
 * trajectories: a Gaussian refitted by its unbiased and by its MLE variance, and a Zipf law
 * refitted by categorical MLE, each under replace, accumulate and fresh data, seeded from the
 * root seed (so the body stays a function of the seed). Exact theory curves where they exist:
 * E[σ²_t] = σ² (unbiased, replace), E[σ²_t] = ((M−1)/M)^t σ² (MLE, replace),
 * E[H_t] = (1 − 1/M)^t H_0 (heterozygosity, categorical MLE, replace).
 */
import type { ChainSpec } from "../chain/chainSpec.ts";
import { configFromSpec } from "../chain/chainSpec.ts";
import { type ChainResult, runChains } from "../chain/runChains.ts";
import { truthFromSpec } from "../chain/specs.ts";
import { summarizeMetric } from "../chain/summarize.ts";
import type { MetricId } from "../metrics/metric.ts";
import { heterozygosity } from "../model/categorical.ts";
import { reportNumber } from "./numbers.ts";
import type {
  CollapseMatrix,
  ReportNumber,
  ReportSeries,
  SimulationPreset,
  TrajectoryChart,
} from "./schema.ts";

/** Chains and generations of each preset (`none` runs nothing). */
export const PRESET_SIZES: Readonly<
  Record<SimulationPreset, { chains: number; generations: number }>
> = {
  standard: { chains: 1000, generations: 40 },
  small: { chains: 24, generations: 8 },
  none: { chains: 0, generations: 0 },
};

/** The regimes compared, with their display labels. */
export const CANONICAL_REGIMES = [
  { spec: "replace", label: "replace" },
  { spec: "accumulate", label: "accumulate" },
  { spec: "fresh:lambda=1", label: "fresh (λ = 1)" },
] as const;

interface Setting {
  readonly id: string;
  readonly truth: string;
  readonly family: string;
  readonly samples: number;
  readonly metrics: readonly MetricId[];
}

const GAUSSIAN = "gaussian:mean=0,sd=1";
const ZIPF = "zipf:k=50,s=1.1";
const TAIL_Q = 0.05;

const SETTINGS: readonly Setting[] = [
  {
    id: "gaussian-unbiased",
    truth: GAUSSIAN,
    family: "gaussian-unbiased",
    samples: 50,
    metrics: ["variance"],
  },
  {
    id: "gaussian-mle",
    truth: GAUSSIAN,
    family: "gaussian-mle",
    samples: 50,
    metrics: ["variance"],
  },
  {
    id: "categorical-mle",
    truth: ZIPF,
    family: "categorical-mle",
    samples: 100,
    metrics: ["tail-mass", "support", "entropy", "heterozygosity"],
  },
];

interface ChartPlan {
  readonly id: string;
  readonly title: string;
  readonly setting: string;
  readonly metric: MetricId;
  readonly yLabel: string;
  readonly note: string;
  /** Exact E[metric_t] under replace, if theory gives one. */
  readonly theory?: { formula: string; value: (t: number, M: number) => number };
}

let h0: number | undefined;
/** Heterozygosity of the Zipf truth (computed once, on first use). */
function truthHeterozygosity(): number {
  h0 ??= heterozygosity((truthFromSpec(ZIPF).model as unknown as { readonly p: Float64Array }).p);
  return h0;
}

const CHARTS: readonly ChartPlan[] = [
  {
    id: "variance-unbiased",
    title: "Variance, Gaussian refitted by the unbiased estimator, M = 50",
    setting: "gaussian-unbiased",
    metric: "variance",
    yLabel: "σ²_t (mean over chains)",
    note: "Truth N(0, 1). Under replace the unbiased fit keeps E[σ²_t] = 1 exactly while almost every chain's variance drifts to 0.",
    theory: { formula: "E[σ²_t] = σ² = 1", value: () => 1 },
  },
  {
    id: "variance-mle",
    title: "Variance, Gaussian refitted by maximum likelihood, M = 50",
    setting: "gaussian-mle",
    metric: "variance",
    yLabel: "σ²_t (mean over chains)",
    note: "Truth N(0, 1). The MLE divides by M: under replace E[σ²_t] = ((M−1)/M)^t.",
    theory: { formula: "E[σ²_t] = ((M−1)/M)^t", value: (t, M) => ((M - 1) / M) ** t },
  },
  {
    id: "tail-mass",
    title: "Tail mass, categorical MLE on Zipf(k = 50, s = 1.1), M = 100",
    setting: "categorical-mle",
    metric: "tail-mass",
    yLabel: "model mass on the truth's 5% tail",
    note: "Mass the fitted law puts on the truth's rarest symbols (5% of the truth's mass). Its expectation is a martingale under replace; the typical chain loses it.",
  },
  {
    id: "support",
    title: "Support, categorical MLE on Zipf(k = 50, s = 1.1), M = 100",
    setting: "categorical-mle",
    metric: "support",
    yLabel: "symbols with positive mass",
    note: "A symbol that is not sampled is lost for good under replace; accumulate and fresh data keep or recover it.",
  },
  {
    id: "entropy",
    title: "Entropy, categorical MLE on Zipf(k = 50, s = 1.1), M = 100",
    setting: "categorical-mle",
    metric: "entropy",
    yLabel: "entropy (nats)",
    note: "No closed form for E[entropy_t]; see heterozygosity for the exact decay.",
  },
  {
    id: "heterozygosity",
    title: "Heterozygosity 1 − Σp², categorical MLE, Zipf(50, 1.1), M = 100",
    setting: "categorical-mle",
    metric: "heterozygosity",
    yLabel: "H_t (mean over chains)",
    note: "Wright–Fisher: under replace E[H_t] = (1 − 1/M)^t H_0.",
    theory: {
      formula: "E[H_t] = (1 − 1/M)^t H_0",
      value: (t, M) => (1 - 1 / M) ** t * truthHeterozygosity(),
    },
  },
];

/** The chain specs a preset runs, keyed `${setting}/${regime}`, for a root seed. */
export function canonicalSpecs(
  rootSeed: number,
  preset: SimulationPreset,
): {
  key: string;
  setting: Setting;
  regime: (typeof CANONICAL_REGIMES)[number];
  spec: ChainSpec;
}[] {
  const size = PRESET_SIZES[preset];
  if (size.chains === 0) return [];
  return SETTINGS.flatMap((setting) =>
    CANONICAL_REGIMES.map((regime) => ({
      key: `${setting.id}/${regime.spec}`,
      setting,
      regime,
      spec: {
        truth: setting.truth,
        family: setting.family,
        regime: regime.spec,
        samples: setting.samples,
        generations: size.generations,
        chains: size.chains,
        seed: rootSeed,
        // Common random numbers: the regimes of a setting share each chain's stream, so they
        // start from the same real sample D₁.
        streamKeys: ["collapse-report", setting.id],
        metrics: setting.metrics,
        tailQ: TAIL_Q,
      },
    })),
  );
}

/** Why a metric can be infinite, where the engine documents it. */
const INFINITE_WHY: Readonly<Partial<Record<string, string>>> = {
  kl: "KL(truth ‖ model) is +∞ when the model gives probability 0 to a symbol the truth has",
  perplexity: "a held-out token has probability 0 under the model",
  "log-det": "the fitted covariance is singular",
  "log-variance": "the fitted variance is 0",
  entropy: "the fitted covariance is singular",
};

function seriesReason(
  result: ChainResult,
  metric: string,
  stat: string,
  t: number,
  defined: number,
  values: Float64Array,
): string {
  if (defined === 0) {
    const why = result.undefinedValues.find((u) => u.metric === metric && u.generation === t);
    return `no chain has a defined ${metric} at generation ${t}${why ? `: ${why.reason}` : ""}`;
  }
  const T1 = result.generations + 1;
  let inf = 0;
  for (let c = 0; c < result.chains; c++) {
    const v = result.values[metric][c * T1 + t];
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) inf++;
  }
  if (stat === "se" && inf === 0 && defined < 2) {
    return `only ${defined} chain has a defined ${metric} at generation ${t}: a standard error needs two`;
  }
  if (stat === "se")
    return `the mean of ${metric} at generation ${t} is infinite, so its standard error is +∞`;
  const sign = values[t] > 0 ? "+∞" : "−∞";
  const why = INFINITE_WHY[metric];
  return `${metric} is infinite on ${inf} of ${defined} chains at generation ${t}, so the ${stat} is ${sign}${why ? ` (${why})` : ""}`;
}

/**
 * Summaries of one metric of a chain result as a report series: mean, standard error, median
 * and 5%/95% quantiles per generation, every non-finite value with its reason, and the grouped
 * reasons of undefined values. Usable by claims that put trajectories in their report meta.
 */
export function seriesFromResult(
  result: ChainResult,
  metric: MetricId,
  label: string,
  spec: ChainSpec | null,
  theory: { formula: string; values: readonly number[] } | null = null,
): ReportSeries {
  const s = summarizeMetric(result, metric);
  const stat = (name: "mean" | "se" | "median" | "q05" | "q95"): ReportNumber[] =>
    Array.from(s[name], (x, t) =>
      reportNumber(x, () => seriesReason(result, metric, name, t, s.defined[t], s[name])),
    );
  const groups = new Map<string, { generation: number; chains: number; reason: string }>();
  for (const u of result.undefinedValues) {
    if (u.metric !== metric) continue;
    const key = `${u.generation}\u0000${u.reason}`;
    const g = groups.get(key);
    if (g) g.chains++;
    else groups.set(key, { generation: u.generation, chains: 1, reason: u.reason });
  }
  const undefinedValues = [...groups.values()].sort(
    (a, b) =>
      a.generation - b.generation || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0),
  );
  return {
    label,
    spec:
      spec === null
        ? null
        : {
            truth: spec.truth,
            family: spec.family,
            regime: spec.regime,
            samples: spec.samples,
            generations: spec.generations,
            chains: spec.chains,
            seed: Number(spec.seed),
            streamKeys: [...(spec.streamKeys ?? [])],
            tailQ: spec.tailQ ?? 0.05,
          },
    mean: stat("mean"),
    se: stat("se"),
    median: stat("median"),
    q05: stat("q05"),
    q95: stat("q95"),
    defined: Array.from(s.defined),
    undefinedValues,
    theory:
      theory === null
        ? null
        : {
            formula: theory.formula,
            values: theory.values.map((v, t) =>
              reportNumber(v, () => `the theory value at generation ${t} is not finite`),
            ),
          },
  };
}

function finite(n: ReportNumber | undefined): number | undefined {
  return typeof n === "number" ? n : undefined;
}

/** The rule by which {@link collapseMatrix} labels a cell. */
export const MATRIX_RULE =
  "value = mean at the last generation T ÷ value at generation 0 (the truth); " +
  "'declines' when mean_T + 1.96·se_T < 0.9·x_0, 'grows' when mean_T − 1.96·se_T > 1.1·x_0, " +
  "otherwise 'stable'";

/** The collapse matrix of trajectory charts: one row per chart, one column per series label. */
export function collapseMatrix(charts: readonly TrajectoryChart[]): CollapseMatrix {
  const columns = [...new Set(charts.flatMap((c) => c.series.map((s) => s.label)))];
  const cells: CollapseMatrix["cells"] = [];
  for (const chart of charts) {
    for (const s of chart.series) {
      const T = s.mean.length - 1;
      const x0 = finite(s.mean[0]);
      const xT = finite(s.mean[T]);
      const seT = finite(s.se?.[T]);
      let value: ReportNumber;
      let label: string;
      if (x0 === undefined || xT === undefined || seT === undefined || x0 === 0) {
        value = {
          value: "undefined",
          reason:
            x0 === 0
              ? "the generation-0 value is 0"
              : "the mean or its standard error is not finite at generation 0 or T",
        };
        label = "undefined";
      } else {
        value = xT / x0;
        label =
          xT + 1.96 * seT < 0.9 * x0 ? "declines" : xT - 1.96 * seT > 1.1 * x0 ? "grows" : "stable";
      }
      const fmt = (x: number | undefined) =>
        x === undefined ? "n/a" : Number(x.toPrecision(4)).toString();
      cells.push({
        row: chart.title,
        column: s.label,
        value,
        label,
        detail: `x_0 = ${fmt(x0)}, x_${T} = ${fmt(xT)} ± ${fmt(seT)}`,
      });
    }
  }
  return {
    title: "Collapse matrix: last generation relative to the truth, by regime",
    rule: MATRIX_RULE,
    rows: charts.map((c) => c.title),
    columns,
    cells,
  };
}

/** Result of {@link runCanonical}. */
export interface CanonicalResult {
  readonly trajectories: TrajectoryChart[];
  readonly matrix: CollapseMatrix | null;
}

/**
 * Runs the preset's canonical simulations for a root seed and returns the trajectory charts and
 * their collapse matrix. Runs in this thread (the chains are fast; a worker pool would cost more
 * to start than it saves); every chain has its own derived stream, so nothing depends on order.
 */
export function runCanonical(rootSeed: number, preset: SimulationPreset): CanonicalResult {
  const runs = canonicalSpecs(rootSeed, preset);
  if (runs.length === 0) return { trajectories: [], matrix: null };
  const results = new Map<string, ChainResult>();
  for (const r of runs) {
    results.set(r.key, runChains(configFromSpec(r.spec)));
  }
  const trajectories: TrajectoryChart[] = CHARTS.map((chart) => ({
    id: chart.id,
    title: chart.title,
    metric: chart.metric,
    yLabel: chart.yLabel,
    note: chart.note,
    series: runs
      .filter((r) => r.setting.id === chart.setting)
      .map((r) => {
        const result = results.get(r.key) as ChainResult;
        const theory =
          chart.theory !== undefined && r.regime.spec === "replace"
            ? {
                formula: chart.theory.formula,
                values: Array.from({ length: r.spec.generations + 1 }, (_, t) =>
                  (chart.theory as NonNullable<ChartPlan["theory"]>).value(t, r.spec.samples),
                ),
              }
            : null;
        return seriesFromResult(result, chart.metric, r.regime.label, r.spec, theory);
      }),
  }));
  return { trajectories, matrix: collapseMatrix(trajectories) };
}
