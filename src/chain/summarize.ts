import { quantiles } from "../numeric/index.ts";
import { InvalidParameterError } from "../util/validate.ts";
import type { ChainResult } from "./runChains.ts";

/** Across-chain summary of one metric, per generation 0…T. */
export interface MetricSummary {
  /** Mean over chains with a defined value (±∞ if any value is infinite). */
  readonly mean: Float64Array;
  /** Standard error of the mean: sample sd (ddof 1) / √n; +∞ when the mean is infinite. */
  readonly se: Float64Array;
  readonly median: Float64Array;
  readonly q05: Float64Array;
  /** Quartiles: the middle 50% of chains lies between them. */
  readonly q25: Float64Array;
  readonly q75: Float64Array;
  readonly q95: Float64Array;
  /** Number of chains with a defined (non-NaN) value. */
  readonly defined: Int32Array;
}

/** {@link summarizeValues} of one sample: each statistic NaN when no value is defined. */
export interface ValueSummary {
  readonly defined: number;
  readonly mean: number;
  readonly se: number;
  readonly q05: number;
  readonly q25: number;
  readonly median: number;
  readonly q75: number;
  readonly q95: number;
}

/** The values of one metric at one generation across chains (NaN = undefined, included). */
export function generationValues(result: ChainResult, metric: string, t: number): Float64Array {
  const v = result.values[metric];
  if (v === undefined) {
    throw new InvalidParameterError(
      "generationValues",
      "metric",
      `must be one of ${[...result.metrics, ...(result.observed ?? [])].join(", ")}`,
      metric,
    );
  }
  const T1 = result.generations + 1;
  const out = new Float64Array(result.chains);
  for (let c = 0; c < result.chains; c++) out[c] = v[c * T1 + t];
  return out;
}

function definedValues(x: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) n++;
  if (n === x.length) return x;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out[j++] = x[i];
  return out;
}

const SUMMARY_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

/**
 * Mean, standard error (sample sd with ddof 1 / √n; +∞ when the mean is infinite, NaN for one
 * value), type-7 quantiles at 5/25/50/75/95% and the count of the defined (non-NaN) values of a
 * sample: the across-chain (or across-replicate) summary of one generation.
 */
export function summarizeValues(values: Float64Array): ValueSummary {
  const x = definedValues(values);
  const n = x.length;
  if (n === 0) {
    const none = Number.NaN;
    return {
      defined: 0,
      mean: none,
      se: none,
      q05: none,
      q25: none,
      median: none,
      q75: none,
      q95: none,
    };
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const m = sum / n;
  let ss = 0;
  if (Number.isFinite(m)) for (let i = 0; i < n; i++) ss += (x[i] - m) * (x[i] - m);
  const se = !Number.isFinite(m)
    ? Number.POSITIVE_INFINITY
    : n > 1
      ? Math.sqrt(ss / (n - 1) / n)
      : Number.NaN;
  const [q05, q25, median, q75, q95] = quantiles(x, SUMMARY_QUANTILES);
  return { defined: n, mean: m, se, q05, q25, median, q75, q95 };
}

/** Mean, standard error, median, quartiles and 5%/95% quantiles across chains, per generation. */
export function summarizeMetric(result: ChainResult, metric: string): MetricSummary {
  const T1 = result.generations + 1;
  const s = {
    mean: new Float64Array(T1),
    se: new Float64Array(T1),
    median: new Float64Array(T1),
    q05: new Float64Array(T1),
    q25: new Float64Array(T1),
    q75: new Float64Array(T1),
    q95: new Float64Array(T1),
    defined: new Int32Array(T1),
  };
  for (let t = 0; t < T1; t++) {
    const v = summarizeValues(generationValues(result, metric, t));
    s.defined[t] = v.defined;
    s.mean[t] = v.mean;
    s.se[t] = v.se;
    s.median[t] = v.median;
    s.q05[t] = v.q05;
    s.q25[t] = v.q25;
    s.q75[t] = v.q75;
    s.q95[t] = v.q95;
  }
  return s;
}

/** Fraction of chains (with a defined value) whose metric is below `threshold`, per generation. */
export function fractionBelow(
  result: ChainResult,
  metric: string,
  threshold: number,
): Float64Array {
  const { satisfied, defined } = exceedanceCounts(result, metric, "<", threshold);
  return Float64Array.from(satisfied, (k, t) => (defined[t] > 0 ? k / defined[t] : Number.NaN));
}

/** A comparison of a metric value with a threshold. */
export type ThresholdComparison = "<" | "<=" | ">" | ">=";

/** Per generation: how many chains with a defined value satisfy `value op threshold`, and of how many. */
export interface ExceedanceCounts {
  readonly satisfied: Int32Array;
  readonly defined: Int32Array;
}

/**
 * Counts, per generation, the chains whose metric satisfies `value op threshold` among those
 * with a defined (non-NaN) value: the exceedance probabilities P(metric > ε) / P(metric < ε) of
 * the model-collapse literature are satisfied/defined.
 */
export function exceedanceCounts(
  result: ChainResult,
  metric: string,
  op: ThresholdComparison,
  threshold: number,
): ExceedanceCounts {
  const T1 = result.generations + 1;
  const satisfied = new Int32Array(T1);
  const defined = new Int32Array(T1);
  for (let t = 0; t < T1; t++) {
    const x = definedValues(generationValues(result, metric, t));
    let k = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (
        op === "<"
          ? v < threshold
          : op === "<="
            ? v <= threshold
            : op === ">"
              ? v > threshold
              : v >= threshold
      )
        k++;
    }
    satisfied[t] = k;
    defined[t] = x.length;
  }
  return { satisfied, defined };
}
