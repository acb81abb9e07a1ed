import { assertInteger, InvalidParameterError } from "../util/validate.ts";

/** Product of two polynomials in e (coefficient arrays, lowest degree first). */
function times(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
  return out;
}

function plus(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(Math.max(a.length, b.length)).fill(0);
  for (let i = 0; i < a.length; i++) out[i] += a[i];
  for (let i = 0; i < b.length; i++) out[i] += b[i];
  return out;
}

function scale(a: readonly number[], c: number): number[] {
  return a.map((x) => x * c);
}

/** E[P(e)] from the raw moments M[k] = E[eᵏ] (M[0] = 1). */
function expectation(poly: readonly number[], moments: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < poly.length; k++) s += poly[k] * moments[k];
  return s;
}

/**
 * Mean and variance of the squared error e²_t, e_t = p_t − p_0, of the Wright–Fisher chain: a
 * Bernoulli frequency refitted by maximum likelihood to n of its own samples per generation,
 * n·p_{t+1} | p_t ~ Binomial(n, p_t), from p_0 (generation 0: the truth).
 *
 * Given p = p_0 + e, the step η = p_{t+1} − p_t has E[η] = 0 and the central moments of
 * Binomial(n, p)/n, polynomials in e through q(e) = p(1 − p) = q_0 + (1 − 2p_0)e − e²:
 *
 *   μ₂ = q/n,   μ₃ = q(1 − 2p)/n²,   μ₄ = q(1 − 6q)/n³ + 3q²/n²
 *
 * so the raw moments Mₖ = E[eᵏ] (k ≤ 4) are closed under one step:
 * Mₖ' = Σ_j C(k, j)·E[e^{k−j} μⱼ(e)] (μ₀ = 1, μ₁ = 0), every term a polynomial of degree ≤ 4 in e.
 * E[e²_t] = M₂ = p_0(1 − p_0)(1 − (1 − 1/n)^t) and Var[e²_t] = M₄ − M₂². Checked against a
 * brute-force sum over the chain's n + 1 states (test/fixtures/make_theory_continuous.py).
 * @param p0 the truth's frequency, in [0, 1].
 * @param n samples per generation, integer ≥ 1.
 * @param t generations fitted, integer ≥ 0.
 */
export function wrightFisherSquaredErrorMoments(
  p0: number,
  n: number,
  t: number,
): { mean: number; variance: number } {
  const api = "wrightFisherSquaredErrorMoments";
  if (typeof p0 !== "number" || !(p0 >= 0 && p0 <= 1)) {
    throw new InvalidParameterError(api, "p0", "must be a probability in [0, 1]", p0);
  }
  assertInteger(api, "n", n, 1);
  assertInteger(api, "t", t, 0);
  const q = [p0 * (1 - p0), 1 - 2 * p0, -1];
  const mu2 = scale(q, 1 / n);
  const mu3 = scale(times(q, [1 - 2 * p0, -2]), 1 / (n * n));
  const mu4 = plus(
    scale(times(q, plus([1], scale(q, -6))), 1 / n ** 3),
    scale(times(q, q), 3 / (n * n)),
  );
  const mu = [[1], [0], mu2, mu3, mu4];
  const binom = [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1], [1, 4, 6, 4, 1]];
  let m = [1, 0, 0, 0, 0];
  for (let g = 0; g < t; g++) {
    const next = [1, 0, 0, 0, 0];
    for (let k = 1; k <= 4; k++) {
      let s = 0;
      for (let j = 0; j <= k; j++) {
        if (j === 1) continue;
        const eToThe = new Array<number>(k - j + 1).fill(0);
        eToThe[k - j] = 1;
        s += binom[k][j] * expectation(times(eToThe, mu[j]), m);
      }
      next[k] = s;
    }
    m = next;
  }
  return { mean: m[2], variance: m[4] - m[2] * m[2] };
}
