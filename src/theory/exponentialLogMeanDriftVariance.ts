import { trigamma } from "../numeric/index.ts";
import { assertPositive } from "../util/validate.ts";

/**
 * Var[ln θ_{t+1} − ln θ_t] = ψ′(n) for an exponential refitted by maximum likelihood to n of its
 * own samples (θ_{t+1} = θ_t G, G ~ Gamma(n, 1/n), Var[ln G] = ψ′(n)).
 * docs/theory.md#exponential-mle-chain.
 * @param n samples per generation, finite and > 0.
 */
export function exponentialLogMeanDriftVariance(n: number): number {
  assertPositive("exponentialLogMeanDriftVariance", "n", n);
  return trigamma(n);
}
