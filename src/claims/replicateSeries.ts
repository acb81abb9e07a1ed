import { summarizeValues } from "../chain/summarize.ts";
import { InvalidParameterError } from "../util/validate.ts";

/** Options of {@link replicateSeries}. */
export interface ReplicateSeriesConstraints {
  /**
   * Generation of the first entry of `byGeneration` (a claim that records from generation 1 on
   * passes 1; earlier generations are then left undefined in the chart). @defaultValue 0
   */
  readonly firstGeneration?: number;
  /** Individual replicates drawn as thin lines (the first ones: replicates are exchangeable). @defaultValue 5 */
  readonly chains?: number;
}

/**
 * One series of a claim's report chart, in the form `tables.trajectories` takes (see the
 * README, "A claim can put data in its report"): per generation, {@link summarizeValues} of the
 * replicates — the mean with its standard error, the median, the 5/25/75/95% quantiles (type 7)
 * and the number of defined values — plus a few individual replicates' trajectories. NaN values (undefined quantities)
 * are left out of that generation's summaries and counted out of `defined`, with a reason in
 * `undefinedValues`; a generation with no defined value (or before `firstGeneration`) is
 * "undefined" in every summary. `byGeneration[i]` holds every replicate's value
 * at generation `firstGeneration + i` (e.g. `generationValues(result, metric, t)` for each t), all
 * of one length.
 */
export function replicateSeries(
  label: string,
  byGeneration: readonly Float64Array[],
  constraints: ReplicateSeriesConstraints = {},
): ReplicateSeries {
  const api = "replicateSeries";
  const first = constraints.firstGeneration ?? 0;
  const shown = constraints.chains ?? 5;
  if (!Number.isInteger(first) || first < 0) {
    throw new InvalidParameterError(api, "firstGeneration", "must be an integer >= 0", first);
  }
  if (!Number.isInteger(shown) || shown < 0) {
    throw new InvalidParameterError(api, "chains", "must be an integer >= 0", shown);
  }
  if (byGeneration.length === 0) {
    throw new InvalidParameterError(api, "byGeneration", "must hold at least one generation", 0);
  }
  const n = byGeneration[0].length;
  for (const [i, x] of byGeneration.entries()) {
    if (!(x instanceof Float64Array) || x.length !== n) {
      throw new InvalidParameterError(
        api,
        `byGeneration[${i}]`,
        `must be a Float64Array of the same length as byGeneration[0] (${n})`,
        x instanceof Float64Array ? x.length : x,
      );
    }
  }
  const T = first + byGeneration.length;
  const undef = "undefined" as const;
  const out: ReplicateSeries = {
    label,
    mean: [],
    se: [],
    median: [],
    q05: [],
    q25: [],
    q75: [],
    q95: [],
    defined: [],
    chains: Array.from({ length: Math.min(shown, n) }, (_, c) => ({ chain: c, values: [] })),
    undefinedValues: [],
  };
  for (let t = 0; t < T; t++) {
    const x = t < first ? new Float64Array(0) : byGeneration[t - first];
    const v = summarizeValues(x);
    out.defined.push(v.defined);
    for (const chain of out.chains)
      chain.values.push(t < first ? undef : jsonNumber(x[chain.chain]));
    if (t < first) {
      out.undefinedValues.push({
        generation: t,
        chains: n,
        reason: `not recorded: the series starts at generation ${first}`,
      });
    } else if (v.defined < n) {
      out.undefinedValues.push({
        generation: t,
        chains: n - v.defined,
        reason: "the observation is undefined (NaN) for these replicates",
      });
    }
    for (const key of ["mean", "se", "median", "q05", "q25", "q75", "q95"] as const) {
      out[key].push(jsonNumber(v[key]));
    }
  }
  return out;
}

/** A number as a claim's report data holds it: finite, or its non-finite name. */
export type SeriesNumber = number | "Infinity" | "-Infinity" | "undefined";

/** What {@link replicateSeries} returns: one series of `tables.trajectories`. */
export interface ReplicateSeries {
  readonly label: string;
  readonly mean: SeriesNumber[];
  readonly se: SeriesNumber[];
  readonly median: SeriesNumber[];
  readonly q05: SeriesNumber[];
  readonly q25: SeriesNumber[];
  readonly q75: SeriesNumber[];
  readonly q95: SeriesNumber[];
  readonly defined: number[];
  readonly chains: { readonly chain: number; readonly values: SeriesNumber[] }[];
  /** Generations with undefined values: how many replicates, and why. */
  readonly undefinedValues: { generation: number; chains: number; reason: string }[];
}

function jsonNumber(v: number): SeriesNumber {
  if (Number.isNaN(v)) return "undefined";
  if (v === Number.POSITIVE_INFINITY) return "Infinity";
  if (v === Number.NEGATIVE_INFINITY) return "-Infinity";
  return v;
}
