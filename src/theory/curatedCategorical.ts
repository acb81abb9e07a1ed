import { assertInteger, assertProbabilityVector, InvalidParameterError } from "../util/validate.ts";

/** Most multisets of K − 1 draws {@link curatedCategorical} enumerates (C(K + k − 2, k − 1)). */
export const CURATED_CATEGORICAL_MAX_TERMS = 2_000_000;

/**
 * The law of one sample kept by K-wise curation (Ferbach, Bertrand, Bose & Gidel, NeurIPS 2024):
 * draw X_1…X_K i.i.d. from p, keep X_j with probability e^{r(X_j)}/Σ_l e^{r(X_l)}. By symmetry of
 * the K positions,
 *
 *   p'(x) = K p(x) E[ e^{r(x)} / (e^{r(x)} + Σ_{j=1}^{K−1} e^{r(Y_j)}) ],   Y_j i.i.d. ~ p
 *
 * (K = 2: p'(x) = p(x) Σ_y p(y) 2e^{r(x)}/(e^{r(x)} + e^{r(y)})). The expectation is evaluated
 * exactly by enumerating the multisets of K − 1 draws with their multinomial probabilities
 * (docs/theory.md#curation-map); weights are taken relative to the largest reward so large
 * rewards cannot overflow.
 *
 * p is divided by its sum first (validation allows a slack of 1e-9): the unnormalised map is
 * homogeneous of degree K in p, so without it iterating p ↦ p' would multiply the rounding of
 * the sum by K at every step.
 *
 * @param given - the model's probability vector p (k symbols)
 * @param rewards - r(i) for every symbol, finite
 * @param choices - K ≥ 1 draws per kept sample
 */
export function curatedCategorical(
  given: ArrayLike<number>,
  rewards: ArrayLike<number>,
  choices: number,
): Float64Array {
  const api = "curatedCategorical";
  assertProbabilityVector(api, "p", given);
  assertInteger(api, "choices", choices, 1);
  const k = given.length;
  let mass = 0;
  for (let i = 0; i < k; i++) mass += given[i];
  const p = Float64Array.from(given, (v) => v / mass);
  if (rewards.length !== k) {
    throw new InvalidParameterError(
      api,
      "rewards.length",
      `must equal p.length (${k})`,
      rewards.length,
    );
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < k; i++) {
    if (!Number.isFinite(rewards[i])) {
      throw new InvalidParameterError(api, `rewards[${i}]`, "must be finite", rewards[i]);
    }
    max = Math.max(max, rewards[i]);
  }
  // Only symbols of positive probability can be among the other K − 1 draws.
  const support: number[] = [];
  for (let i = 0; i < k; i++) if (p[i] > 0) support.push(i);
  const w = Float64Array.from({ length: k }, (_, i) => Math.exp(rewards[i] - max));
  const others = choices - 1;
  let terms = 1;
  for (let j = 1; j <= Math.min(others, support.length - 1); j++) {
    terms = (terms * (others + support.length - j)) / j;
  }
  if (terms > CURATED_CATEGORICAL_MAX_TERMS) {
    throw new InvalidParameterError(
      api,
      "choices",
      `gives ${Math.round(terms)} multisets of K − 1 draws over ${support.length} symbols (at most ${CURATED_CATEGORICAL_MAX_TERMS})`,
      choices,
    );
  }
  // The law of S = Σ_{j<K} w(Y_j) as (value, probability) atoms, one per multiset.
  const sums: number[] = [];
  const probs: number[] = [];
  const logFactorial = (n: number) => {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  };
  const base = logFactorial(others);
  const visit = (at: number, left: number, sum: number, logProb: number): void => {
    if (at === support.length - 1) {
      const i = support[at];
      sums.push(sum + left * w[i]);
      probs.push(Math.exp(logProb + left * Math.log(p[i]) - logFactorial(left)));
      return;
    }
    const i = support[at];
    for (let c = 0; c <= left; c++) {
      visit(at + 1, left - c, sum + c * w[i], logProb + c * Math.log(p[i]) - logFactorial(c));
    }
  };
  visit(0, others, 0, base);
  const out = new Float64Array(k);
  for (const x of support) {
    let e = 0;
    for (let j = 0; j < sums.length; j++) e += (probs[j] * w[x]) / (w[x] + sums[j]);
    out[x] = choices * p[x] * e;
  }
  return out;
}
