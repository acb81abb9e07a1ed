import { binomialPmf } from "../numeric/index.ts";
import { assertInteger, InvalidParameterError } from "../util/validate.ts";

/**
 * Exact mean time to absorption of the two-type Wright–Fisher chain (categorical MLE refitted to
 * M samples per generation) started at frequency p: the number of fits until the fitted
 * frequency is 0 or 1, generation 1 being fitted to M draws from p. From count i of M the next
 * count is Binomial(M, i/M); the mean absorption times t_i solve the absorbing-chain system
 * (I − Q) t = 1 over the transient counts 1…M−1 (Q the transition probabilities among them;
 * Kemeny & Snell, Finite Markov Chains, 1960, Thm 3.3.5), and from frequency p
 *
 *   E[T] = 1 + Σ_{j=1}^{M−1} Binomial(j; M, p) t_j     (= t_i at p = i/M; 0 at p ∈ {0, 1}).
 *
 * Solved by Gaussian elimination with partial pivoting, O(M³). docs/theory.md#absorption-time.
 *
 * @param samples - M, an integer in [1, 2000]
 * @param p - the initial frequency, in [0, 1]
 */
export function wrightFisherMeanAbsorptionTime(samples: number, p: number): number {
  const api = "wrightFisherMeanAbsorptionTime";
  assertInteger(api, "samples", samples, 1, 2000);
  if (!(p >= 0 && p <= 1)) throw new InvalidParameterError(api, "p", "must be in [0, 1]", p);
  const M = samples;
  if (p === 0 || p === 1) return 0;
  if (M === 1) return 1;
  const n = M - 1;
  // Row r (count r + 1): (I − Q) augmented with the right-hand side 1.
  const a = Array.from({ length: n }, (_, r) => {
    const row = new Float64Array(n + 1);
    const q = (r + 1) / M;
    for (let c = 0; c < n; c++) row[c] = (r === c ? 1 : 0) - binomialPmf(c + 1, M, q);
    row[n] = 1;
    return row;
  });
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let r = k + 1; r < n; r++) if (Math.abs(a[r][k]) > Math.abs(a[pivot][k])) pivot = r;
    [a[k], a[pivot]] = [a[pivot], a[k]];
    for (let r = k + 1; r < n; r++) {
      const f = a[r][k] / a[k][k];
      if (f === 0) continue;
      for (let c = k; c <= n; c++) a[r][c] -= f * a[k][c];
    }
  }
  const t = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r][n];
    for (let c = r + 1; c < n; c++) s -= a[r][c] * t[c];
    t[r] = s / a[r][r];
  }
  let mean = 1;
  for (let j = 1; j < M; j++) mean += binomialPmf(j, M, p) * t[j - 1];
  return mean;
}
