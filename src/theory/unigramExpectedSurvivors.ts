import { lgamma } from "../numeric/index.ts";
import { assertInteger, assertProbabilityVector } from "../util/validate.ts";

/** Binomial(n, p) pmf over 0…n, in log space (exact at p ∈ {0, 1}). */
function binomialRow(n: number, p: number, logFactorial: Float64Array): Float64Array {
  const row = new Float64Array(n + 1);
  if (p <= 0) row[0] = 1;
  else if (p >= 1) row[n] = 1;
  else {
    const lp = Math.log(p);
    const lq = Math.log1p(-p);
    for (let c = 0; c <= n; c++) {
      row[c] = Math.exp(
        logFactorial[n] - logFactorial[c] - logFactorial[n - c] + c * lp + (n - c) * lq,
      );
    }
  }
  return row;
}

/**
 * The exact expected number of symbols still alive after k recursive MLE fits of a unigram
 * (categorical) model to n samples, generation 1 fitted to n samples of p_0:
 *
 *   E[S_k] = Σ_i Σ_c Bin(c; n, p_{0,i})·h_{k−1}(c),
 *   h_0(c) = 1[c > 0],   h_j(c) = Σ_{c′} Bin(c′; n, c/n)·h_{j−1}(c′),
 *
 * because the count of symbol i is itself a Bernoulli chain (lumping i against the rest of a
 * multinomial is exact) and h_j(c) is the probability that a count c is still > 0 after j more
 * fits. A backward recursion shared by every symbol: O(n²k). Suresh et al.'s Corollary 1 bounds
 * it from below ({@link sureshUnigramSurvivorBound}). docs/theory.md#suresh-unigram-survivors.
 *
 * Reference: Suresh, Thangaraj, Khandavally, "Rate of model collapse in recursive training",
 * AISTATS 2025 (PMLR 258), Corollary 1.
 *
 * @param p0 - the truth's probability vector
 * @param samples - n, samples per fit (an integer in [1, 1e4])
 * @param k - number of fits (an integer in [1, 1e4])
 */
export function unigramExpectedSurvivors(
  p0: ArrayLike<number>,
  samples: number,
  k: number,
): number {
  const api = "unigramExpectedSurvivors";
  assertProbabilityVector(api, "p0", p0);
  assertInteger(api, "samples", samples, 1, 1e4);
  assertInteger(api, "k", k, 1, 1e4);
  const n = samples;
  const logFactorial = new Float64Array(n + 1);
  for (let c = 0; c <= n; c++) logFactorial[c] = lgamma(c + 1);
  const transition = Array.from({ length: n + 1 }, (_, c) => binomialRow(n, c / n, logFactorial));
  let h = new Float64Array(n + 1);
  for (let c = 1; c <= n; c++) h[c] = 1;
  for (let j = 1; j < k; j++) {
    const next = new Float64Array(n + 1);
    for (let c = 0; c <= n; c++) {
      const row = transition[c];
      let s = 0;
      for (let d = 0; d <= n; d++) s += row[d] * h[d];
      next[c] = s;
    }
    h = next;
  }
  let total = 0;
  for (let i = 0; i < p0.length; i++) {
    const first = binomialRow(n, p0[i], logFactorial);
    for (let c = 0; c <= n; c++) total += first[c] * h[c];
  }
  return total;
}
