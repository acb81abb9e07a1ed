import { assertInteger, assertPositive } from "../util/validate.ts";

/**
 * Var[θ_t/θ_0] = (1 + 1/n)^t − 1 for an exponential refitted by maximum likelihood to n of its own
 * samples: θ_t/θ_0 = Π_{i≤t} G_i, G ~ Gamma(n, 1/n), E[G] = 1 (θ_t is a martingale),
 * E[G²] = 1 + 1/n. docs/theory.md#exponential-mle-chain.
 * @param n samples per generation, finite and > 0.
 * @param t generations fitted, integer ≥ 0.
 */
export function exponentialMeanRatioVariance(n: number, t: number): number {
  assertPositive("exponentialMeanRatioVariance", "n", n);
  assertInteger("exponentialMeanRatioVariance", "t", t, 0);
  return (1 + 1 / n) ** t - 1;
}
