import { InvalidParameterError } from "../util/validate.ts";

/** What {@link pooledHistogramSeries} returns: one series of a claim's `tables.histograms`. */
export interface PooledHistogramSeries {
  readonly label: string;
  readonly spec: null;
  /** counts[i][b]: values in bin b (between edges b and b + 1) at the chart's generation i, pooled. */
  readonly counts: number[][];
  /** Values outside every bin at generation i (below the first edge, at or above the last). */
  readonly outside: number[];
}

/**
 * One series of a claim's histogram chart (`tables.histograms`, see the README, "A claim can put
 * data in its report") built from count metrics, pooling the replicates: the per-sentence
 * perplexities of every chain's text at a few generations, as in Shumailov et al.'s Fig. 1.
 *
 * `below[i][b][r]` is replicate r's count of values < edges[b] at the chart's generation i (e.g.
 * `generationValues(result, "seq-ppl-count:below=" + edges[b], t)`), `total[i][r]` its count of
 * all values (`seq-ppl-count`). Bin b is [edges[b], edges[b + 1]):
 * counts[i][b] = Σ_r (below[i][b + 1][r] − below[i][b][r]), and
 * outside[i] = Σ_r total[i][r] − Σ_b counts[i][b]. A replicate with an undefined (NaN) count at a
 * generation is left out of that generation (its text held no complete sentence).
 */
export function pooledHistogramSeries(
  label: string,
  below: readonly (readonly Float64Array[])[],
  total: readonly Float64Array[],
): PooledHistogramSeries {
  const api = "pooledHistogramSeries";
  if (below.length === 0 || below.length !== total.length) {
    throw new InvalidParameterError(
      api,
      "below",
      `must hold one entry per generation, as total does (${total.length})`,
      below.length,
    );
  }
  const edges = below[0].length;
  if (edges < 2) {
    throw new InvalidParameterError(
      api,
      "below[0]",
      "must hold a count per edge (≥ 2 edges)",
      edges,
    );
  }
  const n = total[0].length;
  const counts: number[][] = [];
  const outside: number[] = [];
  for (const [i, atGeneration] of below.entries()) {
    if (atGeneration.length !== edges) {
      throw new InvalidParameterError(
        api,
        `below[${i}]`,
        `must hold a count per edge (${edges}, as below[0])`,
        atGeneration.length,
      );
    }
    for (const [b, x] of [...atGeneration, total[i]].entries()) {
      if (!(x instanceof Float64Array) || x.length !== n) {
        throw new InvalidParameterError(
          api,
          b === edges ? `total[${i}]` : `below[${i}][${b}]`,
          `must be a Float64Array of one count per replicate (${n}, as total[0])`,
          x instanceof Float64Array ? x.length : x,
        );
      }
    }
    const row = new Array<number>(edges - 1).fill(0);
    let all = 0;
    for (let r = 0; r < n; r++) {
      const at = (b: number) => (b === edges ? total[i][r] : atGeneration[b][r]);
      if (Number.isNaN(total[i][r]) || atGeneration.some((x) => Number.isNaN(x[r]))) continue;
      for (let b = 0; b <= edges; b++) {
        const v = at(b);
        if (!Number.isInteger(v) || v < 0 || (b > 0 && v < at(b - 1))) {
          throw new InvalidParameterError(
            api,
            b === edges ? `total[${i}][${r}]` : `below[${i}][${b}][${r}]`,
            `must be a count (an integer ≥ 0) that does not fall as the edge rises (${b > 0 ? `the previous is ${at(b - 1)}` : "the first"})`,
            v,
          );
        }
      }
      for (let b = 0; b < edges - 1; b++) row[b] += at(b + 1) - at(b);
      all += at(edges);
    }
    counts.push(row);
    outside.push(all - row.reduce((a, c) => a + c, 0));
  }
  return { label, spec: null, counts, outside };
}
