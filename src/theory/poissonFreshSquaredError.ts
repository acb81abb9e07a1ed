import { assertInteger, assertPositive } from "../util/validate.ts";

/**
 * v_t = E[(λ_t − λ_0)²] = (λ_0/n)(1 − c^{2t})/(1 − c²), c = (n − r)/n, for a Poisson rate refitted
 * by maximum likelihood to r fresh real and n − r synthetic samples per generation:
 * λ_{t+1} = (R + S)/n with R ~ Poisson(rλ_0), S ~ Poisson((n − r)λ_t), so v_{t+1} = λ_0/n + c²v_t.
 * docs/theory.md#poisson-mle-chain (Bertrand et al., ICLR 2024).
 * @param rate λ_0, finite and > 0.
 * @param n samples per generation, integer ≥ 1.
 * @param real fresh real samples per generation r, integer in [1, n].
 * @param t generations fitted, integer ≥ 0.
 */
export function poissonFreshSquaredError(rate: number, n: number, real: number, t: number): number {
  assertPositive("poissonFreshSquaredError", "rate", rate);
  assertInteger("poissonFreshSquaredError", "n", n, 1);
  assertInteger("poissonFreshSquaredError", "real", real, 1, n);
  assertInteger("poissonFreshSquaredError", "t", t, 0);
  const c = (n - real) / n;
  return ((rate / n) * (1 - c ** (2 * t))) / (1 - c * c);
}
