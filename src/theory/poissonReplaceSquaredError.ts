import { assertInteger, assertPositive } from "../util/validate.ts";

/**
 * v_t = E[(λ_t − λ_0)²] = tλ_0/n for a Poisson rate refitted by maximum likelihood (λ̂ = x̄) to n of
 * its own samples (replace): Var[λ_{t+1} | λ_t] = λ_t/n and E[λ_t] = λ_0, so v grows by λ_0/n per
 * generation (nλ_t is a critical Galton–Watson size). docs/theory.md#poisson-mle-chain.
 * @param rate λ_0, finite and > 0.
 * @param n samples per generation, integer ≥ 1.
 * @param t generations fitted, integer ≥ 0.
 */
export function poissonReplaceSquaredError(rate: number, n: number, t: number): number {
  assertPositive("poissonReplaceSquaredError", "rate", rate);
  assertInteger("poissonReplaceSquaredError", "n", n, 1);
  assertInteger("poissonReplaceSquaredError", "t", t, 0);
  return (t * rate) / n;
}
