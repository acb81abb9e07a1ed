import { lgamma } from "../numeric/index.ts";
import { assertInteger, assertProbabilityVector } from "../util/validate.ts";

/**
 * The expected plug-in entropy of M samples of p — the entropy of the next categorical-MLE fit,
 * given the current one:
 *
 *   E[H(c/M)] = Σ_i Σ_{c=1}^{M−1} Bin(c; M, p_i)·(−(c/M) ln(c/M)),   c ~ Multinomial(M, p),
 *
 * since H is a sum over symbols and each count is marginally Binomial(M, p_i) (c = 0 and c = M
 * contribute 0). By Jensen it is ≤ H(p) ({@link categoricalEntropy}), with equality only at a
 * delta: docs/theory.md#entropy-supermartingale. O(kM).
 *
 * Reference: Shumailov et al., "AI models collapse when trained on recursively generated data",
 * Nature 631 (2024), §"Discrete distributions with exact approximation".
 *
 * @param p - the current probability vector
 * @param samples - M, samples per fit (an integer in [1, 1e6])
 */
export function expectedResampledEntropy(p: ArrayLike<number>, samples: number): number {
  const api = "expectedResampledEntropy";
  assertProbabilityVector(api, "p", p);
  assertInteger(api, "samples", samples, 1, 1e6);
  const M = samples;
  const logFactorial = new Float64Array(M + 1);
  for (let c = 0; c <= M; c++) logFactorial[c] = lgamma(c + 1);
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const q = p[i];
    if (q <= 0 || q >= 1) continue; // a delta contributes 0 either way
    const lq = Math.log(q);
    const l1q = Math.log1p(-q);
    for (let c = 1; c < M; c++) {
      const logPmf =
        logFactorial[M] - logFactorial[c] - logFactorial[M - c] + c * lq + (M - c) * l1q;
      h -= Math.exp(logPmf) * (c / M) * Math.log(c / M);
    }
  }
  return h;
}
