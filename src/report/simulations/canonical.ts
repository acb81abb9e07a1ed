/**
 * The canonical simulations `collapse verify` runs itself so every report carries meaningful
 * trajectories: a Gaussian refitted by its unbiased and by its MLE variance, and a Zipf law
 * refitted by categorical MLE, each under replace, accumulate and fresh data, seeded from the
 * root seed (so the body stays a function of the seed). Exact theory curves where they exist:
 * E[σ²_t] = σ² (unbiased, replace), E[σ²_t] = ((M−1)/M)^t σ² (MLE, replace),
 * E[H_t] = (1 − 1/M)^t H_0 (heterozygosity, categorical MLE, replace).
 */
import type { ChainSpec } from "../../chain/chainSpec.ts";
import { configFromSpec } from "../../chain/chainSpec.ts";
import { type ChainResult, runChains } from "../../chain/runChains.ts";
import { truthFromSpec } from "../../chain/specs.ts";
import {
  exceedanceCounts,
  generationValues,
  summarizeMetric,
  type ThresholdComparison,
} from "../../chain/summarize.ts";
import type { MetricId } from "../../metrics/metric.ts";
import { heterozygosity } from "../../model/categorical.ts";
import { quantile } from "../../numeric/index.ts";
import { clopperPearson } from "../../verdict/rules.ts";
import { formatNumber, reportNumber } from "../contract/numbers.ts";
import type {
  ChainFraction,
  CollapseMatrix,
  FractionChart,
  FractionSeries,
  HistogramChart,
  HistogramSeries,
  ReportNumber,
  ReportSeries,
  SimulationPreset,
  TrajectoryChart,
} from "../contract/schema.ts";

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
    yLabel: "σ²_t",
    note: "Truth N(0, 1). Under replace the unbiased fit keeps E[σ²_t] = 1 exactly (the mean line stays flat) while the median chain's variance drifts down geometrically and almost every chain's variance goes to 0.",
    theory: { formula: "E[σ²_t] = σ² = 1", value: () => 1 },
  },
  {
    id: "variance-mle",
    title: "Variance, Gaussian refitted by maximum likelihood, M = 50",
    setting: "gaussian-mle",
    metric: "variance",
    yLabel: "σ²_t",
    note: "Truth N(0, 1). The MLE divides by M: under replace E[σ²_t] = ((M−1)/M)^t, and the median decays about twice as fast on the log scale.",
    theory: { formula: "E[σ²_t] = ((M−1)/M)^t", value: (t, M) => ((M - 1) / M) ** t },
  },
  {
    id: "tail-mass",
    title: "Tail mass, categorical MLE on Zipf(k = 50, s = 1.1), M = 100",
    setting: "categorical-mle",
    metric: "tail-mass",
    yLabel: "tail mass",
    note: "Mass the fitted law puts on the truth's rarest symbols (5% of the truth's mass). Its expectation is a martingale under replace (the mean line stays flat); the median chain loses it.",
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
    yLabel: "H_t",
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

/** How many individual chains a canonical series carries for its chart. */
export const SAMPLE_CHAINS = 5;

/** Reason a single chain's value is undefined, from the engine's record of it. */
function chainReason(result: ChainResult, metric: string, chain: number, t: number): string {
  const why = result.undefinedValues.find(
    (u) => u.metric === metric && u.chain === chain && u.generation === t,
  );
  return `chain ${chain} has no defined ${metric} at generation ${t}${why ? `: ${why.reason}` : ""}`;
}

/**
 * Summaries of one metric of a chain result as a report series: mean, standard error, median,
 * quartiles and 5%/95% quantiles per generation (type-7 quantiles over the chains with a defined
 * value), the trajectories of the first {@link SAMPLE_CHAINS} chains, every non-finite value with
 * its reason, and the grouped reasons of undefined values. Usable by claims that put trajectories
 * in their report meta.
 */
export function seriesFromResult(
  result: ChainResult,
  metric: MetricId,
  label: string,
  spec: ChainSpec | null,
  theory: { formula: string; values: readonly number[] } | null = null,
): ReportSeries {
  const s = summarizeMetric(result, metric);
  const T1 = result.generations + 1;
  const stat = (name: "mean" | "se" | "median" | "q05" | "q25" | "q75" | "q95"): ReportNumber[] =>
    Array.from(s[name], (x, t) =>
      reportNumber(x, () => seriesReason(result, metric, name, t, s.defined[t], s[name])),
    );
  const chains = Array.from({ length: Math.min(SAMPLE_CHAINS, result.chains) }, (_, c) => {
    const chain = result.firstChain + c;
    return {
      chain,
      values: Array.from({ length: T1 }, (_, t) =>
        reportNumber(result.values[metric][c * T1 + t], () =>
          chainReason(result, metric, chain, t),
        ),
      ),
    };
  });
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
    spec: spec === null ? null : seriesSpec(spec),
    mean: stat("mean"),
    se: stat("se"),
    median: stat("median"),
    q05: stat("q05"),
    q25: stat("q25"),
    q75: stat("q75"),
    q95: stat("q95"),
    chains,
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

function seriesSpec(spec: ChainSpec): NonNullable<ReportSeries["spec"]> {
  return {
    truth: spec.truth,
    family: spec.family,
    regime: spec.regime,
    samples: spec.samples,
    generations: spec.generations,
    chains: spec.chains,
    seed: Number(spec.seed),
    streamKeys: [...(spec.streamKeys ?? [])],
    tailQ: spec.tailQ ?? 0.05,
  };
}

/** A chain "collapsed" in the matrix when X_T/X_0 ≤ this (docs/theory.md#collapse-matrix). */
export const COLLAPSE_RATIO = 0.5;

/** The rows of the canonical collapse matrix: the quantities the collapse-matrix claim judges. */
export const MATRIX_ROWS: readonly { setting: string; metric: MetricId; row: string }[] = [
  { setting: "gaussian-unbiased", metric: "variance", row: "Gaussian unbiased (variance)" },
  { setting: "gaussian-mle", metric: "variance", row: "Gaussian MLE (variance)" },
  { setting: "categorical-mle", metric: "tail-mass", row: "categorical MLE (tail mass)" },
];

/** The rule by which {@link collapseMatrix} labels a cell. */
export const MATRIX_RULE =
  "descriptive, not a judged claim (no α budget): per chain r = X_T / X_0, X at the last " +
  "generation T over its value at generation 0 (the truth); k of the n chains with r defined " +
  "have r ≤ ½; 'collapsed' when the two-sided 95% Clopper–Pearson interval of k/n lies above ½ " +
  "(the median chain has lost at least half), 'not collapsed' when it lies below ½, otherwise " +
  "'undecided'; the value is the median of r. This is the event and interval of the " +
  "collapse-matrix claim (docs/theory.md#collapse-matrix), which judges it at T = 3–4 M " +
  "generations; a slow collapse may not have happened yet at this run's T";

/** One cell's counts under {@link MATRIX_RULE}. */
export interface MatrixCellCounts {
  readonly ratios: Float64Array;
  readonly fraction: ChainFraction;
  readonly label: "collapsed" | "not collapsed" | "undecided";
}

/** The per-chain ratios X_T/X_0 of a result, their count at or below ½, and the cell's label. */
export function matrixCellCounts(result: ChainResult, metric: string): MatrixCellCounts | null {
  const T = result.generations;
  const x0 = generationValues(result, metric, 0);
  const xT = generationValues(result, metric, T);
  const ratios = xT.map((v, c) => v / x0[c]).filter((r) => !Number.isNaN(r));
  if (ratios.length === 0) return null;
  const events = ratios.filter((r) => r <= COLLAPSE_RATIO).length;
  const interval = clopperPearson(events, ratios.length, 0.025, 0.025);
  const label =
    interval[0] > COLLAPSE_RATIO
      ? "collapsed"
      : interval[1] < COLLAPSE_RATIO
        ? "not collapsed"
        : "undecided";
  return { ratios, fraction: { events, chains: ratios.length, interval }, label };
}

/**
 * The canonical collapse matrix: one row per quantity the collapse-matrix claim judges (see
 * {@link MATRIX_ROWS}), one column per regime, labelled by {@link MATRIX_RULE} from the chains'
 * own values (never from means, which are martingales here).
 */
export function collapseMatrix(
  runs: readonly { setting: string; regime: string; result: ChainResult }[],
): CollapseMatrix {
  const columns = [...new Set(runs.map((r) => r.regime))];
  const rows = MATRIX_ROWS.filter((m) => runs.some((r) => r.setting === m.setting));
  const cells: CollapseMatrix["cells"] = [];
  const T = runs[0]?.result.generations ?? 0;
  for (const m of rows) {
    for (const run of runs.filter((r) => r.setting === m.setting)) {
      const counts = matrixCellCounts(run.result, m.metric);
      if (counts === null) {
        cells.push({
          row: m.row,
          column: run.regime,
          value: {
            value: "undefined",
            reason: `no chain has a defined ${m.metric} ratio X_T/X_0 (X_0 is 0 or undefined)`,
          },
          label: "undefined",
          detail: "",
          fraction: null,
        });
        continue;
      }
      const { events, chains, interval } = counts.fraction;
      const median = quantile(counts.ratios, 0.5);
      const f = (x: number) => formatNumber(x);
      cells.push({
        row: m.row,
        column: run.regime,
        value: reportNumber(median, () => "the median ratio X_T/X_0 is not finite"),
        label: counts.label,
        detail: `${events} of ${chains} chains with X_${T}/X_0 ≤ ½ (${f(events / chains)}, 95% CI [${f(interval[0])}, ${f(interval[1])}]); median ratio ${formatNumber(reportNumber(median, () => ""))}`,
        fraction: counts.fraction,
      });
    }
  }
  return {
    title: `Collapse matrix (descriptive): has the median chain lost half of X by the last generation, T = ${T}`,
    rule: MATRIX_RULE,
    rows: rows.map((m) => m.row),
    columns,
    cells,
  };
}

interface FractionPlan {
  readonly id: string;
  readonly title: string;
  readonly setting: string;
  readonly metric: MetricId;
  readonly event: string;
  readonly op: ThresholdComparison;
  readonly threshold: number;
  readonly note: string;
}

/** The collapse events charted as fractions of chains (thresholds stated in `event`). */
const FRACTIONS: readonly FractionPlan[] = [
  {
    id: "collapsed-variance-unbiased",
    title: "Fraction of chains with σ²_t ≤ ε = ½, Gaussian unbiased, M = 50",
    setting: "gaussian-unbiased",
    metric: "variance",
    event: "σ²_t ≤ ε = 0.5 (half the truth's variance σ² = 1)",
    op: "<=",
    threshold: 0.5,
    note: "ε = ½σ² is the collapse matrix's event, so the last generation's value is the matrix cell's k/n.",
  },
  {
    id: "collapsed-variance-mle",
    title: "Fraction of chains with σ²_t ≤ ε = ½, Gaussian MLE, M = 50",
    setting: "gaussian-mle",
    metric: "variance",
    event: "σ²_t ≤ ε = 0.5 (half the truth's variance σ² = 1)",
    op: "<=",
    threshold: 0.5,
    note: "ε = ½σ² is the collapse matrix's event, so the last generation's value is the matrix cell's k/n.",
  },
  {
    id: "collapsed-tail-mass",
    title: "Fraction of chains with tail mass = 0, categorical MLE, Zipf(50, 1.1), M = 100",
    setting: "categorical-mle",
    metric: "tail-mass",
    event: "tail mass = 0 (every symbol of the truth's 5% tail lost)",
    op: "<=",
    threshold: 0,
    note: "Under replace a lost symbol never returns, so the fraction only grows; real data (accumulate, fresh) brings tail symbols back.",
  },
  {
    id: "collapsed-support",
    title: "Fraction of chains with support = 1, categorical MLE, Zipf(50, 1.1), M = 100",
    setting: "categorical-mle",
    metric: "support",
    event: "support = 1 (a point mass: one symbol left)",
    op: "<=",
    threshold: 1,
    note: "Fixation is the end state of replace (Wright–Fisher), but it takes of the order of M generations or more; a flat 0 here means no chain has reached it yet.",
  },
];

/** Per generation: chains with the event, of those with a defined value, with a 95% CP interval. */
export function fractionSeries(
  result: ChainResult,
  plan: { metric: string; op: ThresholdComparison; threshold: number },
  label: string,
  spec: ChainSpec | null,
): FractionSeries {
  const { satisfied, defined } = exceedanceCounts(result, plan.metric, plan.op, plan.threshold);
  const none = (t: number) => () => `no chain has a defined ${plan.metric} at generation ${t}`;
  const intervals = Array.from(satisfied, (k, t) =>
    defined[t] === 0 ? null : clopperPearson(k, defined[t], 0.025, 0.025),
  );
  return {
    label,
    spec: spec === null ? null : seriesSpec(spec),
    events: Array.from(satisfied),
    chains: Array.from(defined),
    fraction: Array.from(satisfied, (k, t) => reportNumber(k / defined[t], none(t))),
    lower: intervals.map((i, t) => reportNumber(i?.[0] ?? Number.NaN, none(t))),
    upper: intervals.map((i, t) => reportNumber(i?.[1] ?? Number.NaN, none(t))),
  };
}

interface HistogramPlan {
  readonly id: string;
  readonly title: string;
  readonly setting: string;
  readonly metric: MetricId;
  readonly xLabel: string;
  readonly scale: "log10" | "linear";
  readonly note: string;
}

/** Per-generation histograms of the canonical runs. */
const HISTOGRAMS: readonly HistogramPlan[] = [
  {
    id: "histogram-variance-unbiased",
    title: "Distribution of σ²_t across chains, Gaussian unbiased, M = 50",
    setting: "gaussian-unbiased",
    metric: "variance",
    xLabel: "σ²_t (log scale)",
    scale: "log10",
    note: "Under replace the distribution of ln σ²_t drifts down and widens (ln σ²_t is a random walk with negative drift), although E[σ²_t] = 1 at every t: the mean is carried by ever fewer chains.",
  },
  {
    id: "histogram-entropy",
    title: "Distribution of the entropy across chains, categorical MLE, Zipf(50, 1.1), M = 100",
    setting: "categorical-mle",
    metric: "entropy",
    xLabel: "entropy (nats)",
    scale: "linear",
    note: "Under replace every chain loses entropy and the chains spread out; real data (accumulate, fresh) holds the distribution near the truth's entropy.",
  },
];

/** Bins of a histogram chart. */
export const HISTOGRAM_BINS = 24;

/** Up to four generations to draw: 1, about T/4, T/2 and T (distinct). */
export function histogramGenerations(T: number): number[] {
  return [...new Set([1, Math.round(T / 4), Math.round(T / 2), T].filter((t) => t >= 1))].sort(
    (a, b) => a - b,
  );
}

/**
 * The histograms of one metric across chains, for several results (settings) at the same
 * generations and bins: {@link HISTOGRAM_BINS} bins spanning every drawn value (in log10 of the
 * value when `scale` is log10: values ≤ 0 and undefined ones are then counted in `outside`).
 */
export function histogramSeries(
  results: readonly { label: string; result: ChainResult; spec: ChainSpec | null }[],
  metric: string,
  generations: readonly number[],
  scale: "log10" | "linear",
): { edges: number[]; series: HistogramSeries[] } {
  const toX = (v: number) => (scale === "log10" ? Math.log10(v) : v);
  const drawn = (v: number) => Number.isFinite(v) && (scale === "linear" || v > 0);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const values = results.map(({ result }) =>
    generations.map((t) => generationValues(result, metric, t)),
  );
  for (const perSetting of values) {
    for (const x of perSetting) {
      for (const v of x) {
        if (!drawn(v)) continue;
        lo = Math.min(lo, toX(v));
        hi = Math.max(hi, toX(v));
      }
    }
  }
  if (!(lo <= hi)) {
    lo = 0;
    hi = 1;
  } else if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / HISTOGRAM_BINS;
  const edgesX = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, b) =>
    b === HISTOGRAM_BINS ? hi : lo + b * width,
  );
  const series = results.map(({ label, spec }, i): HistogramSeries => {
    const counts: number[][] = [];
    const outside: number[] = [];
    for (const x of values[i]) {
      const row = new Array<number>(HISTOGRAM_BINS).fill(0);
      let out = 0;
      for (const v of x) {
        if (!drawn(v)) {
          out++;
          continue;
        }
        row[Math.min(HISTOGRAM_BINS - 1, Math.floor((toX(v) - lo) / width))]++;
      }
      counts.push(row);
      outside.push(out);
    }
    return { label, spec: spec === null ? null : seriesSpec(spec), counts, outside };
  });
  return { edges: edgesX.map((x) => (scale === "log10" ? 10 ** x : x)), series };
}

/** Result of {@link runCanonical}. */
export interface CanonicalResult {
  readonly trajectories: TrajectoryChart[];
  readonly fractions: FractionChart[];
  readonly histograms: HistogramChart[];
  readonly matrix: CollapseMatrix | null;
}

/**
 * Runs the preset's canonical simulations for a root seed and returns the trajectory charts,
 * the fractions of chains collapsed and the collapse matrix. Runs in this thread (the chains are
 * fast; a worker pool would cost more to start than it saves); every chain has its own derived
 * stream, so nothing depends on order.
 */
export function runCanonical(rootSeed: number, preset: SimulationPreset): CanonicalResult {
  const runs = canonicalSpecs(rootSeed, preset);
  if (runs.length === 0) return { trajectories: [], fractions: [], histograms: [], matrix: null };
  const results = new Map<string, ChainResult>();
  for (const r of runs) {
    results.set(r.key, runChains(configFromSpec(r.spec)));
  }
  const resultOf = (key: string) => results.get(key) as ChainResult;
  const trajectories: TrajectoryChart[] = CHARTS.map((chart) => ({
    id: chart.id,
    title: chart.title,
    metric: chart.metric,
    yLabel: chart.yLabel,
    note: chart.note,
    series: runs
      .filter((r) => r.setting.id === chart.setting)
      .map((r) => {
        const theory =
          chart.theory !== undefined && r.regime.spec === "replace"
            ? {
                formula: chart.theory.formula,
                values: Array.from({ length: r.spec.generations + 1 }, (_, t) =>
                  (chart.theory as NonNullable<ChartPlan["theory"]>).value(t, r.spec.samples),
                ),
              }
            : null;
        return seriesFromResult(resultOf(r.key), chart.metric, r.regime.label, r.spec, theory);
      }),
  }));
  const fractions: FractionChart[] = FRACTIONS.map((plan) => ({
    id: plan.id,
    title: plan.title,
    metric: plan.metric,
    event: plan.event,
    note: plan.note,
    series: runs
      .filter((r) => r.setting.id === plan.setting)
      .map((r) => fractionSeries(resultOf(r.key), plan, r.regime.label, r.spec)),
  }));
  const histograms: HistogramChart[] = HISTOGRAMS.map((plan) => {
    const settingRuns = runs.filter((r) => r.setting.id === plan.setting);
    const generations = histogramGenerations(settingRuns[0].spec.generations);
    const { edges, series } = histogramSeries(
      settingRuns.map((r) => ({ label: r.regime.label, result: resultOf(r.key), spec: r.spec })),
      plan.metric,
      generations,
      plan.scale,
    );
    return {
      id: plan.id,
      title: plan.title,
      metric: plan.metric,
      xLabel: plan.xLabel,
      scale: plan.scale,
      unit: "chains",
      edges,
      generations,
      note: plan.note,
      series,
    };
  });
  const matrix = collapseMatrix(
    runs.map((r) => ({ setting: r.setting.id, regime: r.regime.label, result: resultOf(r.key) })),
  );
  return { trajectories, fractions, histograms, matrix };
}
